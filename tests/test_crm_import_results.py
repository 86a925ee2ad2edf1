"""What an import says it will do and what it did: the preview's counts, rows repeated within a file, the
error report to fix and import again."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import translation

from tests.factories import UserFactory
from tests.test_crm_import import csv_file, make_customer, upload_and_import, uploaded
from tradewind.crm.imports import services as imports
from tradewind.crm.imports.models import ImportJob
from tradewind.crm.imports.services import run as import_run
from tradewind.crm.models import Customer
from tradewind.crm.selectors import grades
from tradewind.workspaces.choices import Role


@pytest.fixture
def rep(member_factory):
    return member_factory(Role.SALES, user=UserFactory(full_name="Amy Liu"))


def mapped(actor, upload, worker) -> ImportJob:
    """Uploaded, columns as guessed, the whole-file check done (the preview's summary)."""
    job = uploaded(actor, upload, worker)
    with worker():
        job = imports.import_map(actor=actor, job=job, mapping=job.mapping)
    job.refresh_from_db()
    return job


def started(actor, job, worker) -> ImportJob:
    with worker():
        imports.import_start(actor=actor, job=job)
    job.refresh_from_db()
    return job


def counts(job: ImportJob) -> dict:
    return {"create": job.created, "merge": job.merged, "skip": job.skipped, "repeated": job.repeated}


def summary(job: ImportJob) -> dict:
    return {key: job.summary[key] for key in ("create", "merge", "skip", "repeated")}


def test_a_contact_the_customer_has_already_is_skipped_in_the_preview_as_in_the_import(rep, worker):
    mueller = make_customer(rep, "Müller GmbH", "old@mueller.de")
    rows = [
        ["Company", "Country", "City", "Contact", "Email"],
        ["Müller GmbH", "DE", "Hamburg", "Existing", "old@mueller.de"],
        ["Müller GmbH", "DE", "Bremen", "Existing", "old@mueller.de"],
    ]
    job = mapped(rep, csv_file(rows), worker)
    preview = {p.number: p for p in imports.import_preview(actor=rep, job=job)}
    assert preview[2].chosen == f"merge:{mueller.public_id}" and preview[2].contact_there
    assert summary(job) == {"create": 0, "merge": 0, "skip": 2, "repeated": 0}
    assert [e["message"] for e in job.errors] == ["Skipped: Müller GmbH has this contact already."] * 2
    job = started(rep, job, worker)
    assert counts(job) == summary(job)
    assert mueller.contacts.count() == 1


def test_the_preview_page_says_the_contact_is_there_already(workspace, rep, worker, client_for):
    make_customer(rep, "Müller GmbH", "old@mueller.de")
    rows = [["Company", "Country", "Contact", "Email"], ["Müller GmbH", "DE", "Existing", "old@mueller.de"]]
    job = mapped(rep, csv_file(rows), worker)
    html = client_for(rep).get(f"/w/{workspace.slug}/customers/imports/{job.public_id}/preview/").content
    assert "Contact already there: this row will be skipped." in html.decode()


def test_a_new_contact_is_still_counted_as_added_in_the_preview(rep, worker):
    make_customer(rep, "Müller GmbH", "old@mueller.de")
    rows = [["Company", "Country", "Contact", "Email"], ["Müller GmbH", "DE", "Hans Neu", "hans@mueller.de"]]
    job = mapped(rep, csv_file(rows), worker)
    assert not imports.import_preview(actor=rep, job=job)[0].contact_there
    assert summary(job)["merge"] == 1
    assert counts(started(rep, job, worker)) == summary(job)


ROWS_WITH_A_REPEAT = [
    ["Company", "Country", "Contact", "Email"],
    ["Acme Trading LLC", "US", "John Smith", "john@acme-trading.com"],
    ["Brand New KG", "DE", "Otto", "otto@brand-new.de"],
    ["Acme Trading LLC", "US", "John Smith", "john@acme-trading.com"],
]


@pytest.mark.parametrize("batch_size", [1000, 1])  # the repeat in the same batch, or in a later one
def test_a_row_repeating_an_earlier_row_of_the_file_says_so(rep, worker, monkeypatch, batch_size):
    monkeypatch.setattr(import_run, "BATCH_SIZE", batch_size)
    job = mapped(rep, csv_file(ROWS_WITH_A_REPEAT), worker)
    preview = {p.number: p for p in imports.import_preview(actor=rep, job=job)}
    assert preview[4].repeats == 2 and not preview[4].repeated
    assert summary(job) == {"create": 2, "merge": 0, "skip": 1, "repeated": 0}
    note = "Skipped: the same as row 2 of this file."
    assert [(e["row"], e["message"], e["kind"]) for e in job.errors] == [(4, note, "skipped")]
    job = started(rep, job, worker)
    assert counts(job) == summary(job) and Customer.objects.count() == 2
    # The worker keeps no map of the file's rows (flat memory): across batches it knows the repeat by
    # the row hash written with this job, without the row's number.
    later = "Skipped: the same as an earlier row of this file."
    assert [(e["row"], e["message"]) for e in job.errors] == [(4, note if batch_size > 1 else later)]
    # "Imported before" is for rows an earlier import brought in.
    again = mapped(rep, csv_file(ROWS_WITH_A_REPEAT), worker)
    assert all(p.repeated and not p.repeats for p in imports.import_preview(actor=rep, job=again))
    assert counts(started(rep, again, worker))["repeated"] == 3


def test_the_preview_page_names_the_row_repeated(workspace, rep, worker, client_for):
    job = mapped(rep, csv_file(ROWS_WITH_A_REPEAT), worker)
    html = client_for(rep).get(f"/w/{workspace.slug}/customers/imports/{job.public_id}/preview/").content
    assert "same as row 2 of this file" in html.decode() and "imported before" not in html.decode()


def test_the_error_report_has_each_failed_row_once_with_all_its_problems(rep, worker):
    grades(rep.workspace)
    rows = [
        ["Company", "Country", "Email", "Grade"],
        ["Good One GmbH", "DE", "a@good-one.de", "B"],
        ["Bad Twice SA", "Atlantis", "bob@", "Z"],
        ["Bad Once Ltd", "GB", "", "Q"],
    ]
    job = upload_and_import(rep, csv_file(rows), worker)
    assert job.failed_rows == 2 and len(job.errors) == 4
    with translation.override("zh-hans"):
        lines = imports.error_report(job)
    # Written as the response streams, after the request: still in the language it was asked in.
    table = list(csv.reader(io.StringIO("".join(lines).lstrip("\ufeff"))))
    assert table[0][0] == "行" and table[0][2:] == rows[0]
    assert [line[0] for line in table[1:]] == ["3", "4"]
    problems = table[1][1].splitlines()
    assert sorted(p.split(":")[0] for p in problems) == ["Country", "Email", "Grade"]
    assert table[1][2:] == rows[2] and table[2][2:] == rows[3]  # the row itself, once, to fix


def test_the_written_out_native_country_names_are_what_babel_gives():
    from tradewind.crm.imports import native_names

    # A Babel upgrade that changes them fails here: regenerate (see the module's docstring).
    assert native_names.generate() == native_names.NAMES
