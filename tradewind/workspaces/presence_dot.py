"""A member's presence as the pages show it: a dot that follows live (app.js, "tw:presence"), with its
words for each state in the reader's language, so a live change needs no translation in the browser."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _


def _labels() -> dict[str, str]:
    return {"online": _("Online"), "away": _("Away"), "offline": _("Offline")}


def presence_dot(member_public_id, state: str) -> SafeString:
    labels = _labels()
    return format_html(
        '<span class="presence" role="img" data-presence="{}" data-state="{}" title="{}" aria-label="{}"'
        ' data-label-online="{}" data-label-away="{}" data-label-offline="{}"></span>',
        member_public_id, state, labels[state], labels[state],
        labels["online"], labels["away"], labels["offline"],
    )  # fmt: skip
