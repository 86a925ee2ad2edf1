"""The workspace's after-sales rules: when the follow-up after delivery falls due."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tradewind.core.errors import PermissionDenied, ValidationFailed
from tradewind.trade.aftersales import permissions
from tradewind.trade.aftersales.choices import AftersalesAuditAction
from tradewind.trade.aftersales.models import AftersalesSettings
from tradewind.trade.aftersales.services.common import aftersales_settings
from tradewind.workspaces.audit import audit_record

FOLLOW_UP_DAYS = (1, 365)


def aftersales_workspace_setup(workspace) -> None:
    """A new workspace's rules, with their defaults (keeps what exists)."""
    AftersalesSettings.objects.get_or_create(workspace=workspace)


@transaction.atomic
def aftersales_settings_update(*, actor, follow_up_days) -> AftersalesSettings:
    """Change the rules (customer service and the leads). A new number of days applies to shipments
    whose follow-up is not planned yet."""
    if not permissions.can_change_settings(actor):
        raise PermissionDenied(_("Only customer service and managers change the after-sales rules."))
    low, high = FOLLOW_UP_DAYS
    if (
        not isinstance(follow_up_days, int)
        or isinstance(follow_up_days, bool)
        or not low <= follow_up_days <= high
    ):
        raise ValidationFailed(
            _("Whole days from %(low)d to %(high)d.") % {"low": low, "high": high}, field="follow_up_days"
        )
    settings = AftersalesSettings.objects.select_for_update(of=("self",)).get(
        pk=aftersales_settings(actor.workspace).pk
    )
    if settings.follow_up_days == follow_up_days:
        return settings
    before = settings.follow_up_days
    settings.follow_up_days = follow_up_days
    settings.save(update_fields=["follow_up_days"])
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        action=AftersalesAuditAction.SETTINGS_CHANGED,
        data={"follow_up_days": [before, follow_up_days]},
    )
    return settings
