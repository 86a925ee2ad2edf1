"""The catalog's pages: the product list, a product, its form, its photos; the categories."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradewind.activity.selectors import activity_page
from tradewind.catalog import forms, permissions, selectors, services
from tradewind.catalog.access import access_category, access_photo, access_product
from tradewind.catalog.choices import ProductStatus
from tradewind.catalog.rules import hs_code_display, language_name
from tradewind.core.actions import service_run
from tradewind.core.errors import ApplicationError, PermissionDenied
from tradewind.core.forms import form_add_service_error
from tradewind.core.pagination import paginate
from tradewind.files.responses import stored_file_response
from tradewind.workspaces.access import workspace_view


def _to_product(request, product):
    return redirect("catalog:detail", slug=request.workspace.slug, product_id=product.public_id)


def _require(check, request):
    if not check(request.membership):
        raise Http404  # the page of an action the role does not have: as if it did not exist


def product_filters(request) -> tuple[forms.ProductFilterForm, selectors.ProductFilters, dict]:
    """The list's filter form, the filters it says, and its cleaned data (the list and its export)."""
    categories = selectors.categories(membership=request.membership)
    form = forms.ProductFilterForm(request.GET or None, categories=categories)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    category_value = data.get("category") or ""
    filters = selectors.ProductFilters(
        q=data.get("q", ""),
        category=next((c for c in categories if str(c.public_id) == category_value), None),
        uncategorised=category_value == "none",
        status="" if data.get("status") == "all" else (data.get("status") or "active"),
        unit=data.get("unit", ""),
        sort=data.get("sort") or "sku",
    )
    return form, filters, data


@workspace_view
@require_GET
def product_list(request):
    form, filters, data = product_filters(request)
    page = paginate(selectors.product_list(membership=request.membership, filters=filters), request)
    context = {
        "export_query": request.GET.urlencode(),
        "filter_form": form,
        "page": page,
        "products_url": reverse("catalog:list", args=[request.workspace.slug]),
        "can_edit": permissions.can_edit_catalog(request.membership),
        "can_see_costs": permissions.can_see_costs(request.membership),
        "filtered": any(data.get(k) for k in ("q", "category", "unit"))
        or data.get("status") in ("discontinued", "all"),
    }
    template = "catalog/product_list.html#product-table" if request.htmx else "catalog/product_list.html"
    return render(request, template, context)


def _form(request, *, product=None, data=None):
    me = request.membership
    can_edit, can_cost = permissions.can_edit_catalog(me), permissions.can_edit_costs(me)
    initial = forms.ProductForm.initial_for(product) if product is not None else None
    return forms.ProductForm(
        data,
        initial=initial,
        categories=selectors.categories(membership=me),
        with_cost=can_cost,
        cost_only=can_cost and not can_edit,
        currency=request.workspace.currency,
    )


@workspace_view
@require_http_methods(["GET", "POST"])
def product_create(request):
    _require(permissions.can_edit_catalog, request)
    form = _form(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = form.service_values()
        try:
            product = services.product_create(actor=request.membership, **values)
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Product %(sku)s created.") % {"sku": product.sku})
            return _to_product(request, product)
    status = 400 if form.errors else 200
    return render(request, "catalog/product_form.html", {"form": form, "product": None}, status=status)


@workspace_view
@require_http_methods(["GET", "POST"])
def product_edit(request, product_id):
    me = request.membership
    product = access_product(me, product_id)
    if not (permissions.can_edit_catalog(me) or permissions.can_edit_costs(me)):
        raise Http404
    form = _form(request, product=product, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.product_update(actor=me, product=product, **form.service_values())
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return _to_product(request, product)
    status = 400 if form.errors else 200
    return render(request, "catalog/product_form.html", {"form": form, "product": product}, status=status)


@workspace_view
@require_GET
def product_detail(request, product_id):
    me = request.membership
    product = access_product(me, product_id)
    language = request.LANGUAGE_CODE
    context = {
        "product": product,
        "name": product.name_in(language),
        "hs_code": hs_code_display(product.hs_code) if product.hs_code else "",
        "other_names": [(language_name(code, language), name) for code, name in product.names.items()],
        "photos": list(product.photos.select_related("file")),
        "prices": _prices_marked(product),
        "can_price": permissions.can_edit_prices(me),
        "events": activity_page(
            workspace_id=product.workspace_id, subject=(services.SUBJECT, product.public_id), limit=50
        ),
        "can_edit": permissions.can_edit_catalog(me),
        "can_edit_costs": permissions.can_edit_costs(me),
        "can_see_costs": permissions.can_see_costs(me),
        "photo_form": forms.PhotoForm(),
        "max_photos": services.MAX_PHOTOS,
        "statuses": ProductStatus,
    }
    return render(request, "catalog/product_detail.html", context)


def _prices_marked(product):
    today = timezone.localdate()
    prices = selectors.product_prices(product=product)
    for price in prices:
        price.price_list.valid_today = price.price_list.is_valid_on(today)
    return prices


def _act(request, product, action, *, success: str, anchor: str = ""):
    """Run a service for a button on the product page; its refusal is shown there."""
    service_run(request, action, success=success)
    url = reverse("catalog:detail", args=[request.workspace.slug, product.public_id])
    return redirect(url + anchor)


@workspace_view
@require_POST
def product_status(request, product_id):
    product = access_product(request.membership, product_id)
    form = forms.StatusForm(request.POST)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    success = (
        _("Discontinued: it is no longer offered.")
        if status == ProductStatus.DISCONTINUED
        else _("Offered again.")
    )
    return _act(
        request,
        product,
        lambda: services.product_set_status(actor=request.membership, product=product, status=status),
        success=success,
    )


@workspace_view
@require_POST
def photo_add(request, product_id):
    product = access_product(request.membership, product_id)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a photo to add."))
        return redirect(
            reverse("catalog:detail", args=[request.workspace.slug, product.public_id]) + "#photos"
        )
    return _act(
        request,
        product,
        lambda: services.product_photo_add(actor=request.membership, product=product, upload=upload),
        success=_("Photo added."),
        anchor="#photos",
    )


@workspace_view
@require_POST
def photo_remove(request, product_id, photo_id):
    product = access_product(request.membership, product_id)
    photo = access_photo(request.membership, product, photo_id)
    return _act(
        request,
        product,
        lambda: services.product_photo_remove(actor=request.membership, photo=photo),
        success=_("Photo removed."),
        anchor="#photos",
    )


@workspace_view
@require_GET
def photo_file(request, product_id, photo_id, size):
    if size not in ("image", "thumbnail"):
        raise Http404
    product = access_product(request.membership, product_id)
    photo = access_photo(request.membership, product, photo_id)
    return stored_file_response(photo.thumbnail if size == "thumbnail" else photo.file, unchanging=True)


# --- categories ---------------------------------------------------------------------------------------


@workspace_view
@require_http_methods(["GET", "POST"])
def category_list(request):
    me = request.membership
    form = forms.CategoryForm(request.POST or None)
    if request.method == "POST":
        _require(permissions.can_edit_catalog, request)
        if form.is_valid():
            try:
                category = services.category_create(actor=me, name=form.cleaned_data["name"])
            except ApplicationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("Category “%(name)s” added.") % {"name": category.name})
                return redirect("catalog:categories", slug=request.workspace.slug)
    context = {
        "categories": selectors.categories_with_counts(membership=me),
        "form": form,
        "can_edit": permissions.can_edit_catalog(me),
    }
    return render(request, "catalog/categories.html", context, status=400 if form.errors else 200)


@workspace_view
@require_POST
def category_rename(request, category_id):
    category = access_category(request.membership, category_id)
    form = forms.CategoryForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_("Give the category a name."))
        services.category_rename(actor=request.membership, category=category, name=form.cleaned_data["name"])
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Renamed."))
    return redirect("catalog:categories", slug=request.workspace.slug)


@workspace_view
@require_POST
def category_delete(request, category_id):
    category = access_category(request.membership, category_id)
    try:
        count = services.category_delete(actor=request.membership, category=category)
    except PermissionDenied as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            ngettext(
                "Category “%(name)s” deleted; %(count)d product now has no category.",
                "Category “%(name)s” deleted; %(count)d products now have no category.",
                count,
            )
            % {"name": category.name, "count": count},
        )
    return redirect("catalog:categories", slug=request.workspace.slug)
