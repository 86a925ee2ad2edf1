"""The order page's receivables panel: what the buyer paid, what is open and overdue, the milestones with
their due dates, the receipts, and (for finance and the leads) the form to record one."""

from __future__ import annotations

from tradewind.trade.choices import OrderStatus
from tradewind.trade.receivables import permissions, selectors
from tradewind.trade.receivables.forms import ReceiptForm


def order_panel_context(membership, order) -> dict | None:
    """None (no panel) for a proforma invoice, and for a cancelled order nobody paid anything on."""
    if order.status == OrderStatus.PROFORMA or not permissions.can_read_order_receivables(membership, order):
        return None
    today = selectors.workspace_today(order.workspace)
    milestones = selectors.order_milestones(order, today)
    receipts = selectors.order_receipts(order)
    if order.status == OrderStatus.CANCELLED and not receipts:
        return None
    can_record = permissions.can_record_receipt_on(membership, order)
    return {
        "order": order,
        "today": today,
        "milestones": milestones,
        "receipts": receipts,
        "money": selectors.order_money(order, milestones, receipts),
        "can_record": can_record and order.status == OrderStatus.CONFIRMED,
        "can_reverse": can_record,
        "form": ReceiptForm(order=order, milestones=milestones, auto_id="rcpt_%s")
        if can_record and order.status == OrderStatus.CONFIRMED
        else None,
    }
