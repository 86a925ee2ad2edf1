"""The storage layer on both backends: the data directory's disk and an S3-compatible server (moto's, started
by tests/s3.py). A file is kept, read, streamed and deleted the same way on each; a download streams from
disk and, from the object store, is a presigned URL that a plain HTTP client fetches; the library runs end
to end on the object store (upload, search inside the file, preview, download, version restore)."""

from __future__ import annotations

import hashlib
import io
import urllib.request

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.s3 import s3_client
from tradewind.files.backends import storage_backend
from tradewind.files.models import StoredFile
from tradewind.files.responses import BLOCK_SIZE, stored_file_response
from tradewind.files.services import (
    stored_file_delete,
    stored_file_open,
    stored_file_save,
    stored_file_stream,
)
from tradewind.library import services
from tradewind.library.choices import TextStatus
from tradewind.library.models import DocumentVersion
from tradewind.library.search import DocumentSearch, document_search
from tradewind.workspaces.choices import Role

MB = 1024 * 1024


@pytest.fixture(params=["local", "s3"])
def backend(request):
    """Each test below runs once on disk and once on the S3 server."""
    if request.param == "s3":
        request.getfixturevalue("s3_storage")
    return request.param


def save(workspace, data: bytes, name="Catalog 2027.pdf") -> StoredFile:
    return stored_file_save(
        workspace=workspace, content=ContentFile(data, name=name), name=name, max_bytes=50 * MB
    )


def fetch(url: str):
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.read(), answer.headers


def test_a_file_is_kept_read_streamed_and_deleted(workspace, backend, django_capture_on_commit_callbacks):
    data = b"%PDF-1.4\n" + bytes(range(256)) * 12_000 + b"\n%%EOF\n"  # ~3 MB: a multipart upload on S3
    stored = save(workspace, data)
    assert stored.size == len(data) and stored.sha256 == hashlib.sha256(data).hexdigest()
    assert default_storage.exists(stored.storage_name)
    with stored_file_open(stored) as f:
        assert f.read() == data
    body = stored_file_stream(stored)
    try:
        assert body.read(10) == data[:10] and body.read() == data[10:]
    finally:
        body.close()
    with django_capture_on_commit_callbacks(execute=True):
        stored_file_delete(stored)
    assert not default_storage.exists(stored.storage_name)


def test_an_upload_spooled_to_disk_is_sent_from_its_file(workspace, backend):
    """Django keeps a large upload in a temporary file; on S3 it is sent from the file's path."""
    from django.core.files.uploadedfile import TemporaryUploadedFile

    data = b"%PDF-1.4\n" + bytes(range(256)) * 40_000 + b"\n%%EOF\n"  # ~10 MB: two parts on S3
    upload = TemporaryUploadedFile("catalog.pdf", "application/pdf", len(data), None)
    upload.write(data)
    upload.seek(0)
    stored = stored_file_save(workspace=workspace, content=upload, name="catalog.pdf", max_bytes=50 * MB)
    upload.close()
    with stored_file_open(stored) as f:
        assert hashlib.sha256(f.read()).hexdigest() == stored.sha256 == hashlib.sha256(data).hexdigest()


def test_on_s3_the_object_is_under_the_prefix_and_private(workspace, s3_storage, s3_server):
    stored = save(workspace, b"%PDF-1.4\nprivate\n%%EOF\n")
    listed = s3_client(s3_server).list_objects_v2(Bucket=s3_storage)["Contents"]
    assert [o["Key"] for o in listed] == [f"tradewind/{stored.storage_name}"]
    bare = f"{s3_server}/{s3_storage}/tradewind/{stored.storage_name}"
    with pytest.raises(urllib.error.HTTPError):  # no presigned signature: not readable
        fetch(bare)


def test_a_download_streams_from_disk_in_blocks(workspace, settings):
    data = b"%PDF-1.4\n" + b"x" * (3 * BLOCK_SIZE) + b"\n%%EOF\n"
    response = stored_file_response(save(workspace, data))
    assert response.streaming and response["Content-Length"] == str(len(data))
    blocks = list(response.streaming_content)
    assert len(blocks) > 1 and max(len(b) for b in blocks) <= BLOCK_SIZE
    assert b"".join(blocks) == data


def test_a_large_download_from_s3_is_a_presigned_url_with_the_name_and_type(workspace, s3_storage, settings):
    settings.STORAGE_REDIRECT_MIN_BYTES = 1024
    data = b"%PDF-1.4\n" + b"y" * 4096 + b"\n%%EOF\n"
    stored = save(workspace, data, name="报价单 Müller.pdf")
    response = stored_file_response(stored)
    assert response.status_code == 302 and "X-Amz-Signature=" in response["Location"]
    assert response["Cache-Control"] == "private, no-store"
    body, headers = fetch(response["Location"])
    assert body == data
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"].startswith("attachment")
    assert "filename*=utf-8''%E6%8A%A5%E4%BB%B7%E5%8D%95%20M%C3%BCller.pdf" in headers["Content-Disposition"]


def test_a_small_or_inline_file_from_s3_passes_through_the_app(workspace, s3_storage, settings):
    settings.STORAGE_REDIRECT_MIN_BYTES = 1024
    small = save(workspace, b"%PDF-1.4\nsmall\n%%EOF\n")
    response = stored_file_response(small, unchanging=True)
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4\nsmall\n%%EOF\n"
    big = save(workspace, b"%PDF-1.4\n" + b"z" * 4096 + b"\n%%EOF\n")
    shown = stored_file_response(big, inline=True)
    assert shown.status_code == 200 and shown["Content-Disposition"].startswith("inline")
    assert len(b"".join(shown.streaming_content)) == big.size


def test_the_settings_describe_each_backend():
    assert storage_backend(kind="local")["BACKEND"].endswith("FileSystemStorage")
    s3 = storage_backend(kind="s3", bucket="docs", endpoint_url="http://minio:9000", prefix="/tw/")
    assert s3["BACKEND"] == "tradewind.files.object_storage.ObjectStorage"
    options = s3["OPTIONS"]
    assert options["bucket_name"] == "docs" and options["location"] == "tw"
    assert options["addressing_style"] == "path" and options["default_acl"] is None
    assert options["max_memory_size"] > 0  # reads spill to disk, never a whole file in memory
    assert storage_backend(kind="s3", bucket="docs")["OPTIONS"]["addressing_style"] is None  # AWS itself


# --- the library on the object store, end to end ------------------------------------------------------


def test_the_library_on_s3_upload_search_preview_download_and_restore(
    owner,
    member_factory,
    client_for,
    s3_storage,
    settings,
    declaration_pdf,
    django_capture_on_commit_callbacks,
):
    settings.STORAGE_REDIRECT_MIN_BYTES = 1024
    docs = member_factory(Role.DOCUMENTS)
    folder = services.folder_create(actor=docs, name="Customs")
    browser = client_for(docs)
    upload_url = reverse("library:upload", args=["haitian", folder.public_id])
    with django_capture_on_commit_callbacks(execute=True):  # the worker reads the text from the store
        browser.post(upload_url, {"files": [SimpleUploadedFile("declaration.pdf", declaration_pdf)]})
    first = DocumentVersion.objects.get()
    assert first.text_status == TextStatus.DONE and "报关单" in first.text
    found = document_search(membership=docs, search=DocumentSearch(q="报关"))
    assert [d.name for d in found] == ["declaration.pdf"]
    document = first.document
    download = browser.get(reverse("library:download", args=["haitian", document.public_id]))
    assert download.status_code == 302
    assert fetch(download["Location"])[0] == declaration_pdf
    preview = browser.get(reverse("library:inline", args=["haitian", document.public_id]))
    assert preview.status_code == 200 and b"".join(preview.streaming_content) == declaration_pdf
    services.document_version_add(
        actor=docs, document=document, upload=SimpleUploadedFile("declaration.pdf", b"%PDF-1.4\nv2\n%%EOF\n")
    )
    browser.post(reverse("library:version_restore", args=["haitian", document.public_id, first.public_id]))
    document.refresh_from_db()
    assert document.version_count == 3 and document.current.file_id == first.file_id
    again = browser.get(reverse("library:download", args=["haitian", document.public_id]))
    assert fetch(again["Location"])[0] == declaration_pdf


# --- moving to the object store -------------------------------------------------------------------------


def test_switching_to_s3_copies_every_file_once_and_reports_what_it_cannot(
    workspace, settings, tmp_path, s3_storage_factory
):
    from django.core.management import CommandError, call_command

    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": storage_backend(kind="local")}
    kept = [
        save(workspace, b"%PDF-1.4\n" + bytes([n]) * 50 + b"\n%%EOF\n", name=f"{n}.pdf") for n in range(3)
    ]
    lost = save(workspace, b"%PDF-1.4\nlost\n%%EOF\n")
    (tmp_path / lost.storage_name).unlink()
    s3_storage_factory()  # the switch
    with pytest.raises(CommandError, match="1 missing and 0 damaged"):
        call_command("storage_copy", "--from", str(tmp_path))
    for stored in kept:
        with stored_file_open(stored) as f:
            assert hashlib.sha256(f.read()).hexdigest() == stored.sha256
    lost.delete()  # what an administrator decides about a file nobody has
    (tmp_path / kept[0].storage_name).write_bytes(b"tampered")  # copied already: left alone
    out = io.StringIO()
    call_command("storage_copy", "--from", str(tmp_path), stdout=out)
    assert "copied 0, already there 3" in out.getvalue()
