"""What receivables plugs into shared machinery (history lines, notification kinds, audit actions, menu,
panels on the order page, hooks)."""

from functools import partial

from django.utils.translation import gettext_lazy as _

from tradewind.activity.kinds import activity_kind_register
from tradewind.notifications.kinds import notification_kind_register
from tradewind.trade.receivables.choices import ReceivablesAuditAction
from tradewind.workspaces.audit import audit_actions_register

HISTORY = {
    # data: number (the order), receipt, amount, currency, credit (in order_currency)
    "receivables.receipt_recorded": _("Receipt %(receipt)s: %(amount)s received"),
    # data: number, receipt, amount, currency, reason
    "receivables.receipt_reversed": _("Receipt %(receipt)s reversed: %(reason)s"),
    # data: number, milestone (its position), due ("" when its trigger is not known any more)
    "receivables.due_date_set": _("Payment milestone %(milestone)s due on %(due)s"),
    # data: number, milestone (its terms), due
    "receivables.milestone_overdue": _("Payment overdue: %(milestone)s, due %(due)s"),
    # data: number, milestone, due, days
    "receivables.milestone_escalated": _("Payment overdue for %(days)s days, managers told: %(milestone)s"),
}


def _money(amount, currency) -> str:
    """A stored amount in the reader's conventions ("€4,000.00"); as stored if it cannot be read."""
    from decimal import Decimal, InvalidOperation

    from tradewind.core.money import Money, money_format

    try:
        return money_format(Money(Decimal(str(amount)), currency))
    except (InvalidOperation, TypeError, ValueError):
        return f"{currency} {amount}".strip()


def _text(message, data: dict) -> str:
    values = {key: data.get(key, "") for key in ("receipt", "amount", "reason", "milestone", "due", "days")}
    if data.get("currency"):
        values["amount"] = _money(values["amount"], data["currency"])
    if not values["due"]:
        values["due"] = "—"
    text = str(message) % values
    if data.get("credit"):
        credit = (
            _money(data["credit"], data["order_currency"]) if data.get("order_currency") else data["credit"]
        )
        text += " — " + str(_("%(credit)s kept as credit")) % {"credit": credit}
    return text


for _key, _message in HISTORY.items():
    activity_kind_register(_key, _message, text=partial(_text, _message))

audit_actions_register(ReceivablesAuditAction)
notification_kind_register("receivables.receipt_recorded", _("A buyer paid on your order"))
notification_kind_register("receivables.overdue", _("A payment on an order is overdue"))
notification_kind_register("receivables.escalated", _("A payment is long overdue (managers)"))


def _navigation():
    from tradewind.core.navigation import navigation_entry_register, navigation_flag_register
    from tradewind.trade.receivables import permissions

    navigation_entry_register(
        "receivables", _("Receivables"), "receivables:list", 17, permissions.can_see_receivables,
        app="receivables",
    )  # fmt: skip
    navigation_flag_register("receivables_record", permissions.can_record_receipts)
    navigation_flag_register("receivables_settings", permissions.can_change_settings)


_navigation()


def _order_panel(membership, order):
    """The order's money: paid / open / overdue, its milestones, its receipts, the form to record one."""
    from tradewind.trade.receivables.views.panel import order_panel_context

    return order_panel_context(membership, order)


def _panels():
    from tradewind.core.panels import panel_register

    panel_register("trade.order", "receivables", "receivables/_order_panel.html", _order_panel, order=40)


_panels()


def _shipping_hooks():
    from tradewind.trade.shipping.hooks import shipment_hook_register

    def due_dates(*, shipment):
        from tradewind.trade.receivables.services import milestone_due_dates_refresh

        milestone_due_dates_refresh(shipment.order)

    shipment_hook_register(due_dates)


_shipping_hooks()
