"""Who reads and who works after-sales (docs/fulfilment.md, shared contracts).

Customer service and the leads (trade.permissions.APPROVERS: owner, admin, manager) work the cases: change
them, move their status, resolve them, apply credit notes, keep the settings. The order's own sales rep may
open a case about their order and add the buyer's photos while it is open; they read the rest. Whoever may
see an order (trade.permissions.can_see: whoever may see its customer) reads its cases and credit notes.
"""

from tradewind.crm.permissions import can_see_details
from tradewind.trade import permissions as trade_permissions
from tradewind.workspaces.choices import Role

CASE_KEEPERS = trade_permissions.APPROVERS | {Role.SERVICE}


def can_keep_cases(m) -> bool:
    """Work any case; be a case's owner; keep the after-sales settings."""
    return m.is_active and m.role in CASE_KEEPERS


def can_view_case(m, case) -> bool:
    return m.is_active and trade_permissions.can_see(m, case.order)


def can_open_case(m, order) -> bool:
    """Open a case about `order`: case keepers, and the order's sales rep."""
    if not m.is_active or not trade_permissions.can_see(m, order):
        return False
    return m.role in CASE_KEEPERS or (m.role == Role.SALES and order.owner_id == m.pk)


def can_open_cases(m) -> bool:
    """Open cases at all (the "new case" links): case keepers and reps."""
    return m.is_active and (m.role in CASE_KEEPERS or m.role == Role.SALES)


def can_work_case(m, case) -> bool:
    return can_keep_cases(m) and trade_permissions.can_see(m, case.order)


def can_add_photos(m, case) -> bool:
    """Keepers, and the order's rep while the case is open: the buyer often sends the photos to them."""
    if can_work_case(m, case):
        return True
    return case.is_open and m.is_active and m.role == Role.SALES and case.order.owner_id == m.pk


def can_view_credits(m, customer) -> bool:
    return can_see_details(m, customer)


def can_apply_credits(m) -> bool:
    return can_keep_cases(m)


def can_change_settings(m) -> bool:
    return can_keep_cases(m)
