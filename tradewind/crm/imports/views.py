"""Customer import pages (upload -> columns -> preview -> progress) and the export of a customer list."""

from __future__ import annotations

import itertools

from django.contrib import messages
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.core.net import client_ip
from tradewind.crm import forms, selectors
from tradewind.crm import permissions as crm_permissions
from tradewind.crm.imports import exports
from tradewind.crm.imports import selectors as import_selectors
from tradewind.crm.imports import services as imports
from tradewind.crm.imports.forms import ImportMappingForm, ImportUploadForm
from tradewind.crm.imports.models import ImportJob
from tradewind.crm.imports.permissions import can_discard, can_import
from tradewind.crm.imports.reading import iter_rows
from tradewind.workspaces.access import workspace_view

Status = ImportJob.Status


def _to(name: str, request, job: ImportJob):
    return redirect(f"crm_imports:{name}", slug=request.workspace.slug, import_id=job.public_id)


def _next_step(request, job: ImportJob):
    """Where a job in this state is looked at."""
    if job.status in (Status.ANALYSING, Status.REFUSED):
        return _to("detail", request, job)
    if job.status == Status.UPLOADED:
        return _to("map", request, job)
    if job.status in (Status.MAPPED, Status.PREVIEWED):
        return _to("preview", request, job)
    return _to("detail", request, job)


@workspace_view
@require_http_methods(["GET", "POST"])
def import_list(request):
    """Past imports, and the form for a new one."""
    me = request.membership
    may_import = can_import(me)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not may_import:
            raise Http404
        if form.is_valid():
            try:
                job = imports.import_upload(
                    actor=me, upload=form.cleaned_data["file"], into_pool=form.cleaned_data["into_pool"]
                )
            except ApplicationError as exc:
                form_add_service_error(form, exc)
            else:
                # Read by the worker: the job's page says "reading the file", then goes on to the columns.
                earlier = import_selectors.import_same_file(job)
                if earlier:
                    when = date_format(timezone.localtime(earlier.created_at), "SHORT_DATETIME_FORMAT")
                    if earlier.created_by_id == me.pk:
                        text = _(
                            "You imported this file before (%(date)s). Rows imported then are recognised "
                            "and not imported again."
                        ) % {"date": when}
                    else:
                        who = earlier.created_by.user.display_name if earlier.created_by else "—"
                        text = _(
                            "%(name)s imported this file before (%(date)s). Rows imported then are "
                            "recognised and not imported again."
                        ) % {"name": who, "date": when}
                    messages.warning(request, text)
                return _to("detail", request, job)
    jobs = list(import_selectors.jobs_visible(me)[:50])
    context = {
        "form": form,
        "jobs": jobs,
        "can_import": may_import,
        "discardable": {job.public_id for job in jobs if can_discard(me, job)},
    }
    return render(request, "crm_imports/list.html", context, status=400 if form.errors else 200)


def _samples(job: ImportJob, n: int = 3) -> list[list[str]]:
    try:
        return [
            cells
            for _number, cells in itertools.islice(iter_rows(imports.opener(job), imports.layout_of(job)), n)
        ]
    except ApplicationError:
        return []


@workspace_view
@require_http_methods(["GET", "POST"])
def import_map(request, import_id):
    """What each column of the file is (guessed, or as chosen last time for the same header row)."""
    job = import_selectors.access_import_job(request.membership, import_id)
    if job.status not in imports.EDITABLE:
        return _next_step(request, job)
    initial = {f"column-{index}": target for index, target in job.mapping.items()}
    initial.update(default_country=job.default_country, into_pool=job.into_pool)
    form = ImportMappingForm(
        request.POST or None, initial=initial, headers=job.headers, samples=_samples(job)
    )
    if request.method == "POST" and form.is_valid():
        try:
            imports.import_map(
                actor=request.membership,
                job=job,
                mapping=form.mapping(),
                default_country=form.cleaned_data["default_country"],
                into_pool=form.cleaned_data["into_pool"],
            )
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            return _to("preview", request, job)
    context = {
        "job": job,
        "form": form,
        "can_own": crm_permissions.can_own_customers(request.membership),
        "can_discard": can_discard(request.membership, job),
    }
    return render(request, "crm_imports/map.html", context, status=400 if form.errors else 200)


@workspace_view
@require_http_methods(["GET", "POST"])
def import_preview(request, import_id):
    """The first rows as they will be imported, the whole-file check, the duplicate decisions; start."""
    job = import_selectors.access_import_job(request.membership, import_id)
    if request.htmx and request.GET.get("part") == "summary":
        return render(request, "crm_imports/preview.html#summary", {"job": job})
    if job.status not in (Status.MAPPED, Status.PREVIEWED):
        return _next_step(request, job)
    error = ""
    if request.method == "POST":
        choices = {
            key.removeprefix("decision-"): value
            for key, value in request.POST.items()
            if key.startswith("decision-") and value
        }
        try:
            imports.import_start(actor=request.membership, job=job, choices=choices)
        except ApplicationError as exc:
            error = exc.message
        else:
            return _to("detail", request, job)
    try:
        rows = imports.import_preview(actor=request.membership, job=job)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return _to("map", request, job)
    context = {
        "job": job,
        "rows": rows,
        "error": error,
        "with_errors": sum(1 for r in rows if r.errors),
        "with_duplicates": sum(1 for r in rows if r.candidates),
        "can_discard": can_discard(request.membership, job),
    }
    return render(request, "crm_imports/preview.html", context, status=400 if error else 200)


@workspace_view
@require_http_methods(["GET", "POST"])
def import_detail(request, import_id):
    """The file being read, then the import's progress (the fragment polls itself while the worker
    runs), counts and errors; or why the file was refused. POST carries on with a job that stopped
    part-way."""
    job = import_selectors.access_import_job(request.membership, import_id)
    if job.status in imports.EDITABLE:
        if request.htmx:  # the file was read while the page polled: on to the columns
            return HttpResponseClientRedirect(_next_step(request, job).url)
        return _next_step(request, job)
    if request.method == "POST":
        try:
            imports.import_start(actor=request.membership, job=job)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return _to("detail", request, job)
    template = "crm_imports/detail.html#progress" if request.htmx else "crm_imports/detail.html"
    context = {"job": job, "can_discard": can_discard(request.membership, job)}
    return render(request, template, context)


@workspace_view
@require_POST
def import_discard(request, import_id):
    """Throw away an import that has not started (an abandoned upload), then back to the list."""
    job = import_selectors.access_import_job(request.membership, import_id)
    try:
        imports.import_discard(actor=request.membership, job=job, ip=client_ip(request))
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return _next_step(request, job)
    messages.success(request, _("The import of %(file)s was discarded.") % {"file": job.file_name})
    return redirect("crm_imports:list", slug=request.workspace.slug)


@workspace_view
@require_GET
def import_errors(request, import_id):
    """The rows that were not imported, one line each with all its problems and its original cells, as CSV
    to fix and import again."""
    job = import_selectors.access_import_job(request.membership, import_id)
    response = StreamingHttpResponse(imports.error_report(job), content_type="text/csv; charset=utf-8")
    name = job.file_name.rsplit(".", 1)[0] or "import"
    response["Content-Disposition"] = f'attachment; filename="{_ascii(name)}-errors.csv"'
    return response


def _ascii(name: str) -> str:
    return (
        "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "_" for ch in name)[:80] or "import"
    )


@workspace_view
@require_GET
def customer_export(request):
    """The customer list as CSV or XLSX, with the list's filters; recorded in the audit log."""
    me = request.membership
    form = forms.CustomerFilterForm(request.GET or None, membership=me)
    data = form.cleaned_data if form.is_valid() else {}
    filters = {k: v for k, v in data.items() if v}
    fmt = request.GET.get("format", "csv")
    if fmt not in exports.FORMATS:
        fmt = "csv"
    customers = selectors.customer_list(membership=me, filters=selectors.CustomerFilters(**filters))
    exports.export_record(
        membership=me,
        customers=customers,
        fmt=fmt,
        filters={k: str(v) for k, v in filters.items()},
        ip=client_ip(request),
    )
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        return FileResponse(
            exports.export_xlsx(me, customers),
            as_attachment=True,
            filename=f"customers-{stamp}.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response = StreamingHttpResponse(
        exports.export_csv(me, customers), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="customers-{stamp}.csv"'
    return response
