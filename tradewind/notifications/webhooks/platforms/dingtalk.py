"""DingTalk (钉钉) custom robot: a markdown message, signed when the robot uses 加签 (a secret)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import urlencode, urlsplit, urlunsplit

from tradewind.notifications.webhooks.request import PreparedRequest, coded_error, json_request
from tradewind.notifications.webhooks.text import LINK_LABEL, markdown_literal, truncate, utf8_len

HOSTS = frozenset({"oapi.dingtalk.com"})
# DingTalk's docs give no size limit for markdown text; 4 KB, as for WeCom, is ample for a
# notification and keeps us clear of whatever limit it enforces.
TEXT_LIMIT = 4096


def sign(secret: str, timestamp: str) -> str:
    """Base64 of HMAC-SHA256, keyed by the secret, over "<timestamp>\\n<secret>" (still to be URL-encoded)."""
    string_to_sign = f"{timestamp}\n{secret}".encode()
    digest = hmac.new(secret.encode(), string_to_sign, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def signed_url(url: str, secret: str, now: float) -> str:
    """The webhook URL with &timestamp=<ms>&sign=<url-encoded signature> appended to its query.

    DingTalk refuses a timestamp more than an hour away from its clock, so signing happens per send.
    """
    timestamp = str(round(now * 1000))  # milliseconds, unlike Feishu's seconds
    parts = urlsplit(url)
    # urlencode percent-encodes the base64 ("+", "/", "=") exactly once, as the docs require.
    extra = urlencode({"timestamp": timestamp, "sign": sign(secret, timestamp)})
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit(parts._replace(query=query))


def build(*, url: str, secret: str, title: str, text: str, link: str | None, now: float) -> PreparedRequest:
    # The title field only shows in the chat list preview, so the body repeats it. DingTalk's
    # markdown wants blank lines between paragraphs; a single newline is not a line break there.
    head = f"**{markdown_literal(title)}**\n\n"
    tail = f"\n\n[{LINK_LABEL}]({link})" if link else ""
    paragraphs = "\n\n".join(line for line in markdown_literal(text).splitlines() if line.strip())
    body = truncate(paragraphs, TEXT_LIMIT, measure=lambda t: utf8_len(head + t + tail))
    payload = {"msgtype": "markdown", "markdown": {"title": title, "text": head + body + tail}}
    return json_request("dingtalk", signed_url(url, secret, now) if secret else url, payload)


def response_error(body: bytes) -> str | None:
    # Like WeCom, DingTalk answers HTTP 200 with {"errcode": 310000, "errmsg": "sign not match..."}.
    return coded_error(body, ("errcode", "errmsg"))
