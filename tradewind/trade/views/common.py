"""What the sales pages share: the currencies offered, the list of documents with its totals, the customer a
new document is for, margins and product links for the line table."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from tradewind.core.pagination import paginate
from tradewind.crm import permissions as crm_permissions
from tradewind.crm.access import access_customer
from tradewind.trade import forms, selectors
from tradewind.trade.figures import document_margins


def currencies(workspace) -> list[str]:
    from tradewind.fx.rates import workspace_currencies

    return workspace_currencies(workspace)


def document_list(
    request,
    *,
    statuses,
    select,
    columns: tuple[str, ...],
    rows,
    template: str,
    partial: str,
    extra: dict,
    with_open: bool,
):
    """A filtered, paged list of quotations or orders with one subtotal per currency and the converted
    total; the table alone for htmx. The page's documents are read with only the `columns` that `rows`
    (trade/list_rows.py) makes the table's rows of."""
    form = forms.QuotationFilterForm(
        request.GET or None, statuses=statuses, currencies=currencies(request.workspace)
    )
    if not with_open:
        form.fields["status"].choices = [c for c in form.fields["status"].choices if c[0] != "open"]
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = selectors.DocumentFilters(
        q=data.get("q", ""),
        status=data.get("status", ""),
        currency=data.get("currency", ""),
        mine=bool(data.get("mine")),
    )
    documents = select(membership=request.membership, filters=filters)
    page = paginate(documents.only(*columns), request)
    context = {
        "filter_form": form,
        "page": page,
        "rows": rows(page.items, workspace=request.workspace),
        "totals": selectors.document_totals(documents, request.workspace.currency),
        "filtered": any(data.get(k) for k in ("q", "status", "currency", "mine")),
        **extra,
    }
    return render(request, f"{template}#{partial}" if request.htmx else template, context)


def customer_for_new(request):
    customer_id = request.GET.get("customer") or request.POST.get("customer")
    if not customer_id:
        return None
    try:
        customer = access_customer(request.membership, customer_id)
    except (ValueError, Http404):
        raise Http404 from None
    if not crm_permissions.can_see_details(request.membership, customer):
        raise Http404
    return customer


def customers_found(membership, q: str):
    if not q:
        return []
    from tradewind.crm.selectors import CustomerFilters, customer_list

    found = customer_list(membership=membership, filters=CustomerFilters(q=q))[:10]
    return [c for c in found if crm_permissions.can_see_details(membership, c)]


def products_url(request) -> str:
    """The catalog's address: a product's page is this + its public id + "/"."""
    return reverse("catalog:list", args=[request.workspace.slug])


def margins(document, lines):
    """The document's margins, each line's set on the line (`line.margin`) for the table."""
    margins = document_margins(document, lines)
    for line, margin in zip(lines, margins.lines, strict=True):
        line.margin = margin
    return margins


def form_context(request, form, customer, *, quotation=None, rows=None, milestones=None) -> dict:
    from tradewind.catalog.choices import Unit

    return {
        "form": form,
        "customer": customer,
        "quotation": quotation,
        "rows": rows,
        "milestones": forms.milestone_rows(milestones),
        "payment": forms.payment_choices(),
        "units": Unit.choices,
    }
