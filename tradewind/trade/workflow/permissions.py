"""Who may do what with the order workflow. Pages, the API and the services ask these.

Seeing an order's stages: whoever may see the order. Completing a stage or ticking its checklist: the
members holding the stage's role (the stage's owner on the order or anyone in that role), and the leads.
The order's team: its sales rep and the leads. The template: administrators and managers.
"""

from tradewind.trade import permissions as trade_permissions
from tradewind.trade.permissions import APPROVERS
from tradewind.workspaces.choices import Role
from tradewind.workspaces.permissions import ADMINS

# Who sees the fulfilment pages (the board, the list): the team that carries orders. Viewers read too.
FULFILMENT_ROLES = APPROVERS | {
    Role.SALES,
    Role.MERCHANDISER,
    Role.DOCUMENTS,
    Role.LOGISTICS,
    Role.FINANCE,
    Role.SERVICE,
    Role.VIEWER,
}


def can_see_board(m) -> bool:
    return m.is_active and m.role in FULFILMENT_ROLES


def can_see(m, order) -> bool:
    return m.is_active and trade_permissions.can_see(m, order)


def can_work_stage(m, order, stage) -> bool:
    if not can_see(m, order):
        return False
    if m.role in APPROVERS:
        return True
    if stage.owner_role == Role.SALES:
        return m.role == Role.SALES and order.owner_id == m.pk
    return m.role == stage.owner_role or stage.owner_id == m.pk


def can_set_team(m, order) -> bool:
    if not can_see(m, order):
        return False
    return m.role in APPROVERS or (m.role == Role.SALES and order.owner_id == m.pk)


def can_start(m, order) -> bool:
    """Put a confirmed order into fulfilment: whoever may record its confirmation (the reps, their leads,
    the documents clerk) — confirming it starts it."""
    return trade_permissions.can_keep_orders(m) and trade_permissions.can_see(m, order)


def can_edit_workflow(m) -> bool:
    return m.is_active and m.role in ADMINS | {Role.MANAGER}
