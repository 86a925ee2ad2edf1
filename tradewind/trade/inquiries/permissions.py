"""Who reads and who works inquiries (DESIGN §3.5).

Every active member reads the inquiries of customers whose details they may see (crm.permissions), the
pool's and those not linked to a customer yet, and the ones assigned to them. Sales reps and the leads
(managers, admins, the owner) create and work them; marketing and customer service log the inquiries that
reach them (platform listings, the service mailbox) but do not answer them: a buyer's first answer is a
sales rep's, and the response clock is theirs. A rep works the inquiries assigned to them and claims from
the pool; the leads assign to anyone, keep the settings, the competitors and the lost reasons. A viewer
writes nothing.
"""

from tradewind.crm.permissions import LEADS, can_see_details, sees_every_customer
from tradewind.workspaces.choices import Role

WORKERS = LEADS | {Role.SALES}
LOGGERS = WORKERS | {Role.MARKETING, Role.SERVICE}


def can_view_inquiry(m, inquiry) -> bool:
    if not m.is_active:
        return False
    if inquiry.customer_id is None or inquiry.assignee_id == m.pk or sees_every_customer(m):
        return True
    return can_see_details(m, inquiry.customer)


def can_create_inquiries(m) -> bool:
    return m.is_active and m.role in LOGGERS


def can_work_inquiries(m) -> bool:
    """Be an assignee: answer, quote, close inquiries; claim from the pool."""
    return m.is_active and m.role in WORKERS


def can_work_inquiry(m, inquiry) -> bool:
    """Change, answer and close this inquiry: the leads any, a rep theirs (or one in the pool)."""
    if not can_work_inquiries(m):
        return False
    return m.role in LEADS or inquiry.assignee_id in (None, m.pk)


def can_assign_inquiries(m) -> bool:
    """Give an inquiry to another member."""
    return m.is_active and m.role in LEADS


def can_manage_inquiries(m) -> bool:
    """The settings (clock, assignment, intake token), competitors and lost reasons."""
    return m.is_active and m.role in LEADS
