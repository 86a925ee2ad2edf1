"""An import file is read by the worker, within limits: a zip bomb, a sheet of 200,000 columns, a cell
longer than a spreadsheet holds, too many rows — each refused early, with a clear message that does not
repeat the file's own text, and nothing kept. The upload request itself only stores the file."""

from __future__ import annotations

import io
import struct
import zipfile

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import UserFactory
from tests.test_crm_import import ALIBABA_ROWS, api_for, csv_file, uploaded, xlsx_file
from tradewind.core.errors import ValidationFailed
from tradewind.crm.imports import services as imports
from tradewind.crm.imports.models import ImportJob
from tradewind.crm.imports.services import inspect
from tradewind.files.models import StoredFile
from tradewind.workspaces.choices import Role

MB = 1024 * 1024
Status = ImportJob.Status


@pytest.fixture
def rep(member_factory):
    return member_factory(Role.SALES, user=UserFactory(full_name="Amy Liu"))


def xlsx_parts(upload) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(upload.read())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zipped(parts: dict[str, bytes], name="customers.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return SimpleUploadedFile(name, buffer.getvalue())


def refused(job: ImportJob) -> str:
    assert job.status == Status.REFUSED, (job.status, job.errors)
    assert job.file is None and not StoredFile.objects.filter(import_jobs=job).exists()
    return job.errors[0]["message"]


def test_the_upload_request_stores_the_file_and_reads_nothing(
    rep, monkeypatch, django_capture_on_commit_callbacks
):
    from tradewind.crm.imports import reading

    def no_reading(*args, **kwargs):
        raise AssertionError("read in the request")

    monkeypatch.setattr(openpyxl, "load_workbook", no_reading)
    monkeypatch.setattr(reading, "read_layout", no_reading)
    with django_capture_on_commit_callbacks() as queued:
        job = imports.import_upload(actor=rep, upload=xlsx_file(ALIBABA_ROWS))
    assert job.status == Status.ANALYSING and job.headers == [] and job.kind == "xlsx"
    assert job.file.sha256 and job.file.content_type.endswith("spreadsheetml.sheet")
    assert len(queued) == 1  # the worker's reading, once committed


def test_a_zip_bomb_is_refused_by_the_worker_before_openpyxl_opens_it(rep, worker, monkeypatch):
    """The reported file: 5 MB that unpacks to 2 GB (its directory says so; nothing is unpacked)."""
    opened = []
    real = openpyxl.load_workbook
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: opened.append(1) or real(*a, **k))
    parts = xlsx_parts(xlsx_file(ALIBABA_ROWS))
    parts["xl/media/filler.bin"] = bytes(range(256)) * (5 * MB // 256)  # 5 MB that do not pack
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    data = bytearray(buffer.getvalue())
    # The filler's central directory entry says it unpacks to 2 GB, as the bomb's did.
    at = data.rfind(b"xl/media/filler.bin") - 46
    assert data[at : at + 4] == b"PK\x01\x02"
    struct.pack_into("<I", data, at + 24, 2 * 1024 * MB)
    job = uploaded(rep, SimpleUploadedFile("leads.xlsx", bytes(data)), worker)
    assert "unpacks to more than 500 MB" in refused(job) and not opened
    assert uploaded(rep, xlsx_file(ALIBABA_ROWS), worker).status == Status.UPLOADED and opened  # control


def test_a_workbook_packed_like_a_bomb_is_refused(rep, worker):
    parts = xlsx_parts(xlsx_file(ALIBABA_ROWS))
    parts["xl/worksheets/sheet1.xml"] = b"<worksheet>" + b" " * (30 * MB) + b"</worksheet>"
    upload = zipped(parts)
    assert upload.size < MB
    message = refused(uploaded(rep, upload, worker))
    assert "times its packed size" in message and "zip bomb" in message


def test_a_zip_that_is_not_a_workbook_is_refused(rep, worker):
    # A Word file called .xlsx is told by its first bytes and directory, in the request.
    word = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}, name="customers.xlsx")
    with pytest.raises(ValidationFailed, match="not a CSV or Excel"):
        imports.import_upload(actor=rep, upload=word)
    # Any other ZIP is looked into by the worker.
    bare = zipped({"customers.csv": b"Company,Country\nA,DE\n"}, name="customers.xlsx")
    assert "is a ZIP file but not an Excel workbook" in refused(uploaded(rep, bare, worker))


def test_entities_in_a_workbook_are_refused(rep, worker):
    """An "XML bomb": entities that expand to gigabytes. defusedxml (used by openpyxl) refuses them."""
    parts = xlsx_parts(xlsx_file(ALIBABA_ROWS))
    sheet = parts["xl/worksheets/sheet1.xml"]
    declaration = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    body = sheet.split(b"?>", 1)[1] if sheet.startswith(b"<?xml") else sheet
    parts["xl/worksheets/sheet1.xml"] = b'<?xml version="1.0"?>' + declaration + body
    message = refused(uploaded(rep, zipped(parts), worker))
    assert "cannot be opened (EntitiesForbidden)" in message


def test_a_csv_of_200000_columns_is_refused_at_once_without_its_headers(rep, worker):
    header = ",".join(f"Spalte{i}" for i in range(200_000))
    upload = SimpleUploadedFile("wide.csv", (header + "\nMüller GmbH,DE\n").encode())
    job = uploaded(rep, upload, worker)
    message = refused(job)
    assert "Row 1 has more than 256 columns" in message and "Spalte" not in message
    assert job.headers == [] and job.mapping == {}


def test_too_many_columns_further_down_or_in_a_workbook_are_refused(rep, worker, settings):
    rows = [["Company", "Country"], ["Müller GmbH", "DE"], ["Wide GmbH", "DE", *["x"] * 300]]
    assert "Row 3 has more than 256 columns" in refused(uploaded(rep, csv_file(rows), worker))
    settings.IMPORT_MAX_COLUMNS = 5
    wide = [["Company", "Country", "A", "B", "C", "D"], ["Müller GmbH", "DE", 1, 2, 3, 4]]
    assert "Row 1 has more than 5 columns" in refused(uploaded(rep, xlsx_file(wide), worker))
    # Empty cells at the end of a row are no columns.
    job = uploaded(
        rep,
        csv_file([["Company", "Country", "", "", "", "", ""], ["A GmbH", "DE", "", "", "", "", ""]]),
        worker,
    )
    assert job.status == Status.UPLOADED and job.headers == ["Company", "Country"]


def test_a_cell_longer_than_a_spreadsheet_holds_is_refused(rep, worker):
    long = "x" * 40_000
    message = refused(uploaded(rep, csv_file([["Company", "Notes"], ["A GmbH", long]]), worker))
    assert message == "Row 2, column B holds more than 32,767 characters, more than a spreadsheet cell holds."
    huge = "Company,Notes\nA GmbH," + "y" * 200_000 + "\n"  # past the csv module's own field limit
    assert "Row 2 has a cell of more than 32,767" in refused(
        uploaded(rep, SimpleUploadedFile("n.csv", huge.encode()), worker)
    )
    workbook = openpyxl.Workbook()
    workbook.active.append(["Company", "Country", "Notes"])
    workbook.active.append(["A GmbH", "DE", "z" * 32_767])  # the most Excel holds: accepted
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = uploaded(rep, SimpleUploadedFile("ok.xlsx", buffer.getvalue()), worker)
    assert job.status == Status.UPLOADED


def test_too_many_rows_are_refused_with_the_limit(rep, worker, settings):
    settings.IMPORT_MAX_ROWS = 3
    rows = [["Company", "Country"]] + [[f"Firma {i} GmbH", "DE"] for i in range(4)]
    assert refused(uploaded(rep, csv_file(rows), worker)) == (
        "The file has more than 3 rows; import it in parts of at most 3 rows."
    )
    assert "more than 3 rows" in refused(uploaded(rep, xlsx_file(rows), worker))
    assert uploaded(rep, csv_file(rows[:4]), worker).status == Status.UPLOADED


def test_the_unpacked_limit_is_a_setting(rep, worker, settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 1 * MB
    rows = [["Company", "Country", "Notes"]] + [
        [f"Firma {i} GmbH", "DE", f"note {i} " * 20] for i in range(5000)
    ]
    assert "unpacks to more than 1 MB" in refused(uploaded(rep, xlsx_file(rows), worker))


def test_the_job_page_says_the_file_is_being_read_and_how_far(
    workspace, rep, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        job = imports.import_upload(actor=rep, upload=csv_file(ALIBABA_ROWS))
    ImportJob.objects.filter(pk=job.pk).update(summary={"read": 15000})
    client = client_for(rep)
    url = f"/w/{workspace.slug}/customers/imports/{job.public_id}/"
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-status="analysing"' in fragment and 'hx-trigger="every 1s"' in fragment
    assert "15000 rows read so far" in fragment and "<html" not in fragment
    # The columns and the preview wait for the file: they send the person to this page.
    for step in ("columns/", "preview/"):
        assert client.get(url + step)["Location"] == url
    listing = client.get(f"/w/{workspace.slug}/customers/imports/").content.decode()
    assert "Reading the file" in listing


def test_the_rows_read_are_recorded_while_the_worker_reads(rep, worker, monkeypatch):
    from tradewind.crm.imports import reading

    seen = []
    real = reading.read_layout

    def watched(opener, name, *, progress=None):
        def spy(rows):
            progress(rows)
            seen.append(ImportJob.objects.get().summary)

        return real(opener, name, progress=spy)

    monkeypatch.setattr(inspect, "read_layout", watched)
    monkeypatch.setattr(reading, "PROGRESS_EVERY", 2)
    monkeypatch.setattr(inspect, "PROGRESS_SECONDS", 0)
    rows = [["Company", "Country"]] + [[f"Firma {i} GmbH", "DE"] for i in range(5)]
    job = uploaded(rep, csv_file(rows), worker)
    assert seen == [{"read": 2}, {"read": 4}] and job.summary == {} and job.total_rows == 5


def test_a_refused_file_says_why_on_the_page_and_in_the_api_and_may_be_discarded(
    workspace, rep, client_for, worker
):
    job = uploaded(rep, SimpleUploadedFile("x.csv", b"Company,Country\n"), worker)
    client = client_for(rep)
    url = f"/w/{workspace.slug}/customers/imports/{job.public_id}/"
    html = client.get(url).content.decode()
    assert 'data-status="refused"' in html and "every 1s" not in html
    assert "no customers below it" in html and 'data-testid="import-discard"' in html
    body = api_for(rep).get(f"/api/v1/workspaces/{workspace.slug}/customer-imports/{job.public_id}").json()
    assert body["status"] == "refused" and "no customers below" in body["errors"][0]["message"]
    r = api_for(rep).get(f"/api/v1/workspaces/{workspace.slug}/customer-imports/{job.public_id}/preview")
    assert r.status_code == 422 and "no customers below" in r.json()["message"]
    with worker():
        client.post(url + "discard/")
    assert not ImportJob.objects.exists()


def test_an_import_discarded_while_it_is_read_leaves_nothing(rep, django_capture_on_commit_callbacks, worker):
    with django_capture_on_commit_callbacks() as queued:
        job = imports.import_upload(actor=rep, upload=csv_file(ALIBABA_ROWS))
    name = job.file.storage_name
    with worker():
        imports.import_discard(actor=rep, job=job)
    for job_for_the_worker in queued:
        job_for_the_worker()  # the worker comes to it after: nothing to read
    assert (
        not ImportJob.objects.exists()
        and not StoredFile.objects.exists()
        and not default_storage.exists(name)
    )


def test_a_reading_that_stopped_is_taken_up_again(rep, django_capture_on_commit_callbacks):
    from django.utils import timezone

    from tradewind.crm.imports.tasks import imports_resume_stalled

    with django_capture_on_commit_callbacks():
        job = imports.import_upload(actor=rep, upload=csv_file(ALIBABA_ROWS))  # the worker died
    assert imports.imports_analysing_stalled() == []
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - inspect.STALLED_AFTER * 2)
    imports_resume_stalled.call_local()
    job.refresh_from_db()
    assert job.status == Status.UPLOADED and job.total_rows == 3
