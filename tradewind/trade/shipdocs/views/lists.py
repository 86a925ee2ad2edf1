"""The documents list (the clerk's work: mine, overdue, by status) and the letters of credit by expiry;
an order's L/C form."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.core.pagination import paginate
from tradewind.trade.access import access_order
from tradewind.trade.shipdocs import forms, permissions, selectors, services
from tradewind.trade.shipdocs.access import letter_of_credit_of
from tradewind.trade.shipdocs.choices import DONE_STATUSES
from tradewind.workspaces.access import workspace_view

LC_FIELDS = (
    "number",
    "issuing_bank",
    "advising_bank",
    "issued_on",
    "expiry_date",
    "latest_shipment_date",
    "presentation_days",
    "amount",
    "documents_required",
    "notes",
)


@workspace_view
@require_GET
def document_list(request):
    me = request.membership
    form = forms.FilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.DocumentFilters(
        q=data.get("q", ""),
        status=data.get("status", ""),
        mine=data.get("scope") == "mine",
        due=data.get("due", ""),
        kind=data.get("kind", ""),
    )
    page = paginate(selectors.document_list(membership=me, filters=filters), request)
    today = timezone.localdate()
    for document in page.items:
        document.overdue = bool(
            document.due_on and document.due_on < today and document.status not in DONE_STATUSES
        )
    context = {
        "filter_form": form,
        "page": page,
        "filtered": any(data.values()) if data else False,
    }
    template = "shipdocs/list.html#document-table" if request.htmx else "shipdocs/list.html"
    return render(request, template, context)


@workspace_view
@require_GET
def letter_list(request):
    page = paginate(selectors.letters_of_credit(membership=request.membership), request)
    return render(request, "shipdocs/lc_list.html", {"page": page, "today": timezone.localdate()})


@workspace_view
@require_http_methods(["GET", "POST"])
def letter_edit(request, order_id):
    me = request.membership
    order = access_order(me, order_id)
    if not permissions.can_keep_letters_of_credit(me, order):
        raise Http404
    letter = letter_of_credit_of(order)
    initial = {f: getattr(letter, f) for f in LC_FIELDS} if letter else {"presentation_days": 21}
    form = forms.LetterOfCreditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.letter_of_credit_save(actor=me, order=order, **form.cleaned_data)
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("L/C saved; the order's checklists follow it."))
            return redirect("trade:order", slug=request.workspace.slug, order_id=order.public_id)
    context = {"form": form, "order": order, "letter": letter}
    return render(request, "shipdocs/lc_form.html", context, status=400 if form.errors else 200)


@workspace_view
@require_POST
def letter_delete(request, order_id):
    me = request.membership
    order = access_order(me, order_id)
    letter = letter_of_credit_of(order)
    if letter is None or not permissions.can_keep_letters_of_credit(me, order):
        raise Http404
    services.letter_of_credit_delete(actor=me, letter=letter)
    messages.success(request, _("L/C removed."))
    return redirect("trade:order", slug=request.workspace.slug, order_id=order.public_id)
