"""Folders under /api/v1/workspaces/{slug}/library/folders: listed, made, renamed and moved, deleted to the
trash and restored, who may use them; the folders of a customer and an order, made when first asked for;
the trash. A folder one may not read answers 404, as if missing."""

from uuid import UUID

from django.db import transaction
from django.http import Http404
from ninja import Status

from tradewind.api.auth import api_membership
from tradewind.api.responses import answers
from tradewind.crm.access import access_customer
from tradewind.crm.permissions import can_see_details
from tradewind.library import permissions, selectors, services
from tradewind.library.access import access_folder
from tradewind.library.api.answers import document_out, folder_out, folders_out
from tradewind.library.api.router import BASE, router
from tradewind.library.api.schemas import (
    FolderAccessIn,
    FolderAccessOut,
    FolderIn,
    FolderOut,
    FolderPatch,
    LibraryTrashOut,
)
from tradewind.library.models import FolderAccess
from tradewind.trade.access import access_order
from tradewind.workspaces.models import Membership

FOLDERS = BASE + "/folders"
ONE = FOLDERS + "/{folder_id}"


@router.get(FOLDERS, response=list[FolderOut], summary="Folders", url_name="library_folder_list")
def library_folder_list(request, slug: str, parent: UUID | None = None):
    """The folders inside `parent` (at the top without it) that you may read, by name."""
    m = api_membership(request, slug)
    return folders_out(m, selectors.subfolders(m, access_folder(m, parent) if parent else None))


@router.post(
    FOLDERS,
    response=answers(FolderOut, 403, 409, status=201),
    summary="Make a folder",
    url_name="library_folder_create",
)
def library_folder_create(request, slug: str, payload: FolderIn):
    """409: a folder of that name is there; 403: you may not add to `parent` (or you are a viewer); 422: a
    name with / \\ : * ? " < > |, or longer than 120."""
    m = api_membership(request, slug)
    parent = access_folder(m, payload.parent) if payload.parent else None
    folder = services.folder_create(actor=m, name=payload.name, parent=parent)
    return Status(201, folder_out(m, folder))


@router.get(ONE, response=FolderOut, summary="One folder", url_name="library_folder_detail")
def library_folder_detail(request, slug: str, folder_id: UUID):
    m = api_membership(request, slug)
    return folder_out(m, access_folder(m, folder_id))


@router.patch(
    ONE,
    response=answers(FolderOut, 403, 409),
    summary="Rename or move a folder",
    url_name="library_folder_update",
)
def library_folder_update(request, slug: str, folder_id: UUID, payload: FolderPatch):
    """`name` renames; `parent` (or `to_top`) moves — never into itself or a folder inside it (422). The
    customers' and orders' folders are Tradewind's (403)."""
    m = api_membership(request, slug)
    folder = access_folder(m, folder_id)
    moving = payload.parent is not None or payload.to_top
    parent = access_folder(m, payload.parent) if moving and not payload.to_top else None
    with transaction.atomic():  # a refused move undoes the rename sent with it
        if payload.name is not None:
            services.folder_rename(actor=m, folder=folder, name=payload.name)
        if moving:
            services.folder_move(actor=m, folder=folder, parent=parent)
    return folder_out(m, access_folder(m, folder_id))


@router.delete(
    ONE,
    response=answers(FolderOut, 403),
    summary="Delete a folder to the trash",
    url_name="library_folder_delete",
)
def library_folder_delete(request, slug: str, folder_id: UUID):
    """With everything in it; restored together from the trash."""
    m = api_membership(request, slug)
    folder = services.folder_delete(actor=m, folder=access_folder(m, folder_id))
    return folder_out(m, folder)


@router.post(
    BASE + "/trash/folders/{trashed_folder_id}/restore",
    response=answers(FolderOut, 403, 409),
    summary="Restore a folder from the trash",
    url_name="library_folder_restore",
)
def library_folder_restore(request, slug: str, trashed_folder_id: UUID):
    """409: its folder is in the trash too, or a folder of its name was made meanwhile."""
    m = api_membership(request, slug)
    folder = services.folder_restore(actor=m, folder=access_folder(m, trashed_folder_id, trashed=True))
    return folder_out(m, folder)


def _access_out(folder) -> dict:
    rules = FolderAccess.objects.filter(folder=folder).select_related("membership")
    return {
        "restricted": folder.restricted,
        "rules": [
            {
                "role": r.role,
                "member": r.membership.public_id if r.membership_id else None,
                "can_write": r.can_write,
            }
            for r in rules
        ],
    }


@router.get(
    ONE + "/access",
    response=answers(FolderAccessOut, 403),
    summary="Who may use a folder",
    url_name="library_folder_access",
)
def library_folder_access(request, slug: str, folder_id: UUID):
    m = api_membership(request, slug)
    folder = access_folder(m, folder_id)
    if not permissions.can_set_access(m, folder):
        raise Http404
    return _access_out(folder)


@router.put(
    ONE + "/access",
    response=answers(FolderAccessOut, 403),
    summary="Restrict a folder or open it",
    url_name="library_folder_access_set",
)
def library_folder_access_set(request, slug: str, folder_id: UUID, payload: FolderAccessIn):
    """Restricted: only the roles and members of `rules` (owners and admins always; who restricts it keeps
    it). Open: every member reads it. The leads and the folder's maker; audited."""
    m = api_membership(request, slug)
    folder = access_folder(m, folder_id)
    wanted = {r.member for r in payload.rules if r.member}
    members = {
        x.public_id: x for x in Membership.objects.filter(workspace_id=m.workspace_id, public_id__in=wanted)
    }
    if len(members) != len(wanted):
        raise Http404
    rules = [(members[r.member] if r.member else r.role, r.can_write) for r in payload.rules]
    services.folder_access_set(actor=m, folder=folder, restricted=payload.restricted, rules=rules)
    return _access_out(access_folder(m, folder_id))


@router.post(
    BASE + "/customers/{customer_id}/folder",
    response=FolderOut,
    summary="A customer's folder",
    url_name="library_customer_folder",
)
def library_customer_folder(request, slug: str, customer_id: UUID):
    """Made the first time it is asked for; 404 for a customer whose details you may not see."""
    m = api_membership(request, slug)
    customer = access_customer(m, customer_id)
    if not can_see_details(m, customer):
        raise Http404
    return folder_out(m, services.customer_folder(customer))


@router.post(
    BASE + "/orders/{order_id}/folder",
    response=FolderOut,
    summary="An order's folder",
    url_name="library_order_folder",
)
def library_order_folder(request, slug: str, order_id: UUID):
    m = api_membership(request, slug)
    return folder_out(m, services.order_folder(access_order(m, order_id)))


@router.get(BASE + "/trash", response=LibraryTrashOut, summary="The trash", url_name="library_trash")
def library_trash(request, slug: str):
    """Folders and documents deleted on their own (what went with a folder is restored with it), newest
    first, that you may read; they stay the workspace's retention (30 days unless changed)."""
    m = api_membership(request, slug)
    found = selectors.trash(m)
    return {
        "folders": folders_out(m, found.folders),
        "documents": [document_out(slug, d) for d in found.documents],
    }
