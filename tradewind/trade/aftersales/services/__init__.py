"""The after-sales rules (DESIGN §3.1); the pages, the API, the worker and the demo call these.

cases.py       open a case about an order (and shipment), change it, its open statuses, its photos
resolution.py  resolve or reject a case; the credit note it leaves and its deduction from a later order
follow_ups.py  the follow-up planned once per shipment after delivery (the worker's job)
settings.py    the workspace's rules
customers.py   a merged customer's cases move to the survivor
common.py      history, subjects, numbers, the settings row
"""

from tradewind.trade.aftersales.services.cases import (
    case_create,
    case_photo_add,
    case_photo_remove,
    case_set_status,
    case_update,
    default_owner,
)
from tradewind.trade.aftersales.services.common import CASE, aftersales_settings, case_url
from tradewind.trade.aftersales.services.customers import aftersales_customer_move
from tradewind.trade.aftersales.services.follow_ups import follow_up_person, follow_up_plan, follow_ups_plan
from tradewind.trade.aftersales.services.resolution import case_resolve, credit_apply
from tradewind.trade.aftersales.services.settings import (
    aftersales_settings_update,
    aftersales_workspace_setup,
)

__all__ = [
    "CASE",
    "aftersales_customer_move",
    "aftersales_settings",
    "aftersales_settings_update",
    "aftersales_workspace_setup",
    "case_create",
    "case_photo_add",
    "case_photo_remove",
    "case_resolve",
    "case_set_status",
    "case_update",
    "case_url",
    "credit_apply",
    "default_owner",
    "follow_up_person",
    "follow_up_plan",
    "follow_ups_plan",
]
