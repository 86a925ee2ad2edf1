"""What the document services share: the order's history, refusing a role, the board's refresh."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tradewind.activity.services import activity_record
from tradewind.core.errors import PermissionDenied
from tradewind.core.realtime import broadcast_on_commit
from tradewind.trade.shipdocs import permissions

ORDER = "trade.order"


def document_data(document) -> dict:
    """How a history line names a document: what it is, not its name in the writer's language."""
    return {"kind": document.kind, "origin": document.origin_type, "name": document.name}


def history(actor, order, kind: str, data: dict | None = None) -> None:
    """An entry in the order's history (`actor` None: the system); the order board and page refresh."""
    activity_record(
        workspace_id=order.workspace_id,
        subject=(ORDER, order.public_id),
        kind=f"shipdocs.{kind}",
        actor=actor,
        data=data or {},
    )
    broadcast_on_commit(order.workspace, "orders")


def require_change(actor, order) -> None:
    if actor is not None and not permissions.can_change_documents(actor, order):
        raise PermissionDenied(_("Only the documents clerk and the managers change shipping documents."))


def require_upload(actor, order) -> None:
    if not permissions.can_upload_documents(actor, order):
        raise PermissionDenied(_("Your role cannot hand in shipping documents."))


def require_rules(actor) -> None:
    if not permissions.can_manage_rules(actor):
        raise PermissionDenied(_("Only the documents clerk and the managers change the document rules."))
