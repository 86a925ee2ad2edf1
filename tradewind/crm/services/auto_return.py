"""The hourly rule of the public pool (公海): a private customer nobody followed up for its grade's N days
returns to the pool; its owner is warned the workspace's number of days before.

A rule change (a grade's days cut from 90 to 30) can return thousands of customers in one run. Each
owner then hears once per run — "37 customers returned to the public pool", linking to the pool — and is
warned once per run, instead of getting a notification, an e-mail and a chat message per customer; the
open customer lists refresh once per owner, not once per customer.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict

from django.db import transaction
from django.db.models import Max, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tradewind.crm.choices import CrmAuditAction
from tradewind.crm.models import CrmSettings, Customer, CustomerGrade
from tradewind.crm.selectors.pool import return_deadline
from tradewind.crm.selectors.settings import crm_settings
from tradewind.crm.services.pool import _move, customer_url
from tradewind.notifications.batching import names_and_more
from tradewind.notifications.services import notify
from tradewind.workspaces.models import Membership

LOCK_CHUNK = 500  # customers locked per query inside an owner's transaction
# An owner's returns of one run are one transaction (returned and told, or neither). Each costs four
# writes (customer, cool-down, timeline, audit), some 3 ms on SQLite, whose writers wait for each other:
# at most this many per owner and run keep that under a few seconds; the rest go back an hour later.
RETURNS_PER_OWNER = 1000
DEFAULT_WARNING_DAYS = CrmSettings._meta.get_field("auto_return_warning_days").default


def customers_auto_return(*, now: dt.datetime | None = None) -> dict:
    """Return to the pool the private customers whose grade's days without a logged contact are over,
    and warn the owners of those that will be soon; one notification per owner and run for each."""
    now = now or timezone.now()
    due, warn = _candidates(now)
    returned = sum(_return_for(owner_id, pks[:RETURNS_PER_OWNER], now) for owner_id, pks in due.items())
    warned = sum(_warn_for(owner_id, pks, now) for owner_id, pks in warn.items())
    return {"returned": returned, "warned": warned}


def _candidates(now) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Customers to return and to warn, by owner. Only those whose last contact (or taking over) is
    older than the shortest grade's days less the longest warning are read at all."""
    shortest = CustomerGrade.objects.filter(auto_return_days__isnull=False).aggregate(
        d=Min("auto_return_days")
    )
    if shortest["d"] is None:
        return {}, {}
    # A workspace without a settings row warns the default number of days before.
    longest_warning = CrmSettings.objects.aggregate(d=Max("auto_return_warning_days"))["d"] or 0
    longest_warning = max(longest_warning, DEFAULT_WARNING_DAYS)
    quiet_since = now - dt.timedelta(days=shortest["d"] - longest_warning)
    private = (
        Customer.objects.filter(owner__isnull=False, grade__auto_return_days__isnull=False)
        .filter(Q(last_contact_at__isnull=True) | Q(last_contact_at__lte=quiet_since))
        .filter(Q(owned_since__isnull=True) | Q(owned_since__lte=quiet_since))
        .select_related("grade")
        .only(
            "pk",
            "owner_id",
            "workspace_id",
            "last_contact_at",
            "owned_since",
            "return_warned_at",
            "grade__auto_return_days",
        )
        .order_by("pk")
    )
    warning_days = dict(CrmSettings.objects.values_list("workspace_id", "auto_return_warning_days"))
    due: dict[int, list[int]] = defaultdict(list)
    warn: dict[int, list[int]] = defaultdict(list)
    for customer in private.iterator(chunk_size=2000):
        deadline = return_deadline(customer)
        if deadline is None:
            continue
        days = warning_days.get(customer.workspace_id, DEFAULT_WARNING_DAYS)
        if now >= deadline:
            due[customer.owner_id].append(customer.pk)
        elif days and customer.return_warned_at is None and now >= deadline - dt.timedelta(days=days):
            warn[customer.owner_id].append(customer.pk)
    return due, warn


def _locked(owner_id: int, pks: list[int], **filters):
    """The owner's customers among `pks`, locked, read again (a contact may have been logged since)."""
    for start in range(0, len(pks), LOCK_CHUNK):
        yield from (
            Customer.objects.select_for_update(of=("self",))
            .select_related("workspace", "grade", "owner__user")
            .filter(pk__in=pks[start : start + LOCK_CHUNK], owner_id=owner_id, **filters)
            .order_by("pk")
        )


@transaction.atomic
def _return_for(owner_id: int, pks: list[int], now) -> int:
    """One owner's customers back to the pool and one notification about them, in one transaction: a
    worker stopped half-way leaves them all private (and the owner untold) or all returned and told."""
    moved, cooldown_days = [], {}
    for customer in _locked(owner_id, pks):
        deadline = return_deadline(customer)
        if deadline is None or now < deadline:
            continue  # someone logged a contact meanwhile
        if customer.workspace_id not in cooldown_days:
            cooldown_days[customer.workspace_id] = crm_settings(customer.workspace).cooldown_days
        _move(
            customer,
            to=None,
            actor=None,
            event="returned",
            action=CrmAuditAction.CUSTOMER_RETURNED,
            reason="auto",
            cooldown_days=cooldown_days[customer.workspace_id],
        )
        moved.append((customer, deadline))
    if moved:
        _tell_returned(_owner(owner_id), moved)
    return len(moved)


def _owner(owner_id: int) -> Membership:
    return Membership.objects.select_related("user", "workspace").get(pk=owner_id)


def _tell_returned(owner: Membership, moved: list[tuple[Customer, dt.datetime]]) -> None:
    customer, deadline = moved[0]
    if len(moved) == 1:
        notify(
            recipients=[owner],
            kind="crm.returned",
            url=customer_url(customer),
            title=lambda: _("%(customer)s went back to the pool") % {"customer": customer.name},
            message=lambda: (
                _("No follow-up was logged in %(days)d days.") % {"days": customer.grade.auto_return_days}
            ),
            subject=("crm.customer", customer.public_id),
            dedupe_key=f"crm-return:{customer.pk}:{deadline:%Y%m%d}",
        )
        return
    names = [c.name for c, _deadline in moved]
    notify(
        recipients=[owner],
        kind="crm.returned",
        url=reverse("crm:list", args=[owner.workspace.slug]) + "?owner=pool&sort=-updated",
        title=lambda: (
            ngettext(
                "%(count)d customer returned to the public pool",
                "%(count)d customers returned to the public pool",
                len(names),
            )
            % {"count": len(names)}
        ),
        message=lambda: (
            names_and_more(names) + "\n" + _("No follow-up was logged in the days their grade allows.")
        ),
    )


@transaction.atomic
def _warn_for(owner_id: int, pks: list[int], now) -> int:
    """Mark the owner's customers warned and tell the owner once about all of them."""
    warned = []
    for customer in _locked(owner_id, pks, return_warned_at__isnull=True):
        deadline = return_deadline(customer)
        if deadline is not None and now < deadline:
            warned.append((customer, deadline))
    if not warned:
        return 0
    Customer.objects.filter(pk__in=[c.pk for c, _deadline in warned]).update(return_warned_at=timezone.now())
    owner = _owner(owner_id)
    if len(warned) == 1:
        customer, deadline = warned[0]
        notify(
            recipients=[owner],
            kind="crm.return_warning",
            url=customer_url(customer),
            title=lambda: (
                _("%(customer)s returns to the pool on %(date)s unless you follow up")
                % {"customer": customer.name, "date": date_format(timezone.localdate(deadline))}
            ),
            subject=("crm.customer", customer.public_id),
            dedupe_key=f"crm-warn:{customer.pk}:{deadline:%Y%m%d}",
        )
        return 1
    warned.sort(key=lambda pair: pair[1])
    first = warned[0][1]
    names = [c.name for c, _deadline in warned]
    notify(
        recipients=[owner],
        kind="crm.return_warning",
        url=_not_contacted_url(owner, warned),
        title=lambda: (
            ngettext(
                "%(count)d customer returns to the pool from %(date)s unless you follow up",
                "%(count)d customers return to the pool from %(date)s unless you follow up",
                len(names),
            )
            % {"count": len(names), "date": date_format(timezone.localdate(first))}
        ),
        message=lambda: names_and_more(names),
    )
    return len(warned)


def _not_contacted_url(owner: Membership, warned) -> str:
    """The owner's own customers not contacted since the last of these was (their list's "No contact
    since" filter, in the owner's zone, which their pages use)."""
    zone = zoneinfo.ZoneInfo(owner.user.time_zone or owner.workspace.time_zone)
    latest = max(max(filter(None, [c.last_contact_at, c.owned_since])) for c, _deadline in warned)
    since = (latest.astimezone(zone).date() + dt.timedelta(days=1)).isoformat()
    return reverse("crm:list", args=[owner.workspace.slug]) + f"?owner=mine&contacted_before={since}"
