"""Who holds a job on an order: the sales rep is the order's owner; the others are named on the order's
fulfilment (falling back to the workspace's defaults when the order names nobody)."""

from __future__ import annotations

from tradewind.workspaces.choices import Role

TEAM_FIELDS = {
    Role.MERCHANDISER: "merchandiser",
    Role.DOCUMENTS: "documents",
    Role.LOGISTICS: "logistics",
    Role.FINANCE: "finance",
    Role.SERVICE: "service",
}


def order_team_member(order, role: str):
    """The active membership holding `role` on `order`, or None."""
    if role == Role.SALES:
        member = order.owner
    else:
        field = TEAM_FIELDS.get(role)
        if field is None:
            return None
        from tradewind.trade.workflow.models import Fulfilment, TeamDefaults

        fulfilment = Fulfilment.objects.filter(order=order).select_related(f"{field}__user").first()
        member = getattr(fulfilment, field) if fulfilment else None
        if member is None:
            defaults = TeamDefaults.objects.filter(workspace_id=order.workspace_id).first()
            member = getattr(defaults, field) if defaults else None
    return member if member is not None and member.is_active else None
