"""What the quotation and order endpoints share: reading the list filters and the body's ids, and
answering a document — its lines, margins (only for who may see them), FX warning, totals and PDF."""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import gettext as _

from tradewind.catalog.access import access_product
from tradewind.crm.access import access_contact, access_customer
from tradewind.trade import permissions, selectors
from tradewind.trade.api.answers import amount_text, member_ref, places_text, rate_text
from tradewind.trade.api.schemas import DocumentFiltersIn, LineIn
from tradewind.trade.figures import container_estimate, document_margins
from tradewind.trade.fx_risk import fx_risk
from tradewind.trade.lines import LineInput
from tradewind.trade.payment_terms import payment_terms_text, preset_terms

# --- what clients send, as the services take it ------------------------------------------------------------


def document_filters(m, filters: DocumentFiltersIn) -> selectors.DocumentFilters:
    customer = access_customer(m, filters.customer) if filters.customer else None
    return selectors.DocumentFilters(
        q=filters.q,
        status=filters.status,
        currency=filters.currency,
        mine=filters.mine,
        customer_id=customer.pk if customer else None,
    )


def line_inputs(m, lines: list[LineIn]) -> list[LineInput]:
    """The lines for the service; a blank name or specification is "not given" (the product's)."""
    products = {}
    inputs = []
    for line in lines:
        product = None
        if line.product is not None:
            product = products.get(line.product) or access_product(m, line.product)
            products[line.product] = product
        inputs.append(
            LineInput(
                product=product,
                name=line.name if line.name and line.name.strip() else None,
                specification=line.specification,
                quantity=line.quantity,
                unit=line.unit.value if line.unit else None,
                unit_price=line.unit_price,
                discount_percent=line.discount_percent,
            )
        )
    return inputs


def terms(payload) -> dict:
    """`payment_terms` from the milestones or the preset sent (neither: nothing changes)."""
    fields = payload.model_fields_set
    if "payment_preset" in fields:
        return {"payment_terms": preset_terms(payload.payment_preset)}
    if "payment_terms" in fields:
        return {"payment_terms": [milestone.service_value() for milestone in payload.payment_terms]}
    return {}


def contact_of(m, customer, contact_id):
    return access_contact(m, customer, contact_id) if contact_id else None


# --- what the API answers --------------------------------------------------------------------------------


def _money(money) -> str | None:
    return None if money is None else amount_text(money.amount, money.currency)


def line_out(line, currency: str, show_costs: bool) -> dict:
    cost = None
    if show_costs and line.cost_amount is not None and line.cost_currency:
        cost = {"amount": places_text(line.cost_amount, 4), "currency": line.cost_currency}
    return {
        "position": line.position,
        "product": line.product.public_id if line.product_id else None,
        "sku": line.sku,
        "name": line.name,
        "specification": line.specification,
        "quantity": places_text(line.quantity, 3),
        "unit": line.unit,
        "unit_price": places_text(line.unit_price, 4),
        "discount_percent": places_text(line.discount_percent, 2),
        "total": amount_text(line.total, currency),
        "price_list": line.price_list.public_id if line.price_list_id else None,
        "list_price": places_text(line.list_price, 4),
        "cost": cost,
        "cartons": line.cartons,
        "cbm": places_text(line.cbm, 4),
        "gross_kg": places_text(line.gross_kg, 2),
    }


def margins_out(margins, currency: str) -> dict:
    return {
        "currency": currency,
        "revenue": _money(margins.revenue),
        "cost": _money(margins.cost),
        "margin": _money(margins.margin),
        "percent": places_text(margins.percent, 2),
        "lines_without_cost": margins.lines_without_cost,
        "missing_rates": margins.missing_rates,
        "lines": [
            {
                "position": each.line.position,
                "revenue": _money(each.revenue),
                "cost": _money(each.cost),
                "margin": _money(each.margin),
                "percent": places_text(each.percent, 2),
            }
            for each in margins.lines
        ],
    }


def fx_risk_out(document, show_margins: bool) -> dict | None:
    risk = fx_risk(document)
    if risk is None:
        return None
    return {
        "rate_then": rate_text(risk.rate_then),
        "rate_now": rate_text(risk.rate_now),
        "rate_now_on": risk.rate_now_on,
        "change_percent": places_text(risk.change_percent, 2),
        "margin_percent_now": places_text(risk.margins_now.percent, 2) if show_margins else None,
    }


def _milestone_out(milestone: dict) -> dict:
    return {
        "percent": places_text(Decimal(str(milestone["percent"])), 2),
        "method": milestone.get("method") or "",
        "event": milestone.get("event") or "",
        "days": milestone.get("days"),
    }


def document_out(m, document) -> dict:
    """The fields quotations and orders share, with costs and margins only for who may see them."""
    show = permissions.can_see_margins(m)
    lines = list(document.lines.select_related("product", "price_list"))
    reporting = document.workspace.currency
    contact = document.contact
    return {
        "id": document.public_id,
        "number": document.number,
        "customer": {"id": document.customer.public_id, "name": document.customer.name},
        "contact": {"id": contact.public_id, "name": contact.name} if contact is not None else None,
        "owner": member_ref(document.owner),
        "currency": document.currency,
        "reporting_currency": reporting,
        "rate": rate_text(document.rate),
        "rate_on": document.rate_on,
        "issued_on": document.issued_on,
        "incoterm": document.incoterm,
        "incoterm_place": document.incoterm_place,
        "payment_terms": [_milestone_out(milestone) for milestone in document.payment_terms or []],
        "payment_terms_text": payment_terms_text(document.payment_terms),
        "lead_time_days": document.lead_time_days,
        "language": document.language,
        "remarks": document.remarks,
        "total": amount_text(document.total, document.currency),
        "total_reporting": amount_text(document.total_reporting, reporting),
        "cartons": document.cartons,
        "cbm": places_text(document.cbm, 4),
        "gross_kg": places_text(document.gross_kg, 2),
        "containers": [
            {"kind": fit.kind, "count": fit.count, "fill_percent": fit.fill_percent}
            for fit in container_estimate(document.cbm, document.gross_kg)
        ],
        "lines": [line_out(line, document.currency, show) for line in lines],
        "margins": margins_out(document_margins(document, lines), reporting) if show else None,
        "fx_risk": fx_risk_out(document, show),
        "created_at": document.created_at,
        "updated_at": document.updated_at,
    }


def totals_out(queryset, workspace) -> dict:
    totals = selectors.document_totals(queryset, workspace.currency)
    converted = totals.converted
    return {
        "count": totals.count,
        "subtotals": [
            {"amount": amount_text(money.amount, money.currency), "currency": money.currency}
            for money in totals.subtotals
        ],
        "total": {
            "amount": amount_text(converted.amount, converted.currency),
            "currency": converted.currency,
        },
        "rates": "recorded",
        "note": _("Converted into %(currency)s at the rate recorded on each document's date.")
        % {"currency": converted.currency},
    }


def pdf_response(content: bytes, number: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{number}.pdf"'
    return response


def file_answer(description: str, *types: str) -> dict:
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {"responses": {"200": {"description": description, "content": dict.fromkeys(types, binary)}}}


PDF_ANSWER = file_answer("The PDF, as a download (Content-Disposition: attachment).", "application/pdf")
