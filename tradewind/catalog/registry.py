"""What the catalog plugs into shared machinery: its history lines, the product as a subject, its menu
entry and flags, and the photo upload's size limit."""

from functools import partial

from django.utils.translation import gettext_lazy as _

from tradewind.activity.kinds import activity_kind_register
from tradewind.catalog.choices import CatalogAuditAction
from tradewind.core.subjects import subject_kind_register
from tradewind.notifications.kinds import notification_kind_register
from tradewind.workspaces.audit import audit_actions_register

HISTORY = {
    "catalog.created": _("Product created"),
    "catalog.changed": _("Changed: %(fields)s"),  # data: fields
    "catalog.discontinued": _("Discontinued"),
    "catalog.reactivated": _("Offered again"),
    "catalog.photo_added": _("Photo added: %(name)s"),  # data: name
    "catalog.photo_removed": _("Photo removed: %(name)s"),  # data: name
    "price_list.created": _("Price list created"),
    "price_list.copied": _("Copied from “%(name)s” with %(count)s prices"),  # data: name, count
    "price_list.changed": _("Changed: %(fields)s"),  # data: fields
    "price_list.price_set": _("Price of %(sku)s from %(quantity)s: %(price)s"),  # data: sku, quantity, price
    "price_list.price_removed": _("Price of %(sku)s from %(quantity)s removed"),  # data: sku, quantity
    "price_list.customer_added": _("Agreed with %(name)s"),  # data: name
    "price_list.customer_removed": _("No longer agreed with %(name)s"),  # data: name
    "price_list.imported": _("%(count)s prices imported from %(name)s"),  # data: name, count
}


def _history_text(message, data: dict) -> str:
    from tradewind.catalog.fields import field_labels

    values = {key: data.get(key, "") for key in ("name", "count", "sku", "quantity", "price")}
    return str(message) % {"fields": field_labels(data.get("fields", [])), **values}


for _key, _message in HISTORY.items():
    activity_kind_register(_key, _message, text=partial(_history_text, _message))


def _resolve_products(membership, ids):
    from django.urls import reverse
    from django.utils.translation import get_language

    from tradewind.catalog.models import Product

    slug, language = membership.workspace.slug, get_language()
    products = Product.objects.filter(workspace_id=membership.workspace_id, public_id__in=ids)
    return {
        p.public_id: (f"{p.sku} {p.name_in(language)}", reverse("catalog:detail", args=[slug, p.public_id]))
        for p in products
    }


subject_kind_register("catalog.product", _("Product"), _resolve_products)


def _resolve_price_lists(membership, ids):
    from django.urls import reverse

    from tradewind.catalog.models import PriceList

    slug = membership.workspace.slug
    lists = PriceList.objects.filter(workspace_id=membership.workspace_id, public_id__in=ids)
    return {p.public_id: (p.name, reverse("catalog:price_list", args=[slug, p.public_id])) for p in lists}


subject_kind_register("catalog.price_list", _("Price list"), _resolve_price_lists)


def _navigation():
    from tradewind.catalog import permissions
    from tradewind.core.navigation import navigation_entry_register, navigation_flag_register

    navigation_entry_register("catalog", _("Products"), "catalog:list", 15, app="catalog")
    navigation_flag_register("catalog_edit", permissions.can_edit_catalog)
    navigation_flag_register("catalog_costs", permissions.can_see_costs)
    navigation_flag_register("catalog_prices", permissions.can_edit_prices)
    navigation_flag_register("catalog_import", permissions.can_import)


_navigation()
audit_actions_register(CatalogAuditAction)
notification_kind_register("catalog.import_finished", _("Your catalog import has finished"))


def _upload_routes():
    from django.conf import settings

    from tradewind.files.limits import upload_route_register

    for view_name in ("catalog:photo_add", "api:product_photo_add"):
        upload_route_register(view_name, lambda: settings.PRODUCT_PHOTO_MAX_BYTES)
    # The API path's list operation comes first, and names the path.
    for view_name in ("catalog:imports", "api:catalog_import_list", "api:catalog_import_create"):
        upload_route_register(view_name, lambda: settings.IMPORT_MAX_BYTES)


_upload_routes()


def _crm_hooks():
    from tradewind.crm.hooks import customer_merge_hook_register

    def move(**kwargs):
        from tradewind.catalog.services.price_lists import customer_price_lists_move

        return customer_price_lists_move(**kwargs)

    customer_merge_hook_register("price_lists", move)


_crm_hooks()
