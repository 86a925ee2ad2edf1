"""Boards: the list with progress, a board as kanban or as a filtered list, and its settings."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.core.pagination import paginate
from tradewind.tasks import forms, permissions, selectors, services
from tradewind.tasks.access import access_board
from tradewind.tasks.views import filters_from, with_urls
from tradewind.workspaces.access import workspace_view


@workspace_view
@require_http_methods(["GET", "POST"])
def board_list(request):
    form = forms.BoardForm(request.POST or None)
    if request.method == "POST":
        if not permissions.can_edit_tasks(request.membership):
            raise Http404
        if form.is_valid():
            try:
                board = services.board_create(actor=request.membership, **form.cleaned_data)
            except ApplicationError as exc:
                form_add_service_error(form, exc)
            else:
                messages.success(request, _("Board created."))
                return redirect("tasks:board", slug=request.workspace.slug, board_id=board.public_id)
    archived = request.GET.get("archived") == "1"
    boards = selectors.boards_with_progress(membership=request.membership, archived=archived)
    context = {
        "form": form,
        "boards": boards,
        "archived": archived,
        "can_edit": permissions.can_edit_tasks(request.membership),
    }
    return render(request, "tasks/board_list.html", context, status=400 if form.errors else 200)


@workspace_view
@require_GET
def board_detail(request, board_id):
    board = access_board(request.membership, board_id)
    view = "list" if request.GET.get("view") == "list" else "kanban"
    context = {
        "board": board,
        "view": view,
        "progress": selectors.board_progress(board=board),
        "can_edit": permissions.can_edit_tasks(request.membership),
        "can_manage": permissions.can_manage_board(request.membership, board),
    }
    if view == "list":
        form = forms.TaskFilterForm(request.GET or None, membership=request.membership)
        context["filter_form"] = form
        context["page"] = paginate(
            selectors.task_list(membership=request.membership, filters=filters_from(form, board=board)),
            request,
            per_page=50,
        )
        with_urls(context["page"].items, request.workspace)
        template = "tasks/task_list.html#task-table" if request.htmx else "tasks/task_list.html"
    else:
        context["columns"] = [
            {"status": status, "label": label, "cards": _with_neighbours(with_urls(cards, request.workspace))}
            for status, label, cards in selectors.board_columns(board=board)
        ]
        context["column_choices"] = [(c["status"], c["label"]) for c in context["columns"]]
        template = "tasks/board_kanban.html"
    return render(request, template, context)


def _with_neighbours(cards: list) -> list[dict]:
    """For the keyboard fallback: the ids to post to move a card one place up or down in its column."""
    rows = []
    for i, card in enumerate(cards):
        up = (cards[i - 2] if i >= 2 else None, cards[i - 1]) if i >= 1 else None
        down = (cards[i + 1], cards[i + 2] if i + 2 < len(cards) else None) if i + 1 < len(cards) else None
        rows.append({"task": card, "up": up, "down": down})
    return rows


@workspace_view
@require_POST
def board_edit(request, board_id):
    board = access_board(request.membership, board_id)
    form = forms.BoardForm(request.POST)
    if form.is_valid():
        try:
            services.board_update(
                actor=request.membership,
                board=board,
                is_archived=request.POST.get("is_archived") == "1",
                **form.cleaned_data,
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Board saved."))
    else:
        messages.error(request, _("Give the board a name."))
    return redirect("tasks:board", slug=request.workspace.slug, board_id=board.public_id)
