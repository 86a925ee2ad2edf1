"""Searching inside the library's files: the worker reads the text of PDF, Word, Excel, CSV and text files
(Chinese included; a scan has none; a zip bomb is not opened), and the search finds documents by it — "报关"
finds 报关单, "muller" finds Müller — only in folders the member may read, with its filters; the page and
the API."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import CustomerFactory, png_upload
from tests.test_catalog_api import Api
from tradewind.library import permissions, services
from tradewind.library.choices import TextStatus
from tradewind.library.models import DocumentVersion, Folder
from tradewind.library.search import DocumentSearch, document_search
from tradewind.library.services.documents import document_versions_read_late
from tradewind.workspaces.choices import Role


def blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(*rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def bomb_docx() -> bytes:
    """A Word file whose document unpacks to 30 MB of nothing, far tighter than real files pack."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w>" + b" " * (30 * 1024 * 1024) + b"</w>")
    return out.getvalue()


@pytest.fixture
def people(owner, member_factory):
    return {
        "owner": owner,
        "amy": member_factory(Role.SALES),
        "kevin": member_factory(Role.SALES),
        "docs": member_factory(Role.DOCUMENTS),
        "manager": member_factory(Role.MANAGER),
    }


def found(member, **search) -> list[str]:
    return [d.name for d in document_search(membership=member, search=DocumentSearch(**search))]


def test_the_text_inside_each_kind_of_file_is_read_and_found(people, upload, declaration_pdf):
    docs = people["docs"]
    folder = services.folder_create(actor=docs, name="Shipping papers")
    pdf = upload(docs, folder, "PI-2026-0042 declaration.pdf", declaration_pdf)
    word = upload(docs, folder, "contract.docx", docx_bytes("Arbitration: CIETAC Shanghai 仲裁"))
    sheet = upload(docs, folder, "packing.xlsx", xlsx_bytes(["Carton", "Item"], [1, "电热水壶 KT-1200"]))
    csv = upload(docs, folder, "forwarder.csv", "货代,宁波港\nHapag,Hamburg\n".encode("gb18030"))
    assert {v.text_status for v in (pdf, word, sheet, csv)} == {TextStatus.DONE}
    assert found(docs, q="报关") == ["PI-2026-0042 declaration.pdf"]
    assert found(docs, q="muller hamburg") == ["PI-2026-0042 declaration.pdf"]
    assert found(docs, q="仲裁") == ["contract.docx"]
    assert found(docs, q="电热水壶") == ["packing.xlsx"]
    assert found(docs, q="货代") == ["forwarder.csv"]
    assert found(docs, q="hamburg", kind="excel") == ["forwarder.csv"]
    assert found(docs, q="nothing-like-this") == []


def test_a_scan_an_image_and_a_zip_bomb_are_found_by_name_only(people, upload):
    docs = people["docs"]
    folder = services.folder_create(actor=docs, name="Scans")
    scan = upload(docs, folder, "signed contract scan.pdf", blank_pdf())
    photo = upload(docs, folder, "carton.png", png_upload().read())
    bomb = upload(docs, folder, "harmless.docx", bomb_docx())
    assert (scan.text_status, photo.text_status, bomb.text_status) == (
        TextStatus.NO_TEXT,
        TextStatus.NOT_SEARCHED,
        TextStatus.REFUSED,
    )
    assert found(docs, q="signed scan") == ["signed contract scan.pdf"]


def test_search_keeps_to_what_the_member_may_read(people, upload, declaration_pdf):
    amy, kevin, manager = people["amy"], people["kevin"], people["manager"]
    hausmann = CustomerFactory(actor=amy, name="Hausmann GmbH")
    upload(amy, services.customer_folder(hausmann), "NDA Hausmann.pdf", declaration_pdf)
    pricing = services.folder_create(actor=manager, name="Pricing")
    upload(manager, pricing, "floor prices 报关.pdf", declaration_pdf)
    services.folder_access_set(actor=manager, folder=pricing, restricted=True, rules=[(Role.MANAGER, True)])
    assert found(amy, q="报关") == ["NDA Hausmann.pdf"]
    assert found(kevin, q="报关") == []
    assert sorted(found(manager, q="报关")) == ["NDA Hausmann.pdf", "floor prices 报关.pdf"]
    assert found(manager, q="报关", customer=hausmann) == ["NDA Hausmann.pdf"]


def test_the_sql_rule_and_the_python_rule_agree_on_every_folder(people):
    amy, manager = people["amy"], people["manager"]
    customer = CustomerFactory(actor=amy, name="Nordic AB")
    services.folder_create(actor=amy, name="Open")
    restricted = services.folder_create(actor=manager, name="Closed")
    services.folder_create(actor=manager, name="Inside", parent=restricted)
    services.folder_access_set(
        actor=manager, folder=restricted, restricted=True, rules=[(Role.DOCUMENTS, False)]
    )
    services.folder_create(actor=amy, name="Samples", parent=services.customer_folder(customer))
    folders = list(Folder.objects.all())
    for member in people.values():
        in_sql = set(permissions.readable_folders(member).values_list("pk", flat=True))
        in_python = {f.pk for f in folders if permissions.can_read(member, Folder.objects.get(pk=f.pk))}
        assert in_sql == in_python, member.role


def test_renaming_tagging_and_restoring_keep_the_search_text_current(people, upload, declaration_pdf):
    docs = people["docs"]
    folder = services.folder_create(actor=docs, name="Certificates")
    first = upload(docs, folder, "CE.pdf", declaration_pdf)
    upload(docs, folder, "CE.pdf", blank_pdf())  # a new version without the text
    assert found(docs, q="报关") == []
    document = first.document
    restored = services.document_version_restore(actor=docs, document=document, version=first)
    assert restored.text_status == TextStatus.DONE  # known already: not read again
    assert found(docs, q="报关") == ["CE.pdf"]
    services.document_update(actor=docs, document=document, name="CE KT-1200.pdf", tags=["认证"])
    assert found(docs, q="kt-1200 认证") == ["CE KT-1200.pdf"]


def test_text_the_queue_lost_is_read_by_the_nightly_pass(people, declaration_pdf):
    docs = people["docs"]
    folder = services.folder_create(actor=docs, name="Lost")
    version = services.document_upload(
        actor=docs, folder=folder, upload=SimpleUploadedFile("late.pdf", declaration_pdf)
    )  # committed jobs never ran: the test's transaction is not committed
    assert DocumentVersion.objects.get(pk=version.pk).text_status == TextStatus.PENDING
    DocumentVersion.objects.filter(pk=version.pk).update(created_at=version.created_at.replace(year=2025))
    assert document_versions_read_late() == 1
    assert found(docs, q="报关") == ["late.pdf"]


def test_the_search_page_and_the_api(people, upload, declaration_pdf, client_for):
    docs = people["docs"]
    folder = services.folder_create(actor=docs, name="Shipping papers")
    upload(docs, folder, "declaration.pdf", declaration_pdf)
    url = reverse("library:search", args=[docs.workspace.slug])
    page = client_for(docs).get(url, {"q": "报关", "folder": str(folder.public_id)}).content.decode()
    assert page.count('data-testid="found"') == 1 and "declaration.pdf" in page
    empty = client_for(docs).get(url, {"q": "nothing-like-this"}).content.decode()
    assert "No document matches" in empty
    bad = client_for(docs).get(url, {"q": "x", "date_from": "2026-12-05", "date_to": "2026-12-01"})
    assert bad.status_code == 400
    api = Api(docs)
    answer = api.get("/library/search", {"q": "muller", "kind": "pdf"}).json()
    assert answer["count"] == 1 and answer["items"][0]["name"] == "declaration.pdf"
    assert (
        api.get("/library/search", {"q": "x", "date_from": "2026-12-05", "date_to": "2026-12-01"}).status_code
        == 422
    )


def test_the_search_page_keeps_to_one_customer_when_asked(people, upload, client_for):
    amy = people["amy"]
    hausmann = CustomerFactory(actor=amy, name="Hausmann GmbH")
    other = CustomerFactory(actor=amy, name="Lagos Home")
    for customer in (hausmann, other):
        upload(amy, services.customer_folder(customer), f"PI {customer.name}.pdf", b"%PDF-1.4\n%%EOF\n")
    page = client_for(amy).get(
        reverse("library:search", args=["haitian"]), {"q": "PI", "customer": hausmann.public_id}
    )
    html = page.content.decode()
    assert "PI Hausmann GmbH.pdf" in html and "PI Lagos Home.pdf" not in html
    assert 'data-testid="search-customer"' in html
