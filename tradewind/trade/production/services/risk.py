"""At risk (交期风险): an order whose goods are expected ready after its delivery date.

After every production change of an order, each of its productions (but the cancelled ones) is compared
with the order's delivery date: the actual ready date, else the expected one, else the planned one. When
the first one turns late, the order is flagged at risk on the board (workflow's fulfilment flags) and its
sales rep is told; when none is late any more, the flag is cleared and the rep told so. Production only
touches the flag when its own verdict changes, so it does not clear a risk another app raised.
"""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tradewind.notifications.services import notify
from tradewind.trade.models import Order
from tradewind.trade.production.choices import ProductionStatus
from tradewind.trade.production.models import Production
from tradewind.trade.production.services.common import ORDER, order_history, order_url


def risk_reason(supplier: str, ready: dt.date, delivery: dt.date) -> str:
    """The reason in the active language (the board shows it as stored)."""
    return _("%(supplier)s expects the goods ready on %(ready)s, after the delivery date %(delivery)s.") % {
        "supplier": supplier,
        "ready": date_format(ready, "DATE_FORMAT"),
        "delivery": date_format(delivery, "DATE_FORMAT"),
    }


def _late(production: Production, delivery: dt.date | None) -> bool:
    ready = production.ready_date
    return (
        production.status != ProductionStatus.CANCELLED
        and delivery is not None
        and ready is not None
        and ready > delivery
    )


def production_risk_check(*, actor, order: Order) -> bool:
    """Decide whether the order's production is late for its delivery date; flag or clear the order and
    tell its rep when that changes. Returns whether it is late. Call with the order locked."""
    from tradewind.trade.workflow.services import fulfilment_flags_set

    productions = list(Production.objects.filter(order=order).select_related("supplier"))
    was_late = any(p.late for p in productions)
    changed = []
    for production in productions:
        late = _late(production, order.delivery_date)
        if late != production.late:
            production.late = late
            changed.append(production)
    if changed:
        Production.objects.bulk_update(changed, ["late"])
    late = [p for p in productions if p.late]
    if late:
        latest = max(late, key=lambda p: p.ready_date)
        reason = risk_reason(latest.supplier.name, latest.ready_date, order.delivery_date)
        fulfilment_flags_set(order=order, at_risk=True, risk_reason=reason)
        if not was_late:
            data = {
                "supplier": latest.supplier.name,
                "ready": latest.ready_date.isoformat(),
                "delivery": order.delivery_date.isoformat(),
            }
            order_history(actor, order, "production.at_risk", data)
            _tell_rep(actor, order, "production.at_risk", data)
    elif was_late:
        fulfilment_flags_set(order=order, at_risk=False, risk_reason="")
        order_history(actor, order, "production.on_time", {})
        _tell_rep(actor, order, "production.on_time", {})
    return bool(late)


def _tell_rep(actor, order: Order, kind: str, data: dict) -> None:
    """The order's sales rep, in their language (never about their own change)."""
    number = order.number

    def title():
        if kind == "production.at_risk":
            return _("%(number)s is at risk: the goods will be ready after the delivery date") % {
                "number": number
            }
        return _("%(number)s is back on time: the goods will be ready by the delivery date") % {
            "number": number
        }

    def message():
        if kind != "production.at_risk":
            return ""
        return risk_reason(
            data["supplier"], dt.date.fromisoformat(data["ready"]), dt.date.fromisoformat(data["delivery"])
        )

    notify(
        recipients=[order.owner],
        kind=kind,
        title=title,
        message=message,
        url=order_url(order),
        actor=actor,
        subject=(ORDER, order.public_id),
    )
