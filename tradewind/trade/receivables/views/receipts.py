"""Receipt pages: record one on an order (the panel's form posts here; a refused form is shown again here
with its errors), a receipt with its allocations, reversing it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tradewind.core.actions import service_run
from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.trade.access import access_order
from tradewind.trade.choices import OrderStatus
from tradewind.trade.receivables import permissions, selectors, services
from tradewind.trade.receivables.access import access_receipt
from tradewind.trade.receivables.forms import ReceiptForm, ReverseForm
from tradewind.workspaces.access import workspace_view


def _to_order(request, order):
    return redirect(reverse("trade:order", args=[request.workspace.slug, order.public_id]) + "#receivables")


@workspace_view
@require_http_methods(["GET", "POST"])
def receipt_create(request, order_id):
    me = request.membership
    order = access_order(me, order_id)
    if not permissions.can_record_receipt_on(me, order):
        raise Http404
    if order.status != OrderStatus.CONFIRMED:
        messages.info(request, _("Receipts are recorded on confirmed orders."))
        return _to_order(request, order)
    milestones = selectors.order_milestones(order)
    form = ReceiptForm(request.POST or None, order=order, milestones=milestones)
    if request.method == "POST" and form.is_valid():
        try:
            receipt = services.receipt_record(actor=me, order=order, **form.service_values())
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("Receipt %(number)s recorded.") % {"number": receipt.number})
            return _to_order(request, order)
    context = {"order": order, "form": form, "milestones": milestones}
    return render(request, "receivables/receipt_form.html", context, status=400 if form.errors else 200)


@workspace_view
@require_GET
def receipt_detail(request, order_id, receipt_id):
    me = request.membership
    order = access_order(me, order_id)
    receipt = access_receipt(me, receipt_id, order=order)
    allocations = list(receipt.allocations.select_related("payment").order_by("payment__position"))
    context = {
        "order": order,
        "receipt": receipt,
        "allocations": allocations,
        "can_reverse": permissions.can_record_receipt_on(me, order) and not receipt.is_reversed,
        "reverse_form": ReverseForm(),
    }
    return render(request, "receivables/receipt_detail.html", context)


@workspace_view
@require_POST
def receipt_reverse(request, order_id, receipt_id):
    me = request.membership
    order = access_order(me, order_id)
    receipt = access_receipt(me, receipt_id, order=order)
    service_run(
        request,
        lambda: services.receipt_reverse(actor=me, receipt=receipt, reason=request.POST.get("reason", "")),
        success=_("Receipt %(number)s reversed.") % {"number": receipt.number},
    )
    return _to_order(request, order)
