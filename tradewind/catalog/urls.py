from django.urls import path

from tradewind.catalog import views

app_name = "catalog"

# Included under /w/<slug>/.
urlpatterns = [
    path("products/", views.product_list, name="list"),
    path("products/new/", views.product_create, name="create"),
    path("products/categories/", views.category_list, name="categories"),
    path("products/categories/<uuid:category_id>/rename/", views.category_rename, name="category_rename"),
    path("products/categories/<uuid:category_id>/delete/", views.category_delete, name="category_delete"),
    path("products/<uuid:product_id>/", views.product_detail, name="detail"),
    path("products/<uuid:product_id>/edit/", views.product_edit, name="edit"),
    path("products/<uuid:product_id>/status/", views.product_status, name="status"),
    path("products/<uuid:product_id>/photos/", views.photo_add, name="photo_add"),
    path(
        "products/<uuid:product_id>/photos/<uuid:photo_id>/remove/", views.photo_remove, name="photo_remove"
    ),
    path(
        "products/<uuid:product_id>/photos/<uuid:photo_id>/<str:size>/",
        views.photo_file,
        name="photo_file",
    ),
]
