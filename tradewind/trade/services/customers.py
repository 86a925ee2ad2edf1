"""Sales documents when their customer changes identity: a duplicate merged into the customer it repeats."""

from __future__ import annotations

from django.utils import timezone

from tradewind.trade.models import Order, Quotation


def documents_customer_move(*, actor, survivor, merged) -> int:
    """Every quotation and order of `merged` now belongs to `survivor` (run by the CRM's merge before it
    deletes `merged`, which the documents protect). The printed buyer block of a document already sent
    stays as it was; its contact moved with the merge. Answers how many documents moved."""
    moved = 0
    for model in (Quotation, Order):
        moved += model.objects.filter(workspace_id=merged.workspace_id, customer=merged).update(
            customer=survivor, updated_at=timezone.now()
        )
    return moved
