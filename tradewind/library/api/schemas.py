"""What the library's API reads and answers."""

from __future__ import annotations

import datetime as dt
from typing import Literal
from uuid import UUID

from ninja import Field, Schema

from tradewind.api.schemas import BLANK, Input, text
from tradewind.library.models import FILE_NAME_LENGTH, NAME_LENGTH
from tradewind.library.services.documents import COMMENT_LENGTH

# What services/common.clean_name takes: no control character, none of / \\ : * ? " < > |, not blank.
_NAME_CHAR = r'[^\x00-\x1f/\\:*?"<>|]'
NAME_PATTERN = rf'^{_NAME_CHAR}*[^{BLANK}/\\:*?"<>|]{_NAME_CHAR}*$'


def name_text(max_length: int):
    return text(max_length, required=True, pattern=NAME_PATTERN)


class FolderIn(Input):
    name: name_text(NAME_LENGTH)
    parent: UUID | None = Field(None, description="The folder to make it in; none: at the top.")


class FolderPatch(Input):
    name: name_text(NAME_LENGTH) | None = None
    parent: UUID | None = Field(None, description="Move into this folder. To move to the top, send `to_top`.")
    to_top: bool = False


class FolderOut(Schema):
    id: UUID
    name: str
    kind: str = Field(description="team, customers (the folder of the customers' folders), customer, order.")
    parent: UUID | None
    path: list[str] = Field(description="The names from the top down to this folder.")
    restricted: bool = Field(description="This folder itself keeps to its access rules.")
    guarded: bool = Field(description="This folder or one above it keeps to access rules.")
    customer: UUID | None = Field(description="The customer whose folder it is or is inside.")
    order: UUID | None
    can_write: bool = Field(description="Whether you may add documents and folders here.")
    deleted_at: dt.datetime | None
    created_at: dt.datetime


class FolderAccessRuleIn(Input):
    role: text(20) = Field("", description="A role (sales, documents, …), or empty when `member` is given.")
    member: UUID | None = None
    can_write: bool = False


class FolderAccessIn(Input):
    restricted: bool
    rules: list[FolderAccessRuleIn] = Field(default_factory=list, max_length=100)


class FolderAccessRuleOut(Schema):
    role: str
    member: UUID | None
    can_write: bool


class FolderAccessOut(Schema):
    restricted: bool
    rules: list[FolderAccessRuleOut]


class LibraryVersionOut(Schema):
    id: UUID
    number: int
    name: str = Field(description="The file's name as uploaded.")
    size: int
    content_type: str = Field(description="The type its content shows.")
    sha256: str
    comment: str
    created_by: str | None
    created_at: dt.datetime
    download: str
    thumbnail: str | None = Field(
        description="A JPEG of at most 320 pixels a side (an image, or a PDF's first page); null until the "
        "worker has made it, and for other types."
    )


class LibraryDocumentOut(Schema):
    id: UUID
    folder: UUID
    name: str
    description: str
    tags: list[str]
    version_count: int
    current: LibraryVersionOut | None
    deleted_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime


class LibraryDocumentPatch(Input):
    name: name_text(FILE_NAME_LENGTH) | None = None
    description: text(5000) | None = None
    tags: list[text(40)] | None = Field(None, max_length=20)
    folder: UUID | None = Field(None, description="Move it into this folder.")


class LibraryUploadIn(Input):
    comment: text(COMMENT_LENGTH) = ""


class LibraryTrashOut(Schema):
    folders: list[FolderOut]
    documents: list[LibraryDocumentOut]


class LibrarySearchIn(Input):
    q: text(200) = Field(
        "", description="Words, each contained in the name, tags, description or the text inside."
    )
    kind: Literal["", "pdf", "word", "excel", "image", "text"] = Field("", description="The file's type.")
    folder: UUID | None = Field(None, description="In this folder or one inside it.")
    uploader: UUID | None = Field(None, description="Whose upload the current version is.")
    customer: UUID | None = Field(None, description="In this customer's folder (or their orders').")
    date_from: dt.date | None = Field(None, description="Changed on or after.")
    date_to: dt.date | None = None
