from django.urls import path

from tradewind.trade.shipping.views import packing, shipments

app_name = "shipping"

SHIPMENT = "shipments/<uuid:shipment_id>/"
CONTAINER = SHIPMENT + "containers/<uuid:container_id>/"

# Included under /w/<slug>/.
urlpatterns = [
    path("shipments/", shipments.shipment_list, name="list"),
    path("orders/<uuid:order_id>/shipments/new/", shipments.shipment_create, name="create"),
    path(SHIPMENT, shipments.shipment_detail, name="detail"),
    path(SHIPMENT + "edit/", shipments.shipment_edit, name="edit"),
    path(SHIPMENT + "status/", shipments.shipment_status, name="status"),
    path(SHIPMENT + "eta/", shipments.shipment_eta, name="eta"),
    path(SHIPMENT + "release/", shipments.shipment_release, name="release"),
    path(SHIPMENT + "goods/", packing.shipment_goods, name="goods"),
    path(SHIPMENT + "containers/new/", packing.container_add, name="container_add"),
    path(CONTAINER, packing.container_edit, name="container_edit"),
    path(CONTAINER + "delete/", packing.container_delete, name="container_delete"),
]
