"""Who may do what with exchange rates. Everyone reads them (a rep converting a quotation, a manager reading
the team's totals); finance keeps them, with managers and the admins."""

from tradewind.workspaces.choices import Role
from tradewind.workspaces.permissions import ADMINS

EDITORS = ADMINS | {Role.MANAGER, Role.FINANCE}


def can_view_rates(m) -> bool:
    return m.is_active


def can_edit_rates(m) -> bool:
    """Enter, import and delete rates; add and remove the workspace's trading currencies."""
    return m.is_active and m.role in EDITORS
