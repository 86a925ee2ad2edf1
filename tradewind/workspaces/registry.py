"""What the workspaces app plugs into shared machinery: its navigation entries and flags."""

from django.utils.translation import gettext_lazy as _

from tradewind.core.navigation import navigation_entry_register, navigation_flag_register
from tradewind.workspaces import permissions

navigation_entry_register("team", _("Team"), "workspaces:members", 30)
navigation_entry_register(
    "invitations", _("Invitations"), "workspaces:invitations", 40, permissions.can_invite
)
navigation_entry_register("api_tokens", _("API tokens"), "workspaces:api_tokens", 50)
navigation_entry_register("audit", _("Audit log"), "workspaces:audit", 60, permissions.can_view_audit)
navigation_entry_register(
    "settings", _("Settings"), "workspaces:settings", 70, permissions.can_edit_workspace
)

navigation_flag_register("invite", permissions.can_invite)
navigation_flag_register("audit", permissions.can_view_audit)
navigation_flag_register("settings", permissions.can_edit_workspace)
navigation_flag_register("admin", permissions.is_admin)
