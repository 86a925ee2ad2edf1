"""What the library's pages share: where to go back to, and the folders a member may move things into."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse

from tradewind.library import permissions
from tradewind.library.models import Folder
from tradewind.library.selectors import readable

DESTINATIONS = 1000  # a move form lists at most this many folders


def to_folder(request, folder: Folder | None):
    if folder is None:
        return redirect(reverse("library:home", args=[request.workspace.slug]))
    return redirect(reverse("library:folder", args=[request.workspace.slug, folder.public_id]))


def to_trash(request):
    return redirect(reverse("library:trash", args=[request.workspace.slug]))


def to_document(request, document):
    return redirect(reverse("library:document", args=[request.workspace.slug, document.public_id]))


def destinations(membership, *, moving: Folder | None = None, top: bool = False) -> list[tuple[str, str]]:
    """(public id, "Catalogs / 2026 / Spring fair") of the folders `membership` may write in, by their full
    names; `moving` and what is inside it left out; the top first when `top`."""
    rows = list(
        Folder.objects.filter(workspace_id=membership.workspace_id, deleted_at__isnull=True)
        .select_related("customer")
        .order_by("path")[: DESTINATIONS * 5]
    )
    names = {f.pk: f.shown_name for f in rows}
    choices = []
    for f in readable(membership, rows):
        if moving is not None and f.path.startswith(moving.path):
            continue
        if not permissions.can_write(membership, f):
            continue
        label = " / ".join(names.get(int(i), "…") for i in f.path.strip("/").split("/"))
        choices.append((str(f.public_id), label))
    choices.sort(key=lambda c: c[1].casefold())
    head = [("", "/")] if top else []
    return head + choices[:DESTINATIONS]
