"""The after-sales rules' page (customer service and the leads)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.trade.aftersales import forms, permissions, services
from tradewind.workspaces.access import workspace_view


@workspace_view
@require_http_methods(["GET", "POST"])
def settings_edit(request):
    me = request.membership
    if not permissions.can_change_settings(me):
        raise Http404
    settings = services.aftersales_settings(request.workspace)
    form = forms.SettingsForm(request.POST or None, initial={"follow_up_days": settings.follow_up_days})
    if request.method == "POST" and form.is_valid():
        try:
            services.aftersales_settings_update(actor=me, **form.cleaned_data)
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("aftersales:settings", slug=request.workspace.slug)
    return render(request, "aftersales/settings.html", {"form": form}, status=400 if form.errors else 200)
