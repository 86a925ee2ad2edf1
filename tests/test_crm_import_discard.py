"""Discarding an import that has not started: who may, what goes, and the pages that offer it."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from tests.factories import UserFactory
from tests.test_crm_import import ALIBABA_ROWS, csv_file, uploaded
from tradewind.core.errors import Conflict, PermissionDenied
from tradewind.crm.choices import CrmAuditAction
from tradewind.crm.imports import services as imports
from tradewind.crm.imports.models import ImportJob
from tradewind.crm.imports.permissions import can_discard
from tradewind.files.models import StoredFile
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import AuditEntry


@pytest.fixture
def rep(member_factory):
    return member_factory(Role.SALES, user=UserFactory(full_name="Amy Liu"))


def url(job, path=""):
    return f"/w/{job.workspace.slug}/customers/imports/{job.public_id}/{path}"


def test_an_upload_not_started_is_discarded_with_its_file(rep, worker):
    job = uploaded(rep, csv_file(ALIBABA_ROWS), worker)
    name = job.file.storage_name
    assert default_storage.exists(name)
    with worker():
        imports.import_discard(actor=rep, job=job)
    assert not ImportJob.objects.exists() and not StoredFile.objects.exists()
    assert not default_storage.exists(name)
    entry = AuditEntry.objects.get(action=CrmAuditAction.IMPORT_DISCARDED)
    assert entry.actor == rep.user and entry.target == job.file_name
    imports.import_discard(actor=rep, job=job)  # a second click changes nothing
    assert AuditEntry.objects.filter(action=CrmAuditAction.IMPORT_DISCARDED).count() == 1


def test_a_started_import_cannot_be_discarded(rep, worker):
    job = uploaded(rep, csv_file(ALIBABA_ROWS), worker)
    with worker():
        job = imports.import_map(actor=rep, job=job, mapping=job.mapping)
    with worker():
        imports.import_start(actor=rep, job=job)
    with pytest.raises(Conflict):
        imports.import_discard(actor=rep, job=job)
    assert default_storage.exists(ImportJob.objects.get().file.storage_name)


def test_the_uploader_and_the_leads_may_discard_a_colleague_may_not(rep, member_factory, worker):
    job = uploaded(rep, csv_file(ALIBABA_ROWS), worker)
    colleague, manager = member_factory(Role.SALES), member_factory(Role.MANAGER)
    assert can_discard(rep, job) and can_discard(manager, job)
    assert not can_discard(colleague, job)
    with pytest.raises(PermissionDenied):
        imports.import_discard(actor=colleague, job=job)
    with worker():
        imports.import_discard(actor=manager, job=job)
    assert not ImportJob.objects.exists()


def test_the_pages_offer_discard_and_it_is_a_post(workspace, rep, member_factory, client_for, worker):
    job = uploaded(rep, csv_file(ALIBABA_ROWS), worker)
    client = client_for(rep)
    listing = client.get(f"/w/{workspace.slug}/customers/imports/").content.decode()
    assert f'action="{url(job, "discard/")}"' in listing
    assert 'data-testid="import-discard"' in client.get(url(job, "columns/")).content.decode()
    assert client.get(url(job, "discard/")).status_code == 405
    assert client_for(member_factory(Role.SALES)).post(url(job, "discard/")).status_code == 404
    with worker():
        r = client.post(url(job, "discard/"), follow=True)
    assert r.redirect_chain[-1][0] == f"/w/{workspace.slug}/customers/imports/"
    html = r.content.decode()
    assert "The import of customers.csv was discarded." in html and not ImportJob.objects.exists()


def test_a_done_import_offers_no_discard(workspace, rep, client_for, worker):
    job = uploaded(rep, csv_file(ALIBABA_ROWS), worker)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.DONE)
    client = client_for(rep)
    assert "import-discard" not in client.get(f"/w/{workspace.slug}/customers/imports/").content.decode()
    r = client.post(url(job, "discard/"))
    assert r.status_code == 302 and r["Location"] == url(job) and ImportJob.objects.exists()
