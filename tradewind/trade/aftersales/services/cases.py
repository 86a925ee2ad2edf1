"""After-sales cases: opening one about an order (and one of its shipments), changing it, moving it
through its open statuses, its photos.

Rules said once here, for the pages, the API and the demo alike:
- a case is about a confirmed order the member may see; a shipment, if named, is one of that order's;
- the claimed amount, if any, is more than zero, in the case's currency (the order's unless another is
  chosen), with at most the currency's decimals;
- the owner is a member who works cases (customer service or a lead); by default the order's customer
  service person, else whoever opens the case if they work cases;
- open → investigating → awaiting the buyer in any order; resolved and rejected only by case_resolve.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.core.money import AMOUNT_MAX_DIGITS, AMOUNT_PLACES, currency_codes, currency_minor_units
from tradewind.notifications.services import notify
from tradewind.trade.aftersales import permissions
from tradewind.trade.aftersales.choices import OPEN_STATUSES, CaseStatus, CaseType
from tradewind.trade.aftersales.models import AftersalesCase, CasePhoto
from tradewind.trade.aftersales.photos import photo_store, photo_thumbnail
from tradewind.trade.aftersales.services.common import announce, case_subject, case_url, history, number_next
from tradewind.trade.choices import OrderStatus
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import Membership

MAX_DESCRIPTION = 10_000
MAX_PHOTOS = 20
UNSET = object()


# --- the fields' rules ----------------------------------------------------------------------------------


def clean_amount(value, currency: str, field: str, errors: list, *, what) -> Decimal | None:
    """An amount of `currency` more than zero with at most its decimals; None stays None. `what()` names
    the amount in the message ("The claimed amount")."""
    if value is None or value == "":
        return None
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except ArithmeticError:
        amount = None
    if amount is None or not amount.is_finite():
        errors.append(ValidationFailed(_("%(what)s is not a number.") % {"what": what()}, field=field))
        return None
    if amount <= 0:
        errors.append(ValidationFailed(_("%(what)s must be more than zero.") % {"what": what()}, field=field))
        return None
    places = currency_minor_units(currency) if currency in currency_codes() else AMOUNT_PLACES
    if amount != amount.quantize(Decimal(1).scaleb(-places)):
        message = (
            _("%(currency)s amounts have no decimals.") % {"currency": currency}
            if places == 0
            else _("%(currency)s amounts have at most %(places)d decimals.")
            % {"currency": currency, "places": places}
        )
        errors.append(ValidationFailed(message, field=field))
        return None
    if amount.adjusted() >= AMOUNT_MAX_DIGITS - AMOUNT_PLACES:
        errors.append(ValidationFailed(_("That amount is too large."), field=field))
        return None
    return amount


def _claim_text():
    return _("The claimed amount")


def _clean_currency(currency: str, errors: list) -> str:
    code = (currency or "").strip().upper()
    if code not in currency_codes():
        errors.append(
            ValidationFailed(_("Use a three-letter currency code, e.g. USD, EUR."), field="currency")
        )
    return code


def _clean_description(value, errors: list) -> str:
    text = (value or "").replace("\r\n", "\n").strip()
    if not text:
        errors.append(ValidationFailed(_("Describe what the buyer reports."), field="description"))
    elif len(text) > MAX_DESCRIPTION:
        errors.append(
            ValidationFailed(_("At most %(n)d characters.") % {"n": MAX_DESCRIPTION}, field="description")
        )
    return text


def _check_type(value, errors: list) -> str:
    if value not in CaseType.values:
        errors.append(ValidationFailed(_("Choose the type of case from the list."), field="case_type"))
    return value


def _check_shipment(order, shipment, errors: list):
    if shipment is not None and (
        shipment.order_id != order.pk or shipment.workspace_id != order.workspace_id
    ):
        errors.append(
            ValidationFailed(
                _("Choose a shipment of order %(number)s.") % {"number": order.number}, field="shipment"
            )
        )
    return shipment


def _check_owner(workspace_id: int, owner, errors: list):
    if owner is not None and (
        not isinstance(owner, Membership)
        or owner.workspace_id != workspace_id
        or not permissions.can_keep_cases(owner)
    ):
        errors.append(
            ValidationFailed(
                _("Choose a member of customer service (or a manager) as the owner."), field="owner"
            )
        )
    return owner


def default_owner(order, actor) -> Membership | None:
    """The order's customer service person; else the actor if they work cases; else nobody yet."""
    from tradewind.trade.workflow.team import order_team_member

    member = order_team_member(order, Role.SERVICE)
    if member is not None and permissions.can_keep_cases(member):
        return member
    return actor if actor is not None and permissions.can_keep_cases(actor) else None


def _tell_owner(case: AftersalesCase, actor) -> None:
    if case.owner is None:
        return
    notify(
        recipients=[case.owner],
        kind="aftersales.case_assigned",
        title=lambda: (
            _("After-sales case %(number)s (%(customer)s) is yours")
            % {"number": case.number, "customer": case.customer.name}
        ),
        message=lambda: case.description[:300],
        url=case_url(case),
        actor=actor,
        subject=case_subject(case),
    )


def _tell_rep(case: AftersalesCase, actor, kind: str, title) -> None:
    """The order's sales rep hears what happens to their buyer's claim (not of what they did themselves)."""
    if case.order.owner is None or case.order.owner_id == case.owner_id:
        return  # nobody, or the rep owns the case and hears of it as its owner
    notify(
        recipients=[case.order.owner],
        kind=kind,
        title=title,
        message=lambda: case.description[:300],
        url=case_url(case),
        actor=actor,
        subject=case_subject(case),
    )


# --- opening and changing ---------------------------------------------------------------------------------


@transaction.atomic
def case_create(
    *,
    actor: Membership,
    order,
    case_type: str,
    description: str,
    claimed_amount: Decimal | None = None,
    currency: str = "",
    shipment=None,
    owner=UNSET,
) -> AftersalesCase:
    """Open a case about a confirmed order (its customer's, in the order's currency unless another is
    given). Its owner is told; so is the order's rep when someone else opened it."""
    if not permissions.can_open_case(actor, order):
        raise PermissionDenied(_("Only customer service, managers and the order's sales rep open cases."))
    if order.workspace_id != actor.workspace_id:
        raise ValueError("the order is not of the actor's workspace")  # a programming error
    if order.status != OrderStatus.CONFIRMED:
        raise Conflict(_("After-sales cases are opened on confirmed orders."))
    errors: list[ValidationFailed] = []
    case_type = _check_type(case_type, errors)
    text = _clean_description(description, errors)
    code = _clean_currency(currency or order.currency, errors)
    amount = clean_amount(claimed_amount, code, "claimed", errors, what=_claim_text)
    _check_shipment(order, shipment, errors)
    if owner is UNSET:
        owner = default_owner(order, actor)
    elif owner is not None and not permissions.can_keep_cases(actor):
        # A rep opens the case; customer service decides who works it.
        errors.append(ValidationFailed(_("Customer service chooses the case's owner."), field="owner"))
    _check_owner(order.workspace_id, owner, errors)
    if errors:
        raise ValidationFailed.all_of(errors)
    case = AftersalesCase.objects.create(
        workspace_id=order.workspace_id,
        number=number_next(order.workspace, "AS"),
        order=order,
        shipment=shipment,
        customer=order.customer,
        case_type=case_type,
        description=text,
        currency=code,
        claimed_amount=amount,
        owner=owner,
        opened_by=actor,
    )
    case = lock(case)
    history(actor, case, "case.opened", {"type": case_type}, on_order=True, on_timeline=True)
    _tell_owner(case, actor)
    _tell_rep(
        case,
        actor,
        "aftersales.case_opened",
        lambda: (
            _("%(customer)s opened after-sales case %(number)s on %(order)s")
            % {"customer": case.customer.name, "number": case.number, "order": case.order.number}
        ),
    )
    announce(case.workspace, case)
    return case


def lock(case: AftersalesCase) -> AftersalesCase:
    """The case's row, locked for the rest of the transaction, read afresh."""
    return (
        AftersalesCase.objects.select_for_update(of=("self",))
        .select_related("workspace", "order__owner__user", "order__workspace", "customer", "owner__user")
        .get(pk=case.pk)
    )


def require_work(actor, case: AftersalesCase) -> None:
    if not permissions.can_work_case(actor, case):
        raise PermissionDenied(_("Only customer service and managers work after-sales cases."))


def require_open(case: AftersalesCase) -> None:
    if not case.is_open:
        raise Conflict(
            _("Case %(number)s is %(status)s; open a new case if the buyer comes back.")
            % {"number": case.number, "status": case.get_status_display().lower()}
        )


@transaction.atomic
def case_update(
    *,
    actor,
    case: AftersalesCase,
    case_type=UNSET,
    description=UNSET,
    claimed_amount=UNSET,
    currency=UNSET,
    shipment=UNSET,
    owner=UNSET,
) -> AftersalesCase:
    """Change an open case: what is given changes (None clears the claim, the shipment or the owner); a
    new owner is told. What is as it was changes nothing."""
    case = lock(case)
    require_work(actor, case)
    require_open(case)
    errors: list[ValidationFailed] = []
    values = {}
    if case_type is not UNSET:
        values["case_type"] = _check_type(case_type, errors)
    if description is not UNSET:
        values["description"] = _clean_description(description, errors)
    code = case.currency if currency is UNSET else _clean_currency(currency or case.order.currency, errors)
    if currency is not UNSET:
        values["currency"] = code
    if claimed_amount is not UNSET:
        values["claimed_amount"] = clean_amount(claimed_amount, code, "claimed", errors, what=_claim_text)
    elif currency is not UNSET and case.claimed_amount is not None:
        values["claimed_amount"] = clean_amount(
            case.claimed_amount, code, "claimed", errors, what=_claim_text
        )
    if shipment is not UNSET:
        values["shipment"] = _check_shipment(case.order, shipment, errors)
    if owner is not UNSET:
        values["owner"] = _check_owner(case.workspace_id, owner, errors)
    if errors:
        raise ValidationFailed.all_of(errors)
    changed = [k for k, v in values.items() if getattr(case, k) != v]
    if not changed:
        return case
    for key in changed:
        setattr(case, key, values[key])
    case.save()
    history(actor, case, "case.changed", {"fields": changed})
    if "owner" in changed:
        history(actor, case, "case.owner", {"name": case.owner.user.display_name if case.owner else ""})
        _tell_owner(case, actor)
    announce(case.workspace, case)
    return case


@transaction.atomic
def case_set_status(*, actor, case: AftersalesCase, status: str) -> AftersalesCase:
    """Move an open case to another open status (investigating, awaiting the buyer, open again)."""
    case = lock(case)
    require_work(actor, case)
    require_open(case)
    if status in (CaseStatus.RESOLVED, CaseStatus.REJECTED):
        raise ValidationFailed(
            _("Record the resolution (credit note, replacement, refund or rejection) to close the case."),
            field="status",
        )
    if status not in OPEN_STATUSES:
        raise ValidationFailed(_("Choose a status from the list."), field="status")
    if case.status == status:
        return case
    case.status = status
    case.save(update_fields=["status", "updated_at"])
    history(actor, case, "case.status", {"status": status}, on_order=True)
    announce(case.workspace, case)
    return case


# --- photos -------------------------------------------------------------------------------------------------


@transaction.atomic
def case_photo_add(*, actor, case: AftersalesCase, upload) -> CasePhoto:
    """Keep a photo the buyer sent (a JPEG, PNG, WebP or GIF within the photo size limit), with its
    thumbnail. Keepers, and the order's rep while the case is open; at most MAX_PHOTOS a case."""
    case = lock(case)
    if not permissions.can_add_photos(actor, case):
        raise PermissionDenied(_("You cannot add photos to this case."))
    if case.photos.count() >= MAX_PHOTOS:
        raise Conflict(_("A case has at most %(n)d photos; remove one first.") % {"n": MAX_PHOTOS})
    small = photo_thumbnail(upload)  # refused before anything is stored
    stored, thumbnail = photo_store(workspace=case.workspace, actor=actor, upload=upload, thumbnail=small)
    photo = CasePhoto.objects.create(
        workspace_id=case.workspace_id, case=case, file=stored, thumbnail=thumbnail, uploaded_by=actor
    )
    history(actor, case, "case.photo_added", {"name": stored.original_name})
    announce(case.workspace, case)
    return photo


@transaction.atomic
def case_photo_remove(*, actor, photo: CasePhoto) -> None:
    from tradewind.files.services import stored_file_delete

    case = lock(photo.case)
    require_work(actor, case)
    files, name = (photo.file, photo.thumbnail), photo.file.original_name
    photo.delete()
    for stored in files:
        stored_file_delete(stored)
    history(actor, case, "case.photo_removed", {"name": name})
    announce(case.workspace, case)
