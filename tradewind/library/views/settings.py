"""The library's settings page (administrators): the trash's retention, the storage quota, and how much
of it the workspace uses."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.files.services import MB, storage_used
from tradewind.library.services.common import trash_days
from tradewind.library.services.settings import MAX_TRASH_DAYS, can_change_settings, library_settings_update
from tradewind.workspaces.access import workspace_view


class LibrarySettingsForm(forms.Form):
    trash_days = forms.IntegerField(
        label=gettext_lazy("Keep deleted documents for (days)"), min_value=1, max_value=MAX_TRASH_DAYS
    )
    quota_mb = forms.IntegerField(
        label=gettext_lazy("Storage quota (MB)"), min_value=1, required=False,
        help_text=gettext_lazy("Every file the workspace keeps counts. Empty: no quota."),
    )  # fmt: skip


@workspace_view
@require_http_methods(["GET", "POST"])
def library_settings(request):
    me = request.membership
    if not can_change_settings(me):
        raise Http404
    workspace = request.workspace
    initial = {"trash_days": trash_days(workspace), "quota_mb": workspace.storage_quota_mb}
    form = LibrarySettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            library_settings_update(
                actor=me, trash_days=form.cleaned_data["trash_days"], quota_mb=form.cleaned_data["quota_mb"]
            )
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(reverse("library:settings", args=[workspace.slug]))
    used = storage_used(workspace)
    quota = workspace.storage_quota_mb
    context = {
        "form": form,
        "used_mb": used / MB,
        "quota_mb": quota,
        "percent": round(100 * used / (quota * MB)) if quota else None,
    }
    return render(request, "library/settings.html", context, status=400 if form.errors else 200)
