"""Adding, changing and removing a customer's contacts."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.crm import forms, permissions, services
from tradewind.crm.access import access_contact, access_customer
from tradewind.crm.normalize import phone_display
from tradewind.crm.views.rendering import (
    act,
    to_profile,
)
from tradewind.workspaces.access import workspace_view


@workspace_view
@require_http_methods(["GET", "POST"])
def contact_edit(request, customer_id, contact_id=None):
    customer = access_customer(request.membership, customer_id)
    if not permissions.can_edit(request.membership, customer):
        raise Http404
    contact = access_contact(request.membership, customer, contact_id) if contact_id else None
    # A new contact may come filled in by a link (an unknown e-mail sender: ?name=&emails=).
    initial = {k: request.GET[k] for k in ("name", "emails") if request.GET.get(k)}
    if contact is not None:
        initial = {
            f: getattr(contact, f)
            for f in ("name", "title", "whatsapp", "wechat", "skype", "linkedin", "is_primary", "notes")
        }
        initial["emails"] = ", ".join(contact.emails)
        initial["phones"] = ", ".join(phone_display(p) for p in contact.phones)
    form = forms.ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_save(
                actor=request.membership, customer=customer, data=form.contact(), contact=contact
            )
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            messages.success(request, _("Contact saved."))
            return to_profile(request, customer)
    return render(
        request,
        "crm/contact_form.html",
        {"form": form, "customer": customer, "contact": contact},
        status=400 if form.errors else 200,
    )


@workspace_view
@require_POST
def contact_delete(request, customer_id, contact_id):
    customer = access_customer(request.membership, customer_id)
    contact = access_contact(request.membership, customer, contact_id)
    return act(
        request,
        customer,
        lambda: services.contact_delete(actor=request.membership, contact=contact),
        success=_("Contact removed."),
    )
