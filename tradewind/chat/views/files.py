"""A message's files: the download, and an image's thumbnail for the conversation."""

from __future__ import annotations

from django.http import Http404
from django.views.decorators.http import require_GET

from tradewind.chat.access import access_conversation, access_message_file
from tradewind.files.responses import stored_file_response
from tradewind.workspaces.access import workspace_view


def _answer(request, conversation_id, file_id, *, thumbnail: bool):
    conversation = access_conversation(request.membership, conversation_id)
    sent = access_message_file(request.membership, conversation, file_id)
    stored = sent.thumbnail if thumbnail else sent.file
    if stored is None:  # not an image: it has no thumbnail
        raise Http404
    return stored_file_response(stored, unchanging=True)


@workspace_view
@require_GET
def download(request, conversation_id, file_id):
    return _answer(request, conversation_id, file_id, thumbnail=False)


@workspace_view
@require_GET
def thumbnail(request, conversation_id, file_id):
    return _answer(request, conversation_id, file_id, thumbnail=True)
