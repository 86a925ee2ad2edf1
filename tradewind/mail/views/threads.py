"""A thread's page, a message's HTML in a sandboxed frame, and a message's attachment.

The HTML was sanitised when it was stored (parsing.py). It is still shown in a frame with `sandbox` (no
scripts, not our origin) under a content-security policy that loads nothing from elsewhere — remote images
included, which senders use to learn that and when a mail was read — until the reader asks for them.
"""

from __future__ import annotations

import re

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET

from tradewind.files.responses import stored_file_response
from tradewind.mail.access import access_attachment, access_message, access_thread
from tradewind.mail.strangers import thread_stranger
from tradewind.workspaces.access import workspace_view

CID = re.compile(r'src="cid:([^"]+)"')


@workspace_view
@require_GET
def thread(request, mail_thread_id):
    me = request.membership
    found = access_thread(me, mail_thread_id)
    # Not "messages": the shell shows Django's messages under that name.
    mails = list(found.messages.prefetch_related("attachments__file").order_by("sent_at", "id"))
    context = {"thread": found, "mails": mails, "stranger": thread_stranger(me, found, mails)}
    return render(request, "mail/thread.html", context)


@workspace_view
@require_GET
@xframe_options_sameorigin
def message_body(request, mail_message_id):
    message = access_message(request.membership, mail_message_id)
    images = request.GET.get("images") == "1"
    slug = request.workspace.slug
    inline = {a.content_id: a.public_id for a in message.attachments.all() if a.content_id}

    def local(match: re.Match) -> str:
        attachment = inline.get(match.group(1))
        if attachment is None:
            return 'src=""'
        url = reverse("mail:attachment", args=[slug, message.public_id, attachment])
        return f'src="{url}"'

    body = CID.sub(local, message.html) if message.html else f"<pre>{escape(message.text)}</pre>"
    page = (
        '<!doctype html><html><head><meta charset="utf-8"><base target="_blank">'
        "<style>body{font-family:sans-serif;font-size:14px;margin:8px;word-break:break-word}"
        "pre{white-space:pre-wrap}img{max-width:100%;height:auto}</style></head><body>"
        f"{body}</body></html>"
    )
    response = HttpResponse(page, content_type="text/html; charset=utf-8")
    remote = " https: http:" if images else ""
    response["Content-Security-Policy"] = (
        f"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:{remote}; sandbox allow-popups"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-cache"
    return response


@workspace_view
@require_GET
def attachment(request, mail_message_id, mail_attachment_id):
    message = access_message(request.membership, mail_message_id)
    return stored_file_response(
        access_attachment(request.membership, message, mail_attachment_id).file, unchanging=True
    )
