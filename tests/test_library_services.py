"""The library's rules: folders in a tree (no folder inside itself), names, who reads and writes where
(team folders, restricted ones, a customer's folder following the customer), versions that only grow,
the trash and its retention, the storage quota, a merged customer's folder."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import CustomerFactory
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.crm.services import customer_merge
from tradewind.files.services import stored_files_unused
from tradewind.library import permissions, services
from tradewind.library.choices import FolderKind, LibraryAuditAction
from tradewind.library.models import Document, DocumentVersion, Folder
from tradewind.workspaces.audit import AuditEntry
from tradewind.workspaces.choices import Role


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


def test_folders_make_a_tree_and_a_folder_never_goes_into_itself(people):
    amy = people["amy"]
    catalogs = services.folder_create(actor=amy, name="Catalogs")
    y2026 = services.folder_create(actor=amy, name="2026", parent=catalogs)
    spring = services.folder_create(actor=amy, name="Spring fair", parent=y2026)
    assert (catalogs.path, spring.path) == (f"/{catalogs.pk}/", f"/{catalogs.pk}/{y2026.pk}/{spring.pk}/")
    with pytest.raises(ValidationFailed):
        services.folder_move(actor=amy, folder=catalogs, parent=spring)
    with pytest.raises(ValidationFailed):
        services.folder_move(actor=amy, folder=catalogs, parent=catalogs)
    services.folder_move(actor=amy, folder=y2026, parent=None)
    spring.refresh_from_db()
    assert spring.path == f"/{y2026.pk}/{spring.pk}/"


@pytest.mark.parametrize("name", ["", "  ", "a/b", "x" * 121, "what?", "bell\x07"])
def test_bad_folder_names_are_refused_and_change_nothing(people, name):
    with pytest.raises(ValidationFailed):
        services.folder_create(actor=people["amy"], name=name)
    assert not Folder.objects.exists()


def test_two_folders_of_one_name_in_one_place_clash_whatever_the_case(people):
    services.folder_create(actor=people["amy"], name="Certificates")
    with pytest.raises(Conflict):
        services.folder_create(actor=people["kevin"], name="certificates")
    other = services.folder_create(actor=people["kevin"], name="Certificates 2")
    with pytest.raises(Conflict):
        services.folder_rename(actor=people["kevin"], folder=other, name="CERTIFICATES")


def test_viewers_read_the_library_and_change_nothing(people):
    folder = services.folder_create(actor=people["amy"], name="Catalogs")
    viewer = people["viewer"]
    assert permissions.can_read(viewer, folder) and not permissions.can_write(viewer, folder)
    with pytest.raises(PermissionDenied):
        services.folder_create(actor=viewer, name="Mine")
    with pytest.raises(PermissionDenied):
        services.document_upload(actor=viewer, folder=folder, upload=pdf())


def test_a_restricted_folder_is_for_its_rules_and_the_admins_and_its_subfolders_follow(people):
    amy, kevin, docs, owner = people["amy"], people["kevin"], people["docs"], people["owner"]
    contracts = services.folder_create(actor=people["manager"], name="Contract templates")
    signed = services.folder_create(actor=amy, name="Signed", parent=contracts)
    services.folder_access_set(
        actor=people["manager"],
        folder=contracts,
        restricted=True,
        rules=[(Role.DOCUMENTS, True), (amy, False)],
    )
    signed.refresh_from_db()
    assert signed.guard_id == contracts.pk
    assert permissions.can_write(docs, signed) and permissions.can_read(amy, signed)
    assert not permissions.can_write(amy, signed) and not permissions.can_read(kevin, signed)
    assert permissions.can_write(owner, signed)
    entry = AuditEntry.objects.get(action=LibraryAuditAction.FOLDER_ACCESS_CHANGED)
    # The manager who restricted it would have lost it: they keep it, with writing.
    assert entry.data["restricted"] is True and len(entry.data["rules"]) == 3
    assert permissions.can_write(people["manager"], Folder.objects.get(pk=signed.pk))
    # Opened again: everyone reads it.
    services.folder_access_set(actor=people["manager"], folder=contracts, restricted=False, rules=[])
    signed.refresh_from_db()
    assert signed.guard_id is None and permissions.can_read(kevin, signed)


def test_who_restricts_a_folder_keeps_it(people):
    amy = people["amy"]
    mine = services.folder_create(actor=amy, name="Price ideas")
    services.folder_access_set(actor=amy, folder=mine, restricted=True, rules=[(Role.MANAGER, False)])
    mine = Folder.objects.get(pk=mine.pk)
    assert permissions.can_write(amy, mine) and not permissions.can_read(people["kevin"], mine)
    with pytest.raises(PermissionDenied):  # not theirs, not a lead
        services.folder_access_set(actor=people["kevin"], folder=mine, restricted=False, rules=[])


def test_a_customer_whose_name_no_folder_could_hold_still_gets_its_folder(people):
    amy = people["amy"]
    slash = services.customer_folder(CustomerFactory(actor=amy, name="Olsen Trading A/S"))
    quoted = services.customer_folder(CustomerFactory(actor=amy, name='ООО "Ромашка"'))
    long = services.customer_folder(CustomerFactory(actor=amy, name="Very Long Importers " * 9))
    assert (slash.name, quoted.name) == ("Olsen Trading A_S", "ООО _Ромашка_")
    assert len(long.name) <= 120


def test_a_customer_folder_follows_the_customer(people):
    amy, kevin, docs = people["amy"], people["kevin"], people["docs"]
    hausmann = CustomerFactory(actor=amy, name="Hausmann GmbH")
    folder = services.customer_folder(hausmann)
    assert folder.kind == FolderKind.CUSTOMER and folder.parent.kind == FolderKind.CUSTOMERS
    assert services.customer_folder(hausmann) == folder  # one per customer
    inside = services.folder_create(actor=amy, name="Contracts", parent=folder)
    assert inside.customer_id == hausmann.pk
    assert permissions.can_write(amy, inside) and permissions.can_write(docs, inside)
    assert not permissions.can_read(kevin, inside)  # a colleague's private customer
    with pytest.raises(PermissionDenied):
        services.document_upload(actor=kevin, folder=inside, upload=pdf())
    with pytest.raises(PermissionDenied):  # Tradewind's own folders are not renamed
        services.folder_rename(actor=people["owner"], folder=folder, name="Mine")
    # Moved into the customer's folder, a team folder follows the customer too.
    loose = services.folder_create(actor=amy, name="Samples")
    services.folder_move(actor=amy, folder=loose, parent=folder)
    assert not permissions.can_read(kevin, Folder.objects.get(pk=loose.pk))


def test_the_same_name_again_is_the_next_version_and_a_restore_adds_on_top(people):
    docs = people["docs"]
    folder = services.folder_create(actor=docs, name="Contracts")
    first = services.document_upload(actor=docs, folder=folder, upload=pdf(body=b"v1"), comment="draft")
    second = services.document_upload(actor=docs, folder=folder, upload=pdf("contract hausmann.PDF", b"v2"))
    document = first.document
    assert second.document_id == document.pk and (first.number, second.number) == (1, 2)
    scan = services.document_version_add(
        actor=docs, document=document, upload=pdf("scan_0042.pdf", b"signed"), comment="signed"
    )
    restored = services.document_version_restore(actor=docs, document=document, version=first)
    document.refresh_from_db()
    assert (scan.number, restored.number) == (3, 4) and document.version_count == 4
    assert document.current_id == restored.pk and restored.file_id == first.file_id
    assert restored.comment == "Version 1 restored"
    assert list(document.versions.values_list("number", flat=True)) == [4, 3, 2, 1]


def test_an_uploaded_files_name_keeps_what_a_name_may_hold(people):
    folder = services.folder_create(actor=people["docs"], name="Reports")
    version = services.document_upload(actor=people["docs"], folder=folder, upload=pdf("Report: Q1?.pdf"))
    assert version.document.name == "Report_ Q1_.pdf"


def test_a_reader_cannot_restore_a_version(people):
    contracts = services.folder_create(actor=people["manager"], name="Contracts")
    version = services.document_upload(actor=people["docs"], folder=contracts, upload=pdf())
    services.document_upload(actor=people["docs"], folder=contracts, upload=pdf(body=b"v2"))
    services.folder_access_set(
        actor=people["manager"], folder=contracts, restricted=True, rules=[(people["amy"], False)]
    )
    document = Document.objects.get(pk=version.document_id)
    with pytest.raises(PermissionDenied):
        services.document_version_restore(actor=people["amy"], document=document, version=version)
    assert DocumentVersion.objects.filter(document=document).count() == 2


def test_rename_tags_and_move_with_clear_refusals(people):
    amy = people["amy"]
    a, b = services.folder_create(actor=amy, name="A"), services.folder_create(actor=amy, name="B")
    one = services.document_upload(actor=amy, folder=a, upload=pdf("price list.pdf")).document
    services.document_upload(actor=amy, folder=b, upload=pdf("price list.pdf"))
    services.document_update(actor=amy, document=one, tags=["#catalog", "Catalog", "EU"], description="2026")
    assert sorted(one.tags.values_list("name", flat=True)) == ["EU", "catalog"]  # "#" dropped, once each
    with pytest.raises(Conflict):  # B has a "price list.pdf"
        services.document_move(actor=amy, document=one, folder=b)
    with pytest.raises(ValidationFailed):
        services.document_update(actor=amy, document=one, name="a/b.pdf")
    services.document_update(actor=amy, document=one, name="price list EU.pdf")
    services.document_move(actor=amy, document=one, folder=b)
    assert Document.objects.get(pk=one.pk).folder_id == b.pk


def test_a_deleted_folder_takes_its_documents_to_the_trash_and_brings_back_only_those(people):
    amy = people["amy"]
    fair = services.folder_create(actor=amy, name="Canton Fair")
    photos = services.folder_create(actor=amy, name="Photos", parent=fair)
    kept = services.document_upload(actor=amy, folder=photos, upload=pdf("booth.pdf")).document
    gone_before = services.document_upload(actor=amy, folder=photos, upload=pdf("old.pdf")).document
    services.document_delete(actor=amy, document=gone_before)
    services.folder_delete(actor=amy, folder=fair)
    assert not Document.objects.filter(deleted_at__isnull=True).exists()
    with pytest.raises(Conflict):  # its folder is in the trash
        services.document_restore(actor=amy, document=Document.objects.get(pk=kept.pk))
    with pytest.raises(Conflict):
        services.folder_restore(actor=amy, folder=Folder.objects.get(pk=photos.pk))
    services.folder_restore(actor=amy, folder=Folder.objects.get(pk=fair.pk))
    assert set(Document.objects.filter(deleted_at__isnull=True).values_list("pk", flat=True)) == {kept.pk}
    assert Folder.objects.filter(deleted_at__isnull=True).count() == 2


def test_the_trash_is_emptied_after_the_workspace_keeps_it_and_the_files_follow(people):
    amy = people["amy"]
    folder = services.folder_create(actor=amy, name="Old")
    version = services.document_upload(actor=amy, folder=folder, upload=pdf())
    services.folder_delete(actor=amy, folder=folder)
    workspace = amy.workspace
    assert services.library_trash_empty(workspace=workspace) == 0  # kept 30 days
    later = timezone.now() + dt.timedelta(days=31)
    assert services.library_trash_empty(workspace=workspace, now=later) == 2
    assert not Folder.objects.exists() and not Document.objects.exists()
    assert version.file_id in set(stored_files_unused(before=later).values_list("pk", flat=True))


def test_an_upload_over_the_quota_is_refused_and_changes_nothing(people):
    amy = people["amy"]
    workspace = amy.workspace
    workspace.storage_quota_mb = 1
    workspace.save(update_fields=["storage_quota_mb"])
    folder = services.folder_create(actor=amy, name="Big")
    services.document_upload(actor=amy, folder=folder, upload=pdf(body=b"x" * 600_000))
    with pytest.raises(ValidationFailed) as refused:
        services.document_upload(actor=amy, folder=folder, upload=pdf("second.pdf", b"y" * 600_000))
    assert refused.value.code == "quota_exceeded" and "1 MB" in str(refused.value.message)
    assert Document.objects.count() == 1


def test_a_merged_customers_folder_goes_to_the_survivor(people):
    amy, manager = people["amy"], people["manager"]
    survivor, duplicate = (
        CustomerFactory(actor=amy, name="Hausmann GmbH"),
        CustomerFactory(actor=amy, name="Hausman"),
    )
    mine = services.customer_folder(survivor)
    theirs = services.customer_folder(duplicate)
    document = services.document_upload(actor=amy, folder=theirs, upload=pdf()).document
    customer_merge(actor=manager, survivor=survivor, merged=duplicate)
    theirs.refresh_from_db()
    assert (
        theirs.parent_id == mine.pk and theirs.customer_id == survivor.pk and theirs.kind == FolderKind.TEAM
    )
    assert Document.objects.get(pk=document.pk).folder_id == theirs.pk
