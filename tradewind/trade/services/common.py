"""What every sales service shares: the workspace's settings, numbers, the recorded rate, history."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from tradewind.activity.services import activity_record
from tradewind.core.errors import PermissionDenied, ValidationFailed
from tradewind.core.realtime import broadcast_on_commit
from tradewind.trade import permissions
from tradewind.trade.models import TradeSettings
from tradewind.workspaces.sequences import sequence_next

QUOTATION = "trade.quotation"
ORDER = "trade.order"
CUSTOMER = "crm.customer"


def trade_settings(workspace) -> TradeSettings:
    settings, _created = TradeSettings.objects.get_or_create(workspace=workspace)
    return settings


def document_number(workspace, prefix: str, day: dt.date) -> str:
    """Q-2026-0001 / PI-2026-0001: a gap-free count per workspace, kind and year."""
    number = sequence_next(workspace=workspace, key=f"{prefix.lower()}-{day.year}")
    return f"{prefix}-{day.year}-{number:04d}"


def record_rate(document) -> None:
    """The rate to the reporting currency on the document's date (fx.rate_lookup's rule); a missing rate
    is the user's error to fix ("finance can enter one"), raised before anything is written."""
    from tradewind.fx.rates import rate_lookup

    used = rate_lookup(document.workspace, document.currency, document.issued_on)
    document.rate, document.rate_on = used.rate, used.on


def require_currency(workspace, code: str) -> str:
    from tradewind.fx.rates import currency_require_used

    try:
        currency_require_used(workspace, code)
    except ValidationFailed as error:
        raise ValidationFailed(error.message, field="currency") from None
    return code


def require_work(actor, document) -> None:
    if not permissions.can_work_on(actor, document):
        raise PermissionDenied(_("You cannot change this document; its rep or a manager can."))


def history(actor, document, kind: str, data: dict | None = None, *, on_timeline: bool = False) -> None:
    """An entry in the document's history; `on_timeline`: also on its customer's timeline (what the buyer
    saw or said: sent, accepted, confirmed)."""
    subject = QUOTATION if kind.startswith("quotation.") else ORDER
    data = {"number": document.number, **(data or {})}
    activity_record(
        workspace_id=document.workspace_id,
        subject=(subject, document.public_id),
        kind=f"trade.{kind}",
        actor=actor,
        data=data,
    )
    if on_timeline:
        activity_record(
            workspace_id=document.workspace_id,
            subject=(CUSTOMER, document.customer.public_id),
            kind=f"trade.{kind}",
            actor=actor,
            data={"channel": "email" if kind == "quotation.sent" and data.get("to") else "system", **data},
        )
    broadcast_on_commit(document.workspace, "trade")
