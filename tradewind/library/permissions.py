"""Who may read, add to and arrange a folder and its documents. The pages, the API and the worker ask these.

The nearest folder that says decides (models.py): a customer's folder and everything inside it is read by
whoever may see the customer's details and written by whoever may change the customer (an order's folder:
its customer's); a restricted team folder by its access rules, owners and admins always; any other folder
by every member, written by every member who writes. Viewers read and never write.
"""

from __future__ import annotations

from tradewind.crm import permissions as crm_permissions
from tradewind.library.choices import FolderKind
from tradewind.workspaces.choices import Role
from tradewind.workspaces.permissions import ADMINS

KEEPERS = ADMINS | {Role.MANAGER}  # arrange any team folder and its access rules


def can_write_anything(m) -> bool:
    return m.is_active and m.role != Role.VIEWER


def _rule_for(m, folder):
    """m's FolderAccess row of the folder's guard (the caller preloads `guard_rules`: {key: can_write})."""
    rules = getattr(folder, "guard_rules", None)
    if rules is None:
        from tradewind.library.models import FolderAccess

        rows = FolderAccess.objects.filter(folder_id=folder.guard_id).values_list(
            "role", "membership_id", "can_write"
        )
        rules = {(role or membership_id): can_write for role, membership_id, can_write in rows}
        folder.guard_rules = rules
    if m.pk in rules:
        return rules[m.pk]
    return rules.get(m.role)


def can_read(m, folder) -> bool:
    if not m.is_active or folder.workspace_id != m.workspace_id:
        return False
    if folder.customer_id is not None and not crm_permissions.can_see_details(m, folder.customer):
        return False
    if folder.guard_id is not None and m.role not in ADMINS:
        return _rule_for(m, folder) is not None
    return True


def can_write(m, folder) -> bool:
    """Add documents and versions, rename, move and delete them, make subfolders."""
    if not can_write_anything(m) or not can_read(m, folder) or folder.kind == FolderKind.CUSTOMERS:
        return False
    if folder.customer_id is not None and not crm_permissions.can_edit(m, folder.customer):
        return False
    if folder.guard_id is not None and m.role not in ADMINS:
        return bool(_rule_for(m, folder))
    return True


def can_arrange(m, folder) -> bool:
    """Rename, move or delete the folder itself: a team folder (or one inside a customer's folder) by
    whoever may write in it; the customers' folders and theirs are Tradewind's."""
    if folder.kind != FolderKind.TEAM:
        return False
    return can_write(m, folder)


def can_set_access(m, folder) -> bool:
    """Restrict a folder or open it again: the leads, or whoever made it (if they still may write in it)."""
    if folder.kind != FolderKind.TEAM or not can_write_anything(m):
        return False
    return m.role in KEEPERS or (folder.created_by_id == m.pk and can_write(m, folder))


def readable_folders(m):
    """The folders `m` may read (not the trash's), as a query: can_read in SQL, for searching."""
    from django.db.models import Q

    from tradewind.library.models import Folder, FolderAccess

    folders = Folder.objects.filter(workspace_id=m.workspace_id, deleted_at__isnull=True)
    if not m.is_active:
        return folders.none()
    if not crm_permissions.sees_every_customer(m):
        folders = folders.filter(
            Q(customer__isnull=True) | Q(customer__owner__isnull=True) | Q(customer__owner_id=m.pk)
        )
    if m.role not in ADMINS:
        ruled = FolderAccess.objects.filter(Q(role=m.role) | Q(membership_id=m.pk)).values("folder_id")
        folders = folders.filter(Q(guard__isnull=True) | Q(guard_id__in=ruled))
    return folders
