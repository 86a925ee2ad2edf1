"""The order board's flags, set by the app that knows: production (at risk), receivables (a payment
overdue), shipping (the next ETD). The workflow itself sets `late`."""

from __future__ import annotations

from tradewind.core.realtime import broadcast_on_commit

FLAGS = ("at_risk", "risk_reason", "payment_overdue", "next_etd")
_UNSET = object()


def fulfilment_flags_set(
    *, order, at_risk=_UNSET, risk_reason=_UNSET, payment_overdue=_UNSET, next_etd=_UNSET
):
    """Set some of the order's board flags; a no-op for an order not (yet) in fulfilment. Returns whether
    anything changed."""
    from tradewind.trade.workflow.models import Fulfilment

    values = {
        name: value
        for name, value in (
            ("at_risk", at_risk),
            ("risk_reason", risk_reason),
            ("payment_overdue", payment_overdue),
            ("next_etd", next_etd),
        )
        if value is not _UNSET
    }
    if "risk_reason" in values:
        values["risk_reason"] = (values["risk_reason"] or "")[:300]
    fulfilment = Fulfilment.objects.filter(order=order).first()
    if fulfilment is None:
        return False
    changed = [name for name, value in values.items() if getattr(fulfilment, name) != value]
    if not changed:
        return False
    for name in changed:
        setattr(fulfilment, name, values[name])
    fulfilment.save(update_fields=[*changed, "updated_at"])
    broadcast_on_commit(order.workspace, "orders")
    return True
