from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from huey.contrib.djhuey import db_task

from tradewind.workspaces.models import Invitation


def invitation_url(raw_token: str) -> str:
    return settings.SITE_URL + reverse("workspaces:invitation_accept", args=[raw_token])


@db_task(retries=3, retry_delay=60)
def send_invitation_email(invitation_id: int, raw_token: str) -> None:
    """Invitations go out in Chinese and English: we do not know the invitee's language yet."""
    invitation = (
        Invitation.objects.select_related("workspace", "invited_by__user").filter(pk=invitation_id).first()
    )
    if invitation is None or invitation.status != "open":
        return
    context = {"invitation": invitation, "url": invitation_url(raw_token)}
    parts, subjects = [], []
    for language in ("zh-hans", "en"):
        with translation.override(language):
            parts.append(render_to_string("workspaces/email/invitation.txt", context))
            subjects.append(render_to_string("workspaces/email/invitation_subject.txt", context).strip())
    send_mail(" / ".join(subjects), "\n\n----\n\n".join(parts), None, [invitation.email])
