"""Mentions in a message's text: `<@member-public-id>` (what the composer inserts when a name is picked
from its list) and `@channel` / `@所有人` for everyone taking part."""

from __future__ import annotations

import re
import uuid

MEMBER = re.compile(r"<@([0-9a-fA-F-]{36})>")
CHANNEL = re.compile(r"(?<![\w@])@(?:channel|所有人)(?!\w)")


def mentioned_ids(body: str) -> list[uuid.UUID]:
    found = []
    for text in MEMBER.findall(body):
        try:
            found.append(uuid.UUID(text))
        except ValueError:
            continue
    return list(dict.fromkeys(found))


def mentions_channel(body: str) -> bool:
    return bool(CHANNEL.search(body))
