"""The workspace's customer rules: business hours, duplicates, the pool, the grades."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.crm import forms, permissions
from tradewind.crm.selectors import crm_settings, grades
from tradewind.workspaces.access import workspace_view


@workspace_view
@require_http_methods(["GET", "POST"])
def crm_settings_view(request):
    if not permissions.can_change_settings(request.membership):
        raise Http404
    settings = crm_settings(request.workspace)
    grade_rows = grades(request.workspace)
    initial = {f: getattr(settings, f) for f in forms.CrmSettingsForm.base_fields if f != "business_days"}
    initial["business_days"] = sorted(settings.business_weekdays)
    form = forms.CrmSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        from tradewind.crm.services import crm_settings_save

        try:
            crm_settings_save(
                actor=request.membership,
                data=form.cleaned_data,
                grades=_grades_from_post(request.POST, grade_rows),
            )
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("Customer rules saved."))
            return redirect("crm:settings", slug=request.workspace.slug)
    return render(
        request, "crm/settings.html", {"form": form, "grades": grade_rows}, status=400 if form.errors else 200
    )


def _grades_from_post(post, grade_rows) -> list[dict]:
    def number(value):
        value = "" if value is None else str(value).strip()
        return int(value) if value.isdigit() else (None if value == "" else value)

    return [
        {
            "grade": g,
            "name": post.get(f"grade-{g.public_id}-name", g.name),
            "follow_up_days": number(post.get(f"grade-{g.public_id}-follow_up_days", g.follow_up_days)),
            "auto_return_days": number(post.get(f"grade-{g.public_id}-auto_return_days", "")),
            "max_private": number(post.get(f"grade-{g.public_id}-max_private", "")),
        }
        for g in grade_rows
    ]
