"""The library's pages: folders and files as a member sees them, uploading (a name already there is its next
version), a document's versions, restoring one, the audited download, the trash, who may use a folder,
and what a reader, a viewer or a colleague of a private customer gets."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import CustomerFactory
from tradewind.library import services
from tradewind.library.choices import FolderKind, LibraryAuditAction
from tradewind.library.models import Document, DocumentVersion, Folder
from tradewind.workspaces.audit import AuditEntry
from tradewind.workspaces.choices import Role

SLUG = "haitian"


def url(name, *args):
    return reverse(f"library:{name}", args=[SLUG, *args])


def pdf(name="Contract Hausmann.pdf", body=b"v1") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + body + b"\n%%EOF\n")


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


@pytest.fixture
def contracts(people):
    return services.folder_create(actor=people["docs"], name="Contracts")


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_the_top_shows_the_folders_with_an_empty_state_first(client_for, people):
    amy = client_for(people["amy"])
    page = amy.get(url("home")).content.decode()
    assert "No folders yet" in page
    answer = amy.post(url("folder_new"), {"name": "Catalogs"}, follow=True)
    assert answer.status_code == 200 and "Catalogs" in answer.content.decode()
    assert 'data-testid="folder"' in amy.get(url("home")).content.decode()


def test_a_bad_folder_name_is_said_and_nothing_is_made(client_for, people):
    amy = client_for(people["amy"])
    answer = amy.post(url("folder_new"), {"name": "a/b"}, follow=True)
    assert "A name cannot contain /" in answer.content.decode()
    assert not Folder.objects.exists()


def test_uploading_many_files_and_the_same_name_again_as_a_version(client_for, people, contracts):
    docs = client_for(people["docs"])
    answer = docs.post(
        url("upload", contracts.public_id), {"files": [pdf(), pdf("Packing list.pdf")]}, follow=True
    )
    assert "2 files added." in messages_of(answer)
    docs.post(url("upload", contracts.public_id), {"files": [pdf(body=b"v2")]})
    document = Document.objects.get(name="Contract Hausmann.pdf")
    assert document.version_count == 2 and Document.objects.count() == 2
    page = docs.get(url("folder", contracts.public_id)).content.decode()
    assert page.count('data-testid="document"') == 2


def test_a_program_is_refused_by_its_content_whatever_its_name(client_for, people, contracts):
    docs = client_for(people["docs"])
    program = SimpleUploadedFile("invoice.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    answer = docs.post(url("upload", contracts.public_id), {"files": [program]}, follow=True)
    assert any("programs are not accepted" in m for m in messages_of(answer))
    assert not Document.objects.exists()


def test_a_document_shows_its_versions_and_one_is_restored(client_for, people, contracts):
    docs = client_for(people["docs"])
    first = services.document_upload(actor=people["docs"], folder=contracts, upload=pdf(), comment="draft")
    services.document_upload(actor=people["docs"], folder=contracts, upload=pdf(body=b"v2"))
    document = first.document
    page = docs.get(url("document", document.public_id)).content.decode()
    assert page.count('data-testid="version"') == 2 and "draft" in page
    docs.post(url("version_restore", document.public_id, first.public_id))
    document.refresh_from_db()
    assert document.version_count == 3 and document.current.file_id == first.file_id


def test_a_new_version_from_the_document_page(client_for, people, contracts):
    docs = client_for(people["docs"])
    document = services.document_upload(actor=people["docs"], folder=contracts, upload=pdf()).document
    docs.post(
        url("version_add", document.public_id), {"file": pdf("scan.pdf", b"signed"), "comment": "signed"}
    )
    assert DocumentVersion.objects.filter(document=document, comment="signed", number=2).exists()


def test_the_download_is_an_attachment_and_is_audited(client_for, people, contracts):
    version = services.document_upload(actor=people["docs"], folder=contracts, upload=pdf())
    amy = client_for(people["amy"])
    answer = amy.get(url("download", version.document.public_id))
    assert answer.status_code == 200
    assert (
        answer["Content-Disposition"].startswith("attachment")
        and answer["X-Content-Type-Options"] == "nosniff"
    )
    assert b"".join(answer.streaming_content).startswith(b"%PDF")
    entry = AuditEntry.objects.get(action=LibraryAuditAction.DOCUMENT_DOWNLOADED)
    assert entry.actor == people["amy"].user and entry.data["version"] == 1
    old = amy.get(url("version_download", version.document.public_id, version.public_id))
    assert old.status_code == 200


def test_delete_to_the_trash_and_restore_from_there(client_for, people, contracts):
    docs = client_for(people["docs"])
    document = services.document_upload(actor=people["docs"], folder=contracts, upload=pdf()).document
    docs.post(url("document_delete", document.public_id))
    assert docs.get(url("document", document.public_id)).status_code == 404
    trash = docs.get(url("trash")).content.decode()
    assert 'data-testid="trashed-document"' in trash
    docs.post(url("document_restore", document.public_id))
    assert docs.get(url("document", document.public_id)).status_code == 200
    docs.post(url("folder_delete", contracts.public_id))
    assert 'data-testid="trashed-folder"' in docs.get(url("trash")).content.decode()
    assert docs.get(url("document", document.public_id)).status_code == 404  # went with its folder
    docs.post(url("folder_restore", contracts.public_id))
    assert docs.get(url("document", document.public_id)).status_code == 200


def test_edit_name_tags_and_move(client_for, people, contracts):
    docs = client_for(people["docs"])
    document = services.document_upload(actor=people["docs"], folder=contracts, upload=pdf()).document
    other = services.folder_create(actor=people["docs"], name="Signed")
    docs.post(url("document_edit", document.public_id), {"name": "Contract 2026.pdf", "tags": "CE，2026"})
    document.refresh_from_db()
    assert document.name == "Contract 2026.pdf"
    assert sorted(document.tags.values_list("name", flat=True)) == ["2026", "CE"]
    form = docs.get(url("document_move", document.public_id)).content.decode()
    assert "Signed" in form
    docs.post(url("document_move", document.public_id), {"to": str(other.public_id)})
    assert Document.objects.get(pk=document.pk).folder_id == other.pk


def test_a_folder_cannot_be_moved_into_itself_from_the_page(client_for, people):
    amy = client_for(people["amy"])
    top = services.folder_create(actor=people["amy"], name="Fairs")
    inside = services.folder_create(actor=people["amy"], name="2026", parent=top)
    form = amy.get(url("folder_move", top.public_id)).content.decode()
    assert str(inside.public_id) not in form  # not offered
    answer = amy.post(url("folder_move", top.public_id), {"to": str(inside.public_id)})
    assert answer.status_code == 400  # not a choice
    assert Folder.objects.get(pk=top.pk).parent_id is None


def test_a_restricted_folder_is_hidden_from_others_and_its_page_is_404(client_for, people, contracts):
    manager = client_for(people["manager"])
    page = manager.get(url("folder_access", contracts.public_id))
    assert page.status_code == 200
    manager.post(url("folder_access", contracts.public_id), {"restricted": "on", "writers": [Role.DOCUMENTS]})
    kevin = client_for(people["kevin"])
    assert kevin.get(url("folder", contracts.public_id)).status_code == 404
    assert "Contracts" not in kevin.get(url("home")).content.decode()
    assert client_for(people["docs"]).get(url("folder", contracts.public_id)).status_code == 200
    assert client_for(people["amy"]).get(url("folder_access", contracts.public_id)).status_code == 404


def test_a_reader_sees_no_upload_and_an_upload_changes_nothing(client_for, people, contracts):
    viewer = client_for(people["viewer"])
    page = viewer.get(url("folder", contracts.public_id)).content.decode()
    assert "data-library-upload" not in page
    answer = viewer.post(url("upload", contracts.public_id), {"files": [pdf()]}, follow=True)
    assert any("may not add" in m for m in messages_of(answer))
    assert not Document.objects.exists()


def test_the_customer_page_opens_its_folder_and_a_colleague_gets_404(client_for, people):
    customer = CustomerFactory(actor=people["amy"], name="Hausmann GmbH")
    amy = client_for(people["amy"])
    detail = amy.get(reverse("crm:detail", args=[SLUG, customer.public_id])).content.decode()
    assert 'data-testid="customer-documents"' in detail
    answer = amy.post(url("customer_folder", customer.public_id))
    folder = Folder.objects.get(kind=FolderKind.CUSTOMER, customer=customer)
    assert answer.status_code == 302 and answer["Location"] == url("folder", folder.public_id)
    kevin = client_for(people["kevin"])
    assert kevin.post(url("customer_folder", customer.public_id)).status_code == 404
    assert kevin.get(url("folder", folder.public_id)).status_code == 404


def test_the_folder_page_reads_a_constant_number_of_queries(
    client_for, people, contracts, django_assert_max_num_queries
):
    for i in range(12):
        services.document_upload(actor=people["docs"], folder=contracts, upload=pdf(f"doc {i}.pdf"))
        services.folder_create(actor=people["docs"], name=f"Sub {i}", parent=contracts)
    docs = client_for(people["docs"])
    docs.get(url("folder", contracts.public_id))
    with django_assert_max_num_queries(16):
        assert docs.get(url("folder", contracts.public_id)).status_code == 200


def test_administrators_set_the_trash_and_the_quota_and_see_the_usage(client_for, people, contracts):
    services.document_upload(actor=people["docs"], folder=contracts, upload=pdf())
    owner = client_for(people["owner"])
    page = owner.get(url("settings"))
    assert page.status_code == 200 and "no quota" in page.content.decode()
    owner.post(url("settings"), {"trash_days": "7", "quota_mb": "50"})
    workspace = people["owner"].workspace
    workspace.refresh_from_db()
    assert workspace.storage_quota_mb == 50 and services.common.trash_days(workspace) == 7
    assert "of 50 MB used" in owner.get(url("settings")).content.decode()
    refused = owner.post(url("settings"), {"trash_days": "0", "quota_mb": "50"})
    assert refused.status_code == 400 and services.common.trash_days(workspace) == 7
    assert client_for(people["amy"]).get(url("settings")).status_code == 404


def test_a_customers_and_an_orders_folders_show_their_files_from_elsewhere(setup, member_factory, client_for):
    from tests.factories import png_upload
    from tests.shipdocs_helpers import confirmed_order, documents_team
    from tradewind.chat import services as chat

    team = documents_team(setup, member_factory)
    order = confirmed_order(team)
    rep = team["rep"]
    room = chat.customer_room_open(actor=rep, customer=order.customer)
    chat.message_send(actor=rep, conversation=room, body="carton", files=[png_upload("carton.png")])
    from tradewind.tasks import services as tasks

    task = tasks.task_create(actor=rep, title="Send the L/C draft", subject=("trade.order", order.public_id))
    tasks.task_attachment_add(
        actor=rep, task=task, upload=SimpleUploadedFile("lc-draft.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    from tests.factories import workspace_today
    from tradewind.trade.production import services as production

    manager = team["manager"]
    inspection = production.inspection_book(actor=manager, order=order, inspected_on=workspace_today())
    production.inspection_report_attach(
        actor=manager, inspection=inspection, upload=SimpleUploadedFile("QC report.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    folder = services.order_folder(order)
    page = client_for(rep).get(url("folder", folder.public_id)).content.decode()
    assert f"{order.number}.pdf" in page and 'data-testid="related"' in page and "lc-draft.pdf" in page
    assert "QC report.pdf" in page
    customer_page = (
        client_for(rep).get(url("folder", folder.parent_id and folder.parent.public_id)).content.decode()
    )
    assert "carton.png" in customer_page and f"{order.number}.pdf" in customer_page
    pdf_link = reverse("trade:order_pdf", args=[SLUG, order.public_id])
    assert pdf_link in page  # the file where it lives, not a copy


def test_images_and_pdfs_are_shown_in_the_page_safely_and_office_files_as_their_text(
    client_for, people, contracts, django_capture_on_commit_callbacks
):
    from tests.factories import png_upload
    from tests.test_library_search import docx_bytes

    docs = client_for(people["docs"])
    actor = people["docs"]
    photo = services.document_upload(actor=actor, folder=contracts, upload=png_upload("carton.png")).document
    contract = services.document_upload(actor=actor, folder=contracts, upload=pdf()).document
    with django_capture_on_commit_callbacks(execute=True):
        word = services.document_upload(
            actor=actor,
            folder=contracts,
            upload=SimpleUploadedFile("terms.docx", docx_bytes("Payment 30/70")),
        ).document
    page = docs.get(url("document", photo.public_id)).content.decode()
    assert "<img" in page and url("inline", photo.public_id) in page
    image = docs.get(url("inline", photo.public_id))
    assert image["Content-Disposition"].startswith("inline") and "sandbox" in image["Content-Security-Policy"]
    assert image["X-Content-Type-Options"] == "nosniff"
    assert "<iframe" in docs.get(url("document", contract.public_id)).content.decode()
    framed = docs.get(url("inline", contract.public_id))
    assert framed["Content-Disposition"].startswith("inline") and framed["X-Frame-Options"] == "SAMEORIGIN"
    assert "Payment 30/70" in docs.get(url("document", word.public_id)).content.decode()
    svg = SimpleUploadedFile(
        "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    drawing = services.document_upload(actor=actor, folder=contracts, upload=svg).document
    assert 'data-testid="preview"' not in docs.get(url("document", drawing.public_id)).content.decode()
    assert docs.get(url("inline", drawing.public_id)).status_code == 404  # only downloaded


def test_a_folder_with_very_many_subfolders_shows_the_first_and_says_so(
    client_for, people, contracts, monkeypatch
):
    from tradewind.library import list_rows

    monkeypatch.setattr(list_rows, "SUBFOLDERS_SHOWN", 2)
    for name in ("A", "B", "C"):
        services.folder_create(actor=people["docs"], name=name, parent=contracts)
    page = client_for(people["amy"]).get(url("folder", contracts.public_id)).content.decode()
    assert page.count('data-testid="folder"') == 2 and 'data-testid="more-folders"' in page
