"""Folder pages: the top of the library, a folder with its subfolders and documents, and what changes a
folder (new, rename, move, delete, restore, who may use it); the customer's and the order's folders."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradewind.core.actions import service_run
from tradewind.core.pagination import paginate
from tradewind.crm.access import access_customer
from tradewind.crm.permissions import can_see_details
from tradewind.library import permissions, selectors, services
from tradewind.library.access import access_folder
from tradewind.library.forms import AccessForm, FolderForm, MoveForm
from tradewind.library.list_rows import DOCUMENT_COLUMNS, document_rows, folder_rows
from tradewind.library.models import Folder, FolderAccess
from tradewind.library.related import related_files
from tradewind.library.services.settings import can_change_settings
from tradewind.library.views.common import destinations, to_folder, to_trash
from tradewind.trade.access import access_order
from tradewind.workspaces.access import workspace_view
from tradewind.workspaces.models import Membership
from tradewind.workspaces.selectors import member_choices


def _page(request, folder: Folder | None):
    me = request.membership
    can_write = permissions.can_write(me, folder) if folder else permissions.can_write_anything(me)
    slug = request.workspace.slug
    folders, more_folders = folder_rows(me, folder, slug=slug)
    page = None
    if folder is not None:
        page = paginate(selectors.documents(folder).values(*DOCUMENT_COLUMNS), request)
        page.items = document_rows(page.items, slug=slug)
    context = {
        "folder": folder,
        "crumbs": selectors.breadcrumbs(me, folder)[:-1],
        "folders": folders,
        "more_folders": more_folders,
        "page": page,
        "can_write": can_write,
        "can_arrange": folder is not None and permissions.can_arrange(me, folder),
        "can_set_access": folder is not None and permissions.can_set_access(me, folder),
        "folder_form": FolderForm(),
        "can_change_settings": folder is None and can_change_settings(me),
        "related": related_files(folder) if folder is not None else [],
    }
    return render(request, "library/folder.html", context)


@workspace_view
@require_GET
def library_home(request):
    return _page(request, None)


@workspace_view
@require_GET
def folder(request, folder_id):
    return _page(request, access_folder(request.membership, folder_id))


@workspace_view
@require_POST
def folder_new(request):
    me = request.membership
    parent = access_folder(me, request.POST["parent"]) if request.POST.get("parent") else None
    ok, made = service_run(
        request, lambda: services.folder_create(actor=me, name=request.POST.get("name", ""), parent=parent)
    )
    return to_folder(request, made if ok else parent)


@workspace_view
@require_POST
def folder_rename(request, folder_id):
    me = request.membership
    folder = access_folder(me, folder_id)
    service_run(
        request,
        lambda: services.folder_rename(actor=me, folder=folder, name=request.POST.get("name", "")),
        success=_("Folder renamed."),
    )
    return to_folder(request, folder)


@workspace_view
@require_http_methods(["GET", "POST"])
def folder_move(request, folder_id):
    me = request.membership
    folder = access_folder(me, folder_id)
    if not permissions.can_arrange(me, folder):
        raise Http404
    form = MoveForm(request.POST or None, destinations=destinations(me, moving=folder, top=True))
    if request.method == "POST" and form.is_valid():
        to = form.cleaned_data["to"]
        parent = access_folder(me, to) if to else None
        ok, _moved = service_run(
            request,
            lambda: services.folder_move(actor=me, folder=folder, parent=parent),
            success=_("Folder moved."),
        )
        if ok:
            return to_folder(request, folder)
    context = {"folder": folder, "form": form, "crumbs": selectors.breadcrumbs(me, folder)[:-1]}
    return render(request, "library/move.html", context, status=400 if form.errors else 200)


@workspace_view
@require_POST
def folder_delete(request, folder_id):
    me = request.membership
    folder = access_folder(me, folder_id)
    ok, _deleted = service_run(
        request,
        lambda: services.folder_delete(actor=me, folder=folder),
        success=_("“%(name)s” is in the trash, with everything in it.") % {"name": folder.name},
    )
    return to_folder(request, folder.parent if ok else folder)


@workspace_view
@require_POST
def folder_restore(request, trashed_folder_id):
    me = request.membership
    folder = access_folder(me, trashed_folder_id, trashed=True)
    ok, _restored = service_run(
        request, lambda: services.folder_restore(actor=me, folder=folder), success=_("Folder restored.")
    )
    return to_folder(request, folder) if ok else to_trash(request)


@workspace_view
@require_http_methods(["GET", "POST"])
def folder_access(request, folder_id):
    me = request.membership
    folder = access_folder(me, folder_id)
    if not permissions.can_set_access(me, folder):
        raise Http404
    members = {str(pk): name for pk, name in member_choices(request.workspace)}
    rules = list(FolderAccess.objects.filter(folder=folder).select_related("membership"))
    initial = {
        "restricted": folder.restricted,
        "readers": [r.role for r in rules if r.role],
        "writers": [r.role for r in rules if r.role and r.can_write],
        "members": [str(r.membership.public_id) for r in rules if r.membership_id],
    }
    form = AccessForm(request.POST or None, initial=initial, member_choices=list(members.items()))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = list(Membership.objects.filter(workspace=request.workspace, public_id__in=data["members"]))
        roles = dict.fromkeys(data["readers"], False) | dict.fromkeys(data["writers"], True)
        ok, _saved = service_run(
            request,
            lambda: services.folder_access_set(
                actor=me,
                folder=folder,
                restricted=data["restricted"],
                rules=[*roles.items(), *((m, True) for m in chosen)],
            ),
            success=_("Saved: who may use “%(name)s”.") % {"name": folder.name},
        )
        if ok:
            return to_folder(request, folder)
    context = {"folder": folder, "form": form, "crumbs": selectors.breadcrumbs(me, folder)[:-1]}
    return render(request, "library/access.html", context, status=400 if form.errors else 200)


@workspace_view
@require_POST
def customer_folder(request, customer_id):
    """The customer's folder, made the first time someone opens it."""
    customer = access_customer(request.membership, customer_id)
    if not can_see_details(request.membership, customer):  # nobody makes a folder they may not open
        raise Http404
    return to_folder(request, services.customer_folder(customer))


@workspace_view
@require_POST
def order_folder(request, order_id):
    order = access_order(request.membership, order_id)  # 404 unless its customer's details are seen
    return to_folder(request, services.order_folder(order))
