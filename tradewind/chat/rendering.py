"""A message's text as HTML: the Markdown subset of core/markdown (raw HTML off, so safe), with each
`<@member>` token shown as the member's name, and @channel marked."""

from __future__ import annotations

import re
import uuid

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from tradewind.chat.mentions import mentioned_ids
from tradewind.core.markdown import markdown_render
from tradewind.workspaces.models import Membership

# markdown-it has escaped the token's brackets by the time we look for it.
_TOKEN = re.compile(r"&lt;@([0-9a-fA-F-]{36})&gt;")
_CHANNEL = re.compile(r"(?<![\w@])@(channel|所有人)(?!\w)")


def mention_names(messages, workspace_id: int) -> dict[str, str]:
    """{public id: name} of everyone mentioned in `messages`: one query for a page."""
    ids = {i for m in messages for i in mentioned_ids(m.body)}
    if not ids:
        return {}
    rows = Membership.objects.filter(workspace_id=workspace_id, public_id__in=ids).values_list(
        "public_id", "user__full_name", "user__email"
    )
    return {str(public_id): full_name or email for public_id, full_name, email in rows}


def message_html(body: str, names: dict[str, str]) -> SafeString:
    html = markdown_render(body)

    def member(match) -> str:
        try:
            name = names.get(str(uuid.UUID(match.group(1))))
        except ValueError:
            name = None
        if name is None:  # not a member of this workspace (or no longer): shown as typed, inert
            return "@…"
        return f'<span class="mention">@{escape(name)}</span>'

    html = _TOKEN.sub(member, html)
    html = _CHANNEL.sub(lambda m: f'<span class="mention mention-all">@{m.group(1)}</span>', html)
    return mark_safe(html)  # noqa: S308 - markdown output with escaped names only
