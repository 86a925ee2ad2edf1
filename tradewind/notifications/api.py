"""Notifications, preferences and chat webhooks under /api/v1/workspaces/{slug}/…"""

import datetime as dt
from typing import Literal
from uuid import UUID

from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from tradewind.api.auth import api_membership
from tradewind.api.pagination import PageWithCount
from tradewind.api.responses import answers
from tradewind.api.schemas import BLANK, Input, LocalTime, one_of, text
from tradewind.core.net import client_ip
from tradewind.notifications import selectors, settings_services
from tradewind.notifications.choices import EmailMode, Platform
from tradewind.notifications.models import Notification, WebhookChannel
from tradewind.notifications.services import notification_mark_read, unread_count
from tradewind.notifications.webhooks.validation import secret_mask, url_mask
from tradewind.workspaces.access import get_in_workspace_or_404

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: UUID = Field(alias="public_id")
    kind: str
    title: str
    message: str
    url: str
    urgent: bool
    created_at: dt.datetime
    read_at: dt.datetime | None


class ReadIn(Input):
    ids: list[UUID] | None = Field(
        None, max_length=1000, description="Notifications to mark read; omit or null for all."
    )


class CountOut(Schema):
    unread: int


class PreferenceOut(Schema):
    kind: str
    label: str
    email: EmailMode
    webhook: bool


def _kind_codes():
    from tradewind.notifications.kinds import notification_kinds

    return [k.code for k in notification_kinds()]


NotificationKind = one_of("NotificationKind", _kind_codes, "A kind of notification, e.g. tasks.assigned.")


class PreferenceIn(Input):
    kind: NotificationKind
    email: EmailMode
    webhook: bool = True


def _both_or_neither(a: str, b: str) -> dict:
    return {
        "if": {"properties": {a: {"type": "string"}}, "required": [a]},
        "then": {"required": [b], "properties": {b: {"type": "string"}}},
    }


class QuietHours(Schema):
    start: LocalTime | None = None
    end: LocalTime | None = None


class QuietHoursIn(Input):
    start: LocalTime | None = None
    end: LocalTime | None = None
    model_config = ConfigDict(
        json_schema_extra={
            "description": "Both times or neither (no quiet hours); they must differ.",
            "allOf": [_both_or_neither("start", "end"), _both_or_neither("end", "start")],
        }
    )


class PreferencesIO(Input):
    kinds: list[PreferenceIn] = Field(max_length=200)
    quiet_hours: QuietHoursIn | None = None


class PreferencesOut(Schema):
    kinds: list[PreferenceOut]
    quiet_hours: QuietHours


# What webhook_url_clean accepts outside production (there, only https on the platform's own hosts).
WEBHOOK_URL = (
    r"^https?://[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*"
    rf"(:[1-9][0-9]{{0,3}})?(/[^{BLANK}]*)?$"
)


class WebhookIn(Input):
    platform: Platform
    name: text(100, required=True)
    url: text(500, pattern=WEBHOOK_URL) = Field(
        description="The robot's address; in production https on the platform's own hosts."
    )
    secret: text(200) = ""
    team: bool = Field(False, description="A channel for the whole team (owners and administrators).")
    kinds: list[text(60)] = Field([], max_length=100, description="Team channel: the kinds it carries.")
    language: Literal["en", "zh-hans"] = "zh-hans"


class WebhookOut(Schema):
    id: UUID
    platform: str
    name: str
    url: str = Field(description="Masked: the full address is never shown again.")
    secret: str = Field(description="Masked.")
    team: bool
    kinds: list[str]
    language: str
    is_active: bool


def _webhook_out(hook: WebhookChannel) -> WebhookOut:
    return WebhookOut(
        id=hook.public_id,
        platform=hook.platform,
        name=hook.name,
        url=url_mask(hook.url),
        secret=secret_mask(hook.secret) if hook.secret else "",
        team=hook.owner_id is None,
        kinds=hook.kinds,
        language=hook.language,
        is_active=hook.is_active,
    )


@router.get("/workspaces/{slug}/notifications", response=list[NotificationOut])
@paginate(PageWithCount)
def notification_list(request, slug: str, unread: bool = False):
    return selectors.notification_list(membership=api_membership(request, slug), unread_only=unread)


@router.get("/workspaces/{slug}/notifications/unread-count", response=CountOut)
def notification_unread_count(request, slug: str):
    return {"unread": unread_count(api_membership(request, slug))}


@router.post("/workspaces/{slug}/notifications/read", response=CountOut, summary="Mark notifications read")
def notification_read(request, slug: str, payload: ReadIn):
    m = api_membership(request, slug)
    ids = None
    if payload.ids is not None:
        ids = list(
            Notification.objects.filter(recipient=m, public_id__in=payload.ids).values_list("pk", flat=True)
        )
    notification_mark_read(membership=m, notification_ids=ids)
    return {"unread": unread_count(m)}


def _preferences(m) -> dict:
    user = m.user
    return {
        "kinds": [
            {
                "kind": row["kind"].code,
                "label": str(row["kind"].label),
                "email": row["email"],
                "webhook": row["webhook"],
            }
            for row in selectors.preference_table(membership=m)
        ],
        "quiet_hours": {"start": user.quiet_hours_start, "end": user.quiet_hours_end},
    }


@router.get("/workspaces/{slug}/notification-preferences", response=PreferencesOut)
def preferences_get(request, slug: str):
    return _preferences(api_membership(request, slug))


@router.put("/workspaces/{slug}/notification-preferences", response=answers(PreferencesOut))
def preferences_put(request, slug: str, payload: PreferencesIO):
    m = api_membership(request, slug)
    settings_services.preferences_save(
        membership=m, choices={p.kind: (p.email, p.webhook) for p in payload.kinds}
    )
    if payload.quiet_hours is not None:
        settings_services.quiet_hours_save(
            user=m.user, start=payload.quiet_hours.start, end=payload.quiet_hours.end
        )
    return _preferences(m)


@router.get("/workspaces/{slug}/webhooks", response=list[WebhookOut], tags=["webhooks"])
def webhook_list(request, slug: str):
    m = api_membership(request, slug)
    hooks = WebhookChannel.objects.filter(
        workspace=m.workspace, owner__isnull=True
    ) | WebhookChannel.objects.filter(workspace=m.workspace, owner=m)
    return [_webhook_out(h) for h in hooks.order_by("name")]


@router.post("/workspaces/{slug}/webhooks", response=answers(WebhookOut, 403, status=201), tags=["webhooks"])
def webhook_create(request, slug: str, payload: WebhookIn):
    m = api_membership(request, slug)
    return Status(
        201, _webhook_out(settings_services.webhook_create(actor=m, **payload.dict(), ip=client_ip(request)))
    )


@router.delete(
    "/workspaces/{slug}/webhooks/{webhook_id}", response=answers(None, 403, status=204), tags=["webhooks"]
)
def webhook_delete(request, slug: str, webhook_id: UUID):
    m = api_membership(request, slug)
    hook = get_in_workspace_or_404(WebhookChannel.objects.all(), m, public_id=webhook_id)
    if hook.owner_id not in (None, m.pk):
        raise Http404  # another member's personal channel
    settings_services.webhook_delete(actor=m, hook=hook, ip=client_ip(request))
    return Status(204, None)
