"""After-sales URLs in the tenancy matrix: an open case about the victim's confirmed order with a photo,
and a case resolved with a credit note — each carrying the marker."""

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

MARKER = "ZZ-SECRET-MARKER-7731"

CASES = {
    "aftersales:list": "404",
    "aftersales:create": "404",
    "aftersales:settings": "404",
    "aftersales:credit_apply": "404",
    "aftersales:detail": "404",
    "aftersales:edit": "404",
    "aftersales:status": "404",
    "aftersales:resolve": "404",
    "aftersales:photo_add": "404",
    "aftersales:photo_file": "404",
    "aftersales:photo_thumbnail": "404",
    "aftersales:photo_remove": "404",
    "api:aftersales_case_list": "404",
    "api:aftersales_case_create": "404",
    "api:aftersales_case_detail": "404",
    "api:aftersales_case_update": "404",
    "api:aftersales_case_status": "404",
    "api:aftersales_case_resolve": "404",
    "api:aftersales_photo_add": "404",
    "api:aftersales_photo_list": "404",
    "api:aftersales_photo_file": "404",
    "api:aftersales_photo_thumbnail": "404",
    "api:aftersales_photo_remove": "404",
    "api:aftersales_credit_list": "404",
    "api:aftersales_credit_apply": "404",
    "api:aftersales_settings_detail": "404",
    "api:aftersales_settings_update": "404",
}

PARAMS = {"case_id": "case_id", "case_photo_id": "case_photo_id", "credit_id": "credit_id"}


def _png(name: str) -> SimpleUploadedFile:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 40), (180, 130, 90)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def build(*, owner, member, customer, order, product) -> dict:
    from tradewind.trade.aftersales import services

    case = services.case_create(
        actor=owner, order=order, case_type="damage", description=f"Crushed cartons {MARKER}",
        claimed_amount=Decimal("10"),
    )  # fmt: skip
    photo = services.case_photo_add(actor=owner, case=case, upload=_png(f"{MARKER}.png"))
    credited = services.case_create(
        actor=owner, order=order, case_type="quality", description=f"Lid colour {MARKER}",
        claimed_amount=Decimal("20"),
    )  # fmt: skip
    services.case_resolve(
        actor=owner, case=credited, resolution="credit_note", agreed_amount=Decimal("15"), note=MARKER
    )
    return {
        "case_id": case.public_id,
        "case_photo_id": photo.public_id,
        "credit_id": credited.credit_note.public_id,
    }
