"""Pool actions from a profile (claim, release, assign, merge) and the handover page."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradewind.core.errors import ApplicationError
from tradewind.core.net import client_ip
from tradewind.crm import permissions, selectors, services
from tradewind.crm.access import access_customer
from tradewind.crm.views.rendering import (
    act,
    to_profile,
)
from tradewind.workspaces.access import access_membership, workspace_view
from tradewind.workspaces.models import Membership


@workspace_view
@require_POST
def claim(request, customer_id):
    customer = access_customer(request.membership, customer_id)
    return act(
        request,
        customer,
        lambda: services.customer_claim(actor=request.membership, customer=customer, ip=client_ip(request)),
        success=_("It is your customer now."),
    )


@workspace_view
@require_POST
def release(request, customer_id):
    customer = access_customer(request.membership, customer_id)
    reason = request.POST.get("reason", "")
    return act(
        request,
        customer,
        lambda: services.customer_release(
            actor=request.membership, customer=customer, reason=reason, ip=client_ip(request)
        ),
        success=_("Released to the pool."),
    )


@workspace_view
@require_POST
def assign(request, customer_id):
    customer = access_customer(request.membership, customer_id)
    owner_id = request.POST.get("owner", "")
    to = access_membership(request.membership, owner_id) if owner_id else None
    return act(
        request,
        customer,
        lambda: services.customer_assign(
            actor=request.membership, customer=customer, to=to, ip=client_ip(request)
        ),
        success=_("Owner changed."),
    )


@workspace_view
@require_POST
def merge(request, customer_id):
    survivor = access_customer(request.membership, customer_id)
    try:  # pasted IDs come with spaces and in capitals too
        merged = access_customer(request.membership, uuid.UUID(request.POST.get("merged", "").strip()))
    except (ValueError, Http404):
        messages.error(request, _("No customer of this workspace has that ID."))
        return to_profile(request, survivor)
    return act(
        request,
        survivor,
        lambda: services.customer_merge(
            actor=request.membership, survivor=survivor, merged=merged, ip=client_ip(request)
        ),
        success=_("Merged."),
    )


@workspace_view
@require_http_methods(["GET", "POST"])
def handover(request):
    if not permissions.can_manage_pool(request.membership):
        raise Http404
    members = (
        Membership.objects.filter(workspace=request.workspace)
        .select_related("user")
        .order_by("user__full_name")
    )
    counts = selectors.owner_counts(request.workspace)
    if request.method == "POST":
        source = _member_or_none(request, "from_member")
        to_pool = request.POST.get("to_member") == "pool"
        target = None if to_pool else _member_or_none(request, "to_member")
        if source is None:
            messages.error(request, _("Choose whose customers to hand over."))
        elif target is None and not to_pool:  # the pool is a choice, not what an empty box means
            messages.error(request, _("Choose who takes them over, or the public pool."))
        else:
            try:
                result = services.customers_handover(
                    actor=request.membership, from_member=source, to_member=target, ip=client_ip(request)
                )
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request, _("%(customers)d customers and %(tasks)d open tasks handed over.") % result
                )
                return redirect("crm:handover", slug=request.workspace.slug)
    rows = [{"m": m, "count": counts.get(m.pk, 0)} for m in members]
    targets = selectors.possible_owners(request.workspace)
    chosen = {"from": request.POST.get("from_member", ""), "to": request.POST.get("to_member", "")}
    return render(request, "crm/handover.html", {"rows": rows, "targets": targets, "chosen": chosen})


def _member_or_none(request, key):
    value = request.POST.get(key, "")
    return access_membership(request.membership, value) if value else None
