"""What the CRM's changes do to after-sales: a merged customer's cases, credit notes and follow-ups move to
the customer it was merged into (run inside the CRM's merge, before the duplicate is deleted)."""

from __future__ import annotations

from tradewind.trade.aftersales.models import AftersalesCase, CreditNote, FollowUp


def aftersales_customer_move(*, actor, survivor, merged) -> int:
    moved = 0
    for model in (AftersalesCase, CreditNote, FollowUp):
        moved += model.objects.filter(workspace_id=merged.workspace_id, customer=merged).update(
            customer=survivor
        )
    return moved
