"""Who reads and who records the money due on orders (DESIGN §3.5).

Finance records receipts and reverses them, with the leads (owner, admin, manager: trade.APPROVERS). An
order's receivables (its milestones, receipts, what is overdue) are read by whoever may see the order —
its sales rep first. The receivables list is finance's and the leads'; a sales rep sees their own orders
in it. The finance settings (when the managers hear of an overdue payment) are finance's and the leads'.
"""

from tradewind.trade import permissions as trade_permissions
from tradewind.trade.permissions import APPROVERS
from tradewind.workspaces.choices import Role

RECORDERS = APPROVERS | {Role.FINANCE}
LIST_READERS = RECORDERS | {Role.SALES}


def can_record_receipts(m) -> bool:
    """Record and reverse receipts (on the orders they may see)."""
    return m.is_active and m.role in RECORDERS


def can_record_receipt_on(m, order) -> bool:
    return can_record_receipts(m) and trade_permissions.can_see(m, order)


def can_read_order_receivables(m, order) -> bool:
    return m.is_active and trade_permissions.can_see(m, order)


def can_see_receivables(m) -> bool:
    """Open the receivables and receipts lists."""
    return m.is_active and m.role in LIST_READERS


def sees_every_receivable(m) -> bool:
    """Every order's; the others (sales reps) see the orders they sold."""
    return m.is_active and m.role in RECORDERS


def can_change_settings(m) -> bool:
    return m.is_active and m.role in RECORDERS
