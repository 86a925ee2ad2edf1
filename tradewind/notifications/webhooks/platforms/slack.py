"""Slack incoming webhook: a section block in mrkdwn, with the plain text as the notification fallback."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tradewind.notifications.webhooks.request import PreparedRequest, body_excerpt, json_request
from tradewind.notifications.webhooks.text import slack_escape, truncate

HOSTS = frozenset({"hooks.slack.com"})
# A section block's text is limited to 3000 characters; the fallback is kept to the same.
TEXT_LIMIT = 3000


def build(*, url: str, secret: str, title: str, text: str, link: str | None, now: float) -> PreparedRequest:
    # `secret` and `now` are unused: incoming webhooks are not signed (the URL is the credential).
    head = f"*<{link}|{slack_escape(title)}>*" if link else f"*{slack_escape(title)}*"
    separator = "\n" if text else ""
    body = truncate(text, TEXT_LIMIT, measure=lambda t: len(head + separator + slack_escape(t)))
    plain = f"{title}: {text}" if text else title
    fallback = truncate(plain, TEXT_LIMIT, measure=lambda t: len(slack_escape(t)))
    section = {"type": "section", "text": {"type": "mrkdwn", "text": head + separator + slack_escape(body)}}
    return json_request("slack", url, {"text": slack_escape(fallback), "blocks": [section]})


def response_error(body: bytes) -> str | None:
    # Success is the plain text "ok"; refusals are short codes such as "invalid_payload".
    if body.strip() == b"ok":
        return None
    return body_excerpt(body) or _("(empty answer)")
