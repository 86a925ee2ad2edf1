"""Members' notification settings: preferences per kind, quiet hours, chat webhooks."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from tradewind.core.errors import PermissionDenied, ValidationFailed
from tradewind.notifications.choices import EmailMode, NotificationAuditAction, Platform
from tradewind.notifications.kinds import notification_kinds
from tradewind.notifications.models import NotificationPreference, WebhookChannel
from tradewind.workspaces import permissions as workspace_permissions
from tradewind.workspaces.audit import audit_record


@transaction.atomic
def preferences_save(*, membership, choices: dict[str, tuple[str, bool]]) -> None:
    """choices: kind code -> (email mode, webhook on)."""
    known = {k.code for k in notification_kinds()}
    for kind, (email, webhook) in choices.items():
        if kind not in known:
            raise ValidationFailed(_("Unknown notification kind: %(kind)s") % {"kind": kind}, field="kind")
        if email not in EmailMode.values:
            raise ValidationFailed(_("Choose how to be e-mailed from the list."), field=f"email_{kind}")
        NotificationPreference.objects.update_or_create(
            membership=membership,
            kind=kind,
            defaults={"workspace": membership.workspace, "email": email, "webhook": bool(webhook)},
        )


def quiet_hours_save(*, user, start: dt.time | None, end: dt.time | None) -> None:
    if (start is None) != (end is None):
        raise ValidationFailed(
            _("Give both the start and the end of your quiet hours, or neither."), field="quiet_hours_start"
        )
    if start is not None and start == end:
        raise ValidationFailed(
            _("Quiet hours must start and end at different times."), field="quiet_hours_end"
        )
    user.quiet_hours_start, user.quiet_hours_end = start, end
    user.save(update_fields=["quiet_hours_start", "quiet_hours_end"])


@transaction.atomic
def webhook_create(
    *,
    actor,
    platform: str,
    name: str,
    url: str,
    secret: str = "",
    team: bool = False,
    kinds: list[str] = (),
    language: str = "zh-hans",
    ip: str | None = None,
) -> WebhookChannel:
    """A chat robot for the actor's own notifications, or (admins) for the team's."""
    from tradewind.notifications.webhooks.validation import webhook_url_clean

    if platform not in Platform.values:
        raise ValidationFailed(_("Choose a platform from the list."), field="platform")
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Give the channel a name, e.g. “Sales group”."), field="name")
    if team and not workspace_permissions.is_admin(actor):
        raise PermissionDenied(_("Only owners and administrators can add team channels."))
    url = webhook_url_clean(platform, url, production=settings.PRODUCTION)
    known = {k.code for k in notification_kinds()}
    kinds = [k for k in kinds if k in known]
    if language not in ("en", "zh-hans"):
        raise ValidationFailed(_("Choose a language from the list."), field="language")
    hook = WebhookChannel.objects.create(
        workspace=actor.workspace,
        owner=None if team else actor,
        platform=platform,
        name=name[:100],
        url=url,
        secret=(secret or "").strip(),
        kinds=kinds if team else [],
        language=language,
        created_by=actor,
    )
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        action=NotificationAuditAction.WEBHOOK_CREATED,
        target=f"{hook.name} ({hook.get_platform_display()})",
        ip=ip,
    )
    return hook


def can_manage_webhook(actor, hook: WebhookChannel) -> bool:
    return hook.owner_id == actor.pk or (hook.owner_id is None and workspace_permissions.is_admin(actor))


@transaction.atomic
def webhook_delete(*, actor, hook: WebhookChannel, ip: str | None = None) -> None:
    if not can_manage_webhook(actor, hook):
        raise PermissionDenied(_("You cannot remove this channel."))
    audit_record(
        workspace=actor.workspace,
        actor=actor.user,
        action=NotificationAuditAction.WEBHOOK_DELETED,
        target=f"{hook.name} ({hook.get_platform_display()})",
        ip=ip,
    )
    hook.delete()


def webhook_test(*, actor, hook: WebhookChannel) -> None:
    """Send a test message now (not through the outbox): the admin wants to see it arrive."""
    from tradewind.notifications.webhooks.errors import WebhookError
    from tradewind.notifications.webhooks.platforms import build_request
    from tradewind.notifications.webhooks.sender import send

    if not can_manage_webhook(actor, hook):
        raise PermissionDenied(_("You cannot test this channel."))
    with translation.override(hook.language):  # the channel's language, not the admin's
        request = build_request(
            hook.platform,
            url=hook.url,
            secret=hook.secret,
            title=_("Tradewind test message"),
            text=_("If you can read this, %(name)s is connected.") % {"name": hook.name},
            link=settings.SITE_URL + "/",
        )
    try:
        send(request)
    except WebhookError as exc:
        raise ValidationFailed(_("The platform refused the message: %(error)s") % {"error": exc}) from None
