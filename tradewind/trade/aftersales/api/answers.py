"""What the after-sales API answers: a case with its photos and credit note, a credit note, a photo."""

from __future__ import annotations

from django.urls import reverse

from tradewind.trade.aftersales.models import AftersalesCase, CasePhoto, CreditNote
from tradewind.trade.api.answers import amount_text, member_ref


def _money(amount, currency: str) -> dict | None:
    return None if amount is None else {"amount": amount_text(amount, currency), "currency": currency}


def _ref(obj, name: str) -> dict | None:
    return None if obj is None else {"id": obj.public_id, "name": name}


def photo_out(slug: str, case: AftersalesCase, photo: CasePhoto) -> dict:
    kwargs = {"slug": slug, "case_id": case.public_id, "case_photo_id": photo.public_id}
    return {
        "id": photo.public_id,
        "name": photo.file.original_name,
        "size": photo.file.size,
        "content_type": photo.file.content_type,
        "url": reverse("api:aftersales_photo_file", kwargs=kwargs),
        "thumbnail_url": reverse("api:aftersales_photo_thumbnail", kwargs=kwargs),
        "created_at": photo.created_at,
    }


def credit_out(credit: CreditNote) -> dict:
    order = credit.applied_to
    return {
        "id": credit.public_id,
        "number": credit.number,
        "case": _ref(credit.case, credit.case.number),
        "customer": _ref(credit.customer, credit.customer.name),
        "amount": _money(credit.amount, credit.currency),
        "open": credit.is_open,
        "applied_to": _ref(order, order.number) if order else None,
        "applied_at": credit.applied_at,
        "applied_by": member_ref(credit.applied_by),
        "created_at": credit.created_at,
    }


def case_out(m, case: AftersalesCase) -> dict:
    slug = m.workspace.slug
    credit = (
        CreditNote.objects.filter(case=case)
        .select_related("customer", "applied_to", "applied_by__user")
        .first()
    )
    if credit is not None:
        credit.case = case
    return {
        "id": case.public_id,
        "number": case.number,
        "order": _ref(case.order, case.order.number),
        "shipment": _ref(case.shipment, case.shipment.number) if case.shipment else None,
        "customer": _ref(case.customer, case.customer.name),
        "case_type": case.case_type,
        "description": case.description,
        "currency": case.currency,
        "claimed": _money(case.claimed_amount, case.currency),
        "owner": member_ref(case.owner),
        "status": case.status,
        "resolution": case.resolution,
        "agreed": _money(case.agreed_amount, case.currency),
        "resolution_note": case.resolution_note,
        "resolved_at": case.resolved_at,
        "resolved_by": member_ref(case.resolved_by),
        "opened_by": member_ref(case.opened_by),
        "credit_note": credit_out(credit) if credit else None,
        "photos": [photo_out(slug, case, p) for p in case.photos.select_related("file", "thumbnail")],
        "created_at": case.created_at,
        "updated_at": case.updated_at,
    }
