"""What the import plugs into shared machinery."""

from django.conf import settings
from django.utils.translation import gettext_lazy

from tradewind.files.limits import upload_route_register
from tradewind.notifications.kinds import notification_kind_register

notification_kind_register("crm.import_finished", gettext_lazy("Your customer import has finished"))


def _import_max_bytes() -> int:
    return settings.IMPORT_MAX_BYTES


# The upload form and the API's upload; the API path's list operation comes first, and names the path.
for _view_name in ("crm_imports:list", "api:customer_import_list", "api:customer_import_create"):
    upload_route_register(_view_name, _import_max_bytes)
