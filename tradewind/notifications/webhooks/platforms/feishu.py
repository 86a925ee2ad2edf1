"""Feishu / Lark (飞书) custom bot: a rich-text "post" message, signed when the bot uses 签名校验."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

from tradewind.notifications.webhooks.request import PreparedRequest, coded_error, json_request
from tradewind.notifications.webhooks.text import LINK_LABEL, truncate

HOSTS = frozenset({"open.feishu.cn", "open.larksuite.com"})
# Feishu limits the whole request body to 20 KB.
BODY_LIMIT = 20 * 1024


def sign(secret: str, timestamp: str) -> str:
    """Base64 of HMAC-SHA256 keyed by "<timestamp>\\n<secret>" over an empty message.

    Not DingTalk's scheme with the names changed: here the string to sign is the key.
    """
    key = f"{timestamp}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode("ascii")


def _payload(title: str, text: str, link: str | None) -> dict:
    # Post text elements are plain text (no markdown), so nothing needs escaping. One paragraph per
    # line; blank lines are dropped rather than sent as empty elements.
    paragraphs = [[{"tag": "text", "text": line}] for line in text.splitlines() if line.strip()]
    if link:
        paragraphs.append([{"tag": "a", "text": str(LINK_LABEL), "href": link}])
    # "zh_cn" is the locale key every documented custom-bot example uses; with a single locale the
    # client shows it whatever the reader's language, and the text is already in the workspace's.
    return {"msg_type": "post", "content": {"post": {"zh_cn": {"title": title, "content": paragraphs}}}}


def build(*, url: str, secret: str, title: str, text: str, link: str | None, now: float) -> PreparedRequest:
    signature = {}
    if secret:
        timestamp = str(int(now))  # seconds, unlike DingTalk's milliseconds
        signature = {"timestamp": timestamp, "sign": sign(secret, timestamp)}

    def size(candidate: str) -> int:
        payload = {**signature, **_payload(title, candidate, link)}
        return len(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode())

    text = truncate(text, BODY_LIMIT, measure=size)
    return json_request("feishu", url, {**signature, **_payload(title, text, link)})


def response_error(body: bytes) -> str | None:
    # {"code": 19021, "msg": "sign match fail ..."}; older answers used StatusCode/StatusMessage.
    return coded_error(body, ("code", "msg"), ("StatusCode", "StatusMessage"))
