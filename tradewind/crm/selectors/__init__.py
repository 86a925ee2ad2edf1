"""Reads worth a name (shared by the UI, the API and the jobs); they never write.

customers.py   the customer list: filters, search, sorting, its rows
timeline.py    a customer's timeline
follow_ups.py  a rep's follow-up worklist
pool.py        cool-downs, return deadlines, merges, possible owners
settings.py    the workspace's customer rules and grades
"""

from tradewind.crm.selectors.customers import (
    CUSTOMER_ROW_VALUES,
    SORTS,
    CustomerFilters,
    CustomerRow,
    customer_list,
    customer_rows,
)
from tradewind.crm.selectors.follow_ups import (
    FOLLOW_UP_GROUPS,
    FOLLOW_UPS_MAX,
    FOLLOW_UPS_SHOWN,
    FollowUp,
    FollowUpGroup,
    follow_ups,
)
from tradewind.crm.selectors.pool import (
    cooldown_until,
    merged_into,
    owner_counts,
    possible_owners,
    return_deadline,
)
from tradewind.crm.selectors.settings import crm_settings, grades
from tradewind.crm.selectors.timeline import TimelineRow, customer_timeline

__all__ = [
    "CUSTOMER_ROW_VALUES",
    "FOLLOW_UPS_MAX",
    "FOLLOW_UPS_SHOWN",
    "FOLLOW_UP_GROUPS",
    "SORTS",
    "CustomerFilters",
    "CustomerRow",
    "FollowUp",
    "FollowUpGroup",
    "TimelineRow",
    "cooldown_until",
    "crm_settings",
    "customer_list",
    "customer_rows",
    "customer_timeline",
    "follow_ups",
    "grades",
    "merged_into",
    "owner_counts",
    "possible_owners",
    "return_deadline",
]
