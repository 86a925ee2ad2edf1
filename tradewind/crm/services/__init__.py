"""The customer rules (DESIGN §3.1): every write to customers goes through these functions.

customers.py   the profile, the duplicate guard, create and change
contacts.py    contacts, their e-mails and phones
index.py       what search and the duplicate check read of a customer
timeline.py    logged interactions, system entries, the follow-up clock
limits.py      how many private customers a rep may hold
pool.py        claim, release, assign
auto_return.py the hourly return to the pool, one notification per owner and run
handover.py    a leaving rep's customers, in one step
merge.py       merging a duplicate
follow_ups.py  the morning reminders of due follow-ups
settings.py    the workspace's customer rules
"""

from tradewind.crm.services.auto_return import customers_auto_return
from tradewind.crm.services.contacts import clean_contact, contact_delete, contact_save
from tradewind.crm.services.customers import (
    PROFILE_FIELDS,
    DuplicatesFound,
    clean_profile,
    customer_create,
    customer_update,
    match_summary,
)
from tradewind.crm.services.follow_ups import follow_ups_remind
from tradewind.crm.services.handover import customers_handover
from tradewind.crm.services.index import customer_reindex
from tradewind.crm.services.merge import customer_merge
from tradewind.crm.services.pool import (
    customer_assign,
    customer_claim,
    customer_release,
    customer_url,
)
from tradewind.crm.services.settings import crm_settings_save, crm_workspace_setup
from tradewind.crm.services.timeline import follow_up_set, interaction_record, timeline_add, timeline_log

__all__ = [
    "PROFILE_FIELDS",
    "DuplicatesFound",
    "clean_contact",
    "clean_profile",
    "contact_delete",
    "contact_save",
    "crm_settings_save",
    "crm_workspace_setup",
    "customer_assign",
    "customer_claim",
    "customer_create",
    "customer_merge",
    "customer_reindex",
    "customer_release",
    "customer_update",
    "customer_url",
    "customers_auto_return",
    "customers_handover",
    "follow_up_set",
    "follow_ups_remind",
    "interaction_record",
    "match_summary",
    "timeline_add",
    "timeline_log",
]
