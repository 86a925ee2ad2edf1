"""The catalog's rules: categories, products, their photos. The UI and the API both call these."""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from tradewind.activity.services import activity_record
from tradewind.catalog import permissions
from tradewind.catalog.choices import ProductStatus
from tradewind.catalog.models import Category, Product, ProductPhoto
from tradewind.catalog.rules import product_check_whole, product_clean
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.core.realtime import broadcast_on_commit
from tradewind.core.text import fold
from tradewind.files.images import ImageTooLarge, ImageUnreadable, jpeg_thumbnail
from tradewind.files.services import stored_file_delete, stored_file_save
from tradewind.files.sniffing import sniff

SUBJECT = "catalog.product"
# What an editor may change; cost only with can_edit_costs (finance may change nothing else).
PRODUCT_FIELDS = (
    "sku", "name_en", "name_zh", "names", "category", "description", "specs", "hs_code", "unit", "moq",
    "lead_time_days", "units_per_carton", "carton_length_cm", "carton_width_cm", "carton_height_cm",
    "carton_net_kg", "carton_gross_kg",
)  # fmt: skip
MAX_PHOTOS = 12
PHOTO_TYPES = {"jpeg", "png", "webp", "gif"}
THUMBNAIL_PIXELS = 320


def _require_editor(actor) -> None:
    if not permissions.can_edit_catalog(actor):
        raise PermissionDenied(_("Your role cannot change the catalog."))


def _history(actor, product: Product, kind: str, data: dict | None = None) -> None:
    """An entry in the product's history (its activity stream)."""
    activity_record(
        workspace_id=actor.workspace_id,
        subject=(SUBJECT, product.public_id),
        kind=kind,
        actor=actor,
        data=data,
    )


# --- categories ---------------------------------------------------------------------------------------


def _category_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Give the category a name."), field="name")
    if len(name) > 80:
        raise ValidationFailed(_("At most %(n)d characters.") % {"n": 80}, field="name")
    return name


def _category_unique(workspace, name: str, *, exclude=None) -> None:
    others = (
        Category.objects.filter(workspace=workspace).annotate(lower=Lower("name")).filter(lower=name.lower())
    )
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise Conflict(_("There is a category “%(name)s” already.") % {"name": name}, field="name")


@transaction.atomic
def category_create(*, actor, name: str) -> Category:
    _require_editor(actor)
    name = _category_name(name)
    _category_unique(actor.workspace, name)
    category = Category.objects.create(workspace=actor.workspace, name=name)
    broadcast_on_commit(actor.workspace, "catalog")
    return category


@transaction.atomic
def category_rename(*, actor, category: Category, name: str) -> Category:
    _require_editor(actor)
    name = _category_name(name)
    _category_unique(actor.workspace, name, exclude=category)
    category.name = name
    category.save(update_fields=["name", "updated_at"])
    _reindex(Product.objects.filter(category=category).select_related("category"))
    broadcast_on_commit(actor.workspace, "catalog")
    return category


@transaction.atomic
def category_delete(*, actor, category: Category) -> int:
    """Delete a category; its products stay, without a category. Answers how many there were."""
    _require_editor(actor)
    ids = list(Product.objects.filter(category=category).values_list("pk", flat=True))
    category.delete()
    _reindex(Product.objects.filter(pk__in=ids))
    broadcast_on_commit(actor.workspace, "catalog")
    return len(ids)


# --- products -----------------------------------------------------------------------------------------


def product_search_text(product: Product) -> str:
    """What a search of the catalog reads: SKU, every name, HS code, category and specification values."""
    parts = [product.sku, product.name_en, product.name_zh, *product.names.values(), product.hs_code]
    if product.category_id:
        parts.append(product.category.name)
    for key, value in product.specs:
        parts += [key, value]
    return " ".join(fold(p) for p in parts if p)[:4000]


def _reindex(products) -> None:
    for product in products:
        product.search_text = product_search_text(product)
        Product.objects.filter(pk=product.pk).update(search_text=product.search_text)


def _check_category(actor, category):
    if category is not None and category.workspace_id != actor.workspace_id:
        raise ValidationFailed(_("Choose a category of this workspace."), field="category")


def _save(product: Product) -> None:
    product_check_whole(product)
    product.search_text = product_search_text(product)
    try:
        with transaction.atomic():
            product.save()
    except IntegrityError:
        raise Conflict(
            _("There is a product with the SKU “%(sku)s” already.") % {"sku": product.sku}, field="sku"
        ) from None


@transaction.atomic
def product_create(*, actor, sku: str, category: Category | None = None, cost=None, **fields) -> Product:
    """A new product. Its cost may be given only by those who may see costs."""
    _require_editor(actor)
    if cost is not None and not permissions.can_edit_costs(actor):
        raise PermissionDenied(_("Your role cannot see or set cost prices."))
    unknown = set(fields) - set(PRODUCT_FIELDS)
    if unknown:
        raise TypeError(f"unknown product fields: {sorted(unknown)}")
    _check_category(actor, category)
    values = product_clean({"sku": sku, **fields, **({"cost": cost} if cost is not None else {})})
    product = Product(workspace=actor.workspace, created_by=actor, category=category)
    for field, value in values.items():
        setattr(product, field, value)
    _save(product)
    _history(actor, product, "catalog.created")
    broadcast_on_commit(actor.workspace, "catalog")
    return product


@transaction.atomic
def product_update(*, actor, product: Product, **changes) -> Product:
    """Change some fields. Editors change the product; those who may see costs change its cost (finance:
    only that). Records which fields changed."""
    product = Product.objects.select_for_update(of=("self",)).select_related("category").get(pk=product.pk)
    unknown = set(changes) - set(PRODUCT_FIELDS) - {"cost"}
    if unknown:
        raise TypeError(f"unknown product fields: {sorted(unknown)}")
    if "cost" in changes and not permissions.can_edit_costs(actor):
        raise PermissionDenied(_("Your role cannot see or set cost prices."))
    if set(changes) - {"cost"} and not permissions.can_edit_catalog(actor):
        raise PermissionDenied(_("Your role cannot change the catalog."))
    category_given = "category" in changes
    category = changes.pop("category", None)
    if category_given:
        _check_category(actor, category)
    values = product_clean(changes)
    changed = []
    if category_given and product.category_id != (category.pk if category else None):
        product.category = category
        changed.append("category")
    for field, value in values.items():
        if getattr(product, field) != value:
            setattr(product, field, value)
            changed.append(field)
    if not changed:
        return product
    _save(product)
    _history(actor, product, "catalog.changed", {"fields": changed})
    broadcast_on_commit(actor.workspace, "catalog")
    return product


@transaction.atomic
def product_set_status(*, actor, product: Product, status: str) -> Product:
    """Discontinue a product (it stays in quotations and orders already made, and is offered no more) or
    bring it back."""
    _require_editor(actor)
    if status not in ProductStatus.values:
        raise ValidationFailed(_("Choose a status from the list."), field="status")
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.status == status:
        return product
    product.status = status
    product.save(update_fields=["status", "updated_at"])
    kind = "catalog.discontinued" if status == ProductStatus.DISCONTINUED else "catalog.reactivated"
    _history(actor, product, kind)
    broadcast_on_commit(actor.workspace, "catalog")
    return product


# --- photos ---------------------------------------------------------------------------------------------


def _accept_photo(sniffed) -> None:
    if sniffed.kind not in PHOTO_TYPES:
        raise ValidationFailed(_("A photo is a JPEG, PNG, WebP or GIF image."), field="file")


def _thumbnail(source) -> ContentFile:
    try:
        return ContentFile(jpeg_thumbnail(source, pixels=THUMBNAIL_PIXELS))
    except ImageTooLarge:
        raise ValidationFailed(_("The image is too large (more than 50 megapixels)."), field="file") from None
    except ImageUnreadable:
        raise ValidationFailed(_("The image could not be read; is the file damaged?"), field="file") from None


@transaction.atomic
def product_photo_add(*, actor, product: Product, upload) -> ProductPhoto:
    _require_editor(actor)
    product = Product.objects.select_for_update().get(pk=product.pk)
    count = product.photos.count()
    if count >= MAX_PHOTOS:
        raise Conflict(_("A product has at most %(n)d photos; remove one first.") % {"n": MAX_PHOTOS})
    # The thumbnail first, from the upload: an image that cannot be read is refused before anything is
    # stored (content written and then refused stayed in the storage, its row rolled back, for good).
    # What is not a photo at all, stored_file_save refuses below with its own message (a program's, say).
    small = _thumbnail(upload) if sniff(upload, getattr(upload, "name", "")).kind in PHOTO_TYPES else None
    stored = stored_file_save(
        workspace=actor.workspace,
        content=upload,
        name=getattr(upload, "name", "photo"),
        uploaded_by=actor,
        max_bytes=settings.PRODUCT_PHOTO_MAX_BYTES,
        accept=_accept_photo,
    )
    thumb = stored_file_save(
        workspace=actor.workspace,
        content=small,
        name=f"{stored.original_name.rsplit('.', 1)[0]}-thumbnail.jpg",
        uploaded_by=actor,
        max_bytes=settings.PRODUCT_PHOTO_MAX_BYTES,
    )
    photo = ProductPhoto.objects.create(
        workspace=actor.workspace, product=product, file=stored, thumbnail=thumb, position=count
    )
    _history(actor, product, "catalog.photo_added", {"name": stored.original_name})
    broadcast_on_commit(actor.workspace, "catalog")
    return photo


@transaction.atomic
def product_photo_remove(*, actor, photo: ProductPhoto) -> None:
    _require_editor(actor)
    product = photo.product
    name = photo.file.original_name
    files = (photo.file, photo.thumbnail)
    photo.delete()
    for stored in files:
        stored_file_delete(stored)
    _history(actor, product, "catalog.photo_removed", {"name": name})
    broadcast_on_commit(actor.workspace, "catalog")
