from django.urls import path

from tradewind.notifications import views

app_name = "notifications"

# Included under /w/<slug>/.
urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/read-all/", views.notification_read_all, name="read_all"),
    path("notifications/<uuid:notification_id>/open/", views.notification_open, name="open"),
    path("notifications/preferences/", views.preferences, name="preferences"),
    path("notifications/webhooks/", views.webhooks, name="webhooks"),
    path("notifications/webhooks/<uuid:webhook_id>/delete/", views.webhook_delete, name="webhook_delete"),
    path("notifications/webhooks/<uuid:webhook_id>/test/", views.webhook_test, name="webhook_test"),
    path("notifications/deliveries/", views.deliveries, name="deliveries"),
    path(
        "notifications/deliveries/<uuid:delivery_id>/retry/", views.delivery_retry_view, name="delivery_retry"
    ),
]
