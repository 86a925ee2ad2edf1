"""Links for people outside under /api/v1/workspaces/{slug}/library: made for a document or a folder (the
address is answered once, when made), listed, revoked."""

import datetime as dt
from uuid import UUID

from django.urls import reverse
from ninja import Field, Schema, Status

from tradewind.api.auth import api_membership
from tradewind.api.responses import answers
from tradewind.api.schemas import Input, text
from tradewind.library.access import access_document, access_folder
from tradewind.library.api.router import BASE, router
from tradewind.library.models import ShareLink
from tradewind.library.services import shares
from tradewind.library.views.shares import access_share


class ShareIn(Input):
    days: int = Field(14, ge=1, le=shares.MAX_DAYS, description="How long it works.")
    password: text(128) = Field("", description="Asked before anything is shown; at least 6 characters.")
    language: str = Field(
        "en", pattern="^(en|zh-hans)$", description="The language of the page the buyer sees."
    )


class ShareOut(Schema):
    id: UUID
    hint: str = Field(description="The link's last characters, to tell links apart.")
    url: str | None = Field(description="The link itself: only in the answer that made it.")
    document: UUID | None
    folder: UUID | None
    language: str
    expires_at: dt.datetime
    has_password: bool
    download_count: int
    revoked_at: dt.datetime | None
    created_at: dt.datetime


def _out(request, link: ShareLink, token: str | None = None) -> dict:
    return {
        "id": link.public_id,
        "hint": link.hint,
        "url": request.build_absolute_uri(reverse("shared:shared", args=[token])) if token else None,
        "document": link.document.public_id if link.document_id else None,
        "folder": link.folder.public_id if link.folder_id else None,
        "language": link.language,
        "expires_at": link.expires_at,
        "has_password": bool(link.password_hash),
        "download_count": link.download_count,
        "revoked_at": link.revoked_at,
        "created_at": link.created_at,
    }


@router.post(
    BASE + "/documents/{library_document_id}/shares",
    response=answers(ShareOut, 403, status=201),
    summary="Make a link to a document",
    url_name="library_document_share",
)
def library_document_share(request, slug: str, library_document_id: UUID, payload: ShareIn):
    """Anyone holding the link downloads the document until it expires or is revoked. 403: a viewer."""
    m = api_membership(request, slug)
    document = access_document(m, library_document_id)
    link, token = shares.share_create(actor=m, document=document, **payload.dict())
    return Status(201, _out(request, link, token))


@router.get(
    BASE + "/documents/{library_document_id}/shares",
    response=list[ShareOut],
    summary="A document's links",
    url_name="library_document_share_list",
)
def library_document_share_list(request, slug: str, library_document_id: UUID):
    m = api_membership(request, slug)
    document = access_document(m, library_document_id)
    return [_out(request, link) for link in ShareLink.objects.filter(document=document)]


@router.post(
    BASE + "/folders/{folder_id}/shares",
    response=answers(ShareOut, 403, status=201),
    summary="Make a link to a folder",
    url_name="library_folder_share",
)
def library_folder_share(request, slug: str, folder_id: UUID, payload: ShareIn):
    """Anyone holding the link sees and downloads the folder's documents (not its subfolders')."""
    m = api_membership(request, slug)
    folder = access_folder(m, folder_id)
    link, token = shares.share_create(actor=m, folder=folder, **payload.dict())
    return Status(201, _out(request, link, token))


@router.get(
    BASE + "/folders/{folder_id}/shares",
    response=list[ShareOut],
    summary="A folder's links",
    url_name="library_folder_share_list",
)
def library_folder_share_list(request, slug: str, folder_id: UUID):
    m = api_membership(request, slug)
    folder = access_folder(m, folder_id)
    return [_out(request, link) for link in ShareLink.objects.filter(folder=folder)]


@router.post(
    BASE + "/shares/{share_id}/revoke",
    response=answers(ShareOut, 403),
    summary="Revoke a link",
    url_name="library_share_revoke",
)
def library_share_revoke(request, slug: str, share_id: UUID):
    """It opens nothing from now on. Whoever made it, or a manager (403 otherwise)."""
    m = api_membership(request, slug)
    link = shares.share_revoke(actor=m, link=access_share(m, share_id))
    return _out(request, link)
