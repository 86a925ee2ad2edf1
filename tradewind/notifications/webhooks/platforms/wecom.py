"""WeCom (企业微信) group robot: a markdown message. The key in the URL is the only credential."""

from __future__ import annotations

from tradewind.notifications.webhooks.request import PreparedRequest, coded_error, json_request
from tradewind.notifications.webhooks.text import LINK_LABEL, markdown_literal, truncate, utf8_len

HOSTS = frozenset({"qyapi.weixin.qq.com"})
# markdown.content is limited to 4096 bytes of UTF-8; WeCom refuses longer content (errcode 40058).
CONTENT_LIMIT = 4096


def build(*, url: str, secret: str, title: str, text: str, link: str | None, now: float) -> PreparedRequest:
    # `secret` and `now` are unused: group robots have no request signing.
    head = f"**{markdown_literal(title)}**\n"
    tail = f"\n[{LINK_LABEL}]({link})" if link else ""
    body = truncate(markdown_literal(text), CONTENT_LIMIT, measure=lambda t: utf8_len(head + t + tail))
    return json_request("wecom", url, {"msgtype": "markdown", "markdown": {"content": head + body + tail}})


def response_error(body: bytes) -> str | None:
    # WeCom answers HTTP 200 even when it refuses: {"errcode": 93000, "errmsg": "invalid webhook url"}.
    return coded_error(body, ("errcode", "errmsg"))
