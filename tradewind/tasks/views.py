"""Task pages: My work, lists, the task page and its actions. Parse, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradewind.activity.selectors import activity_page
from tradewind.core.actions import service_run
from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.core.pagination import paginate
from tradewind.core.subjects import subject_resolve
from tradewind.files.responses import stored_file_response
from tradewind.tasks import forms, permissions, selectors, services
from tradewind.tasks.access import access_attachment, access_board, access_checklist_item, access_task
from tradewind.tasks.choices import TaskStatus
from tradewind.tasks.models import Task
from tradewind.workspaces.access import workspace_view


def _task_redirect(request, task: Task, anchor: str = ""):
    """Back to the task page, or to `next` (a page of ours) when the form came from a board or a list."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}) and target.startswith("/"):
        return redirect(target)
    return redirect(reverse("tasks:detail", args=[request.workspace.slug, task.public_id]) + anchor)


def with_urls(tasks, workspace):
    """Give each task its page address (and its board's), computed once per list: reversing URLs for
    every row of a 200-row page costs more than the rows themselves. Action URLs are relative to it."""
    tasks_prefix = reverse("tasks:my_work", args=[workspace.slug])  # /w/<slug>/tasks/
    boards_prefix = reverse("tasks:boards", args=[workspace.slug])  # /w/<slug>/boards/
    for task in tasks:
        task.url = f"{tasks_prefix}{task.public_id}/"
        task.board_url = f"{boards_prefix}{task.board.public_id}/" if task.board_id and task.board else ""
    return tasks


def _require_editor(request):
    if not permissions.can_edit_tasks(request.membership):
        raise Http404


# --- lists ------------------------------------------------------------------------------------------


# The columns a row of My work shows (tasks/my_work.html).
MY_WORK_ROW = (
    *("public_id", "number", "title", "priority", "status", "assignee_id"),
    *("due_date", "due_time", "due_at", "board_id", "board__public_id", "board__name"),
)


@workspace_view
@require_GET
def my_work(request):
    # One more than shown: is there more? A group that long is read in the task list (a page of 250
    # rows was a fifth of the server's time under load, and long on a phone).
    shown = selectors.MY_WORK_SHOWN
    groups = selectors.my_work(membership=request.membership, limit=shown + 1, fields=MY_WORK_ROW)
    for tasks in groups.values():
        with_urls(tasks, request.workspace)
    all_url = reverse("tasks:list", args=[request.workspace.slug]) + "?assignee=me&status=open&sort=due"
    sections = [
        ("overdue", _("Overdue"), "&due=overdue"),
        ("today", _("Today"), "&due=today"),
        ("week", _("Next 7 days"), "&due=week"),
        ("later", _("Later"), ""),
        ("no_date", _("No due date"), "&due=none"),
    ]
    context = {
        "sections": [
            (key, label, groups[key][:shown], all_url + due if len(groups[key]) > shown else None)
            for key, label, due in sections
        ],
        "total": sum(len(v) for v in groups.values()),
        "can_edit": permissions.can_edit_tasks(request.membership),
    }
    return render(request, "tasks/my_work.html", context)


def filters_from(form, *, board=None) -> selectors.TaskFilters:
    data = form.cleaned_data if form.is_valid() else {}
    return selectors.TaskFilters(board=board, **{k: v for k, v in data.items() if v})


@workspace_view
@require_GET
def task_list(request):
    form = forms.TaskFilterForm(request.GET or None, membership=request.membership)
    tasks = selectors.task_list(membership=request.membership, filters=filters_from(form))
    page = paginate(tasks, request, per_page=50)
    with_urls(page.items, request.workspace)
    template = "tasks/task_list.html#task-table" if request.htmx else "tasks/task_list.html"
    return render(request, template, {"filter_form": form, "page": page, "board": None})


@workspace_view
@require_GET
def team_workload(request):
    if not permissions.can_view_workload(request.membership):
        raise Http404
    rows = selectors.team_workload(membership=request.membership)
    return render(request, "tasks/workload.html", {"rows": rows})


# --- create and show --------------------------------------------------------------------------------


@workspace_view
@require_http_methods(["GET", "POST"])
def task_create(request):
    _require_editor(request)
    initial = {}
    if request.GET.get("board"):
        initial["board"] = access_board(request.membership, request.GET["board"]).public_id
    about = None
    if request.GET.get("subject"):
        initial["subject"] = request.GET["subject"]
        kind, _sep, public_id = request.GET["subject"].partition(":")
        about = subject_resolve(request.membership, kind, public_id)
        if about is not None:
            initial["assignee"] = request.membership  # a task from a customer's page: usually one's own
    form = forms.TaskForm(request.POST or None, membership=request.membership, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task = services.task_create(
                actor=request.membership,
                title=data["title"],
                description=data["description"],
                board=data["board"],
                assignee=data["assignee"],
                due_date=data["due_date"],
                due_time=data["due_time"],
                priority=data["priority"],
                labels=form.label_list(),
                recurrence=data.get("recurrence") or "",
                recurrence_weekdays=data.get("recurrence_weekdays") or [],
                recurrence_month_day=data.get("recurrence_month_day"),
                subject=form.subject_ref(),
            )
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("%(task)s created.") % {"task": task.code})
            if task.board_id:
                return redirect("tasks:board", slug=request.workspace.slug, board_id=task.board.public_id)
            return _task_redirect(request, task)
    context = {"form": form, "about": about}
    return render(request, "tasks/task_form.html", context, status=400 if form.errors else 200)


@workspace_view
@require_GET
def task_detail(request, task_id):
    task = access_task(request.membership, task_id)
    initial = {
        "title": task.title,
        "description": task.description,
        "board": task.board.public_id if task.board else None,
        "assignee": task.assignee.public_id if task.assignee else None,
        "due_date": task.due_date,
        "due_time": task.due_time,
        "priority": task.priority,
        "labels": ", ".join(task.labels.values_list("name", flat=True)),
    }
    context = {
        "task": task,
        "subject": subject_resolve(request.membership, task.subject_kind, task.subject_id),
        "edit_form": forms.TaskForm(initial=initial, membership=request.membership, editing=True),
        "status_form": forms.StatusForm(
            initial={"status": task.status, "blocked_reason": task.blocked_reason}
        ),
        "comment_form": forms.CommentForm(),
        "checklist_form": forms.ChecklistItemForm(),
        "attachment_form": forms.AttachmentForm(),
        "checklist": list(task.checklist.all()),
        "comments": list(task.comments.select_related("author__user")),
        "attachments": list(task.attachments.all()),
        "events": activity_page(
            workspace_id=task.workspace_id, subject=services.task_subject(task), limit=100
        ),
        "watchers": list(task.watchers.select_related("user")),
        "labels": list(task.labels.all()),
        "watching": task.watchers.filter(pk=request.membership.pk).exists(),
        "can_edit": permissions.can_edit_tasks(request.membership),
        "statuses": TaskStatus.choices,
    }
    return render(request, "tasks/task_detail.html", context)


# --- actions on a task ------------------------------------------------------------------------------


def _act(request, task, action, *, success: str = "", anchor: str = ""):
    """Run a service; show its refusal as messages. Every action returns to the task page."""
    service_run(request, action, success=success)
    return _task_redirect(request, task, anchor)


@workspace_view
@require_POST
def task_edit(request, task_id):
    _require_editor(request)
    task = access_task(request.membership, task_id)
    form = forms.TaskForm(request.POST, membership=request.membership, editing=True)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {errors[0]}" if label else errors[0])
        return _task_redirect(request, task)
    data = form.cleaned_data

    def update():
        services.task_update(
            actor=request.membership,
            task=task,
            title=data["title"],
            description=data["description"],
            board=data["board"],
            assignee=data["assignee"],
            due_date=data["due_date"],
            due_time=data["due_time"],
            priority=data["priority"],
            labels=form.label_list(),
        )

    return _act(request, task, update, success=_("Saved."))


@workspace_view
@require_POST
def task_status(request, task_id):
    _require_editor(request)
    task = access_task(request.membership, task_id)
    return _act(
        request,
        task,
        lambda: services.task_set_status(
            actor=request.membership,
            task=task,
            status=request.POST.get("status", ""),
            blocked_reason=request.POST.get("blocked_reason", ""),
        ),
    )


@workspace_view
@require_POST
def task_complete(request, task_id):
    """One click from My work: done (or back to to-do when unticked)."""
    _require_editor(request)
    task = access_task(request.membership, task_id)
    status = TaskStatus.TODO if request.POST.get("undo") else TaskStatus.DONE
    try:
        services.task_set_status(actor=request.membership, task=task, status=status)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    if request.htmx:
        return HttpResponse(status=204, headers={"HX-Refresh": "true"})
    if request.POST.get("next"):
        return _task_redirect(request, task)
    return redirect("tasks:my_work", slug=request.workspace.slug)


@workspace_view
@require_POST
def task_move(request, task_id):
    """Kanban drop: the new column and the neighbours the card landed between. Answers 204 or 400."""
    _require_editor(request)
    task = access_task(request.membership, task_id)
    before = access_task(request.membership, request.POST["before"]) if request.POST.get("before") else None
    after = access_task(request.membership, request.POST["after"]) if request.POST.get("after") else None
    try:
        services.task_move(
            actor=request.membership,
            task=task,
            status=request.POST.get("status", ""),
            before=before,
            after=after,
            blocked_reason=request.POST.get("blocked_reason", ""),
        )
    except ApplicationError as exc:
        if request.headers.get("X-Requested-With") != "fetch":
            messages.error(request, exc.message)
            return _task_redirect(request, task)
        return HttpResponse(str(exc.message), status=400, content_type="text/plain; charset=utf-8")
    if request.headers.get("X-Requested-With") != "fetch":  # the no-script ↑/↓ buttons
        return _task_redirect(request, task)
    return HttpResponse(status=204)


@workspace_view
@require_POST
def task_comment(request, task_id):
    _require_editor(request)
    task = access_task(request.membership, task_id)
    body = request.POST.get("body", "")
    return _act(
        request,
        task,
        lambda: services.task_comment_add(actor=request.membership, task=task, body=body),
        anchor="#comments",
    )


@workspace_view
@require_POST
def checklist_add(request, task_id):
    _require_editor(request)
    task = access_task(request.membership, task_id)
    text = request.POST.get("text", "")
    return _act(
        request,
        task,
        lambda: services.checklist_item_add(actor=request.membership, task=task, text=text),
        anchor="#checklist",
    )


@workspace_view
@require_POST
def checklist_toggle(request, task_id, item_id):
    _require_editor(request)
    task = access_task(request.membership, task_id)
    item = access_checklist_item(request.membership, task, item_id)
    return _act(
        request,
        task,
        lambda: services.checklist_item_toggle(actor=request.membership, item=item),
        anchor="#checklist",
    )


@workspace_view
@require_POST
def checklist_delete(request, task_id, item_id):
    _require_editor(request)
    task = access_task(request.membership, task_id)
    item = access_checklist_item(request.membership, task, item_id)
    return _act(
        request,
        task,
        lambda: services.checklist_item_delete(actor=request.membership, item=item),
        anchor="#checklist",
    )


@workspace_view
@require_POST
def attachment_upload(request, task_id):
    _require_editor(request)
    task = access_task(request.membership, task_id)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to attach."))
        return _task_redirect(request, task, "#attachments")
    return _act(
        request,
        task,
        lambda: services.task_attachment_add(actor=request.membership, task=task, upload=upload),
        success=_("Attached."),
        anchor="#attachments",
    )


@workspace_view
@require_GET
def attachment_download(request, task_id, attachment_id):
    task = access_task(request.membership, task_id)
    attachment = access_attachment(request.membership, task, attachment_id)
    return stored_file_response(attachment.file)


@workspace_view
@require_POST
def task_watch(request, task_id):
    task = access_task(request.membership, task_id)
    watch = request.POST.get("watch") == "1"
    return _act(request, task, lambda: services.task_watch(actor=request.membership, task=task, watch=watch))
