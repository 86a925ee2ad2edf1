"""An order's production under /api/v1/workspaces/{slug}/orders/{order_id}/production…: the factories that
make it, their dates, progress updates and photos — the same services and rules as the pages. Whoever may
see the order reads it; the merchandiser and the leads record it."""

from uuid import UUID

from django.http import Http404
from django.urls import reverse
from ninja import File, Status, UploadedFile

from tradewind.api.auth import api_membership
from tradewind.api.responses import answers
from tradewind.files.responses import stored_file_response
from tradewind.trade.access import access_order
from tradewind.trade.production import selectors, services
from tradewind.trade.production.access import (
    access_production,
    access_progress_photo,
    access_progress_update,
    access_supplier,
)
from tradewind.trade.production.api.router import router
from tradewind.trade.production.api.schemas import (
    ProductionIn,
    ProductionOut,
    ProductionPatch,
    ProgressIn,
    ProgressOut,
    ProgressPhotoOut,
    SupplierRefOut,
)
from tradewind.trade.production.models import Production, ProgressPhoto, ProgressUpdate

BASE = "/workspaces/{slug}/orders/{order_id}/production"
ONE = BASE + "/{production_id}"
UPDATE = ONE + "/progress/{progress_id}"
PHOTO = UPDATE + "/photos/{progress_photo_id}"


def production_out(production: Production) -> ProductionOut:
    return ProductionOut(
        id=production.public_id,
        order=production.order.public_id,
        supplier=SupplierRefOut(id=production.supplier.public_id, name=production.supplier.name),
        goods=production.goods,
        planned_start=production.planned_start,
        planned_ready=production.planned_ready,
        actual_start=production.actual_start,
        actual_ready=production.actual_ready,
        expected_ready=production.expected_ready,
        ready_date=production.ready_date,
        progress=production.progress,
        status=production.status,
        late=production.late,
        notes=production.notes,
        created_at=production.created_at,
    )


def _photo_out(slug: str, production: Production, update: ProgressUpdate, photo: ProgressPhoto):
    kwargs = {
        "slug": slug, "order_id": production.order.public_id, "production_id": production.public_id,
        "progress_id": update.public_id, "progress_photo_id": photo.public_id,
    }  # fmt: skip
    return ProgressPhotoOut(
        id=photo.public_id,
        name=photo.file.original_name,
        size=photo.file.size,
        content_type=photo.file.content_type,
        url=reverse("api:production_progress_photo_file", kwargs=kwargs),
        thumbnail_url=reverse("api:production_progress_photo_thumbnail", kwargs=kwargs),
        created_at=photo.created_at,
    )


def _update_out(slug: str, production: Production, update: ProgressUpdate) -> ProgressOut:
    author = update.author.user.display_name if update.author else None
    return ProgressOut(
        id=update.public_id,
        progress=update.progress,
        note=update.note,
        expected_ready=update.expected_ready,
        author=author,
        photos=[
            _photo_out(slug, production, update, p)
            for p in update.photos.select_related("file").order_by("created_at", "id")
        ],
        created_at=update.created_at,
    )


def _production(m, order_id, production_id) -> Production:
    return access_production(m, access_order(m, order_id), production_id)


@router.get(BASE, response=list[ProductionOut], summary="The order's production, factory by factory")
def production_list(request, slug: str, order_id: UUID):
    order = access_order(api_membership(request, slug), order_id)
    return [production_out(p) for p in selectors.order_productions(order)]


@router.post(BASE, response=answers(ProductionOut, 403, 409, status=201), summary="Place production")
def production_create(request, slug: str, order_id: UUID, payload: ProductionIn):
    """Place (part of) a confirmed order with a supplier (409: the order is not confirmed, or cancelled).
    An expected ready date after the order's delivery date flags the order at risk."""
    m = api_membership(request, slug)
    order = access_order(m, order_id)
    supplier = access_supplier(m, payload.supplier)
    production = services.production_create(
        actor=m, order=order, supplier=supplier, **payload.dict(exclude={"supplier"})
    )
    return Status(201, production_out(production))


@router.get(ONE, response=ProductionOut, summary="One production")
def production_detail(request, slug: str, order_id: UUID, production_id: UUID):
    return production_out(_production(api_membership(request, slug), order_id, production_id))


@router.patch(ONE, response=answers(ProductionOut, 403, 409), summary="Change a production")
def production_update(request, slug: str, order_id: UUID, production_id: UUID, payload: ProductionPatch):
    """Change the fields you send: the supplier, dates (null clears one), progress, status, notes."""
    m = api_membership(request, slug)
    production = _production(m, order_id, production_id)
    changes = {k: getattr(payload, k) for k in payload.model_fields_set}
    supplier = access_supplier(m, changes.pop("supplier")) if "supplier" in changes else None
    production = services.production_update(actor=m, production=production, supplier=supplier, **changes)
    return production_out(production)


@router.get(ONE + "/progress", response=list[ProgressOut], summary="Progress updates, newest first")
def production_progress_list(request, slug: str, order_id: UUID, production_id: UUID):
    production = _production(api_membership(request, slug), order_id, production_id)
    return [_update_out(slug, production, u) for u in selectors.production_updates(production)]


@router.post(
    ONE + "/progress", response=answers(ProgressOut, 403, 409, status=201), summary="Record progress"
)
def production_progress_add(request, slug: str, order_id: UUID, production_id: UUID, payload: ProgressIn):
    """How far the factory is and, if it moved, the new expected ready date (photos: POST them to the
    update's …/photos). A ready date past the order's delivery date flags the order at risk and tells its
    sales rep; back within it, the flag is cleared."""
    m = api_membership(request, slug)
    production = _production(m, order_id, production_id)
    update = services.production_progress_add(actor=m, production=production, **payload.dict())
    return Status(201, _update_out(slug, production, update))


# The upload is the only operation of its path: its URL resolves to "api:production_progress_photo_add",
# the name the upload limit is registered under (registry.py, files/limits.py).
@router.post(UPDATE + "/photos", response=answers(ProgressPhotoOut, 403, 409, status=201))
def production_progress_photo_add(
    request, slug: str, order_id: UUID, production_id: UUID, progress_id: UUID, file: File[UploadedFile]
):
    """Add a photo to a progress update (multipart, field `file`): a JPEG, PNG, WebP or GIF image, typed by
    its content; anything else is refused (422)."""
    m = api_membership(request, slug)
    production = _production(m, order_id, production_id)
    update = access_progress_update(m, production, progress_id)
    photo = services.progress_photo_add(actor=m, update=update, upload=file)
    return Status(201, _photo_out(slug, production, update, photo))


def _file_answer() -> dict:
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {
        "responses": {
            "200": {
                "description": "The image, as a download (Content-Disposition: attachment).",
                "content": dict.fromkeys(("image/jpeg", "image/png", "image/webp", "image/gif"), binary),
            }
        }
    }


def _photo(request, slug, order_id, production_id, progress_id, progress_photo_id) -> ProgressPhoto:
    m = api_membership(request, slug)
    production = _production(m, order_id, production_id)
    update = access_progress_update(m, production, progress_id)
    photo = access_progress_photo(m, production, progress_photo_id)
    if photo.update_id != update.pk:
        raise Http404
    return photo


@router.get(PHOTO + "/file", response={200: None}, openapi_extra=_file_answer())
def production_progress_photo_file(
    request, slug: str, order_id: UUID, production_id: UUID, progress_id: UUID, progress_photo_id: UUID
):
    photo = _photo(request, slug, order_id, production_id, progress_id, progress_photo_id)
    return stored_file_response(photo.file)


@router.get(PHOTO + "/thumbnail", response={200: None}, openapi_extra=_file_answer())
def production_progress_photo_thumbnail(
    request, slug: str, order_id: UUID, production_id: UUID, progress_id: UUID, progress_photo_id: UUID
):
    photo = _photo(request, slug, order_id, production_id, progress_id, progress_photo_id)
    return stored_file_response(photo.thumbnail)
