"""What exchange rates plug into shared machinery: the audited actions, the menu entry and its flag, and
the ECB file upload's size limit."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tradewind.core.navigation import navigation_entry_register, navigation_flag_register
from tradewind.files.limits import upload_route_register
from tradewind.fx import permissions
from tradewind.fx.choices import FxAuditAction
from tradewind.workspaces.audit import audit_actions_register

audit_actions_register(FxAuditAction)

# After the workspace's own entries: the rate table is reference data, like the settings.
navigation_entry_register("rates", _("Exchange rates"), "fx:rates", 80, app="fx")
navigation_flag_register("rates_edit", permissions.can_edit_rates)


def _import_max_bytes() -> int:
    return settings.FX_IMPORT_MAX_BYTES


for _view_name in ("fx:import", "api:rates_import"):
    upload_route_register(_view_name, _import_max_bytes)
