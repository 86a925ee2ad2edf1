"""Stored files: what a file is by its content, the ZIP check before unpacking, keeping, opening,
deleting and serving a file, and the migration of the files that were there before."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.factories import TaskFactory
from tradewind.core.errors import Conflict, ValidationFailed
from tradewind.files.archives import ArchiveLimits, ArchiveRefused, archive_check
from tradewind.files.models import StoredFile
from tradewind.files.responses import stored_file_response
from tradewind.files.services import (
    clean_file_name,
    stored_file_delete,
    stored_file_open,
    stored_file_save,
    stored_files_sweep,
)
from tradewind.files.sniffing import sniff
from tradewind.tasks import services as task_services
from tradewind.tasks.models import TaskAttachment
from tradewind.workspaces.choices import Role

MB = 1024 * 1024


def zip_bytes(entries: dict[str, bytes], *, method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def xlsx_bytes(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ole_bytes(*, clsid: bytes = b"\x00" * 16, names=("Root Entry", "WordDocument")) -> bytes:
    """An OLE compound file's header and first directory sector (what sniffing reads)."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<H", header, 0x1E, 9)  # 512-byte sectors
    struct.pack_into("<I", header, 0x30, 0)  # the directory starts at sector 0, right after the header
    sector = bytearray(512)
    for index, name in enumerate(names[:4]):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        sector[index * 128 : index * 128 + len(encoded)] = encoded
        struct.pack_into("<H", sector, index * 128 + 64, len(encoded))
    sector[0x50:0x60] = clsid
    return bytes(header + sector)


def kind_of(data: bytes, name: str = "") -> str:
    return sniff(io.BytesIO(data), name).kind


# --- sniffing -------------------------------------------------------------------------------------------

PROGRAMS = {
    "PE (Windows .exe)": (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200, "exe"),
    "ELF (Linux)": (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "elf"),
    "Mach-O 64": (b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + b"\x00" * 100, "macho"),
    "Mach-O 32 big-endian": (b"\xfe\xed\xfa\xce" + b"\x00" * 100, "macho"),
    "Java class / universal binary": (b"\xca\xfe\xba\xbe\x00\x00\x00\x34" + b"\x00" * 50, "java"),
    "shell script": (b"#!/bin/sh\nrm -rf ~\n", "script"),
    "script after a UTF-8 BOM": (b"\xef\xbb\xbf#!/usr/bin/env python\nprint(1)\n", "script"),
    "Windows shortcut": (bytes.fromhex("4c0000000114020000000000c000000000000046") + b"\x00" * 60, "lnk"),
    "WebAssembly": (b"\x00asm\x01\x00\x00\x00", "wasm"),
    "MSI installer": (ole_bytes(clsid=bytes.fromhex("84100c0000000000c000000000000046")), "msi"),
    "Java archive": (zip_bytes({"META-INF/MANIFEST.MF": b"Main-Class: X\n", "X.class": b"\xca\xfe"}), "jar"),
    "Android app": (zip_bytes({"AndroidManifest.xml": b"x", "classes.dex": b"dex\n035"}), "apk"),
}


@pytest.mark.parametrize("data,kind", PROGRAMS.values(), ids=PROGRAMS.keys())
def test_programs_are_recognised_by_content_whatever_the_name(data, kind):
    for name in ("invoice.pdf", "customers.csv", "photo.jpg", "noname"):
        sniffed = sniff(io.BytesIO(data), name)
        assert sniffed.kind == kind and sniffed.executable, name


def test_documents_are_recognised_and_typed_by_content():
    assert kind_of(b"%PDF-1.7\n...") == "pdf"
    assert kind_of(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20) == "png"
    assert kind_of(b"\xff\xd8\xff\xe0" + b"\x00" * 20) == "jpeg"
    assert kind_of(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "webp"
    assert kind_of(b"\x00\x00\x00\x18ftypheic\x00\x00") == "heic"
    assert kind_of(b"Rar!\x1a\x07\x01\x00") == "rar"
    assert kind_of(b"7z\xbc\xaf\x27\x1c\x00\x04") == "7z"
    workbook = sniff(io.BytesIO(xlsx_bytes([["Company"]])), "x.bin")
    assert workbook.kind == "xlsx" and workbook.content_type.endswith("spreadsheetml.sheet")
    word = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
    assert kind_of(word) == "docx"
    assert kind_of(zip_bytes({"a.txt": b"hello"})) == "zip"
    assert sniff(io.BytesIO(ole_bytes()), "old.xls").content_type == "application/vnd.ms-excel"
    encrypted = ole_bytes(names=("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    assert kind_of(encrypted, "locked.xlsx") == "encrypted"
    # Text is plain text whatever it is called: never HTML or SVG served from our origin.
    assert sniff(io.BytesIO(b"Company,Country\nA,DE\n"), "c.csv").content_type == "text/csv"
    assert sniff(io.BytesIO(b"<script>alert(1)</script>"), "page.html").content_type == "text/plain"
    assert sniff(io.BytesIO("公司,国家\n".encode("gbk")), "c.csv").kind == "text"
    assert sniff(io.BytesIO("Firma\tLand\n".encode("utf-16")), "c.txt").kind == "text"
    assert kind_of(b"\x00\x01\x02\x03binary" * 10) == "binary"
    # Text that happens to start like a signature is still text.
    assert kind_of(b"MZ Trading Co,DE\nBM Foods,FR\n") == "text"


def test_a_zip_directory_too_big_to_look_into_stays_a_zip(monkeypatch):
    from tradewind.files import sniffing

    monkeypatch.setattr(sniffing, "SNIFF_ZIP_MAX_ENTRIES", 1)
    java = zip_bytes({"META-INF/MANIFEST.MF": b"x", "X.class": b"y"})
    assert kind_of(java) == "zip"  # not parsed: the entry count was read from the end record only


# --- the ZIP check --------------------------------------------------------------------------------------

LIMITS = ArchiveLimits(max_entries=100, max_unpacked=50 * MB, max_ratio=200)


def test_a_real_workbook_passes_the_zip_check():
    entries = archive_check(
        io.BytesIO(xlsx_bytes([["Company", "Country"], ["A", "DE"]])), name="a.xlsx", limits=LIMITS
    )
    assert "xl/workbook.xml" in {e.filename for e in entries}


def test_a_zip_bomb_is_refused_before_anything_is_unpacked():
    bomb = zip_bytes(
        {
            "[Content_Types].xml": b"x",
            "xl/workbook.xml": b"x",
            "xl/worksheets/sheet1.xml": b"\x00" * (20 * MB),
        }
    )
    assert len(bomb) < 100_000
    with pytest.raises(ArchiveRefused, match="zip bomb"):
        archive_check(io.BytesIO(bomb), name="bomb.xlsx", limits=LIMITS)


def test_too_much_unpacked_too_many_parts_and_passwords_are_refused():
    big = zip_bytes({"a": b"\x00" * (2 * MB)}, method=zipfile.ZIP_STORED)
    with pytest.raises(ArchiveRefused, match="unpacks to more than 1 MB"):
        archive_check(io.BytesIO(big), name="big.xlsx", limits=ArchiveLimits(10, 1 * MB, 200))
    many = zip_bytes({f"part{i}": b"" for i in range(11)})
    with pytest.raises(ArchiveRefused, match="holds 11 parts; at most 10"):
        archive_check(io.BytesIO(many), name="many.xlsx", limits=ArchiveLimits(10, MB, 200))
    locked = bytearray(zip_bytes({"a": b"secret"}))
    # Flag bit 0 (encrypted) in the central directory's entry.
    at = locked.find(b"PK\x01\x02")
    locked[at + 8] |= 1
    with pytest.raises(ArchiveRefused, match="password-protected"):
        archive_check(io.BytesIO(bytes(locked)), name="locked.xlsx", limits=LIMITS)
    with pytest.raises(ArchiveRefused, match="cannot be listed"):
        archive_check(io.BytesIO(b"PK\x03\x04 broken"), name="broken.xlsx", limits=LIMITS)


# --- keeping, opening, deleting -------------------------------------------------------------------------


def test_a_stored_file_keeps_its_facts_and_a_random_name(workspace, owner):
    data = b"%PDF-1.7 proforma invoice"
    stored = stored_file_save(
        workspace=workspace,
        content=SimpleUploadedFile("../../etc/PI-2026-0042.pdf", data, content_type="text/html"),
        name="../../etc/PI-2026-0042.pdf",
        uploaded_by=owner,
        max_bytes=MB,
    )
    assert stored.original_name == "PI-2026-0042.pdf" and stored.size == len(data)
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.content_type == "application/pdf"  # from the bytes, not what the browser said
    assert stored.storage_name.startswith(f"w/{workspace.pk}/files/") and "PI-2026" not in stored.storage_name
    with stored_file_open(stored) as f:
        assert f.read() == data
    assert clean_file_name("C:\\Users\\amy\\报价单.xlsx") == "报价单.xlsx"
    assert len(clean_file_name("x" * 300 + ".pdf")) == 255 and clean_file_name("x" * 300 + ".pdf").endswith(
        ".pdf"
    )


def test_a_big_upload_kept_in_a_temporary_file_is_moved_into_the_storage(workspace):
    from django.core.files.uploadedfile import TemporaryUploadedFile

    data = b"%PDF-1.7\n" + bytes(range(256)) * (3 * MB // 256)  # above Django's 2.5 MB kept in memory
    upload = TemporaryUploadedFile("scan.pdf", "application/pdf", len(data), None)
    upload.write(data)
    upload.seek(0)
    stored = stored_file_save(workspace=workspace, content=upload, name=upload.name, max_bytes=5 * MB)
    assert stored.sha256 == hashlib.sha256(data).hexdigest() and stored.content_type == "application/pdf"
    with stored_file_open(stored) as f:
        assert f.read() == data
    upload.close()  # as the request's end does: the temporary file was moved, not copied


def test_refused_files_leave_nothing_behind(workspace, owner):
    before = (
        set(default_storage.listdir(f"w/{workspace.pk}")[0])
        if default_storage.exists(f"w/{workspace.pk}")
        else set()
    )
    cases = [
        (b"", "is empty"),
        (b"x" * (MB + 1), "the limit is 1 MB"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "is a Linux program"),
    ]
    for data, message in cases:
        with pytest.raises(ValidationFailed, match=message):
            stored_file_save(
                workspace=workspace, content=ContentFile(data, name="f.txt"), name="f.txt", max_bytes=MB
            )

    def refuse(sniffed):
        raise ValidationFailed("not this one", field="file")

    with pytest.raises(ValidationFailed, match="not this one"):
        stored_file_save(
            workspace=workspace,
            content=ContentFile(b"ok", name="f.txt"),
            name="f.txt",
            max_bytes=MB,
            accept=refuse,
        )
    assert not StoredFile.objects.exists()
    after = (
        set(default_storage.listdir(f"w/{workspace.pk}")[0])
        if default_storage.exists(f"w/{workspace.pk}")
        else set()
    )
    assert after == before


def test_a_size_that_lies_is_counted(workspace):
    upload = SimpleUploadedFile("f.txt", b"x" * (MB + 10))
    upload.size = 10  # what a client claimed
    with pytest.raises(ValidationFailed, match="larger than the limit of 1 MB"):
        stored_file_save(workspace=workspace, content=upload, name="f.txt", max_bytes=MB)


def test_deleting_removes_the_content_after_the_commit_and_never_under_an_attachment(
    workspace, owner, worker
):
    stored = stored_file_save(
        workspace=workspace, content=ContentFile(b"note", name="n.txt"), name="n.txt", max_bytes=MB
    )
    with worker():
        stored_file_delete(stored)
        assert default_storage.exists(stored.storage_name)  # until the commit
    assert not default_storage.exists(stored.storage_name) and not StoredFile.objects.exists()
    task = TaskFactory(actor=owner, title="Booking")
    attachment = task_services.task_attachment_add(
        actor=owner, task=task, upload=SimpleUploadedFile("booking.pdf", b"%PDF-1.4 booking")
    )
    with pytest.raises(Conflict, match="still in use"):
        stored_file_delete(attachment.file)
    assert StoredFile.objects.filter(pk=attachment.file.pk).exists()


def test_the_sweep_deletes_only_files_nothing_points_at(workspace, owner, worker):
    task = TaskFactory(actor=owner, title="Booking")
    kept = task_services.task_attachment_add(
        actor=owner, task=task, upload=SimpleUploadedFile("kept.pdf", b"%PDF-1.4 kept")
    ).file
    orphan = stored_file_save(
        workspace=workspace, content=ContentFile(b"left", name="o.txt"), name="o.txt", max_bytes=MB
    )
    fresh = stored_file_save(
        workspace=workspace, content=ContentFile(b"new", name="f.txt"), name="f.txt", max_bytes=MB
    )
    StoredFile.objects.filter(pk__in=[kept.pk, orphan.pk]).update(
        created_at=timezone.now() - timezone.timedelta(days=2)
    )
    with worker():
        assert stored_files_sweep() == 1
    assert set(StoredFile.objects.values_list("pk", flat=True)) == {kept.pk, fresh.pk}
    assert not default_storage.exists(orphan.storage_name) and default_storage.exists(kept.storage_name)


def test_a_download_is_an_attachment_typed_by_content_that_the_browser_may_not_sniff(workspace):
    stored = stored_file_save(
        workspace=workspace,
        content=ContentFile(b"<svg onload=alert(1)>", name="logo.svg"),
        name="客户 logo.svg",
        max_bytes=MB,
    )
    response = stored_file_response(stored)
    assert response["Content-Type"] == "text/plain"
    assert (
        response["Content-Disposition"].startswith("attachment;")
        and "filename*=utf-8''" in response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == b"<svg onload=alert(1)>"


def test_the_attachment_api_lists_uploads_and_downloads(workspace, member_factory):
    from django.test import Client

    from tradewind.accounts.services import api_token_create

    rep = member_factory(Role.SALES)
    task = TaskFactory(actor=rep, title="Container loading photos")
    _t, raw = api_token_create(membership=rep, name="script", expires_at=None, ip=None)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    base = f"/api/v1/workspaces/{workspace.slug}/tasks/{task.public_id}/attachments"
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
    r = api.post(
        base, {"file": SimpleUploadedFile("container.png", png, content_type="application/x-msdownload")}
    )
    assert r.status_code == 201, r.json()
    body = r.json()
    assert (body["name"], body["size"], body["content_type"]) == ("container.png", len(png), "image/png")
    assert body["sha256"] == hashlib.sha256(png).hexdigest() and body["uploaded_by"] == rep.user.display_name
    assert [a["id"] for a in api.get(base).json()] == [body["id"]]
    download = api.get(body["download"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == png
    assert (
        download["Content-Disposition"].startswith("attachment;")
        and download["X-Content-Type-Options"] == "nosniff"
    )
    r = api.post(base, {"file": SimpleUploadedFile("photos.zip", b"\x7fELF\x02\x01\x01" + b"\x00" * 64)})
    assert r.status_code == 422 and "is a Linux program" in r.json()["message"] and r.json()["fields"]["file"]
    assert TaskAttachment.objects.count() == 1


# --- the migration of the files that were there ---------------------------------------------------------


@pytest.mark.postgres_pass  # it migrates back and forth, as production does
@pytest.mark.django_db(transaction=True)
def test_attachments_and_imports_become_stored_files_and_their_content_stays_where_it_is(transactional_db):
    """tasks 0006 and crm_imports 0002: from file fields to stored files, and back, losing nothing."""
    before = [
        ("tasks", "0005_history_moved_to_activity"),
        ("crm_imports", "0001_initial"),
        ("files", "0001_initial"),
    ]
    after = [("tasks", "0006_attachment_stored_file"), ("crm_imports", "0002_job_stored_file")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    workspace = old.get_model("workspaces", "Workspace").objects.create(name="Old Co", slug="old-co")
    user = old.get_model("accounts", "User").objects.create(email="old@old.example", full_name="Old Hand")
    member = old.get_model("workspaces", "Membership").objects.create(
        workspace=workspace, user=user, role="sales"
    )
    task = old.get_model("tasks", "Task").objects.create(workspace=workspace, number=1, title="Old task")
    pdf = b"%PDF-1.4 old packing list"
    attachment_name = default_storage.save(
        f"w/{workspace.pk}/tasks/{task.pk}/oldattachment", ContentFile(pdf)
    )
    attachment = old.get_model("tasks", "TaskAttachment").objects.create(
        workspace=workspace,
        task=task,
        file=attachment_name,
        name="packing list.pdf",
        size=len(pdf),
        content_type="application/octet-stream",
        uploaded_by=member,
    )
    missing = old.get_model("tasks", "TaskAttachment").objects.create(
        workspace=workspace,
        task=task,
        file=f"w/{workspace.pk}/tasks/{task.pk}/gone",
        name="gone.docx",
        size=7,
        content_type="application/msword",
        uploaded_by=None,
    )
    csv_data = b"Company,Country\nOld GmbH,DE\n"
    import_name = default_storage.save(f"w/{workspace.pk}/imports/oldimport", ContentFile(csv_data))
    job = old.get_model("crm_imports", "ImportJob").objects.create(
        workspace=workspace,
        created_by=member,
        file=import_name,
        file_name="old.csv",
        file_size=len(csv_data),
        file_sha256=hashlib.sha256(csv_data).hexdigest(),
        kind="csv",
        status="done",
    )
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        new = executor.loader.project_state(after).apps
        moved = new.get_model("tasks", "TaskAttachment").objects.get(pk=attachment.pk).file
        assert (moved.storage_name, moved.original_name, moved.size, moved.uploaded_by_id) == (
            attachment_name,
            "packing list.pdf",
            len(pdf),
            member.pk,
        )
        assert moved.sha256 == hashlib.sha256(pdf).hexdigest() and moved.content_type == "application/pdf"
        assert moved.created_at == attachment.created_at and moved.workspace_id == workspace.pk
        gone = new.get_model("tasks", "TaskAttachment").objects.get(pk=missing.pk).file
        assert (gone.sha256, gone.content_type, gone.size) == ("", "application/msword", 7)
        stored = new.get_model("crm_imports", "ImportJob").objects.get(pk=job.pk).file
        assert (stored.storage_name, stored.original_name, stored.size, stored.content_type) == (
            import_name,
            "old.csv",
            len(csv_data),
            "text/csv",
        )
        assert stored.sha256 == hashlib.sha256(csv_data).hexdigest() and stored.uploaded_by_id == member.pk
        with default_storage.open(moved.storage_name) as f:
            assert f.read() == pdf  # where it was
        # And back.
        executor = MigrationExecutor(connection)
        executor.migrate(before)
        back = executor.loader.project_state(before).apps
        restored = back.get_model("tasks", "TaskAttachment").objects.get(pk=attachment.pk)
        assert (restored.file.name, restored.name, restored.size, restored.uploaded_by_id) == (
            attachment_name,
            "packing list.pdf",
            len(pdf),
            member.pk,
        )
        restored_job = back.get_model("crm_imports", "ImportJob").objects.get(pk=job.pk)
        assert (restored_job.file.name, restored_job.file_size, restored_job.file_sha256) == (
            import_name,
            len(csv_data),
            job.file_sha256,
        )
        assert not back.get_model("files", "StoredFile").objects.exists()
    finally:
        MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())


def test_the_sweep_keeps_files_linked_without_a_reverse_name(workspace, owner, worker):
    """A signed PI or the letterhead's logo point at their file with related_name="+": still in use."""
    from tradewind.trade.models import TradeSettings

    logo = stored_file_save(
        workspace=workspace, content=ContentFile(b"logo", name="logo.txt"), name="logo.txt", max_bytes=MB
    )
    TradeSettings.objects.create(workspace=workspace, logo=logo)
    StoredFile.objects.filter(pk=logo.pk).update(created_at=timezone.now() - timezone.timedelta(days=2))
    with worker():
        assert stored_files_sweep() == 0
    assert StoredFile.objects.filter(pk=logo.pk).exists()
