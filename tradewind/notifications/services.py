"""notify(): the one way every app tells people something.

It writes the in-app notification, queues e-mail and chat deliveries in the outbox according to each
recipient's preferences and quiet hours, and pushes the new unread count to their open pages — all in the
caller's transaction, so a rolled-back change notifies nobody.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone, translation

from tradewind.core.realtime import membership_group, push_many_now
from tradewind.core.transactions import on_commit_once
from tradewind.notifications.choices import DeliveryChannel, EmailMode, EmailState
from tradewind.notifications.kinds import notification_kind
from tradewind.notifications.models import (
    Delivery,
    Notification,
    NotificationItem,
    NotificationPreference,
    WebhookChannel,
)
from tradewind.notifications.quiet_hours import quiet_hours_release

Text = str | Callable[[], str]


def _render(text: Text, language: str) -> str:
    """Text is rendered in each reader's language: pass a callable that calls gettext."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return str(text() if callable(text) else text)


def unread_count(membership) -> int:
    return Notification.objects.filter(recipient=membership, read_at__isnull=True).count()


def push_unread_count_on_commit(membership) -> None:
    push_unread_counts_on_commit([membership])


def push_unread_counts_on_commit(members) -> None:
    """The bell on each member's open pages shows their count as of the commit: for a whole transaction,
    however many notifications it made, one query counts them all and one hop pushes them."""

    def push():
        counts = dict(
            Notification.objects.filter(recipient_id__in=push.ids, read_at__isnull=True)
            .values("recipient_id")
            .annotate(n=Count("id"))
            .values_list("recipient_id", "n")
        )
        unread = [(pk, counts.get(pk, 0)) for pk in sorted(push.ids)]
        push_many_now([(membership_group(pk), "notifications", {"unread": n}) for pk, n in unread])

    push.ids = {m.pk for m in members}
    waiting = on_commit_once("notifications:unread", push)  # outside a transaction: run already
    if waiting is not push:
        waiting.ids.update(push.ids)


def _wants_deliveries_now():
    from tradewind.notifications.tasks import deliveries_send

    on_commit_once("deliveries_send", lambda: deliveries_send())


@transaction.atomic
def notify(
    *,
    recipients: Iterable,
    kind: str,
    title: Text,
    message: Text = "",
    url: str = "",
    actor=None,
    subject: tuple[str, uuid.UUID] | None = None,
    urgent: bool | None = None,
    dedupe_key: str = "",
    covers: Iterable[str] = (),
) -> list[Notification]:
    """Notify active members (once each; never the actor about their own action).

    `dedupe_key` makes the call idempotent per recipient (reminders use it); `urgent` overrides the kind's
    default and lets the message through quiet hours. `covers`: the keys of the things a batched
    notification tells about ("N follow-ups due"), remembered per recipient so that a job can leave them
    out next time (`selectors.notifications_told`).
    """
    spec = notification_kind(kind)
    urgent = spec.urgent if urgent is None else urgent
    now = timezone.now()
    unique = {}
    for m in recipients:
        if m is not None and m.is_active and (actor is None or m.pk != actor.pk):
            unique[m.pk] = m
    members = list(unique.values())
    if not members:
        return []
    workspace = members[0].workspace
    if dedupe_key:
        done = set(
            Notification.objects.filter(recipient__in=members, dedupe_key=dedupe_key)
            .exclude(dedupe_key="")  # the partial unique index's condition, spelled out so SQLite uses it
            .values_list("recipient_id", flat=True)
        )
        members = [m for m in members if m.pk not in done]
    prefs = {
        p.membership_id: p for p in NotificationPreference.objects.filter(membership__in=members, kind=kind)
    }
    personal_hooks: dict[int, list[WebhookChannel]] = {}
    for hook in WebhookChannel.objects.filter(owner__in=members, is_active=True):
        personal_hooks.setdefault(hook.owner_id, []).append(hook)

    covers = list(dict.fromkeys(covers))
    rendered: dict[str, tuple[str, str]] = {}  # by language: most recipients share one or two
    modes, notes = {}, []
    for m in members:
        pref = prefs.get(m.pk)
        modes[m.pk] = pref.email if pref else spec.default_email
        language = m.user.language or ""
        if language not in rendered:
            rendered[language] = (_render(title, m.user.language)[:200], _render(message, m.user.language))
        notes.append(
            Notification(
                workspace=workspace,
                recipient=m,
                actor=actor,
                kind=kind,
                title=rendered[language][0],
                message=rendered[language][1],
                url=url,
                subject_kind=subject[0] if subject else "",
                subject_id=subject[1] if subject else None,
                urgent=urgent,
                created_at=now,
                dedupe_key=dedupe_key,
                email_state=EmailState.DIGEST_PENDING if modes[m.pk] == EmailMode.DIGEST else EmailState.NONE,
            )
        )
    created = Notification.objects.bulk_create(notes)  # with their ids: the deliveries' keys name them
    deliveries, items = [], []
    for m, note in zip(members, created, strict=True):
        user = m.user
        pref = prefs.get(m.pk)
        items.extend(
            NotificationItem(workspace=workspace, notification=note, recipient=m, key=key) for key in covers
        )
        release = now if urgent else quiet_hours_release(user=user, zone_name=workspace.time_zone, now=now)
        payload = {
            "title": note.title,
            "text": note.message,
            "url": url,
            "kind": kind,
            "language": user.language or settings.LANGUAGE_CODE,
        }
        if modes[m.pk] == EmailMode.IMMEDIATE:
            deliveries.append(
                Delivery(
                    workspace=workspace,
                    key=f"n{note.pk}:email",
                    channel=DeliveryChannel.EMAIL,
                    recipient=m,
                    notification=note,
                    payload=payload,
                    next_attempt_at=release,
                )
            )
        if pref is None or pref.webhook:
            for hook in personal_hooks.get(m.pk, []):
                deliveries.append(
                    Delivery(
                        workspace=workspace,
                        key=f"n{note.pk}:wh{hook.pk}",
                        channel=DeliveryChannel.WEBHOOK,
                        recipient=m,
                        webhook=hook,
                        notification=note,
                        payload=payload,
                        next_attempt_at=release,
                    )
                )
    push_unread_counts_on_commit(members)

    # Team channels hear about the event once, however many people it concerned.
    event_key = dedupe_key or uuid.uuid4().hex
    for hook in WebhookChannel.objects.filter(workspace=workspace, owner__isnull=True, is_active=True):
        if hook.kinds and kind not in hook.kinds:
            continue
        deliveries.append(
            Delivery(
                workspace=workspace,
                key=f"e{event_key}:wh{hook.pk}",
                channel=DeliveryChannel.WEBHOOK,
                webhook=hook,
                notification=created[0] if created else None,
                payload={
                    "title": _render(title, hook.language)[:200],
                    "text": _render(message, hook.language),
                    "url": url,
                    "kind": kind,
                    "language": hook.language,
                },
            )
        )
    if items:
        NotificationItem.objects.bulk_create(items, ignore_conflicts=True, batch_size=500)
    if deliveries:
        Delivery.objects.bulk_create(deliveries, ignore_conflicts=True)
        _wants_deliveries_now()
    return created


def notification_mark_read(*, membership, notification_ids=None) -> int:
    """Mark some (or, with None, all) of a member's notifications read; returns how many changed."""
    unread = Notification.objects.filter(recipient=membership, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    changed = unread.update(read_at=timezone.now())
    if changed:
        push_unread_count_on_commit(membership)
    return changed
