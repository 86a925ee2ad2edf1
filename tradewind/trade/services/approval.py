"""Approval: a quotation that gives away too much goes to a manager before the buyer sees it.

The workspace's rules (TradeSettings): a line's discount above X %, the margin below Y %, the total above
Z in the reporting currency. Crossing any sends it for approval on submit, with a task for one approver
and a notification to every approver; approve, or reject with a comment (back to draft).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.trade import permissions
from tradewind.trade.choices import QuotationStatus
from tradewind.trade.figures import document_margins
from tradewind.trade.models import Quotation
from tradewind.trade.services.common import QUOTATION, history, require_work, trade_settings
from tradewind.workspaces.choices import Role

MARGIN_HIDDEN = gettext_lazy("a margin below the workspace's minimum")
RULES = {
    "discount": gettext_lazy("a discount of %(found)s %% (above %(limit)s %%)"),
    "margin": gettext_lazy("a margin of %(found)s %% (below %(limit)s %%)"),
    "total": gettext_lazy("a total of %(found)s %(currency)s (above %(limit)s %(currency)s)"),
}


def approval_reasons(quotation: Quotation, lines=None) -> list[dict]:
    """Which of the workspace's rules the quotation crosses: [{"rule", "found", "limit"}], [] for none."""
    settings = trade_settings(quotation.workspace)
    lines = list(quotation.lines.all()) if lines is None else lines
    reasons = []
    if settings.approval_discount_percent is not None and lines:
        top = max(line.discount_percent for line in lines)
        if top > settings.approval_discount_percent:
            reasons.append(
                {"rule": "discount", "found": str(top), "limit": str(settings.approval_discount_percent)}
            )
    if settings.approval_margin_percent is not None:
        margins = document_margins(quotation, lines)
        if margins.percent is not None and margins.percent < settings.approval_margin_percent:
            reasons.append(
                {
                    "rule": "margin",
                    "found": str(margins.percent),
                    "limit": str(settings.approval_margin_percent),
                }
            )
    if (
        settings.approval_total_amount is not None
        and quotation.total_reporting > settings.approval_total_amount
    ):
        reasons.append(
            {
                "rule": "total",
                "found": str(quotation.total_reporting),
                "limit": str(settings.approval_total_amount.normalize()),
                "currency": quotation.workspace.currency,
            }
        )
    return reasons


def approval_reason_text(reason: dict, *, show_margin: bool = True) -> str:
    """A reason in the reader's words; the margin's figures only for who may see margins."""
    if reason.get("rule") == "margin" and not show_margin:
        return str(MARGIN_HIDDEN)
    message = RULES.get(reason.get("rule"))
    if message is None:
        return ""
    values = {
        "found": reason.get("found", ""),
        "limit": reason.get("limit", ""),
        "currency": reason.get("currency", ""),
    }
    for key in ("found", "limit"):
        with contextlib.suppress(ArithmeticError):
            values[key] = f"{Decimal(values[key]).normalize():f}"
    return str(message) % values


def approvers(workspace) -> list:
    """Who decides: the workspace's managers, or its admins when it has no manager."""
    from tradewind.workspaces.models import Membership

    members = Membership.objects.filter(workspace=workspace, is_active=True).select_related("user")
    managers = list(members.filter(role=Role.MANAGER).order_by("id"))
    return managers or list(members.filter(role__in=(Role.OWNER, Role.ADMIN)).order_by("id"))


def _locked(quotation):
    return (
        Quotation.objects.select_for_update(of=("self",))
        .select_related("workspace", "customer")
        .get(pk=quotation.pk)
    )


def _url(quotation) -> str:
    return reverse("trade:quotation", args=[quotation.workspace.slug, quotation.public_id])


@transaction.atomic
def quotation_submit(*, actor, quotation: Quotation) -> Quotation:
    """Ready to send: approved at once when it crosses no rule; otherwise awaiting a manager, who gets a
    task and every approver a notification."""
    from tradewind.notifications.services import notify
    from tradewind.tasks.services import task_create

    quotation = _locked(quotation)
    require_work(actor, quotation)
    if quotation.status != QuotationStatus.DRAFT:
        raise Conflict(_("Only a draft is submitted."))
    lines = list(quotation.lines.all())
    if not lines:
        raise ValidationFailed(_("Add at least one line."), field="lines")
    reasons = approval_reasons(quotation, lines)
    quotation.approval_reasons = reasons
    quotation.submitted_at = timezone.now()
    quotation.decision_comment = ""
    if not reasons:
        quotation.status = QuotationStatus.APPROVED
        quotation.decided_by, quotation.decided_at = None, quotation.submitted_at
        quotation.save()
        history(actor, quotation, "quotation.ready")
        return quotation
    quotation.status = QuotationStatus.PENDING_APPROVAL
    quotation.decided_by, quotation.decided_at = None, None
    quotation.save()
    deciders = approvers(quotation.workspace)
    why = "; ".join(approval_reason_text(r) for r in reasons)
    title = _("Approve quotation %(number)s for %(customer)s") % {
        "number": quotation.number,
        "customer": quotation.customer.name,
    }
    if deciders:
        task_create(
            actor=actor,
            title=title[:200],
            description=_("It needs approval for %(why)s.") % {"why": why},
            assignee=next((d for d in deciders if d.pk != actor.pk), deciders[0]),
            due_date=timezone.localdate() + dt.timedelta(days=1),
            subject=(QUOTATION, quotation.public_id),
        )
        notify(
            recipients=deciders,
            kind="trade.approval_requested",
            title=title,
            message=why,
            url=_url(quotation),
            actor=actor,
            subject=(QUOTATION, quotation.public_id),
        )
    history(actor, quotation, "quotation.submitted", {"reasons": reasons})
    return quotation


def _close_approval_tasks(actor, quotation) -> None:
    from tradewind.tasks.choices import TaskStatus
    from tradewind.tasks.models import Task
    from tradewind.tasks.services import task_set_status

    open_tasks = Task.objects.filter(
        workspace_id=quotation.workspace_id, subject_kind=QUOTATION, subject_id=quotation.public_id
    ).exclude(status__in=(TaskStatus.DONE, TaskStatus.CANCELLED))
    for task in open_tasks:
        try:
            task_set_status(actor=actor, task=task, status=TaskStatus.DONE)
        except PermissionDenied:  # an approver who may not change that task: leave it to its assignee
            continue


def _decide(actor, quotation, *, approve: bool, comment: str) -> Quotation:
    from tradewind.notifications.services import notify

    if not permissions.can_approve(actor):
        raise PermissionDenied(_("Only a manager or an admin approves quotations."))
    quotation = _locked(quotation)
    if quotation.status != QuotationStatus.PENDING_APPROVAL:
        raise Conflict(_("Quotation %(number)s is not awaiting approval.") % {"number": quotation.number})
    comment = (comment or "").strip()
    if not approve and not comment:
        raise ValidationFailed(_("Say why it is rejected, so the rep knows what to change."), field="comment")
    if len(comment) > 2000:
        raise ValidationFailed(_("At most %(n)d characters.") % {"n": 2000}, field="comment")
    quotation.status = QuotationStatus.APPROVED if approve else QuotationStatus.DRAFT
    quotation.decided_by, quotation.decided_at = actor, timezone.now()
    quotation.decision_comment = comment
    quotation.save()
    _close_approval_tasks(actor, quotation)
    kind = "quotation.approved" if approve else "quotation.rejected"
    history(actor, quotation, kind, {"comment": comment} if comment else None)
    if quotation.owner is not None:
        title = (_("Quotation %(number)s approved") if approve else _("Quotation %(number)s rejected")) % {
            "number": quotation.number
        }
        notify(
            recipients=[quotation.owner],
            kind="trade.approval_decided",
            title=title,
            message=comment,
            url=_url(quotation),
            actor=actor,
            subject=(QUOTATION, quotation.public_id),
        )
    return quotation


def quotation_approve(*, actor, quotation: Quotation, comment: str = "") -> Quotation:
    with transaction.atomic():
        return _decide(actor, quotation, approve=True, comment=comment)


def quotation_reject(*, actor, quotation: Quotation, comment: str) -> Quotation:
    """Back to draft with the manager's reason."""
    with transaction.atomic():
        return _decide(actor, quotation, approve=False, comment=comment)
