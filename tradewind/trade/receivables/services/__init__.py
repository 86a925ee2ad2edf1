"""The receivables rules (DESIGN §3.1); the pages, the API, the worker, the demo and the shipping app call
these.

receipts.py       record a receipt and settle milestones with it (partial, chosen, over-payment), reverse it
receipt_input.py  a receipt's fields checked
due_dates.py      the milestones' due dates from the shipments (one order, or every open one)
overdue.py        overdue milestones: the rep and finance told, the managers after N days, the board's flag
settings.py       the workspace's finance rules
"""

from tradewind.trade.receivables.services.common import order_overdue_flag_sync, receivables_settings
from tradewind.trade.receivables.services.due_dates import (
    milestone_due_date,
    milestone_due_dates_refresh,
    milestone_due_dates_refresh_all,
)
from tradewind.trade.receivables.services.overdue import receivables_overdue_check
from tradewind.trade.receivables.services.receipts import receipt_record, receipt_reverse
from tradewind.trade.receivables.services.settings import receivables_settings_update

__all__ = [
    "milestone_due_date",
    "milestone_due_dates_refresh",
    "milestone_due_dates_refresh_all",
    "order_overdue_flag_sync",
    "receipt_record",
    "receipt_reverse",
    "receivables_overdue_check",
    "receivables_settings",
    "receivables_settings_update",
]
