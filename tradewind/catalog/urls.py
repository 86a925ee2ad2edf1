from django.urls import path

from tradewind.catalog.views import imports, price_lists, products

app_name = "catalog"

# Included under /w/<slug>/.
urlpatterns = [
    path("products/", products.product_list, name="list"),
    path("products/new/", products.product_create, name="create"),
    path("products/categories/", products.category_list, name="categories"),
    path("products/export/", imports.product_export, name="export"),
    path("products/imports/", imports.import_list, name="imports"),
    path("products/imports/template/<str:kind>/", imports.import_template, name="import_template"),
    path("products/imports/<uuid:catalog_import_id>/", imports.import_detail, name="import"),
    path("products/imports/<uuid:catalog_import_id>/start/", imports.import_start, name="import_start"),
    path("products/imports/<uuid:catalog_import_id>/discard/", imports.import_discard, name="import_discard"),
    path("products/categories/<uuid:category_id>/rename/", products.category_rename, name="category_rename"),
    path("products/categories/<uuid:category_id>/delete/", products.category_delete, name="category_delete"),
    path("products/<uuid:product_id>/", products.product_detail, name="detail"),
    path("products/<uuid:product_id>/edit/", products.product_edit, name="edit"),
    path("products/<uuid:product_id>/status/", products.product_status, name="status"),
    path("products/<uuid:product_id>/photos/", products.photo_add, name="photo_add"),
    path(
        "products/<uuid:product_id>/photos/<uuid:photo_id>/remove/",
        products.photo_remove,
        name="photo_remove",
    ),
    path(
        "products/<uuid:product_id>/photos/<uuid:photo_id>/<str:size>/",
        products.photo_file,
        name="photo_file",
    ),
    path("products/price-lists/", price_lists.price_list_index, name="price_lists"),
    path("products/price-lists/new/", price_lists.price_list_create, name="price_list_create"),
    path("products/price-lists/<uuid:price_list_id>/", price_lists.price_list_detail, name="price_list"),
    path(
        "products/price-lists/<uuid:price_list_id>/edit/", price_lists.price_list_edit, name="price_list_edit"
    ),
    path(
        "products/price-lists/<uuid:price_list_id>/delete/",
        price_lists.price_list_delete,
        name="price_list_delete",
    ),
    path(
        "products/price-lists/<uuid:price_list_id>/copy/", price_lists.price_list_copy, name="price_list_copy"
    ),
    path("products/price-lists/<uuid:price_list_id>/prices/", price_lists.price_set, name="price_set"),
    path(
        "products/price-lists/<uuid:price_list_id>/export/",
        imports.price_list_export,
        name="price_list_export",
    ),
    path(
        "products/price-lists/<uuid:price_list_id>/prices/<uuid:price_id>/remove/",
        price_lists.price_remove,
        name="price_remove",
    ),
    path(
        "products/price-lists/<uuid:price_list_id>/customers/",
        price_lists.customer_search,
        name="price_list_customer_search",
    ),
    path(
        "products/price-lists/<uuid:price_list_id>/customers/<uuid:customer_id>/add/",
        price_lists.customer_add,
        name="price_list_customer_add",
    ),
    path(
        "products/price-lists/<uuid:price_list_id>/customers/<uuid:customer_id>/remove/",
        price_lists.customer_remove,
        name="price_list_customer_remove",
    ),
]
