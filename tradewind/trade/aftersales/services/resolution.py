"""How a case ends, and the credit notes it may leave.

- A credit note or a refund names the amount agreed (more than zero); a replacement may (the value of the
  goods sent again); a rejection agrees no money and says why.
- Agreeing more than the buyer claimed (or money on a case that claimed none) needs the person's
  confirmation, and is audited.
- A credit note stays open on the customer until case keepers deduct it from a later order of that
  customer, in the credit's currency, not cancelled, whose total covers it (credit_apply). The order's own
  documents are not rewritten: the order page shows the credit applied to it.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.activity.services import activity_record
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.core.money import Money, money_format
from tradewind.notifications.services import notify
from tradewind.trade import permissions as trade_permissions
from tradewind.trade.aftersales import permissions
from tradewind.trade.aftersales.choices import AMOUNT_REQUIRED, AftersalesAuditAction, CaseStatus, Resolution
from tradewind.trade.aftersales.models import AftersalesCase, CreditNote
from tradewind.trade.aftersales.services.cases import clean_amount, lock, require_open, require_work
from tradewind.trade.aftersales.services.common import (
    CUSTOMER,
    ORDER,
    announce,
    case_subject,
    case_url,
    history,
    number_next,
)
from tradewind.trade.choices import OrderStatus
from tradewind.workspaces.audit import audit_record

MAX_NOTE = 5000


def _agreed_text():
    return _("The agreed amount")


@transaction.atomic
def case_resolve(
    *,
    actor,
    case: AftersalesCase,
    resolution: str,
    agreed_amount: Decimal | None = None,
    note: str = "",
    confirm_above_claim: bool = False,
) -> AftersalesCase:
    """Close an open case with its resolution: resolved (credit note, replacement, refund) or rejected. A
    credit note becomes an open credit on the customer. The order's rep is told."""
    case = lock(case)
    require_work(actor, case)
    require_open(case)
    errors: list[ValidationFailed] = []
    if resolution not in Resolution.values:
        raise ValidationFailed(_("Choose how the case is resolved."), field="resolution")
    note = (note or "").replace("\r\n", "\n").strip()
    if len(note) > MAX_NOTE:
        errors.append(ValidationFailed(_("At most %(n)d characters.") % {"n": MAX_NOTE}, field="note"))
    amount = clean_amount(agreed_amount, case.currency, "agreed_amount", errors, what=_agreed_text)
    if resolution == Resolution.REJECTED:
        if amount is not None:
            errors.append(
                ValidationFailed(
                    _("A rejected claim agrees no money; leave the amount empty."), field="agreed_amount"
                )
            )
        if not note:
            errors.append(ValidationFailed(_("Say why the claim is rejected."), field="note"))
    elif resolution in AMOUNT_REQUIRED and amount is None and agreed_amount in (None, ""):
        errors.append(
            ValidationFailed(
                _("Enter the amount agreed with the buyer (in %(currency)s).") % {"currency": case.currency},
                field="agreed_amount",
            )
        )
    if errors:
        raise ValidationFailed.all_of(errors)
    above = amount is not None and (case.claimed_amount is None or amount > case.claimed_amount)
    if above and not confirm_above_claim:
        raise ValidationFailed(_above_claim_message(case, amount), field="agreed_amount", code="above_claim")
    now = timezone.now()
    case.resolution = resolution
    case.agreed_amount = amount
    case.resolution_note = note
    case.status = CaseStatus.REJECTED if resolution == Resolution.REJECTED else CaseStatus.RESOLVED
    case.resolved_at, case.resolved_by = now, actor
    case.save()
    data = {
        "resolution": resolution,
        "amount": str(amount) if amount is not None else "",
        "currency": case.currency,
    }
    if above:
        audit_record(
            workspace=case.workspace,
            actor=actor.user,
            action=AftersalesAuditAction.ABOVE_CLAIM,
            target=case.number,
            data={**data, "claimed": str(case.claimed_amount) if case.claimed_amount is not None else ""},
        )
    if resolution == Resolution.CREDIT_NOTE:
        credit = CreditNote.objects.create(
            workspace_id=case.workspace_id,
            number=number_next(case.workspace, "CN"),
            case=case,
            customer=case.customer,
            amount=amount,
            currency=case.currency,
        )
        data["credit"] = credit.number
    history(actor, case, "case.resolved", data, on_order=True, on_timeline=True)
    rep = case.order.owner
    if rep is not None:
        notify(
            recipients=[rep],
            kind="aftersales.case_resolved",
            title=lambda: (
                _("After-sales case %(number)s on %(order)s: %(resolution)s")
                % {
                    "number": case.number,
                    "order": case.order.number,
                    "resolution": case.get_resolution_display(),
                }
            ),
            message=lambda: note[:300],
            url=case_url(case),
            actor=actor,
            subject=case_subject(case),
        )
    announce(case.workspace, case)
    return case


def _above_claim_message(case: AftersalesCase, amount: Decimal) -> str:
    agreed = money_format(Money(amount, case.currency))
    if case.claimed_amount is None:
        return _("The buyer claimed no amount; confirm that %(agreed)s is agreed all the same.") % {
            "agreed": agreed
        }
    return _("%(agreed)s is more than the buyer claimed (%(claimed)s); confirm to agree it all the same.") % {
        "agreed": agreed,
        "claimed": money_format(case.claimed),
    }


@transaction.atomic
def credit_apply(*, actor, credit: CreditNote, order) -> CreditNote:
    """Deduct an open credit note from a later order of the same customer: in the credit's currency, not
    cancelled, not the order the case was about, whose total covers the credit. Recorded on the case, on
    that order and on the customer's timeline, and audited."""
    if not permissions.can_apply_credits(actor):
        raise PermissionDenied(_("Only customer service and managers apply credit notes."))
    credit = (
        CreditNote.objects.select_for_update(of=("self",))
        .select_related("workspace", "customer", "case__order", "case__customer", "case__workspace")
        .get(pk=credit.pk)
    )
    if credit.applied_to_id is not None:
        raise Conflict(
            _("Credit note %(credit)s was deducted from %(order)s already.")
            % {"credit": credit.number, "order": credit.applied_to.number}
        )
    if order.workspace_id != credit.workspace_id or not trade_permissions.can_see(actor, order):
        raise ValidationFailed(_("Choose an order of this workspace."), field="order")
    case_order = credit.case.order
    problem = None
    if order.customer_id != credit.customer_id:
        problem = _("Choose an order of %(customer)s.") % {"customer": credit.customer.name}
    elif order.pk == case_order.pk or order.issued_on < case_order.issued_on:
        problem = _(
            "A credit note is deducted from a later order than %(order)s, the one it was given for."
        ) % {"order": case_order.number}
    elif order.status == OrderStatus.CANCELLED:
        problem = _("Order %(order)s is cancelled.") % {"order": order.number}
    elif order.currency != credit.currency:
        problem = _(
            "The credit note is in %(credit)s and order %(order)s in %(currency)s; "
            "choose an order in %(credit)s."
        ) % {"credit": credit.currency, "order": order.number, "currency": order.currency}
    elif order.total < credit.amount:
        problem = _("%(credit)s is more than the total of order %(order)s.") % {
            "credit": money_format(credit.money),
            "order": order.number,
        }
    if problem:
        raise ValidationFailed(problem, field="order")
    credit.applied_to, credit.applied_at, credit.applied_by = order, timezone.now(), actor
    credit.save(update_fields=["applied_to", "applied_at", "applied_by", "updated_at"])
    case = credit.case
    data = {
        "number": case.number,
        "credit": credit.number,
        "amount": str(credit.amount),
        "currency": credit.currency,
        "order": order.number,
    }
    activity_record(
        workspace_id=case.workspace_id, subject=case_subject(case), kind="aftersales.credit.applied",
        actor=actor, data=data,
    )  # fmt: skip
    activity_record(
        workspace_id=case.workspace_id, subject=(ORDER, order.public_id), kind="aftersales.credit.applied",
        actor=actor, data=data,
    )  # fmt: skip
    activity_record(
        workspace_id=case.workspace_id, subject=(CUSTOMER, credit.customer.public_id),
        kind="aftersales.credit.applied", actor=actor, data={"channel": "system", **data},
    )  # fmt: skip
    audit_record(
        workspace=credit.workspace,
        actor=actor.user,
        action=AftersalesAuditAction.CREDIT_APPLIED,
        target=credit.number,
        data=data,
    )
    announce(credit.workspace, case)
    return credit
