"""The workspace's inquiry rules, its competitors and its lost reasons (managers and admins keep them)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext as _

from tradewind.catalog.models import Category
from tradewind.core import geo
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.crm.normalize import website_domain
from tradewind.trade.inquiries import permissions
from tradewind.trade.inquiries.choices import DEFAULT_LOST_REASONS, AssignmentMode, InquiryAuditAction
from tradewind.trade.inquiries.models import (
    Competitor,
    Inquiry,
    InquiryRoute,
    InquirySettings,
    LostReason,
    RoundRobinMember,
)
from tradewind.trade.inquiries.services.common import inquiry_settings
from tradewind.workspaces.audit import audit_record
from tradewind.workspaces.models import Membership

MAX_TARGET_HOURS = 24 * 30


def _require_manager(actor) -> None:
    if not permissions.can_manage_inquiries(actor):
        raise PermissionDenied(_("Only managers and admins change the inquiry rules."))


def inquiry_workspace_setup(workspace) -> None:
    """A new workspace's inquiry rules and lost reasons (keeps what exists)."""
    InquirySettings.objects.get_or_create(workspace=workspace)
    lost_reasons_ensure(workspace)


def lost_reasons_ensure(workspace) -> None:
    """The default lost reasons, for a workspace that has none yet (in the active language)."""
    if LostReason.objects.filter(workspace=workspace).exists():
        return
    with translation.override(translation.get_language() or "en"):
        LostReason.objects.bulk_create(
            LostReason(workspace=workspace, name=str(name), position=i)
            for i, name in enumerate(DEFAULT_LOST_REASONS)
        )


def _member(workspace, member, field: str) -> Membership:
    if (
        not isinstance(member, Membership)
        or member.workspace_id != workspace.pk
        or not permissions.can_work_inquiries(member)
    ):
        raise ValidationFailed(_("Choose a sales rep or manager of this workspace."), field=field)
    return member


def _origin(value: str) -> str:
    parts = urlsplit(value.strip())
    if (
        parts.scheme not in ("https", "http")
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
    ):
        raise ValidationFailed(
            _("“%(origin)s” is not a web origin, e.g. https://www.example.com.") % {"origin": value[:80]},
            field="intake_origins",
        )
    return f"{parts.scheme}://{parts.netloc.lower()}"


SETTINGS_FIELDS = (
    "response_target_hours", "reminder_lead_hours", "business_start", "business_end", "business_days",
    "assignment_mode", "intake_origins",
)  # fmt: skip


@transaction.atomic
def inquiry_settings_update(
    *, actor, round_robin=None, country_routes=None, category_routes=None, **changes
) -> InquirySettings:
    """Change the rules. `round_robin`: the reps in turn, in order; `country_routes` {country code:
    member}; `category_routes` {Category: member} — each replaces what was there. The new clock applies
    to inquiries that arrive from now on."""
    _require_manager(actor)
    unknown = set(changes) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"unknown inquiry settings: {sorted(unknown)}")
    workspace = actor.workspace
    settings = InquirySettings.objects.select_for_update().get(pk=inquiry_settings(workspace).pk)
    errors: list[ValidationFailed] = []
    for key in ("response_target_hours", "reminder_lead_hours"):
        if key in changes:
            value = changes[key]
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_TARGET_HOURS:
                errors.append(
                    ValidationFailed(_("Whole hours from 0 to %(n)d.") % {"n": MAX_TARGET_HOURS}, field=key)
                )
    if changes.get("response_target_hours") == 0:
        errors.append(ValidationFailed(_("At least one hour."), field="response_target_hours"))
    for key in ("business_start", "business_end"):
        if key in changes and not isinstance(changes[key], dt.time):
            errors.append(ValidationFailed(_("Enter a time such as 09:00."), field=key))
    if "business_days" in changes:
        days = changes["business_days"]
        if not days or any(not isinstance(d, int) or not 0 <= d <= 6 for d in days):
            errors.append(ValidationFailed(_("Choose at least one business day."), field="business_days"))
        else:
            changes["business_days"] = ",".join(str(d) for d in sorted(set(days)))
    if "assignment_mode" in changes and changes["assignment_mode"] not in AssignmentMode.values:
        errors.append(ValidationFailed(_("Choose a value from the list."), field="assignment_mode"))
    if "intake_origins" in changes:
        try:
            origins = [
                _origin(line) for line in (changes["intake_origins"] or "").splitlines() if line.strip()
            ]
            changes["intake_origins"] = "\n".join(dict.fromkeys(origins))
        except ValidationFailed as error:
            errors.append(error)
    if errors:
        raise ValidationFailed.all_of(errors)
    for key, value in changes.items():
        setattr(settings, key, value)
    start = settings.business_start
    end = settings.business_end
    if start >= end:
        raise ValidationFailed(_("Business hours end after they start."), field="business_end")
    settings.save()
    if round_robin is not None:
        members = [_member(workspace, m, "round_robin") for m in round_robin]
        RoundRobinMember.objects.filter(workspace=workspace).delete()
        RoundRobinMember.objects.bulk_create(
            RoundRobinMember(workspace=workspace, member=m, position=i)
            for i, m in enumerate(dict.fromkeys(members))
        )
        settings.round_robin_next = 0
        settings.save(update_fields=["round_robin_next"])
    if country_routes is not None:
        rows = []
        for code, member in country_routes.items():
            code = (code or "").upper()
            if code not in geo.country_codes():
                raise ValidationFailed(_("Choose a country from the list."), field="country_routes")
            rows.append(
                InquiryRoute(
                    workspace=workspace, country=code, member=_member(workspace, member, "country_routes")
                )
            )
        InquiryRoute.objects.filter(workspace=workspace, category__isnull=True).delete()
        InquiryRoute.objects.bulk_create(rows)
    if category_routes is not None:
        rows = []
        for category, member in category_routes.items():
            if not isinstance(category, Category) or category.workspace_id != workspace.pk:
                raise ValidationFailed(_("Choose a category of this workspace."), field="category_routes")
            rows.append(
                InquiryRoute(
                    workspace=workspace,
                    category=category,
                    member=_member(workspace, member, "category_routes"),
                )
            )
        InquiryRoute.objects.filter(workspace=workspace, category__isnull=False).delete()
        InquiryRoute.objects.bulk_create(rows)
    audit_record(workspace=workspace, actor=actor.user, action=InquiryAuditAction.SETTINGS_CHANGED)
    return settings


# --- competitors ------------------------------------------------------------------------------------------


def _competitor_values(fields: dict) -> dict:
    errors: list[ValidationFailed] = []
    values = {k: (v or "").strip() if isinstance(v, str) or v is None else v for k, v in fields.items()}
    unknown = set(values) - {"name", "country", "website", "notes"}
    if unknown:
        raise TypeError(f"unknown competitor fields: {sorted(unknown)}")
    if "name" in values and not values["name"]:
        errors.append(ValidationFailed(_("Give the competitor a name."), field="name"))
    for key, limit in (("name", 120), ("website", 200), ("notes", 10_000)):
        if len(values.get(key) or "") > limit:
            errors.append(ValidationFailed(_("At most %(n)d characters.") % {"n": limit}, field=key))
    if values.get("country"):
        values["country"] = values["country"].upper()
        if values["country"] not in geo.country_codes():
            errors.append(ValidationFailed(_("Choose a country from the list."), field="country"))
    if values.get("website"):
        host = website_domain(values["website"]) or ""
        if " " in values["website"] or "." not in host:
            errors.append(
                ValidationFailed(
                    _("“%(website)s” is not a web address, e.g. www.acme.de.")
                    % {"website": values["website"][:80]},
                    field="website",
                )
            )
    if errors:
        raise ValidationFailed.all_of(errors)
    return values


def _competitor_save(competitor: Competitor) -> None:
    others = Competitor.objects.filter(workspace_id=competitor.workspace_id).annotate(lower=Lower("name"))
    if others.filter(lower=competitor.name.lower()).exclude(pk=competitor.pk).exists():
        raise Conflict(
            _("There is a competitor “%(name)s” already.") % {"name": competitor.name}, field="name"
        )
    try:
        with transaction.atomic():
            competitor.save()
    except IntegrityError:  # the same name saved at the same moment
        raise Conflict(
            _("There is a competitor “%(name)s” already.") % {"name": competitor.name}, field="name"
        ) from None


@transaction.atomic
def competitor_create(
    *, actor, name: str, country: str = "", website: str = "", notes: str = ""
) -> Competitor:
    _require_manager(actor)
    values = _competitor_values({"name": name, "country": country, "website": website, "notes": notes})
    competitor = Competitor(workspace=actor.workspace, **values)
    _competitor_save(competitor)
    return competitor


@transaction.atomic
def competitor_update(*, actor, competitor: Competitor, **changes) -> Competitor:
    _require_manager(actor)
    for key, value in _competitor_values(changes).items():
        setattr(competitor, key, value)
    _competitor_save(competitor)
    return competitor


@transaction.atomic
def competitor_delete(*, actor, competitor: Competitor) -> None:
    """Delete a competitor; the inquiries lost to it keep their history (which names it)."""
    _require_manager(actor)
    competitor.delete()


# --- lost reasons -----------------------------------------------------------------------------------------


def _reason_name(workspace, name: str, *, exclude=None) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Give the reason a name."), field="name")
    if len(name) > 100:
        raise ValidationFailed(_("At most %(n)d characters.") % {"n": 100}, field="name")
    others = (
        LostReason.objects.filter(workspace=workspace)
        .annotate(lower=Lower("name"))
        .filter(lower=name.lower())
    )
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise Conflict(_("There is a reason “%(name)s” already.") % {"name": name}, field="name")
    return name


@transaction.atomic
def lost_reason_create(*, actor, name: str) -> LostReason:
    """Add a reason at the end of the list."""
    _require_manager(actor)
    lost_reasons_ensure(actor.workspace)
    name = _reason_name(actor.workspace, name)
    last = LostReason.objects.filter(workspace=actor.workspace).aggregate(m=Max("position"))["m"]
    return LostReason.objects.create(workspace=actor.workspace, name=name, position=(last or 0) + 1)


@transaction.atomic
def lost_reason_update(
    *, actor, reason: LostReason, name: str | None = None, position: int | None = None
) -> LostReason:
    """Rename a reason or move it to `position` (0 = first) in the list."""
    _require_manager(actor)
    if name is not None:
        reason.name = _reason_name(actor.workspace, name, exclude=reason)
        reason.save(update_fields=["name", "updated_at"])
    if position is not None:
        ordered = [r for r in LostReason.objects.filter(workspace=actor.workspace) if r.pk != reason.pk]
        ordered.insert(max(0, min(position, len(ordered))), reason)
        for i, row in enumerate(ordered):
            row.position = i
        LostReason.objects.bulk_update(ordered, ["position"])
    return reason


@transaction.atomic
def lost_reason_delete(*, actor, reason: LostReason) -> None:
    """Delete a reason no lost inquiry names (one in use stays: the inquiries' reasons must not vanish)."""
    _require_manager(actor)
    if Inquiry.objects.filter(lost_reason=reason).exists():
        raise Conflict(_("Lost inquiries name this reason; rename it instead."))
    reason.delete()
