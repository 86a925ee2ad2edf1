"""What shipping plugs into shared machinery: history lines (of a shipment, its order and the customer's
timeline), the shipment as a subject, the notification kind, the audited override, the menu entry, and
the panel on the order's page."""

from __future__ import annotations

import datetime as dt

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from tradewind.activity.kinds import activity_kind_register
from tradewind.core.subjects import subject_kind_register
from tradewind.notifications.kinds import notification_kind_register
from tradewind.trade.shipping.choices import ShippingAuditAction
from tradewind.workspaces.audit import audit_actions_register


def _day(text) -> str:
    try:
        return formats.date_format(dt.date.fromisoformat(str(text)), "DATE_FORMAT")
    except ValueError:
        return str(text or "—")


def _field_names(fields) -> str:
    from django.core.exceptions import FieldDoesNotExist

    from tradewind.trade.shipping.models import Container, Shipment

    names = []
    for field in fields if isinstance(fields, list) else []:
        for model in (Shipment, Container):
            try:
                names.append(str(model._meta.get_field(str(field)).verbose_name))
                break
            except FieldDoesNotExist:
                continue
    return ", ".join(names)


def _status_text(data: dict) -> str:
    from tradewind.trade.shipping.models import ShipmentStatus

    status = data.get("status", "")
    label = ShipmentStatus(status).label if status in ShipmentStatus.values else status
    text = str(_("Shipment %(number)s: %(status)s")) % {"number": data.get("number", ""), "status": label}
    if data.get("on"):
        text += " — " + _day(data["on"])
    if data.get("reason"):
        text += " — " + str(data["reason"])
    return text


def _eta_text(data: dict) -> str:
    values = {"number": data.get("number", ""), "old": _day(data.get("old")) if data.get("old") else "—",
              "new": _day(data.get("new"))}  # fmt: skip
    text = str(_("ETA of %(number)s moved from %(old)s to %(new)s")) % values
    return text + (" — " + str(data["reason"]) if data.get("reason") else "")


def _release_text(data: dict) -> str:
    from tradewind.core.money import Money, money_format
    from tradewind.trade.shipping.choices import ReleaseHow

    how = data.get("how", "")
    label = ReleaseHow(how).label if how in ReleaseHow.values else how
    text = str(_("Goods of %(number)s released: %(how)s")) % {"number": data.get("number", ""), "how": label}
    if data.get("tracking"):
        text += f" ({data.get('courier', '')} {data['tracking']})"
    if data.get("balance"):
        try:
            balance = money_format(Money(data["balance"], data.get("currency", "")))
        except (ValueError, ArithmeticError, TypeError):
            balance = f"{data['balance']} {data.get('currency', '')}"
        text += " — " + str(_("with %(balance)s unpaid, by a manager's override: %(reason)s")) % {
            "balance": balance,
            "reason": data.get("reason", ""),
        }
    return text


def _simple(message):
    def text(data: dict) -> str:
        values = {key: data.get(key, "") for key in ("number", "container")}
        values["fields"] = _field_names(data.get("fields"))
        values["lines"] = ", ".join(str(line) for line in data.get("lines", []) if isinstance(line, str))
        return str(message) % values

    return text


HISTORY = {
    "shipping.created": _("Shipment %(number)s planned"),
    "shipping.changed": _("Shipment %(number)s changed: %(fields)s"),
    "shipping.goods_changed": _("Goods of %(number)s changed: line %(lines)s"),
    "shipping.container_added": _("Container %(container)s added to %(number)s"),
    "shipping.container_changed": _("Container %(container)s of %(number)s changed: %(fields)s"),
    "shipping.container_removed": _("Container %(container)s removed from %(number)s"),
}
for _key, _message in HISTORY.items():
    activity_kind_register(_key, _message, text=_simple(_message))
activity_kind_register("shipping.status", _("Shipment status changed"), text=_status_text)
activity_kind_register("shipping.eta_changed", _("ETA changed"), text=_eta_text)
activity_kind_register("shipping.released", _("Goods released"), text=_release_text)

notification_kind_register("shipping.eta_changed", _("The ETA of a shipment of your order moved"))
audit_actions_register(ShippingAuditAction)


def _resolve_shipments(membership, ids):
    from django.urls import reverse

    from tradewind.trade.shipping.models import Shipment
    from tradewind.trade.shipping.permissions import can_see_shipments

    slug = membership.workspace.slug
    shipments = Shipment.objects.filter(
        workspace_id=membership.workspace_id, public_id__in=ids
    ).select_related("order__customer")
    return {
        s.public_id: (
            f"{s.number} · {s.order.customer.name}",
            reverse("shipping:detail", args=[slug, s.public_id]),
        )
        for s in shipments
        if can_see_shipments(membership, s.order)
    }


subject_kind_register("shipping.shipment", _("Shipment"), _resolve_shipments)


def _navigation():
    from tradewind.core.navigation import navigation_flag_register
    from tradewind.trade.shipping import permissions

    navigation_flag_register("shipping_change", permissions.can_ship)


_navigation()


def _order_panel(membership, order):
    """The order's shipments, what remains to ship of each line, and the button for a new shipment."""
    from tradewind.trade.choices import OrderStatus
    from tradewind.trade.shipping import permissions, selectors

    if order.status == OrderStatus.PROFORMA or not permissions.can_see_shipments(membership, order):
        return None
    shipments = selectors.order_shipments(order)
    if order.status != OrderStatus.CONFIRMED and not shipments:
        return None
    remaining = selectors.order_lines_remaining(order)
    return {
        "order": order,
        "shipments": shipments,
        "remaining": remaining,
        "all_shipped": all(not row.remaining for row in remaining),
        "can_change": order.status == OrderStatus.CONFIRMED
        and permissions.can_change_shipments(membership, order),
    }


def _panels():
    from tradewind.core.panels import panel_register

    panel_register("trade.order", "shipping", "shipping/_order_panel.html", _order_panel, order=30)


_panels()
