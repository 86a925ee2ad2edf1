"""A URLconf with a view that fails, to see what a 500 shows."""

from django.urls import path

from tradewind.urls import handler500, urlpatterns  # noqa: F401 - handler500 is read from this module


def boom(request):
    raise RuntimeError("secret-internal-detail")


urlpatterns = [*urlpatterns, path("boom/", boom)]
