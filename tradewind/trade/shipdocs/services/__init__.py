"""The shipping-document rules (DESIGN §3.1); the pages, the API, the worker and the demo all call these.

rules.py      the workspace's document rules and certificate-of-origin table, their defaults
sync.py       a shipment's checklist made into documents (shipment_documents_sync), the L/C reminder
documents.py  a document: added by hand, owner, due date, tracking, file versions, removal
status.py     its statuses, the originals' courier, the balance before the original B/L
letters.py    an order's letter of credit
"""

from tradewind.trade.shipdocs.services.documents import (
    document_add,
    document_delete,
    document_update,
    document_version_add,
)
from tradewind.trade.shipdocs.services.letters import letter_of_credit_delete, letter_of_credit_save
from tradewind.trade.shipdocs.services.rules import (
    origin_rule_create,
    origin_rule_delete,
    origin_rule_update,
    rule_create,
    rule_delete,
    rule_update,
    shipdocs_workspace_setup,
)
from tradewind.trade.shipdocs.services.status import document_status_set
from tradewind.trade.shipdocs.services.sync import (
    SyncResult,
    documents_follow_shipments,
    documents_resync_open,
    has_work,
    order_documents_resync,
    shipment_documents_sync,
)

__all__ = [
    "SyncResult",
    "document_add",
    "document_delete",
    "document_status_set",
    "document_update",
    "document_version_add",
    "documents_follow_shipments",
    "documents_resync_open",
    "has_work",
    "letter_of_credit_delete",
    "letter_of_credit_save",
    "order_documents_resync",
    "origin_rule_create",
    "origin_rule_delete",
    "origin_rule_update",
    "rule_create",
    "rule_delete",
    "rule_update",
    "shipdocs_workspace_setup",
    "shipment_documents_sync",
]
