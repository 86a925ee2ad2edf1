"""Folders: made, renamed, moved, deleted to the trash and restored; a team folder's access rules; the
automatic folders of customers and orders."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.library import permissions
from tradewind.library.choices import FolderKind, LibraryAuditAction
from tradewind.library.models import MAX_DEPTH, NAME_LENGTH, Document, Folder, FolderAccess
from tradewind.library.services.common import clean_name
from tradewind.workspaces.audit import audit_record
from tradewind.workspaces.choices import Role

# The name of the folder holding the customers' folders, in the workspace's first language (it is a name,
# not a label: members may search for it). Marked for translation, rendered when the folder is made.
CUSTOMERS_NAME = gettext_noop("Customers")


def _place(folder: Folder, parent: Folder | None) -> None:
    """Put `folder` (saved: it has an id) under `parent`: its path, and what it takes from there — the
    customer or order it belongs to (a team folder; the automatic ones say their own) and the guard."""
    folder.parent = parent
    folder.path = f"{parent.path if parent else '/'}{folder.pk}/"
    if folder.kind == FolderKind.TEAM:
        folder.customer_id = parent.customer_id if parent else None
        folder.order_id = parent.order_id if parent else None
    folder.guard_id = folder.pk if folder.restricted else (parent.guard_id if parent else None)


PLACED = ["parent", "path", "guard", "customer", "order", "updated_at"]


def _save_new(folder: Folder, parent: Folder | None) -> Folder:
    folder.parent, folder.path = parent, "-"  # the path needs the id
    try:
        with transaction.atomic():
            folder.save()
    except IntegrityError:
        raise Conflict(
            _("There is already a folder called “%(name)s” here.") % {"name": folder.name}
        ) from None
    _place(folder, parent)
    folder.save(update_fields=PLACED)
    return folder


def _check_parent(actor, parent: Folder | None) -> None:
    if parent is None:
        return
    if parent.deleted_at is not None:
        raise Conflict(_("That folder is in the trash."))
    if not permissions.can_write(actor, parent):
        raise PermissionDenied(_("You may not add to this folder."))
    if parent.depth >= MAX_DEPTH:
        raise ValidationFailed(_("Folders go at most %(n)d deep.") % {"n": MAX_DEPTH}, field="parent")


@transaction.atomic
def folder_create(*, actor, name: str, parent: Folder | None = None) -> Folder:
    """A team folder at the top, or a folder inside one the actor may write in (a customer's too)."""
    if not permissions.can_write_anything(actor):
        raise PermissionDenied(_("Viewers read the library; they do not change it."))
    _check_parent(actor, parent)
    name, key = clean_name(name, limit=NAME_LENGTH)
    folder = Folder(
        workspace_id=actor.workspace_id, name=name, name_key=key, kind=FolderKind.TEAM, created_by=actor
    )
    return _save_new(folder, parent)


@transaction.atomic
def folder_rename(*, actor, folder: Folder, name: str) -> Folder:
    if not permissions.can_arrange(actor, folder):
        raise PermissionDenied(_("You may not rename this folder."))
    folder.name, folder.name_key = clean_name(name, limit=NAME_LENGTH)
    try:
        with transaction.atomic():
            folder.save(update_fields=["name", "name_key", "updated_at"])
    except IntegrityError:
        raise Conflict(
            _("There is already a folder called “%(name)s” here.") % {"name": folder.name}
        ) from None
    return folder


def _subtree(folder: Folder):
    return Folder.objects.filter(workspace_id=folder.workspace_id, path__startswith=folder.path)


@transaction.atomic
def folder_move(*, actor, folder: Folder, parent: Folder | None) -> Folder:
    """Into another folder (or to the top): never into itself or its own subfolders. What it is inside
    decides again who may use it and everything in it."""
    if not permissions.can_arrange(actor, folder):
        raise PermissionDenied(_("You may not move this folder."))
    if parent is not None and parent.path.startswith(folder.path):
        raise ValidationFailed(_("A folder cannot go into itself or one of its subfolders."), field="parent")
    _check_parent(actor, parent)
    below = _subtree(folder).exclude(pk=folder.pk)
    levels = max((f.depth for f in below), default=folder.depth) - folder.depth + 1
    if (parent.depth if parent else 0) + levels > MAX_DEPTH:
        raise ValidationFailed(_("Folders go at most %(n)d deep.") % {"n": MAX_DEPTH}, field="parent")
    old_path = folder.path
    _place(folder, parent)
    try:
        with transaction.atomic():
            folder.save(update_fields=PLACED)
    except IntegrityError:
        raise Conflict(
            _("There is already a folder called “%(name)s” there.") % {"name": folder.name}
        ) from None
    _subtree_refresh(folder, old_path)
    return folder


def _subtree_refresh(top: Folder, old_path: str) -> None:
    """Paths, customer, order and guard of everything below `top` again, parents before children."""
    by_id = {top.pk: top}
    below = Folder.objects.filter(workspace_id=top.workspace_id, path__startswith=old_path).exclude(pk=top.pk)
    for f in sorted(below, key=lambda f: f.depth):
        _place(f, by_id[f.parent_id])
        f.save(update_fields=PLACED)
        by_id[f.pk] = f


@transaction.atomic
def folder_delete(*, actor, folder: Folder) -> Folder:
    """To the trash, with everything in it; restored together (what was deleted before stays there)."""
    if not permissions.can_arrange(actor, folder):
        raise PermissionDenied(_("You may not delete this folder."))
    if folder.deleted_at is not None:
        return folder
    now = timezone.now()
    subtree = _subtree(folder).filter(deleted_at__isnull=True)
    Document.objects.filter(folder__in=subtree, deleted_at__isnull=True).update(
        deleted_at=now, deleted_by=actor, updated_at=now
    )
    subtree.update(deleted_at=now, deleted_by=actor, updated_at=now)
    folder.deleted_at, folder.deleted_by = now, actor
    return folder


@transaction.atomic
def folder_restore(*, actor, folder: Folder) -> Folder:
    if folder.deleted_at is None:
        return folder
    if folder.parent is not None and folder.parent.deleted_at is not None:
        raise Conflict(_("Its folder is in the trash too: restore that one first."))
    if folder.kind != FolderKind.TEAM or not permissions.can_write(actor, folder):
        raise PermissionDenied(_("You may not restore this folder."))
    when = folder.deleted_at
    subtree = _subtree(folder).filter(deleted_at=when)
    try:
        with transaction.atomic():
            Document.objects.filter(folder__in=subtree, deleted_at=when).update(
                deleted_at=None, deleted_by=None
            )
            subtree.update(deleted_at=None, deleted_by=None)
    except IntegrityError:
        raise Conflict(
            _("A folder or document with the same name was made meanwhile; rename it, then restore.")
        ) from None
    folder.deleted_at = folder.deleted_by = None
    return folder


@transaction.atomic
def folder_access_set(*, actor, folder: Folder, restricted: bool, rules: list[tuple]) -> Folder:
    """Open the folder to every member, or keep it to `rules`: (a Role value or a Membership, may write).
    Who restricts a folder and would lose it keeps it (with writing): a folder nobody but the admins can
    open is never made by accident."""
    if not permissions.can_set_access(actor, folder):
        raise PermissionDenied(_("You may not change who uses this folder."))
    FolderAccess.objects.filter(folder=folder).delete()
    kept = []
    if restricted:
        for who, can_write in rules:
            if isinstance(who, str):
                if who not in Role.values:
                    raise ValidationFailed(_("Choose a role of the list."), field="rules")
                kept.append(
                    FolderAccess(
                        workspace_id=folder.workspace_id, folder=folder, role=who, can_write=can_write
                    )
                )
            else:
                if who.workspace_id != folder.workspace_id:
                    raise ValidationFailed(_("Choose members of this workspace."), field="rules")
                kept.append(
                    FolderAccess(
                        workspace_id=folder.workspace_id, folder=folder, membership=who, can_write=can_write
                    )
                )
        if actor.role not in permissions.ADMINS and not any(
            a.membership_id == actor.pk or a.role == actor.role for a in kept if a.can_write
        ):
            kept = [a for a in kept if a.membership_id != actor.pk]
            kept.append(
                FolderAccess(
                    workspace_id=folder.workspace_id, folder=folder, membership=actor, can_write=True
                )
            )
        FolderAccess.objects.bulk_create(_once(kept))
    folder.restricted = restricted
    folder.save(update_fields=["restricted", "updated_at"])
    _subtree_refresh_guard(folder)
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        action=LibraryAuditAction.FOLDER_ACCESS_CHANGED,
        target=str(folder.public_id),
        data={
            "folder": folder.name,
            "restricted": restricted,
            "rules": [{"who": a.role or str(a.membership.public_id), "write": a.can_write} for a in kept],
        },
    )
    folder.__dict__.pop("guard_rules", None)  # read again when next asked
    return folder


def _once(rules: list[FolderAccess]) -> list[FolderAccess]:
    """One rule per role or member; the last said wins."""
    seen = {}
    for rule in rules:
        seen[rule.role or rule.membership_id] = rule
    return list(seen.values())


def _subtree_refresh_guard(folder: Folder) -> None:
    _place(folder, folder.parent)
    folder.save(update_fields=PLACED)
    _subtree_refresh(folder, folder.path)


def _system_name(name: str, *, suffix: str = "") -> tuple[str, str]:
    """A customer's or an order's name as a folder's: what a folder name cannot hold ("Olsen A/S") made
    "_", cut to fit (customer names run to 200 characters, folder names to 120)."""
    name = " ".join((name or "").split())[: NAME_LENGTH - len(suffix)].strip() or "_"
    return clean_name(name + suffix, limit=NAME_LENGTH, replace=True)


def _system_folder(workspace_id: int, kind: str, name: str, parent=None, **belongs) -> Folder:
    found = Folder.objects.filter(workspace_id=workspace_id, kind=kind, **belongs).first()
    if found is not None:
        return found
    clean, key = _system_name(name)
    siblings = Folder.objects.filter(workspace_id=workspace_id, parent=parent, deleted_at__isnull=True)
    if siblings.filter(name_key=key).exists():  # a team folder took the name first: keep both, told apart
        clean, key = _system_name(clean, suffix=f" ({kind})")
    folder = Folder(workspace_id=workspace_id, name=clean, name_key=key, kind=kind, **belongs)
    return _save_new(folder, parent)


@transaction.atomic
def customer_folder(customer) -> Folder:
    """The customer's folder, made the first time it is needed (inside "Customers")."""
    top = _system_folder(customer.workspace_id, FolderKind.CUSTOMERS, _(CUSTOMERS_NAME))
    return _system_folder(customer.workspace_id, FolderKind.CUSTOMER, customer.name, top, customer=customer)


@transaction.atomic
def order_folder(order) -> Folder:
    """The order's folder, inside its customer's."""
    parent = customer_folder(order.customer)
    return _system_folder(
        order.workspace_id, FolderKind.ORDER, order.number, parent, customer_id=order.customer_id, order=order
    )


def customer_folders_merge(*, survivor, merged) -> int:
    """A duplicate customer merged away (crm's merge hook): its folder becomes the survivor's, or — when
    the survivor has one — a subfolder of it named after the duplicate. Its orders' folders follow."""
    folder = Folder.objects.filter(kind=FolderKind.CUSTOMER, customer=merged).first()
    if folder is None:
        return 0
    mine = Folder.objects.filter(kind=FolderKind.CUSTOMER, customer=survivor).first()
    old_path = folder.path
    if mine is None:
        folder.customer = survivor
        folder.save(update_fields=["customer", "updated_at"])
    else:
        folder.kind = FolderKind.TEAM  # one customer, one customer folder: the duplicate's sits inside
        folder.name, folder.name_key = clean_name(f"{folder.name} ({_('merged')})", limit=NAME_LENGTH)
        _place(folder, mine)
        folder.save(update_fields=["kind", "name", "name_key", *PLACED])
    _subtree_refresh(folder, old_path)
    Folder.objects.filter(workspace_id=folder.workspace_id, path__startswith=folder.path).update(
        customer=survivor
    )
    return Document.objects.filter(folder__path__startswith=folder.path, deleted_at__isnull=True).count()
