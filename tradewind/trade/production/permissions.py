"""Who reads and who changes production and QC (docs/fulfilment.md, "Shared contracts").

Every active member reads the supplier list (a rep quoting a lead time asks which factory makes it).
The merchandiser (跟单员), whose stages production and QC are, and the leads (owner, admin, manager) keep
suppliers and record an order's production and inspections; a member sees an order's production and
inspections when they may see the order (its customer). Only a lead accepts the risk of a failed
inspection: that is a decision to ship goods the inspection refused.
"""

from tradewind.trade import permissions as trade_permissions
from tradewind.trade.permissions import APPROVERS
from tradewind.workspaces.choices import Role

KEEPERS = APPROVERS | {Role.MERCHANDISER}


def can_read_suppliers(m) -> bool:
    return m.is_active


def can_manage_suppliers(m) -> bool:
    return m.is_active and m.role in KEEPERS


def can_see_production(m, order) -> bool:
    return m.is_active and trade_permissions.can_see(m, order)


def can_work_production(m, order=None) -> bool:
    """Record production and inspections (of `order`, when given)."""
    if not (m.is_active and m.role in KEEPERS):
        return False
    return order is None or trade_permissions.can_see(m, order)


def can_accept_qc_risk(m, order=None) -> bool:
    if not (m.is_active and m.role in APPROVERS):
        return False
    return order is None or trade_permissions.can_see(m, order)
