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
from django.utils import timezone, translation

from tradewind.core.realtime import membership_group, push_now
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
    """The bell on the member's open pages shows the count as of the commit (one push per commit)."""
    group = membership_group(membership.pk)
    on_commit_once(
        f"unread:{membership.pk}",
        lambda: push_now(group, "notifications", {"unread": unread_count(membership)}),
    )


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
    created, deliveries, items = [], [], []
    for m in members:
        user = m.user
        pref = prefs.get(m.pk)
        email_mode = pref.email if pref else spec.default_email
        rendered_title = _render(title, user.language)[:200]
        rendered_message = _render(message, user.language)
        note = Notification.objects.create(
            workspace=workspace,
            recipient=m,
            actor=actor,
            kind=kind,
            title=rendered_title,
            message=rendered_message,
            url=url,
            subject_kind=subject[0] if subject else "",
            subject_id=subject[1] if subject else None,
            urgent=urgent,
            created_at=now,
            dedupe_key=dedupe_key,
            email_state=EmailState.DIGEST_PENDING if email_mode == EmailMode.DIGEST else EmailState.NONE,
        )
        created.append(note)
        items.extend(
            NotificationItem(workspace=workspace, notification=note, recipient=m, key=key) for key in covers
        )
        release = now if urgent else quiet_hours_release(user=user, zone_name=workspace.time_zone, now=now)
        payload = {
            "title": rendered_title,
            "text": rendered_message,
            "url": url,
            "kind": kind,
            "language": user.language or settings.LANGUAGE_CODE,
        }
        if email_mode == EmailMode.IMMEDIATE:
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
        push_unread_count_on_commit(m)

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
