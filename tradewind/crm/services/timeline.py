"""A customer's history: logged interactions, system entries, and the follow-up clock they run."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.activity.models import Activity
from tradewind.activity.services import activity_record
from tradewind.core.errors import PermissionDenied, ValidationFailed
from tradewind.core.realtime import broadcast_on_commit
from tradewind.crm import permissions
from tradewind.crm.choices import (
    CONTACT_CHANNELS,
    Channel,
)
from tradewind.crm.hooks import interaction_hooks_run
from tradewind.crm.models import (
    Contact,
    Customer,
)
from tradewind.crm.timeline_events import INTERACTION, event_kind


def customer_subject(customer) -> tuple[str, object]:
    return ("crm.customer", customer.public_id)


def timeline_add(customer, *, actor, channel: str, event: str, at=None, **data) -> Activity:
    """A system entry (ownership change, merge…) in the customer's history; `event` is a code of
    `timeline_events.EVENTS`, shown in the reader's language."""
    return activity_record(
        workspace_id=customer.workspace_id,
        subject=customer_subject(customer),
        kind=event_kind(event),
        actor=actor,
        at=at,
        data={"channel": channel, **data},
    )


def _cadence(customer: Customer) -> int:
    return customer.grade.follow_up_days if customer.grade else 14


@transaction.atomic
def timeline_log(
    *,
    actor,
    customer: Customer,
    channel: str,
    summary: str,
    at: dt.datetime | None = None,
    outcome: str = "",
    next_step: str = "",
    contact: Contact | None = None,
    next_follow_up_on: dt.date | None = None,
) -> Activity:
    """Log an interaction. A contact with the customer (call, e-mail, visit …) restarts the follow-up
    clock: the next follow-up is the given date, or the interaction's day plus the grade's cadence (today
    at the earliest). One logged after a later contact was (an old call noted late) changes neither.
    Other apps hear of it through their interaction hooks (crm/hooks.py): a rep's reply answers an inquiry."""
    if not permissions.can_edit(actor, customer):
        raise PermissionDenied(_("You cannot log interactions for this customer."))
    if channel not in (Channel.NOTE, *CONTACT_CHANNELS):
        raise ValidationFailed(_("Choose how you were in touch."), field="channel")
    summary = (summary or "").strip()
    if not summary:
        raise ValidationFailed(_("Say what happened."), field="summary")
    now = timezone.now()
    at = at or now
    if timezone.is_naive(at):  # "2026-11-27T10:00" from an API client: in the reader's time zone
        at = timezone.make_aware(at)
    if at > now + dt.timedelta(minutes=5):
        raise ValidationFailed(
            _("An interaction cannot be in the future; plan it as a follow-up."), field="at"
        )
    if contact is not None and contact.customer_id != customer.pk:
        raise ValidationFailed(_("Choose one of this customer's contacts."), field="contact")
    if next_follow_up_on is not None and next_follow_up_on < timezone.localdate():
        raise ValidationFailed(_("The next follow-up cannot be in the past."), field="next_follow_up_on")
    data = {
        "channel": channel,
        "summary": summary,
        "outcome": (outcome or "").strip()[:300],
        "next_step": (next_step or "").strip()[:300],
    }
    if contact is not None:
        # Kept by name too: the entry still says who it was after the contact is removed.
        data["contact"] = {"id": str(contact.public_id), "name": contact.name}
    return interaction_record(
        actor=actor, customer=customer, at=at, data=data, next_follow_up_on=next_follow_up_on
    )


@transaction.atomic
def interaction_record(
    *,
    actor,
    customer: Customer,
    at: dt.datetime,
    data: dict,
    next_follow_up_on: dt.date | None = None,
    ours: bool = True,
) -> Activity:
    """The entry and the follow-up clock of an interaction that happened: what `timeline_log` keeps once it
    has checked who logs what, and what another app records of a contact it saw (an e-mail synced from a
    rep's mailbox; mail/). `data` holds the channel and the summary at least. `ours`: we reached out (a
    call, a sent e-mail), which the interaction hooks hear of; a buyer's e-mail restarts the clock only."""
    channel = data["channel"]
    now = timezone.now()
    entry = activity_record(
        workspace_id=customer.workspace_id,
        subject=customer_subject(customer),
        kind=INTERACTION,
        actor=actor,
        at=at,
        data=data,
    )
    fields = {}
    latest = channel in CONTACT_CHANNELS and (
        customer.last_contact_at is None or at > customer.last_contact_at
    )
    if latest:
        fields["last_contact_at"] = at
        fields["next_follow_up_on"] = next_follow_up_on or max(
            timezone.localdate(at) + dt.timedelta(days=_cadence(customer)), timezone.localdate()
        )
        fields["return_warned_at"] = None
    elif next_follow_up_on is not None:
        fields["next_follow_up_on"] = next_follow_up_on
    if fields:
        Customer.objects.filter(pk=customer.pk).update(**fields, updated_at=now)
        for key, value in fields.items():
            setattr(customer, key, value)
    if ours:
        interaction_hooks_run(actor=actor, customer=customer, channel=channel, at=at)
    broadcast_on_commit(customer.workspace, "customers", {"customer": str(customer.public_id)})
    return entry


@transaction.atomic
def follow_up_set(*, actor, customer: Customer, on: dt.date | None) -> Customer:
    if not permissions.can_edit(actor, customer):
        raise PermissionDenied(_("You cannot plan follow-ups for this customer."))
    if on is not None and on < timezone.localdate():
        raise ValidationFailed(_("The next follow-up cannot be in the past."), field="next_follow_up_on")
    Customer.objects.filter(pk=customer.pk).update(next_follow_up_on=on, updated_at=timezone.now())
    customer.next_follow_up_on = on
    return customer
