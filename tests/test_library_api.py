"""The library's API: the same rules as the pages — folders made, renamed and moved (never into
themselves), restricted; documents uploaded (the same name is the next version), listed, read with their
versions, restored, renamed and tagged, moved, deleted and restored, downloaded and audited — with clear
refusals that change nothing, and 404 for what the caller may not read."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import CustomerFactory
from tests.test_catalog_api import Api
from tradewind.library import services
from tradewind.library.choices import LibraryAuditAction
from tradewind.library.models import Document, Folder
from tradewind.workspaces.audit import AuditEntry
from tradewind.workspaces.choices import Role


class LibraryApi(Api):
    """A token's client under …/library, with PUT and multipart uploads."""

    def __init__(self, member, slug=None):
        super().__init__(member, slug)
        self.base += "/library"

    def put(self, path, data):
        return self.client.put(self.base + path, json.dumps(data), content_type="application/json")

    def send(self, path, name="Contract.pdf", body=b"v1", **fields):
        upload = SimpleUploadedFile(name, b"%PDF-1.4\n" + body + b"\n%%EOF\n")
        return self.client.post(self.base + path, {"file": upload, **fields})


@pytest.fixture
def people(owner, member_factory):
    return {
        "owner": owner,
        "amy": member_factory(Role.SALES),
        "kevin": member_factory(Role.SALES),
        "docs": member_factory(Role.DOCUMENTS),
        "manager": member_factory(Role.MANAGER),
        "viewer": member_factory(Role.VIEWER),
    }


def test_folders_are_made_listed_renamed_and_moved(people):
    api = LibraryApi(people["amy"])
    made = api.post("/folders", {"name": "Catalogs"})
    assert made.status_code == 201 and made.json()["kind"] == "team" and made.json()["can_write"]
    catalogs = made.json()["id"]
    inner = api.post("/folders", {"name": "2026", "parent": catalogs}).json()
    assert inner["path"] == ["Catalogs", "2026"] and inner["parent"] == catalogs
    assert [f["name"] for f in api.get("/folders").json()] == ["Catalogs"]
    assert [f["name"] for f in api.get("/folders", {"parent": catalogs}).json()] == ["2026"]
    assert api.patch(f"/folders/{inner['id']}", {"name": "2026 fairs"}).json()["name"] == "2026 fairs"
    moved = api.patch(f"/folders/{inner['id']}", {"to_top": True}).json()
    assert moved["parent"] is None and moved["path"] == ["2026 fairs"]


def test_bad_folder_input_is_refused_and_changes_nothing(people):
    api = LibraryApi(people["amy"])
    assert api.post("/folders", {"name": "a/b"}).status_code == 422
    assert api.post("/folders", {"name": "  "}).status_code == 422
    top = api.post("/folders", {"name": "Fairs"}).json()["id"]
    inner = api.post("/folders", {"name": "2026", "parent": top}).json()["id"]
    refused = api.patch(f"/folders/{top}", {"parent": inner})
    assert refused.status_code == 422 and "into itself" in refused.json()["message"]
    assert api.post("/folders", {"name": "fairs"}).status_code == 409
    assert LibraryApi(people["viewer"]).post("/folders", {"name": "Mine"}).status_code == 403
    assert Folder.objects.count() == 2


def test_upload_list_versions_restore_and_download(people):
    docs = LibraryApi(people["docs"])
    folder = docs.post("/folders", {"name": "Contracts"}).json()["id"]
    first = docs.send(f"/folders/{folder}/documents", comment="draft")
    assert first.status_code == 201 and first.json()["version_count"] == 1
    document = first.json()["id"]
    again = docs.send(f"/folders/{folder}/documents", body=b"v2")
    assert again.json()["id"] == document and again.json()["version_count"] == 2
    listed = docs.get(f"/folders/{folder}/documents").json()
    assert listed["count"] == 1 and listed["items"][0]["current"]["number"] == 2
    scan = docs.send(f"/documents/{document}/versions", name="scan.pdf", body=b"signed", comment="signed")
    assert scan.status_code == 201 and scan.json()["number"] == 3
    versions = docs.get(f"/documents/{document}/versions").json()
    assert [v["number"] for v in versions] == [3, 2, 1] and versions[2]["comment"] == "draft"
    restored = docs.post(f"/documents/{document}/versions/{versions[2]['id']}/restore")
    assert restored.status_code == 201 and restored.json()["number"] == 4
    assert restored.json()["sha256"] == versions[2]["sha256"]
    download = docs.client.get(docs.base + f"/documents/{document}/download")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert AuditEntry.objects.filter(action=LibraryAuditAction.DOCUMENT_DOWNLOADED).count() == 1


def test_a_program_and_an_upload_into_a_folder_one_may_only_read_are_refused(people):
    folder = services.folder_create(actor=people["manager"], name="Contracts")
    services.folder_access_set(
        actor=people["manager"],
        folder=folder,
        restricted=True,
        rules=[(Role.SALES, False), (Role.DOCUMENTS, True)],
    )
    docs = LibraryApi(people["docs"])
    program = docs.client.post(
        docs.base + f"/folders/{folder.public_id}/documents",
        {"file": SimpleUploadedFile("invoice.pdf", b"MZ\x90\x00" + b"\x00" * 100)},
    )
    assert program.status_code == 422 and program.json()["code"] == "program_refused"
    assert LibraryApi(people["amy"]).send(f"/folders/{folder.public_id}/documents").status_code == 403
    assert not Document.objects.exists()


def test_rename_tag_move_delete_and_restore(people):
    amy = LibraryApi(people["amy"])
    a = amy.post("/folders", {"name": "A"}).json()["id"]
    b = amy.post("/folders", {"name": "B"}).json()["id"]
    document = amy.send(f"/folders/{a}/documents", name="price list.pdf").json()["id"]
    changed = amy.patch(
        f"/documents/{document}", {"name": "price list EU.pdf", "tags": ["EU", "eu", "2026"], "folder": b}
    )
    assert changed.status_code == 200
    assert changed.json()["folder"] == b and changed.json()["tags"] == ["2026", "EU"]
    assert amy.delete(f"/documents/{document}").json()["deleted_at"] is not None
    assert amy.get(f"/documents/{document}").status_code == 404
    assert [d["id"] for d in amy.get("/trash").json()["documents"]] == [document]
    assert amy.post(f"/trash/documents/{document}/restore").json()["deleted_at"] is None
    assert amy.delete(f"/folders/{b}").status_code == 200
    assert amy.get(f"/documents/{document}").status_code == 404  # went with its folder
    assert amy.post(f"/trash/folders/{b}/restore").status_code == 200
    assert amy.get(f"/documents/{document}").status_code == 200


def test_access_rules_through_the_api(people):
    manager = LibraryApi(people["manager"])
    folder = manager.post("/folders", {"name": "Pricing"}).json()["id"]
    rules = {"restricted": True, "rules": [{"role": "sales", "can_write": False}]}
    saved = manager.put(f"/folders/{folder}/access", rules)
    assert saved.status_code == 200 and saved.json()["restricted"]
    assert {r["role"] for r in saved.json()["rules"]} == {"sales", ""}  # the manager kept it
    assert LibraryApi(people["docs"]).get(f"/folders/{folder}").status_code == 404
    assert LibraryApi(people["amy"]).get(f"/folders/{folder}").json()["can_write"] is False
    bad = manager.put(f"/folders/{folder}/access", {"restricted": True, "rules": [{"role": "pirate"}]})
    assert bad.status_code == 422
    assert LibraryApi(people["amy"]).get(f"/folders/{folder}/access").status_code == 404


def test_a_customers_folder_through_the_api_and_a_colleague_gets_404(people):
    customer = CustomerFactory(actor=people["amy"], name="Hausmann GmbH")
    opened = LibraryApi(people["amy"]).post(f"/customers/{customer.public_id}/folder")
    assert opened.status_code == 200 and opened.json()["kind"] == "customer"
    assert opened.json()["customer"] == str(customer.public_id)
    assert LibraryApi(people["kevin"]).post(f"/customers/{customer.public_id}/folder").status_code == 404
    assert LibraryApi(people["kevin"]).get(f"/folders/{opened.json()['id']}").status_code == 404


def test_a_refused_move_undoes_the_rename_sent_with_it(people):
    amy = LibraryApi(people["amy"])
    a = amy.post("/folders", {"name": "A"}).json()["id"]
    b = amy.post("/folders", {"name": "B"}).json()["id"]
    document = amy.send(f"/folders/{a}/documents", name="x.pdf").json()["id"]
    amy.send(f"/folders/{b}/documents", name="y.pdf")
    refused = amy.patch(f"/documents/{document}", {"name": "y.pdf", "folder": b})
    assert refused.status_code == 409
    assert amy.get(f"/documents/{document}").json()["name"] == "x.pdf"


def test_the_lists_read_a_constant_number_of_queries(people):
    """A folder's documents and a search: no more queries for 30 documents than for 3 (none per row)."""
    docs = people["docs"]
    folder = services.folder_create(actor=docs, name="Catalogs")
    api = LibraryApi(docs)

    def counts() -> list[int]:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        found = []
        for path in (f"/folders/{folder.public_id}/documents", "/search?q=catalog"):
            with CaptureQueriesContext(connection) as queries:
                assert api.get(path).status_code == 200
            found.append(len(queries.captured_queries))
        return found

    for i in range(3):
        services.document_upload(
            actor=docs, folder=folder, upload=SimpleUploadedFile(f"Catalog {i}.pdf", b"%PDF-1.4\n%%EOF\n")
        )
    few = counts()
    for i in range(3, 30):
        services.document_upload(
            actor=docs, folder=folder, upload=SimpleUploadedFile(f"Catalog {i}.pdf", b"%PDF-1.4\n%%EOF\n")
        )
    many = counts()
    assert all(m <= f for m, f in zip(many, few, strict=True)), (few, many)
