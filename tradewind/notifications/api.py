"""Notifications, preferences and chat webhooks under /api/v1/workspaces/{slug}/…"""

import datetime as dt
from uuid import UUID

from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from tradewind.api.auth import api_membership
from tradewind.api.schemas import ErrorOut
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


class ReadIn(Schema):
    ids: list[UUID] | None = Field(None, description="Notifications to mark read; omit or null for all.")


class CountOut(Schema):
    unread: int


class PreferenceOut(Schema):
    kind: str
    label: str
    email: EmailMode
    webhook: bool


class PreferenceIn(Schema):
    kind: str
    email: EmailMode
    webhook: bool = True


class QuietHours(Schema):
    start: dt.time | None = None
    end: dt.time | None = None


class PreferencesIO(Schema):
    kinds: list[PreferenceIn]
    quiet_hours: QuietHours | None = None


class PreferencesOut(Schema):
    kinds: list[PreferenceOut]
    quiet_hours: QuietHours


class WebhookIn(Schema):
    platform: Platform
    name: str
    url: str
    secret: str = ""
    team: bool = False
    kinds: list[str] = []
    language: str = "zh-hans"


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
@paginate(LimitOffsetPagination)
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


@router.put("/workspaces/{slug}/notification-preferences", response={200: PreferencesOut, 422: ErrorOut})
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


@router.post(
    "/workspaces/{slug}/webhooks", response={201: WebhookOut, 403: ErrorOut, 422: ErrorOut}, tags=["webhooks"]
)
def webhook_create(request, slug: str, payload: WebhookIn):
    m = api_membership(request, slug)
    return Status(201, _webhook_out(settings_services.webhook_create(actor=m, **payload.dict())))


@router.delete(
    "/workspaces/{slug}/webhooks/{webhook_id}", response={204: None, 403: ErrorOut}, tags=["webhooks"]
)
def webhook_delete(request, slug: str, webhook_id: UUID):
    m = api_membership(request, slug)
    hook = get_in_workspace_or_404(WebhookChannel.objects.all(), m, public_id=webhook_id)
    if hook.owner_id not in (None, m.pk):
        raise Http404  # another member's personal channel
    settings_services.webhook_delete(actor=m, hook=hook)
    return Status(204, None)
