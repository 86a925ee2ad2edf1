"""The sales rules (DESIGN §3.1); the pages, the API, the worker and the demo call these.

quotations.py  make, change, revise, copy a quotation
approval.py    the workspace's approval rules; submit, approve, reject
lifecycle.py   send (e-mail with the PDF) or mark sent, accept, decline, expire, expiry reminders
settings.py    the letterhead and the rules of the workspace's sales documents
orders.py      the proforma invoice from an accepted quotation or entered directly, its confirmation
               into an order with its payments due, cancellation
"""

from tradewind.trade.services.approval import (
    approval_reason_text,
    approval_reasons,
    quotation_approve,
    quotation_reject,
    quotation_submit,
)
from tradewind.trade.services.common import trade_settings
from tradewind.trade.services.lifecycle import (
    quotation_accept,
    quotation_decline,
    quotation_mark_sent,
    quotation_send,
    quotations_expire,
    quotations_remind_expiry,
)
from tradewind.trade.services.orders import (
    order_cancel,
    order_confirm,
    order_create,
    order_create_from_quotation,
    order_update,
)
from tradewind.trade.services.quotations import (
    quotation_copy,
    quotation_create,
    quotation_revise,
    quotation_update,
)
from tradewind.trade.services.settings import trade_settings_update

__all__ = [
    "approval_reason_text",
    "approval_reasons",
    "order_cancel",
    "order_confirm",
    "order_create",
    "order_create_from_quotation",
    "order_update",
    "quotation_accept",
    "quotation_approve",
    "quotation_copy",
    "quotation_create",
    "quotation_decline",
    "quotation_mark_sent",
    "quotation_reject",
    "quotation_revise",
    "quotation_send",
    "quotation_submit",
    "quotation_update",
    "quotations_expire",
    "quotations_remind_expiry",
    "trade_settings",
    "trade_settings_update",
]
