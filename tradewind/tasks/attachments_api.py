"""A task's attachments under /api/v1/workspaces/{slug}/tasks/{task_id}/attachments: list, upload,
download — the same services and the same download answer as the task page."""

import datetime as dt
from uuid import UUID

from django.urls import reverse
from ninja import Field, File, Router, Schema, Status, UploadedFile

from tradewind.api.auth import api_membership
from tradewind.api.responses import answers
from tradewind.files.responses import stored_file_response
from tradewind.tasks import services
from tradewind.tasks.access import access_attachment, access_task

router = Router(tags=["tasks"])


class AttachmentOut(Schema):
    id: UUID
    name: str = Field(description="The file's name as uploaded.")
    size: int = Field(description="Bytes.")
    content_type: str = Field(description="The type its content shows (not the one the uploader claimed).")
    sha256: str
    uploaded_by: str | None = Field(description="Who attached it (display name).")
    created_at: dt.datetime
    download: str = Field(description="Where to download it (the same authentication).")


def _out(slug: str, task_id: UUID, attachment) -> AttachmentOut:
    stored = attachment.file
    return AttachmentOut(
        id=attachment.public_id,
        name=stored.original_name,
        size=stored.size,
        content_type=stored.content_type,
        sha256=stored.sha256,
        uploaded_by=stored.uploaded_by.user.display_name if stored.uploaded_by else None,
        created_at=attachment.created_at,
        download=reverse(
            "api:task_attachment_download",
            kwargs={"slug": slug, "task_id": task_id, "attachment_id": attachment.public_id},
        ),
    )


@router.get("/workspaces/{slug}/tasks/{task_id}/attachments", response=list[AttachmentOut])
def task_attachment_list(request, slug: str, task_id: UUID):
    """The task's files, oldest first."""
    task = access_task(api_membership(request, slug), task_id)
    attachments = task.attachments.select_related("file__uploaded_by__user")
    return [_out(slug, task_id, a) for a in attachments]


@router.post(
    "/workspaces/{slug}/tasks/{task_id}/attachments", response=answers(AttachmentOut, 403, status=201)
)
def task_attachment_add(request, slug: str, task_id: UUID, file: File[UploadedFile]):
    """Attach a file (multipart, field `file`). Refused: a type not accepted or a program whatever its
    name (422), a file over the limit (413, before it is read)."""
    m = api_membership(request, slug)
    attachment = services.task_attachment_add(actor=m, task=access_task(m, task_id), upload=file)
    return Status(201, _out(slug, task_id, attachment))


@router.get(
    "/workspaces/{slug}/tasks/{task_id}/attachments/{attachment_id}",
    response={200: None},
    openapi_extra={
        "responses": {
            "200": {
                "description": "The file, as a download (Content-Disposition: attachment).",
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def task_attachment_download(request, slug: str, task_id: UUID, attachment_id: UUID):
    """The file itself, under its name, typed by its content; never shown inline."""
    m = api_membership(request, slug)
    attachment = access_attachment(m, access_task(m, task_id), attachment_id)
    return stored_file_response(attachment.file)
