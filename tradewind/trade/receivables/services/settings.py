"""The workspace's finance rules for money due: when the managers hear of an overdue payment."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tradewind.core.errors import PermissionDenied, ValidationFailed
from tradewind.core.numbers import whole_number
from tradewind.trade.receivables import permissions
from tradewind.trade.receivables.choices import ReceivablesAuditAction
from tradewind.trade.receivables.models import ReceivablesSettings
from tradewind.trade.receivables.services.common import receivables_settings
from tradewind.workspaces.audit import audit_record

ESCALATION_BOUNDS = (1, 365)


@transaction.atomic
def receivables_settings_update(*, actor, escalation_days) -> ReceivablesSettings:
    """Escalation after 1 to 365 days overdue (audited when it changes)."""
    if not permissions.can_change_settings(actor):
        raise PermissionDenied(_("Your role cannot change the finance settings."))
    errors = []
    low, high = ESCALATION_BOUNDS
    message = _("Give a number of days from %(low)d to %(high)d.") % {"low": low, "high": high}
    days = whole_number(escalation_days, "escalation_days", low, high, message, errors)
    if days is None:
        raise ValidationFailed(message, field="escalation_days")
    settings = receivables_settings(actor.workspace)
    settings = ReceivablesSettings.objects.select_for_update(of=("self",)).get(pk=settings.pk)
    if settings.escalation_days != days:
        before = settings.escalation_days
        settings.escalation_days = days
        settings.save(update_fields=["escalation_days"])
        audit_record(
            workspace=actor.workspace,
            actor=actor.user,
            action=ReceivablesAuditAction.SETTINGS_CHANGED,
            target=str(_("Finance settings")),
            data={"escalation_days": [before, days]},
        )
    return settings
