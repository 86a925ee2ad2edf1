"""What travels on the wire: the prepared request, and the JSON every platform speaks."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

JSON_HEADERS = {"Content-Type": "application/json; charset=utf-8"}
EXCERPT_LIMIT = 200


@dataclass(frozen=True)
class PreparedRequest:
    # The URL carries the robot's token and the body the customer's words: keep both out of reprs,
    # which end up in logs and error reports.
    url: str = field(repr=False)
    body: bytes = field(repr=False)
    headers: dict[str, str]
    platform: str


def json_request(platform: str, url: str, payload: dict) -> PreparedRequest:
    # ensure_ascii=False keeps Chinese text at 3 bytes a character instead of 6, which matters
    # where a platform limits the body size.
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return PreparedRequest(url=url, body=body, headers=dict(JSON_HEADERS), platform=platform)


def json_object(body: bytes) -> dict | None:
    """The response body as a JSON object, or None when it is anything else."""
    try:
        value = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def body_excerpt(body: bytes) -> str:
    """A short one-line view of a response body, for error messages."""
    text = " ".join(body.decode("utf-8", errors="replace").split())
    return text if len(text) <= EXCERPT_LIMIT else text[:EXCERPT_LIMIT] + "…"


def coded_error(body: bytes, *fields: tuple[str, str]) -> str | None:
    """Reading an answer of the {"<code>": 0, "<message>": "ok"} kind that WeCom, DingTalk and Feishu give.

    `fields` lists the (code, message) key pairs the platform may use. None when the code is 0;
    otherwise "code message", or an excerpt of a body that is no such answer: a delivery is only
    counted as sent when the platform said so.
    """
    answer = json_object(body) or {}
    for code_key, message_key in fields:
        if code_key in answer:
            if answer[code_key] == 0:
                return None
            return f"{answer[code_key]} {answer.get(message_key) or ''}".strip()
    return body_excerpt(body) or _("(empty answer)")
