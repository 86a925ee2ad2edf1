"""Who sees and does what with customers (DESIGN §3.5, GLOSSARY 私海/公海).

Reps (sales, marketing) see full details of their own customers and of the pool; of a colleague's
private customer they see that it exists, its name and its owner — so duplicates are visible — unless
they lead the team. The roles that serve orders after the sale (merchandiser, documents, logistics,
service, finance) read every customer; viewers see what reps see of others.
"""

from tradewind.workspaces.choices import Role
from tradewind.workspaces.permissions import ADMINS

LEADS = ADMINS | {Role.MANAGER}
REPS = frozenset({Role.SALES, Role.MARKETING})
SUPPORT = frozenset({Role.MERCHANDISER, Role.DOCUMENTS, Role.LOGISTICS, Role.SERVICE, Role.FINANCE})


def sees_every_customer(m) -> bool:
    """Full details of every customer, a colleague's private ones included."""
    return m.is_active and (m.role in LEADS or m.role in SUPPORT)


def can_see_details(m, customer) -> bool:
    return m.is_active and (sees_every_customer(m) or customer.owner_id is None or customer.owner_id == m.pk)


def can_edit(m, customer) -> bool:
    """Change the profile, contacts and timeline."""
    if not m.is_active:
        return False
    if m.role in LEADS:
        return True
    if m.role in REPS:
        return customer.owner_id is None or customer.owner_id == m.pk
    return m.role in SUPPORT


def can_create(m) -> bool:
    return m.is_active and (m.role in LEADS or m.role in REPS or m.role == Role.SERVICE)


OWNERS = REPS | LEADS  # who may hold private customers


def can_own_customers(m) -> bool:
    """Claim from the pool; be an owner."""
    return m.is_active and m.role in OWNERS


def can_manage_pool(m) -> bool:
    """Assign, reassign, merge, hand over, change the rules."""
    return m.is_active and m.role in LEADS


def can_change_settings(m) -> bool:
    return m.is_active and m.role in ADMINS
