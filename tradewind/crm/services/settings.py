"""A workspace's customer rules: set up with a new workspace, changed by its administrators."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tradewind.core.errors import PermissionDenied, ValidationFailed
from tradewind.crm import permissions
from tradewind.crm.models import (
    CrmSettings,
    CustomerGrade,
)
from tradewind.crm.selectors.settings import crm_settings

DEFAULT_GRADES = [
    # code, follow up every N days, back to the pool after N days without a logged contact
    ("A", 7, 30),
    ("B", 14, 45),
    ("C", 30, 60),
    ("D", 60, 90),
]


def crm_workspace_setup(workspace) -> None:
    """A new workspace's customer rules: the default settings and grades A–D (workspace_setup hook)."""
    CrmSettings.objects.get_or_create(workspace=workspace)
    if not CustomerGrade.objects.filter(workspace=workspace).exists():
        CustomerGrade.objects.bulk_create(
            [
                CustomerGrade(
                    workspace=workspace, code=code, position=i, follow_up_days=every, auto_return_days=back
                )
                for i, (code, every, back) in enumerate(DEFAULT_GRADES)
            ],
            ignore_conflicts=True,
        )


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
