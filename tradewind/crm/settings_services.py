from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tradewind.core.errors import PermissionDenied, ValidationFailed
from tradewind.crm import permissions
from tradewind.crm.setup import crm_settings


@transaction.atomic
def crm_settings_save(*, actor, data: dict, grades: list[dict]) -> None:
    """Business hours, the duplicate rule, pool limits and cool-down, and each grade's cadence and limits."""
    if not permissions.can_change_settings(actor):
        raise PermissionDenied(_("Only owners and administrators change the customer rules."))
    if data["business_start"] >= data["business_end"]:
        raise ValidationFailed(_("Business hours must end after they start."), field="business_end")
    settings = crm_settings(actor.workspace)
    data = dict(data)
    days = sorted(set(data.pop("business_days", None) or settings.business_weekdays))
    if not days or any(d not in range(7) for d in days):
        raise ValidationFailed(_("Choose at least one business day."), field="business_days")
    settings.business_days = ",".join(map(str, days))
    for key, value in data.items():
        setattr(settings, key, value)
    settings.save()
    for row in grades:
        grade = row["grade"]
        if grade.workspace_id != actor.workspace_id:
            raise ValidationFailed(_("This workspace has no such grade."), field="grade")
        for key in ("follow_up_days", "auto_return_days", "max_private"):
            value = row[key]
            if value is not None and (not isinstance(value, int) or value < 0 or value > 3650):
                raise ValidationFailed(
                    _("Grade %(grade)s: enter a whole number of days, or leave it empty.")
                    % {"grade": grade.code},
                    field="grade",
                )
        if not row["follow_up_days"]:
            raise ValidationFailed(
                _("Grade %(grade)s needs a follow-up cadence of at least one day.") % {"grade": grade.code},
                field="grade",
            )
        grade.name = (row["name"] or "").strip()[:60]
        grade.follow_up_days = row["follow_up_days"]
        grade.auto_return_days = row["auto_return_days"] or None
        grade.max_private = row["max_private"]
        grade.save()
