"""Catalog look-ups inside the member's workspace (DESIGN §3.4): another workspace's id is a 404."""

from tradewind.catalog.models import Category, PriceList, Product, ProductPhoto, ProductPrice
from tradewind.workspaces.access import get_in_workspace_or_404


def access_product(membership, public_id) -> Product:
    return get_in_workspace_or_404(
        Product.objects.select_related("category"), membership, public_id=public_id
    )


def access_category(membership, public_id) -> Category:
    return get_in_workspace_or_404(Category.objects.all(), membership, public_id=public_id)


def access_photo(membership, product: Product, public_id) -> ProductPhoto:
    return get_in_workspace_or_404(
        ProductPhoto.objects.select_related("file", "thumbnail"),
        membership,
        product=product,
        public_id=public_id,
    )


def access_price_list(membership, public_id) -> PriceList:
    return get_in_workspace_or_404(PriceList.objects.select_related("grade"), membership, public_id=public_id)


def access_product_price(membership, price_list: PriceList, public_id) -> ProductPrice:
    return get_in_workspace_or_404(
        ProductPrice.objects.select_related("product", "price_list"),
        membership,
        price_list=price_list,
        public_id=public_id,
    )


def access_catalog_import(membership, public_id):
    """An import of the workspace, for someone who may import its kind (else a 404, as if none)."""
    from django.http import Http404

    from tradewind.catalog import permissions
    from tradewind.catalog.models import CatalogImport

    job = get_in_workspace_or_404(
        CatalogImport.objects.select_related("created_by__user", "price_list", "file"),
        membership,
        public_id=public_id,
    )
    if not permissions.can_import(membership, job.kind):
        raise Http404
    return job
