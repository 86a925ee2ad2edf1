from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tradewind.core.models import PublicIdModel, TimestampedModel, WorkspaceOwnedModel
from tradewind.workspaces.choices import AuditAction, Role

slug_validator = RegexValidator(
    r"^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$",
    _("Use 1–50 lowercase letters, digits and hyphens, not starting or ending with a hyphen."),
)


class Workspace(PublicIdModel, TimestampedModel):
    """A company's (or a team's) space. Global: it is the tenant itself."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.CharField(_("URL name"), max_length=50, unique=True, validators=[slug_validator])
    country = models.CharField(_("country"), max_length=2)
    time_zone = models.CharField(_("default time zone"), max_length=64)
    currency = models.CharField(_("reporting currency"), max_length=3)
    task_reminder_lead_hours = models.PositiveSmallIntegerField(
        _("remind of due tasks (hours before)"),
        default=24,
        help_text=_("Hours before a task is due that its assignee is reminded (and again at the due time)."),
    )
    storage_quota_mb = models.PositiveIntegerField(
        _("storage quota (MB)"),
        null=True,
        blank=True,
        help_text=_("Every file the workspace keeps counts; an upload that would go over it is refused. "
                    "Empty: no quota."),
    )  # fmt: skip

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Membership(PublicIdModel, TimestampedModel):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    deactivated_at = models.DateTimeField(null=True, blank=True)

    Role = Role

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "user"], name="membership_unique_user")]
        indexes = [models.Index(fields=["workspace", "is_active", "role"])]

    def __str__(self):
        return f"{self.user} @ {self.workspace} ({self.role})"


class Invitation(WorkspaceOwnedModel):
    """An e-mailed link that turns into a membership. Only the token's hash is stored."""

    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(Membership, null=True, on_delete=models.SET_NULL, related_name="+")
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # At most one open invitation per address and workspace: a re-invite replaces it.
            models.UniqueConstraint(
                fields=["workspace", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_email",
            )
        ]

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"


class AuditEntry(models.Model):
    """Who did what, when, from where. Written by services; no view or API can change it."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text so the entry still reads right after the actor is renamed or gone.
    actor_label = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=40)  # a code of the registry in workspaces/audit.py
    target = models.CharField(max_length=254, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["workspace", "action", "at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target}"

    @property
    def action_label(self) -> str:
        from tradewind.workspaces.audit import audit_action_label

        return audit_action_label(self.action)

    @property
    def detail(self) -> str:
        """The entry's data in words, in the reader's language."""
        if self.action == AuditAction.ROLE_CHANGED and self.data.get("from"):
            return f"{Role(self.data['from']).label} → {Role(self.data['to']).label}"
        if "role" in self.data and self.data["role"] in Role.values:
            return str(Role(self.data["role"]).label)
        reason = self.data.get("reason")
        if reason:
            return str(SIGN_IN_FAILURE_REASONS.get(reason, reason))
        if self.data.get("changed"):
            return ", ".join(
                str(Workspace._meta.get_field(name).verbose_name) for name in self.data["changed"]
            )
        return ""


SIGN_IN_FAILURE_REASONS = {
    "bad_credentials": _("wrong e-mail or password"),
    "throttled": _("refused: too many failed attempts"),
}


class Sequence(models.Model):
    """Per-workspace counters behind human numbers (T-42, Q-2026-0042). Incremented under a row lock."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=40)
    last = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "key"], name="sequence_unique_key")]

    def __str__(self):
        return f"{self.key}={self.last}"


class Presence(models.Model):
    """Whether a member has Tradewind open: counted per open socket, never per keystroke. `sockets` and
    `active_sockets` move by one as the member's tabs and phones connect, go idle and close; `seen_at` is
    touched at most once a minute while one is open, so counts left by a crashed process stop counting
    when it goes stale (workspaces/presence.py)."""

    membership = models.OneToOneField(
        Membership, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    sockets = models.PositiveIntegerField(default=0)
    active_sockets = models.PositiveIntegerField(default=0)
    seen_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.membership_id}: {self.sockets} open, {self.active_sockets} in use"
