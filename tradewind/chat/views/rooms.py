"""A customer's or an order's room, opened (made the first time) from its page."""

from __future__ import annotations

from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from tradewind.chat import services
from tradewind.core.actions import service_run
from tradewind.crm.access import access_customer
from tradewind.trade.access import access_order
from tradewind.workspaces.access import workspace_view


def _open(request, action, back):
    done, room = service_run(request, action)
    if not done:
        return back
    return redirect("chat:conversation", slug=request.workspace.slug, conversation_id=room.public_id)


@workspace_view
@require_POST
def customer_room(request, customer_id):
    me = request.membership
    customer = access_customer(me, customer_id)
    back = redirect("crm:detail", slug=request.workspace.slug, customer_id=customer.public_id)
    return _open(request, lambda: services.customer_room_open(actor=me, customer=customer), back)


@workspace_view
@require_POST
def order_room(request, order_id):
    me = request.membership
    order = access_order(me, order_id)
    back = redirect("trade:order", slug=request.workspace.slug, order_id=order.public_id)
    return _open(request, lambda: services.order_room_open(actor=me, order=order), back)
