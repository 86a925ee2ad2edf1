"""Production's URLs in the tenancy matrix: a supplier, the victim's confirmed order made there with a
progress update and its photo, and a failed QC inspection with its report and photo — each carrying the
marker."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import workspace_today

MARKER = "ZZ-SECRET-MARKER-7731"

CASES = {
    "production:suppliers": "404",
    "production:supplier_create": "404",
    "production:supplier": "404",
    "production:supplier_edit": "404",
    "production:supplier_archive": "404",
    "production:production_create": "404",
    "production:inspection_create": "404",
    "production:production": "404",
    "production:production_edit": "404",
    "production:progress_add": "404",
    "production:progress_photo": "404",
    "production:inspections": "404",
    "production:inspection": "404",
    "production:inspection_edit": "404",
    "production:inspection_result": "404",
    "production:inspection_attach": "404",
    "production:inspection_accept_risk": "404",
    "production:inspection_report": "404",
    "production:inspection_photo": "404",
    "api:supplier_list": "404",
    "api:supplier_create": "404",
    "api:supplier_detail": "404",
    "api:supplier_update": "404",
    "api:supplier_archive": "404",
    "api:supplier_restore": "404",
    "api:production_list": "404",
    "api:production_create": "404",
    "api:production_detail": "404",
    "api:production_update": "404",
    "api:production_progress_list": "404",
    "api:production_progress_add": "404",
    "api:production_progress_photo_add": "404",
    "api:production_progress_photo_file": "404",
    "api:production_progress_photo_thumbnail": "404",
    "api:inspection_list": "404",
    "api:inspection_create": "404",
    "api:inspection_detail": "404",
    "api:inspection_update": "404",
    "api:inspection_result": "404",
    "api:inspection_accept_risk": "404",
    "api:inspection_report_attach": "404",
    "api:inspection_report_file": "404",
    "api:inspection_photo_add": "404",
    "api:inspection_photo_file": "404",
    "api:inspection_photo_thumbnail": "404",
}

PARAMS = {
    "supplier_id": "supplier_id",
    "production_id": "production_id",
    "progress_id": "progress_id",
    "progress_photo_id": "progress_photo_id",
    "inspection_id": "inspection_id",
    "inspection_photo_id": "inspection_photo_id",
}


def _png(name: str) -> SimpleUploadedFile:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 40), (20, 120, 200)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def build(*, owner, member, customer, order, product) -> dict:
    from tradewind.trade.production import services

    supplier = services.supplier_create(
        actor=owner, name=f"Factory {MARKER}", contact_person=f"Mr {MARKER}", city="Ningbo", country="CN",
        notes=MARKER,
    )  # fmt: skip
    production = services.production_create(
        actor=owner, order=order, supplier=supplier, goods=f"Kettles {MARKER}", notes=MARKER
    )
    update = services.production_progress_add(
        actor=owner, production=production, progress=40, note=MARKER, photos=[_png(f"{MARKER}.png")]
    )
    inspection = services.inspection_book(
        actor=owner, order=order, production=production, inspected_on=workspace_today(),
        agency="other", agency_name=f"Agency {MARKER}", inspector=f"Inspector {MARKER}", notes=MARKER,
    )  # fmt: skip
    services.inspection_record_result(
        actor=owner,
        inspection=inspection,
        result="fail",
        defects=f"Scratches {MARKER}",
        report=SimpleUploadedFile(f"{MARKER}.pdf", b"%PDF-1.4 " + MARKER.encode()),
        photos=[_png(f"{MARKER}-defect.png")],
    )
    return {
        "supplier_id": supplier.public_id,
        "production_id": production.public_id,
        "progress_id": update.public_id,
        "progress_photo_id": update.photos.get().public_id,
        "inspection_id": inspection.public_id,
        "inspection_photo_id": inspection.photos.get().public_id,
    }
