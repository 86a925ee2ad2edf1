"""Who may do what with quotations and orders. The pages, the API and the worker ask these.

A quotation or order is seen by whoever may see its customer's details (a rep: their own customers and
the pool's; managers, admins and the support roles: all). Costs and margins only for those who may see
costs (catalog.permissions.can_see_costs).
"""

from tradewind.catalog.permissions import can_see_costs
from tradewind.crm import permissions as crm_permissions
from tradewind.workspaces.choices import Role
from tradewind.workspaces.permissions import ADMINS

APPROVERS = ADMINS | {Role.MANAGER}
# Who quotes: the reps and their leads. Support roles read what they need for fulfilment.
QUOTERS = APPROVERS | {Role.SALES}
# Who turns an accepted quotation into a PI and records the buyer's confirmation: the reps, their leads,
# and the documents clerk who often types the PI.
ORDER_KEEPERS = QUOTERS | {Role.DOCUMENTS}


def can_see(m, document) -> bool:
    """See a quotation or order: whoever may see its customer's details."""
    return crm_permissions.can_see_details(m, document.customer)


def can_quote(m) -> bool:
    return m.is_active and m.role in QUOTERS


def can_work_on(m, document) -> bool:
    """Change, send and record the buyer's answer: its rep or a lead; a rep also for a pool customer."""
    if not can_see(m, document) or not m.is_active:
        return False
    if m.role in APPROVERS:
        return True
    return m.role in QUOTERS and (document.owner_id == m.pk or document.customer.owner_id in (None, m.pk))


def can_approve(m) -> bool:
    return m.is_active and m.role in APPROVERS


def can_keep_orders(m) -> bool:
    return m.is_active and m.role in ORDER_KEEPERS


def can_see_margins(m) -> bool:
    return can_see_costs(m)


def can_change_settings(m) -> bool:
    return m.is_active and m.role in ADMINS | {Role.MANAGER}
