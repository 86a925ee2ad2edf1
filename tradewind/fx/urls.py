from django.urls import path

from tradewind.fx import views

app_name = "fx"

# Included under /w/<slug>/.
urlpatterns = [
    path("rates/", views.rates, name="rates"),
    path("rates/set/", views.rate_set, name="rate_set"),
    path("rates/import/", views.rates_import, name="import"),
    path("rates/currencies/", views.currency_add, name="currency_add"),
    path("rates/currencies/<str:currency>/remove/", views.currency_remove, name="currency_remove"),
    path("rates/<uuid:rate_id>/delete/", views.rate_delete, name="rate_delete"),
]
