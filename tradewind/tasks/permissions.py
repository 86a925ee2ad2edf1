"""Who may do what with tasks and boards."""

from tradewind.workspaces.choices import Role
from tradewind.workspaces.permissions import ADMINS

LEADS = ADMINS | {Role.MANAGER}


def can_edit_tasks(m) -> bool:
    """Everyone but viewers creates, edits, comments and moves tasks: the team works on them together."""
    return m.is_active and m.role != Role.VIEWER


def can_manage_board(m, board) -> bool:
    """Rename or archive a board: its creator, managers and admins."""
    return can_edit_tasks(m) and (m.role in LEADS or board.created_by_id == m.pk)


def can_view_workload(m) -> bool:
    return m.is_active and m.role in LEADS
