"""Who reads and who changes shipments (docs/fulfilment.md, "Seeing an order").

Whoever may see the order reads its shipments (its customer's details: the rep of their customers, the
leads and the fulfilment roles all), and so does the order's own rep. Logistics books and tracks them, with
the leads (trade.permissions.APPROVERS); only a lead may release the goods while the buyer still owes money.
"""

from tradewind.trade import permissions as trade_permissions
from tradewind.workspaces.choices import Role

SHIPPERS = trade_permissions.APPROVERS | {Role.LOGISTICS}


def can_see_shipments(m, order) -> bool:
    """Read the order's shipments, containers, goods and ETA changes."""
    if not m.is_active:
        return False
    return order.owner_id == m.pk or trade_permissions.can_see(m, order)


def can_ship(m) -> bool:
    """Be one who changes shipments at all (the menu's "New shipment", the pages' buttons)."""
    return m.is_active and m.role in SHIPPERS


def can_change_shipments(m, order) -> bool:
    """Plan, book, update, pack and move the order's shipments through their statuses."""
    return can_ship(m) and can_see_shipments(m, order)


def can_override_release(m) -> bool:
    """Release the goods while the balance is open, with a reason (audited)."""
    return m.is_active and m.role in trade_permissions.APPROVERS
