"""Logging an interaction and planning the next follow-up from a profile."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradewind.core.errors import ApplicationError
from tradewind.crm import forms, permissions, services
from tradewind.crm.access import access_customer
from tradewind.crm.views.customers import profile_page
from tradewind.crm.views.rendering import (
    act,
    to_profile,
)
from tradewind.workspaces.access import workspace_view


@workspace_view
@require_http_methods(["GET", "POST"])
def timeline_log(request, customer_id):
    customer = access_customer(request.membership, customer_id)
    if request.method == "GET":  # the address a failed log was shown at, opened again
        return to_profile(request, customer)
    if not permissions.can_see_details(request.membership, customer):
        raise Http404
    contacts = list(customer.contacts.all())
    form = forms.TimelineForm(request.POST, contacts=contacts)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.timeline_log(
                actor=request.membership,
                customer=customer,
                channel=data["channel"],
                summary=data["summary"],
                at=data["at"],
                outcome=data["outcome"],
                next_step=data["next_step"],
                contact=next((c for c in contacts if str(c.public_id) == data["contact"]), None),
                next_follow_up_on=data["next_follow_up_on"],
            )
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Logged."))
            return to_profile(request, customer)
    # The profile again, with what was typed and the errors beside it: nothing is lost.
    return profile_page(request, customer, timeline_form=form)


@workspace_view
@require_POST
def follow_up(request, customer_id):
    customer = access_customer(request.membership, customer_id)
    raw = request.POST.get("next_follow_up_on", "")
    try:
        on = dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        messages.error(request, _("Enter a valid date."))
        return to_profile(request, customer)
    return act(
        request,
        customer,
        lambda: services.follow_up_set(actor=request.membership, customer=customer, on=on),
        success=_("Follow-up planned."),
    )
