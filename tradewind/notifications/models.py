from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tradewind.core.models import PublicIdModel, SubjectMixin, WorkspaceOwnedModel
from tradewind.notifications.choices import DeliveryChannel, DeliveryStatus, EmailMode, EmailState, Platform


class Notification(SubjectMixin, PublicIdModel):
    """One message to one member, shown in the in-app notification centre."""

    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    # No single-column index: the composite ones below lead with the recipient, and SQLite (which has no
    # statistics unless ANALYZEd) would otherwise pick a plain recipient index and scan 10k rows to count.
    recipient = models.ForeignKey(
        "workspaces.Membership", on_delete=models.CASCADE, related_name="notifications", db_index=False
    )
    actor = models.ForeignKey("workspaces.Membership", null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    message = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    urgent = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    email_state = models.CharField(max_length=10, choices=EmailState.choices, blank=True)
    # Set by reminders: the same reminder firing again (a retried transaction) cannot notify twice.
    dedupe_key = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "created_at"], name="notif_list"),
            models.Index(fields=["recipient", "read_at"], name="notif_unread"),
            models.Index(
                fields=["email_state", "recipient"], condition=Q(email_state="digest"), name="notif_digest"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"], condition=~Q(dedupe_key=""), name="notif_dedupe"
            )
        ]

    def __str__(self):
        return f"{self.kind}: {self.title}"


class NotificationPreference(models.Model):
    """A member's choice for one kind; no row means the kind's default."""

    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey(
        "workspaces.Membership", on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=40)
    email = models.CharField(max_length=10, choices=EmailMode.choices)
    webhook = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["membership", "kind"], name="notif_pref_unique")]

    def __str__(self):
        return f"{self.membership_id} {self.kind} {self.email}"


class WebhookChannel(WorkspaceOwnedModel):
    """A chat robot that receives notifications: the workspace's (owner empty) or one member's own."""

    owner = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.CASCADE, related_name="webhooks"
    )
    platform = models.CharField(_("platform"), max_length=10, choices=Platform.choices)
    name = models.CharField(_("name"), max_length=100)
    url = models.CharField(_("webhook URL"), max_length=500)
    secret = models.CharField(_("signing secret"), max_length=200, blank=True)
    # Workspace channels: which kinds to post (empty: all). Personal channels follow the owner's preferences.
    kinds = models.JSONField(default=list, blank=True)
    # A group chat has no one reader's language: the channel says which to post in.
    language = models.CharField(_("language"), max_length=10, default="zh-hans")
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        "workspaces.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.platform})"


class Delivery(PublicIdModel):
    """The outbox: one message to send by e-mail or webhook. The unique key makes "the same delivery"
    impossible to enqueue twice, whichever worker or retry tries."""

    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=160, unique=True)
    channel = models.CharField(max_length=10, choices=DeliveryChannel.choices)
    recipient = models.ForeignKey(
        "workspaces.Membership", null=True, on_delete=models.CASCADE, related_name="+"
    )
    webhook = models.ForeignKey(
        WebhookChannel, null=True, on_delete=models.CASCADE, related_name="deliveries"
    )
    notification = models.ForeignKey(
        Notification, null=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    payload = models.JSONField(default=dict)  # title, text, url, kind — everything the sender needs
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status__in=["pending", "sending"]),
                name="delivery_due",
            ),
            models.Index(fields=["workspace", "status", "created_at"], name="delivery_admin"),
        ]

    def __str__(self):
        return f"{self.channel} {self.key} {self.status}"


class Reminder(models.Model):
    """A notification that must go out at `fire_at`, exactly once. `kind` names a handler registered by an
    app (e.g. tasks.due_soon) and `target_id` the record it is about."""

    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    target_id = models.UUIDField()
    fire_at = models.DateTimeField()
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "target_id", "fire_at"], name="reminder_unique_fire"),
        ]
        indexes = [
            models.Index(fields=["fire_at"], condition=Q(processed_at__isnull=True), name="reminder_due")
        ]

    def __str__(self):
        return f"{self.kind} {self.target_id} @ {self.fire_at:%Y-%m-%d %H:%M}"


class NotificationItem(models.Model):
    """One thing a notification told its recipient about ("the follow-up with Müller GmbH planned for
    3 March"), by a key the sender chose. A job that tells a member of fifty things in one notification
    remembers each here, so it tells no one twice — the one-item case is Notification.dedupe_key."""

    # Read and written by (recipient, key) only; the workspace is for tenancy and its cascade.
    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="items")
    recipient = models.ForeignKey(
        "workspaces.Membership", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    key = models.CharField(max_length=120)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notif_item_unique"),
        ]

    def __str__(self):
        return f"{self.recipient_id} {self.key}"
