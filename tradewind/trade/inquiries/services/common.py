"""What the inquiry services share: the subject of an inquiry's history, the workspace's settings and
business calendar, refusing a role."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tradewind.activity.services import activity_record
from tradewind.core.business_time import BusinessCalendar
from tradewind.core.errors import PermissionDenied
from tradewind.trade.inquiries.models import Inquiry, InquirySettings

SUBJECT = "inquiries.inquiry"


def inquiry_subject(inquiry: Inquiry) -> tuple[str, object]:
    return (SUBJECT, inquiry.public_id)


def history(actor, inquiry: Inquiry, kind: str, data: dict | None = None, *, at=None) -> None:
    """An entry in the inquiry's history (its activity stream); `actor` None: the system."""
    activity_record(
        workspace_id=inquiry.workspace_id,
        subject=inquiry_subject(inquiry),
        kind=kind,
        actor=actor,
        at=at,
        data=data,
    )


def inquiry_settings(workspace) -> InquirySettings:
    """The workspace's inquiry rules (made with their defaults the first time they are read)."""
    found = InquirySettings.objects.filter(workspace=workspace).first()
    if found is None:
        found, _created = InquirySettings.objects.get_or_create(workspace=workspace)
    return found


def business_calendar(workspace, settings: InquirySettings | None = None) -> BusinessCalendar:
    """The team's working hours, in the workspace's zone, closed on the workspace country's holidays."""
    settings = settings or inquiry_settings(workspace)
    return BusinessCalendar(
        zone=workspace.time_zone,
        start=settings.business_start,
        end=settings.business_end,
        weekdays=settings.business_weekdays,
        country=workspace.country,
    )


def require(check, actor, message) -> None:
    if not check(actor):
        raise PermissionDenied(message)


def role_cannot_work():
    return _("Your role cannot work on inquiries.")
