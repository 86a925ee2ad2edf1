from django.urls import include, path

from tradewind.api.api import api
from tradewind.health.views import healthz
from tradewind.workspaces.views import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("tradewind.accounts.urls")),
    path("", include("tradewind.workspaces.urls")),
    path("w/<slug:slug>/", include("tradewind.tasks.urls")),
    path("w/<slug:slug>/", include("tradewind.notifications.urls")),
    path("w/<slug:slug>/", include("tradewind.crm.urls")),
    path("w/<slug:slug>/", include("tradewind.crm.imports.urls")),
    path("w/<slug:slug>/", include("tradewind.catalog.urls")),
    path("w/<slug:slug>/", include("tradewind.trade.inquiries.urls")),
    path("w/<slug:slug>/", include("tradewind.fx.urls")),
    path("w/<slug:slug>/", include("tradewind.trade.urls")),
    path("w/<slug:slug>/", include("tradewind.trade.workflow.urls")),
    path("w/<slug:slug>/", include("tradewind.trade.production.urls")),
    path("w/<slug:slug>/", include("tradewind.trade.shipping.urls")),
    path("w/<slug:slug>/", include("tradewind.trade.shipdocs.urls")),
    path("w/<slug:slug>/", include("tradewind.trade.receivables.urls")),
    path("w/<slug:slug>/", include("tradewind.trade.aftersales.urls")),
    path("w/<slug:slug>/", include("tradewind.chat.urls")),
    path("w/<slug:slug>/", include("tradewind.library.urls")),
    path("w/<slug:slug>/", include("tradewind.mail.urls")),
    path("s/", include("tradewind.library.public_urls")),
    path("api/v1/", api.urls),
    path("healthz", healthz, name="healthz"),
]

handler400 = "tradewind.core.views.error_400"
handler403 = "tradewind.core.views.error_403"
handler404 = "tradewind.core.views.error_404"
handler500 = "tradewind.core.views.error_500"
