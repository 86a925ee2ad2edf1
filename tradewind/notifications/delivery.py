"""Sending the outbox: e-mail and chat webhooks, with leases, retries and back-off.

Claiming marks rows "sending" with a lease in a short transaction; several workers never claim the same
row (SKIP LOCKED on PostgreSQL; SQLite serialises writers). A worker killed mid-send leaves its rows
"sending" with an expired lease; they are claimed again and re-sent with the same delivery id
(`X-Tradewind-Delivery`) — see docs/decisions.md on why chat deliveries are at-least-once.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from tradewind.notifications.choices import DeliveryChannel, DeliveryStatus
from tradewind.notifications.models import Delivery

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


def _lease() -> dt.timedelta:
    # How long a claimed row stays with its worker; after that another worker may take it over.
    return dt.timedelta(seconds=settings.DELIVERY_LEASE_SECONDS)


def _backoff(attempts: int) -> dt.timedelta:
    # 1 min, 2, 4 … capped at 6 h: a webhook that is down for an afternoon still gets the message.
    return min(dt.timedelta(minutes=2 ** max(0, attempts - 1)), dt.timedelta(hours=6))


def deliveries_claim(*, now: dt.datetime, limit: int = 50) -> list[Delivery]:
    with transaction.atomic():
        due = (
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(
                Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
                | Q(status=DeliveryStatus.SENDING, lease_until__lt=now)
            )
            .order_by("next_attempt_at")[:limit]
        )
        rows = list(due)
        for row in rows:
            row.status = DeliveryStatus.SENDING
            row.lease_until = now + _lease()
            row.attempts += 1
        Delivery.objects.bulk_update(rows, ["status", "lease_until", "attempts"])
    return rows


def _send_email(delivery: Delivery, connection=None) -> None:
    recipient = delivery.recipient
    if recipient is None or not recipient.is_active:
        return
    payload = delivery.payload
    with translation.override(payload.get("language") or settings.LANGUAGE_CODE):
        body = render_to_string(
            "notifications/email/delivery.txt", {"payload": payload, "site_url": settings.SITE_URL}
        )
    send_mail(payload["title"], body, None, [recipient.user.email], connection=connection)


def _send_webhook(delivery: Delivery) -> None:
    from tradewind.notifications.webhooks.platforms import build_request
    from tradewind.notifications.webhooks.sender import send

    hook = delivery.webhook
    if hook is None or not hook.is_active:
        return
    payload = delivery.payload
    link = (
        settings.SITE_URL + payload["url"] if payload.get("url", "").startswith("/") else payload.get("url")
    )
    with translation.override(payload.get("language") or hook.language):  # the "Open in Tradewind" label
        request = build_request(
            hook.platform,
            url=hook.url,
            secret=hook.secret,
            title=payload["title"],
            text=payload.get("text", ""),
            link=link or None,
        )
    send(request, delivery_id=delivery.key)


def delivery_send(delivery: Delivery, *, connection=None) -> bool:
    """Send one claimed delivery and record the outcome (`connection`: an open e-mail connection to
    reuse). Returns True when it went out."""
    try:
        if delivery.channel == DeliveryChannel.EMAIL:
            _send_email(delivery, connection)
        else:
            _send_webhook(delivery)
    except Exception as exc:  # any failure of the far side is recorded and retried, never raised
        now = timezone.now()
        final = delivery.attempts >= MAX_ATTEMPTS
        Delivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.FAILED if final else DeliveryStatus.PENDING,
            next_attempt_at=now + _backoff(delivery.attempts),
            lease_until=None,
            last_error=f"{type(exc).__name__}: {exc}"[:500],
        )
        log.warning("delivery %s failed (attempt %s): %s", delivery.key, delivery.attempts, exc)
        return False
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now(), lease_until=None, last_error=""
    )
    return True


def deliveries_send_due(*, now: dt.datetime | None = None, max_batches: int = 1000) -> int:
    """Send everything that is due, batch by batch; returns how many went out."""
    sent = 0
    for _ in range(max_batches):
        batch = deliveries_claim(now=now or timezone.now())
        if not batch:
            break
        sent += _send_batch(batch)
    return sent


def _send_batch(batch: list[Delivery]) -> int:
    """The e-mails of a batch go over one connection: one SMTP session for fifty messages instead of
    fifty (and one summary on the development console)."""
    connection = None
    if any(d.channel == DeliveryChannel.EMAIL for d in batch):
        connection = get_connection()
        try:
            connection.open()
        except Exception as exc:  # the server is down: each e-mail fails and is retried on its own
            log.warning("e-mail connection failed: %s", exc)
            connection = None
    try:
        return sum(delivery_send(d, connection=connection) for d in batch)
    finally:
        if connection is not None:
            try:
                connection.close()
            except Exception as exc:  # the messages went out; a failed goodbye changes nothing
                log.warning("closing the e-mail connection failed: %s", exc)


@transaction.atomic
def delivery_retry(*, delivery: Delivery) -> None:
    """An admin's "try again now" for a failed delivery."""
    Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.FAILED).update(
        status=DeliveryStatus.PENDING, next_attempt_at=timezone.now(), attempts=0
    )
