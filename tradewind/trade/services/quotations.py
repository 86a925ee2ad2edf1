"""Quotations: making, changing, revising and copying them. Approval is in approval.py; what happens once
one is sent, in lifecycle.py."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core.errors import ApplicationError, Conflict, PermissionDenied, ValidationFailed
from tradewind.core.numbers import whole_number
from tradewind.core.trade import INCOTERMS
from tradewind.crm import permissions as crm_permissions
from tradewind.trade import permissions
from tradewind.trade.choices import EDITABLE_QUOTATION, DocumentLanguage, QuotationStatus
from tradewind.trade.figures import document_totals
from tradewind.trade.lines import LineInput, lines_clean
from tradewind.trade.models import Quotation, QuotationLine
from tradewind.trade.payment_terms import payment_terms_clean
from tradewind.trade.services.common import (
    document_number,
    history,
    record_rate,
    require_currency,
    require_work,
    trade_settings,
)

HEADER_FIELDS = (
    "contact", "currency", "issued_on", "valid_until", "incoterm", "incoterm_place", "payment_terms",
    "lead_time_days", "language", "remarks",
)  # fmt: skip
LINE_COPY = (
    "position", "product_id", "sku", "name", "specification", "quantity", "unit", "unit_price",
    "discount_percent", "total", "price_list_id", "list_price", "cost_amount", "cost_currency",
    "units_per_carton", "cbm_per_carton", "gross_kg_per_carton",
)  # fmt: skip
LEAD_TIME_MAX = 730
FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2999, 12, 31)  # a document's dates, typed or sent


def header_clean(actor, customer, values: dict) -> dict:
    """The document's terms (all or some) cleaned; every problem at once. An Incoterm needs its named place
    ("FOB" alone says nothing about where the risk passes)."""
    errors: list[ApplicationError] = []
    cleaned = {}
    if "currency" in values:
        try:
            cleaned["currency"] = require_currency(actor.workspace, (values["currency"] or "").upper())
        except ValidationFailed as error:
            errors.append(error)
    if "contact" in values:
        contact = values["contact"]
        if contact is not None and contact.customer_id != customer.pk:
            errors.append(ValidationFailed(_("Choose one of this customer's contacts."), field="contact"))
        cleaned["contact"] = contact
    if "incoterm" in values:
        if values["incoterm"] not in INCOTERMS:
            errors.append(ValidationFailed(_("Choose an Incoterm from the list."), field="incoterm"))
        cleaned["incoterm"] = values["incoterm"]
    if "incoterm_place" in values:
        place = (values["incoterm_place"] or "").strip()
        if len(place) > 120:
            errors.append(
                ValidationFailed(_("At most %(n)d characters.") % {"n": 120}, field="incoterm_place")
            )
        cleaned["incoterm_place"] = place
    if "incoterm_place" in cleaned and not cleaned["incoterm_place"]:
        errors.append(
            ValidationFailed(
                _("Name the place of the Incoterm: “FOB Ningbo”, “DAP Warsaw”."), field="incoterm_place"
            )
        )
    for field in ("issued_on", "valid_until"):
        if field in values:
            day = values[field]
            if not isinstance(day, dt.date):
                errors.append(ValidationFailed(_("Enter a valid date."), field=field))
            elif not FIRST_DAY <= day <= LAST_DAY:
                errors.append(ValidationFailed(_("Enter a date between 2000 and 2999."), field=field))
            cleaned[field] = day
    if "payment_terms" in values:
        try:
            cleaned["payment_terms"] = payment_terms_clean(values["payment_terms"])
        except ValidationFailed as error:
            errors += list(error.each())
    if "lead_time_days" in values:
        cleaned["lead_time_days"] = whole_number(
            values["lead_time_days"], "lead_time_days", 0, LEAD_TIME_MAX,
            _("A lead time is 0 to 730 days."), errors,
        )  # fmt: skip
    if "language" in values:
        if values["language"] not in DocumentLanguage.values:
            errors.append(ValidationFailed(_("Choose English or Chinese."), field="language"))
        cleaned["language"] = values["language"]
    if "remarks" in values:
        remarks = (values["remarks"] or "").strip()
        if len(remarks) > 4000:
            errors.append(ValidationFailed(_("At most %(n)d characters.") % {"n": 4000}, field="remarks"))
        cleaned["remarks"] = remarks
    if errors:
        raise ValidationFailed.all_of(errors)
    return cleaned


def _check_dates(quotation: Quotation) -> None:
    if quotation.valid_until < quotation.issued_on:
        raise ValidationFailed(_("A quotation cannot expire before its date."), field="valid_until")


def _default_language(customer) -> str:
    spoken = (customer.languages or "").lower()
    return "zh-hans" if customer.country in ("CN", "TW", "HK", "MO") or "zh" in spoken else "en"


def _write_lines(quotation: Quotation, cleaned_lines: list[dict]) -> list[QuotationLine]:
    quotation.lines.all().delete()
    lines = [
        QuotationLine(workspace_id=quotation.workspace_id, quotation=quotation, **values)
        for values in cleaned_lines
    ]
    QuotationLine.objects.bulk_create(lines)
    return lines


def _clean_lines(quotation: Quotation, lines: list[LineInput]) -> list[dict]:
    return lines_clean(
        workspace=quotation.workspace,
        lines=lines,
        currency=quotation.currency,
        customer=quotation.customer,
        on=quotation.issued_on,
        language=quotation.language,
    )


@transaction.atomic
def quotation_create(
    *,
    actor,
    customer,
    lines: list[LineInput],
    currency: str | None = None,
    incoterm: str | None = None,
    incoterm_place: str | None = None,
    payment_terms: list[dict] | None = None,
    inquiry=None,
    **fields,
) -> Quotation:
    """A draft quotation for a customer the rep may see. Missing terms come from the customer's profile
    (currency, Incoterm and place) and the workspace (validity); a line without a price takes the
    customer's list price. The rate to the reporting currency on its date is recorded."""
    if not permissions.can_quote(actor):
        raise PermissionDenied(_("Your role cannot make quotations."))
    if customer.workspace_id != actor.workspace_id or not crm_permissions.can_see_details(actor, customer):
        raise ValidationFailed(_("Choose a customer you may see."), field="customer")
    unknown = set(fields) - set(HEADER_FIELDS)
    if unknown:
        raise TypeError(f"unknown quotation fields: {sorted(unknown)}")
    settings = trade_settings(actor.workspace)
    today = timezone.localdate()
    issued_on = fields.pop("issued_on", None) or today
    if not isinstance(issued_on, dt.date) or not FIRST_DAY <= issued_on <= LAST_DAY:
        raise ValidationFailed(_("Enter a date between 2000 and 2999."), field="issued_on")
    values = {
        "currency": currency or customer.currency or actor.workspace.currency,
        "incoterm": incoterm if incoterm is not None else (customer.incoterm or "FOB"),
        "incoterm_place": incoterm_place if incoterm_place is not None else customer.named_place,
        "payment_terms": payment_terms if payment_terms is not None else [],
        "issued_on": issued_on,
        "valid_until": fields.pop("valid_until", None)
        or issued_on + dt.timedelta(days=settings.validity_days),
        "language": fields.pop("language", None) or _default_language(customer),
        **fields,
    }
    errors = []
    try:
        values = header_clean(actor, customer, values)
    except ValidationFailed as error:
        errors += list(error.each())
    quotation = Quotation(workspace=actor.workspace, customer=customer, owner=actor, created_by=actor)
    for field, value in values.items():
        setattr(quotation, field, value)
    quotation.workspace = actor.workspace
    cleaned_lines = []
    if not errors:
        try:
            _check_dates(quotation)
            record_rate(quotation)
        except ValidationFailed as error:
            errors += list(error.each())
    if not errors or all(e.field != "currency" for e in errors):
        try:
            cleaned_lines = _clean_lines(quotation, lines)
        except ValidationFailed as error:
            errors += list(error.each())
    if errors:
        raise ValidationFailed.all_of(errors)
    quotation.inquiry = inquiry
    quotation.number = quotation.base_number = document_number(actor.workspace, "Q", issued_on)
    quotation.save()
    saved = _write_lines(quotation, cleaned_lines)
    document_totals(quotation, saved)
    quotation.save(update_fields=["total", "total_reporting", "cartons", "cbm", "gross_kg"])
    history(actor, quotation, "quotation.created", on_timeline=True)
    return quotation


def _locked(quotation: Quotation) -> Quotation:
    return (
        Quotation.objects.select_for_update(of=("self",))
        .select_related("workspace", "customer")
        .get(pk=quotation.pk)
    )


@transaction.atomic
def quotation_update(
    *, actor, quotation: Quotation, lines: list[LineInput] | None = None, **changes
) -> Quotation:
    """Change a draft (or an approved quotation, which goes back to draft: what was approved is no
    longer what would be sent). A sent quotation is revised instead."""
    quotation = _locked(quotation)
    require_work(actor, quotation)
    if quotation.status not in EDITABLE_QUOTATION:
        raise Conflict(
            _("Quotation %(number)s is %(status)s; make a revision to change it.")
            % {"number": quotation.number, "status": quotation.get_status_display().lower()}
        )
    unknown = set(changes) - set(HEADER_FIELDS)
    if unknown:
        raise TypeError(f"unknown quotation fields: {sorted(unknown)}")
    values = header_clean(actor, quotation.customer, changes)
    changed = [f for f, v in values.items() if getattr(quotation, f) != v]
    for field in changed:
        setattr(quotation, field, values[field])
    _check_dates(quotation)
    if {"currency", "issued_on"} & set(changed):
        record_rate(quotation)
    if lines is not None:
        saved = _write_lines(quotation, _clean_lines(quotation, lines))
        changed.append("lines")
    elif {"currency", "issued_on"} & set(changed):
        saved = list(quotation.lines.all())
    else:
        saved = None
    if not changed:
        return quotation
    if saved is not None:
        document_totals(quotation, saved)
    if quotation.status == QuotationStatus.APPROVED:
        quotation.status = QuotationStatus.DRAFT
        quotation.decided_by, quotation.decided_at = None, None
    quotation.save()
    history(actor, quotation, "quotation.changed", {"fields": changed})
    return quotation


def _copy_lines(source: Quotation, target: Quotation) -> list[QuotationLine]:
    lines = [
        QuotationLine(
            workspace_id=target.workspace_id,
            quotation=target,
            **{field: getattr(line, field) for field in LINE_COPY},
        )
        for line in source.lines.all()
    ]
    QuotationLine.objects.bulk_create(lines)
    return lines


@transaction.atomic
def quotation_revise(*, actor, quotation: Quotation) -> Quotation:
    """A new revision of a sent (or declined, or expired) quotation: Q-2026-0001-R2, a draft with the same
    terms and lines; the earlier revision stays readable, marked as replaced."""
    quotation = _locked(quotation)
    require_work(actor, quotation)
    if quotation.status not in (QuotationStatus.SENT, QuotationStatus.DECLINED, QuotationStatus.EXPIRED):
        raise Conflict(_("Only a sent, declined or expired quotation is revised; change a draft directly."))
    revision = quotation.revision + 1
    new = Quotation(
        workspace=quotation.workspace,
        customer=quotation.customer,
        owner=actor if quotation.owner_id is None else quotation.owner,
        created_by=actor,
        base_number=quotation.base_number,
        number=f"{quotation.base_number}-R{revision}",
        revision=revision,
        previous=quotation,
        **{field: getattr(quotation, field) for field in HEADER_FIELDS},
    )
    new.inquiry_id = quotation.inquiry_id
    today = timezone.localdate()
    if new.issued_on < today:
        new.valid_until = today + (quotation.valid_until - quotation.issued_on)
        new.issued_on = today
    record_rate(new)
    new.save()
    lines = _copy_lines(quotation, new)
    document_totals(new, lines)
    new.save(update_fields=["total", "total_reporting", "cartons", "cbm", "gross_kg"])
    quotation.status = QuotationStatus.SUPERSEDED
    quotation.save(update_fields=["status", "updated_at"])
    history(actor, quotation, "quotation.revised", {"revision": new.number})
    history(actor, new, "quotation.created", {"from": quotation.number})
    return new


@transaction.atomic
def quotation_copy(*, actor, quotation: Quotation, customer=None) -> Quotation:
    """A new draft quotation (its own number, today's date) with the same terms and lines, for the same
    customer or another one."""
    customer = customer or quotation.customer
    lines = [
        LineInput(
            product=line.product,
            name=line.name,
            specification=line.specification,
            quantity=line.quantity,
            unit=line.unit,
            unit_price=line.unit_price,
            discount_percent=line.discount_percent,
        )
        for line in quotation.lines.select_related("product")
    ]
    terms = {
        field: getattr(quotation, field)
        for field in HEADER_FIELDS
        if field not in ("issued_on", "valid_until")
    }
    if customer.pk != quotation.customer_id:
        terms.pop("contact")
    return quotation_create(actor=actor, customer=customer, lines=lines, **terms)
