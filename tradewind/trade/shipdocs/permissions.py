"""Who reads and who changes shipping documents (docs/fulfilment.md, "Seeing an order").

Whoever may see the order reads its documents, its L/C and the CI/PL (its own rep too). The documents clerk
and the leads (trade.permissions.APPROVERS) keep them: the checklist, statuses, owners, tracking, the L/C,
the rules and the origin table. Logistics hands in papers it gets from the forwarder (the B/L): it may
upload a version, and nothing else. Only a lead sends originals while the buyer still owes the balance.
"""

from tradewind.trade import permissions as trade_permissions
from tradewind.workspaces.choices import Role

KEEPERS = trade_permissions.APPROVERS | {Role.DOCUMENTS}
UPLOADERS = KEEPERS | {Role.LOGISTICS}


def can_see_documents(m, order) -> bool:
    if not m.is_active:
        return False
    return order.owner_id == m.pk or trade_permissions.can_see(m, order)


def can_keep_documents(m) -> bool:
    """Be one who keeps documents at all (the menu, the rules and the origin table)."""
    return m.is_active and m.role in KEEPERS


def can_work_documents(m) -> bool:
    """Have document work of one's own: the clerk, the leads, logistics (the menu entry)."""
    return m.is_active and m.role in UPLOADERS


def can_change_documents(m, order) -> bool:
    """Recompute the checklist, add and remove documents, change status, owner, due date and tracking."""
    return can_keep_documents(m) and can_see_documents(m, order)


def can_upload_documents(m, order) -> bool:
    return m.is_active and m.role in UPLOADERS and can_see_documents(m, order)


def can_hold_documents(m) -> bool:
    """Be named a document's owner."""
    return m.is_active and m.role in UPLOADERS


def can_manage_rules(m) -> bool:
    return can_keep_documents(m)


def can_keep_letters_of_credit(m, order) -> bool:
    return can_change_documents(m, order)


def can_release_unpaid(m) -> bool:
    """Send the original documents while the balance is open, with a reason (audited)."""
    return m.is_active and m.role in trade_permissions.APPROVERS
