"""A page of messages as HTML, made in Python.

A conversation page shows 50 messages with six buttons each; through an included template (a CSRF tag per
form, a translation tag per label, a date filter per time) they took most of the page's time (bench/README.md,
"Chat"). Here what is the same for every message — the labels, the CSRF field, the URLs' shapes — is made
once per page, and each message is a few f-strings of escaped values. The markup is the one
`static/tradewind/chat.js` reads: the article's id and data attributes, its footer's forms.
"""

from __future__ import annotations

from django.middleware.csrf import get_token
from django.template.defaultfilters import filesizeformat
from django.utils import dateformat, formats, timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from tradewind.chat import permissions, selectors
from tradewind.chat.choices import ConversationKind
from tradewind.chat.files import files_by_message
from tradewind.chat.references import cards_for
from tradewind.chat.rendering import mention_names, message_html
from tradewind.chat.views.common import url_for_each

MESSAGE_ACTIONS = ("thread", "edit", "react", "pin", "to_task", "log", "delete")


def message_articles(request, conversation, messages) -> list[SafeString]:
    """Each message of `messages` (of `conversation`) as the reader `request.membership` sees it."""
    me = request.membership
    page = _Page(request, conversation)
    names = mention_names(messages, me.workspace_id)
    reactions = selectors.reaction_summaries(messages, me)
    files = files_by_message(messages)
    cards = cards_for(me, {m.pk: m.body for m in messages if m.deleted_at is None})
    return [
        page.article(
            m,
            html=message_html(m.body, names) if m.deleted_at is None else "",
            reactions=reactions.get(m.pk, ()),
            mine=m.author_id == me.pk,
            can_delete=m.deleted_at is None and permissions.can_delete(me, m),
            files=files.get(m.pk, ()),
            cards=cards.get(m.pk, ()),
        )
        for m in messages
    ]


class _Page:
    """What every message of one page shares, made once."""

    def __init__(self, request, conversation):
        slug = conversation.workspace.slug
        self.urls = {action: url_for_each(f"chat:{action}", slug, conversation.public_id)
                     for action in MESSAGE_ACTIONS}  # fmt: skip
        self.download = url_for_each("chat:file", slug, conversation.public_id)
        self.thumbnail = url_for_each("chat:file_thumbnail", slug, conversation.public_id)
        self.csrf = format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
        )
        self.datetime_format = formats.get_format("SHORT_DATETIME_FORMAT")  # looked up once, not 50 times
        self.loggable = conversation.kind in (ConversationKind.CUSTOMER, ConversationKind.ORDER)
        self.text = {
            "former": escape(gettext("A former member")),
            "edited": escape(gettext("(edited)")),
            "pinned": escape(gettext("Pinned")),
            "deleted": escape(gettext("Message deleted")),
            "reply": escape(gettext("Reply in thread")),
            "thumbs_up": escape(gettext("React with a thumbs-up")),
            "pin": escape(gettext("Pin")),
            "unpin": escape(gettext("Unpin")),
            "to_task": escape(gettext("Make a task")),
            "log": escape(gettext("Log on the customer's timeline")),
            "delete": escape(gettext("Delete")),
            "confirm_delete": escape(gettext("Delete this message?")),
        }

    def article(self, m, *, html, reactions, mine, can_delete, files, cards) -> SafeString:
        t, deleted, key = self.text, m.deleted_at is not None, m.public_id
        classes = "chat-message" + (" mine" if mine else "") + (" deleted" if deleted else "")
        attributes = f'id="m{m.seq}" data-seq="{m.seq}" data-id="{key}"'
        if mine and not deleted:
            attributes += (
                f' data-mine="1" data-body="{escape(m.body)}" data-edit-url="{self.urls["edit"](key)}"'
            )
        author = (m.author.user.display_name if m.author_id else "") or ""
        local = timezone.localtime(m.created_at)
        shown_at = dateformat.format(local, self.datetime_format)
        head = (
            f"<header><strong>{escape(author) if author else t['former']}</strong>\n"
            f'    <time datetime="{local.isoformat()}">{shown_at}</time>'
        )
        if m.edited_at and not deleted:
            head += f'\n    <span class="muted">{t["edited"]}</span>'
        if m.pinned_at:
            head += f'\n    <span class="chip">{t["pinned"]}</span>'
        parts = [f'<article class="{classes}" {attributes}>\n  {head}</header>']
        if deleted:
            parts.append(f'<p class="muted">{t["deleted"]}</p>')
        else:
            if m.body:
                parts.append(f'<div class="prose">{html}</div>')
            if files:
                parts.append(f'<ul class="chat-files">{"".join(self._file(f) for f in files)}</ul>')
            parts.extend(self._card(card) for card in cards)
        if reactions:
            chips = "".join(
                f'<span class="chip{" mine" if r.mine else ""}">{escape(r.emoji)} {r.count}</span>'
                for r in reactions
            )
            parts.append(f'<p class="chat-reactions">{chips}</p>')
        if not deleted:
            parts.append(self._actions(m, can_delete))
        return mark_safe("\n  ".join(parts) + "\n</article>")  # noqa: S308 — every value in it was escaped above

    def _file(self, f) -> str:
        name, key = escape(f.file.original_name), f.public_id
        if f.is_image:
            return (
                f'<li><a href="{self.download(key)}" title="{name}"><img src="{self.thumbnail(key)}" '
                f'alt="{name}" loading="lazy"></a></li>'
            )
        return (
            f'<li><a href="{self.download(key)}">📎 {name}</a> '
            f'<small class="muted">{filesizeformat(f.file.size)}</small></li>'
        )

    @staticmethod
    def _card(card) -> str:
        return (
            f'<a class="chat-card" href="{escape(card.url)}" data-card="{escape(card.kind)}">'
            f'<span class="mono">{escape(card.reference)}</span> <strong>{escape(card.title)}</strong> '
            f'<span class="chip">{escape(card.state)}</span> '
            f'<small class="muted">{escape(card.details)}</small></a>'
        )

    def _form(self, action: str, key, button: str, hidden: str = "", confirm: str = "") -> str:
        confirm = f' data-confirm="{confirm}"' if confirm else ""
        url = self.urls[action](key)
        return f'<form method="post" action="{url}"{confirm}>{self.csrf}{hidden}{button}</form>'

    def _actions(self, m, can_delete: bool) -> str:
        t, key = self.text, m.public_id
        buttons = []
        if not m.thread_root_id:
            label = (
                escape(ngettext("%(n)s reply", "%(n)s replies", m.reply_count) % {"n": m.reply_count})
                if m.reply_count
                else t["reply"]
            )
            buttons.append(
                f'<a class="link" href="{self.urls["thread"](key)}" data-thread="{key}">{label}</a>'
            )
        buttons.append(
            self._form(
                "react",
                key,
                f'<button class="link" aria-label="{t["thumbs_up"]}">👍</button>',
                hidden='<input type="hidden" name="emoji" value="👍">',
            )
        )
        pinned = m.pinned_at is not None
        buttons.append(
            self._form(
                "pin",
                key,
                f'<button class="link muted">{t["unpin"] if pinned else t["pin"]}</button>',
                hidden=f'<input type="hidden" name="pinned" value="{0 if pinned else 1}">',
            )
        )
        buttons.append(self._form("to_task", key, f'<button class="link muted">{t["to_task"]}</button>'))
        if self.loggable:
            buttons.append(self._form("log", key, f'<button class="link muted">{t["log"]}</button>'))
        if can_delete:
            buttons.append(
                self._form(
                    "delete",
                    key,
                    f'<button class="link muted">{t["delete"]}</button>',
                    confirm=t["confirm_delete"],
                )
            )
        return '<footer class="chat-message-actions">\n    ' + "\n    ".join(buttons) + "\n  </footer>"
