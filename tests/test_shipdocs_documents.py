"""A document's life: its status flow, files (each upload a version), owner, courier tracking for the
originals, the balance before the original B/L goes out, and the L/C's presentation deadline."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import history_of, workspace_today
from tests.shipdocs_helpers import LC_SIGHT, confirmed_order, documents_team, make_shipment
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.notifications.models import Notification, Reminder
from tradewind.notifications.reminders import reminders_fire_due
from tradewind.trade.shipdocs import services
from tradewind.trade.shipdocs.choices import DocumentKind as K
from tradewind.trade.shipdocs.choices import DocumentStatus as S
from tradewind.trade.shipdocs.models import LetterOfCredit
from tradewind.workspaces.models import AuditEntry

PDF = b"%PDF-1.4 scan of the document"


@pytest.fixture
def docs(setup, member_factory):
    return documents_team(setup, member_factory)


def pdf(name="scan.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def shipment(docs):
    shipment = make_shipment(confirmed_order(docs, incoterm="CIF", place="Hamburg"))
    services.shipment_documents_sync(shipment=shipment, actor=docs["clerk"])
    return shipment


def doc(shipment, kind):
    return shipment.documents.get(kind=kind)


def test_the_status_flow_needs_a_file_from_checked_on_and_may_step_back(docs, shipment):
    clerk = docs["clerk"]
    bl = doc(shipment, K.BILL_OF_LADING)
    bl = services.document_status_set(actor=clerk, document=bl, status=S.DRAFTED)  # drafted elsewhere: fine
    with pytest.raises(ValidationFailed) as refused:
        services.document_status_set(actor=clerk, document=bl, status=S.CHECKED)
    assert refused.value.field == "status"
    services.document_version_add(actor=docs["logistics"], document=bl, upload=pdf("bl-draft.pdf"))
    bl = services.document_status_set(actor=clerk, document=bl, status=S.CHECKED)
    assert bl.status == S.CHECKED and bl.status_changed_by == clerk
    with pytest.raises(Conflict):
        services.document_status_set(actor=clerk, document=bl, status=S.CHECKED)
    bl = services.document_status_set(actor=clerk, document=bl, status=S.DRAFTED)  # a slip: back
    assert bl.status == S.DRAFTED
    with pytest.raises(ValidationFailed):
        services.document_status_set(actor=clerk, document=bl, status="lost")
    moves = history_of("trade.order", shipment.order).filter(kind="shipdocs.status_changed")
    assert [(e.data["from"], e.data["to"]) for e in moves.order_by("at", "id")] == [
        ("to_prepare", "drafted"),
        ("drafted", "checked"),
        ("checked", "drafted"),
    ]


def test_a_checked_invoice_keeps_the_pdf_generated_from_the_order(docs, shipment):
    invoice = doc(shipment, K.COMMERCIAL_INVOICE)
    services.document_status_set(actor=docs["clerk"], document=invoice, status=S.CHECKED)
    version = invoice.versions.get()
    assert version.number == 1 and version.file.content_type == "application/pdf"
    assert version.file.original_name == f"CI-{shipment.number}.pdf" and version.uploaded_by == docs["clerk"]


def test_originals_need_a_courier_and_a_tracking_number(docs, shipment, member_factory):
    clerk = docs["clerk"]
    policy = doc(shipment, K.INSURANCE_POLICY)
    services.document_version_add(actor=clerk, document=policy, upload=pdf("policy.pdf"))
    with pytest.raises(ValidationFailed) as refused:
        services.document_status_set(actor=clerk, document=policy, status=S.ORIGINAL_SENT)
    assert {e.field for e in refused.value.each()} == {"courier", "tracking_number"}
    with pytest.raises(ValidationFailed):
        services.document_status_set(
            actor=clerk,
            document=policy,
            status=S.ORIGINAL_SENT,
            courier="DHL",
            tracking_number="1234567890",
            sent_on=workspace_today() + dt.timedelta(days=2),
        )
    policy = services.document_status_set(
        actor=clerk, document=policy, status=S.ORIGINAL_SENT, courier="DHL", tracking_number="1234567890"
    )
    assert policy.originals_sent_on == workspace_today() and policy.tracking_number == "1234567890"
    entry = (
        history_of("trade.order", shipment.order)
        .filter(kind="shipdocs.status_changed")
        .order_by("-at", "-id")[0]
    )
    assert entry.data["tracking"] == "1234567890" and entry.data["courier"] == "DHL"


def test_the_original_bl_waits_for_the_balance_unless_a_manager_gives_a_reason(docs, shipment):
    bl = doc(shipment, K.BILL_OF_LADING)
    services.document_version_add(actor=docs["clerk"], document=bl, upload=pdf("bl.pdf"))
    originals = {"status": S.ORIGINAL_SENT, "courier": "SF Express", "tracking_number": "SF1029384756"}
    with pytest.raises(Conflict) as refused:
        services.document_status_set(actor=docs["clerk"], document=bl, **originals)
    assert "still owes" in str(refused.value.message) and refused.value.field == "override_reason"
    with pytest.raises(PermissionDenied):
        services.document_status_set(
            actor=docs["clerk"], document=bl, override_reason="Buyer is trusted", **originals
        )
    bl.refresh_from_db()
    assert bl.status == S.DRAFTED
    services.document_status_set(
        actor=docs["manager"],
        document=bl,
        override_reason="Long-standing buyer, balance due Friday",
        **originals,
    )
    audit = AuditEntry.objects.get(action="shipdocs_originals_unpaid")
    assert audit.data["reason"].startswith("Long-standing") and shipment.number in audit.target


def test_under_an_lc_the_original_bl_goes_to_the_bank_without_the_balance_check(docs):
    shipment = make_shipment(confirmed_order(docs, incoterm="CIF", place="Hamburg", terms=LC_SIGHT))
    services.shipment_documents_sync(shipment=shipment, actor=docs["clerk"])
    bl = doc(shipment, K.BILL_OF_LADING)
    services.document_version_add(actor=docs["clerk"], document=bl, upload=pdf("bl.pdf"))
    bl = services.document_status_set(
        actor=docs["clerk"], document=bl, status=S.ORIGINAL_SENT, courier="DHL", tracking_number="DHL-1"
    )
    assert bl.status == S.ORIGINAL_SENT


def test_every_upload_is_a_new_version_with_who_and_when(docs, shipment):
    bl = doc(shipment, K.BILL_OF_LADING)
    first = services.document_version_add(actor=docs["logistics"], document=bl, upload=pdf("bl-draft.pdf"))
    second = services.document_version_add(
        actor=docs["clerk"], document=bl, upload=pdf("bl-final.pdf"), note="Final"
    )
    assert (
        (first.number, second.number) == (1, 2)
        and second.uploaded_by == docs["clerk"]
        and second.note == "Final"
    )
    bl.refresh_from_db()
    assert bl.status == S.DRAFTED  # the first file made it a draft
    # The clerk owns it: told when logistics hands in a file.
    assert Notification.objects.filter(recipient=docs["clerk"], kind="shipdocs.version_uploaded").count() == 1
    with pytest.raises(ValidationFailed) as refused:
        services.document_version_add(
            actor=docs["clerk"], document=bl, upload=SimpleUploadedFile("run.exe", b"MZ")
        )
    assert refused.value.field == "file"
    for role in ("rep", "finance", "viewer"):
        with pytest.raises(PermissionDenied):
            services.document_version_add(actor=docs[role], document=bl, upload=pdf())
    with pytest.raises(PermissionDenied):  # logistics hands in papers, the clerk moves them along
        services.document_status_set(actor=docs["logistics"], document=bl, status=S.CHECKED)


def test_the_owner_is_changeable_and_told(docs, shipment):
    co = doc(shipment, K.CERTIFICATE_OF_ORIGIN)
    assert co.owner == docs["clerk"]
    services.document_update(
        actor=docs["manager"], document=co, owner=docs["logistics"], notes="CCPIT online"
    )
    co.refresh_from_db()
    assert co.owner == docs["logistics"] and co.notes == "CCPIT online"
    assert Notification.objects.filter(recipient=docs["logistics"], kind="shipdocs.assigned").exists()
    with pytest.raises(ValidationFailed) as refused:
        services.document_update(actor=docs["clerk"], document=co, owner=docs["rep"])
    assert refused.value.field == "owner"
    entry = history_of("trade.order", shipment.order).get(kind="shipdocs.owner_changed")
    assert entry.data["to"] == docs["logistics"].user.display_name


def test_the_lc_sets_the_presentation_deadline_never_after_its_expiry(docs):
    order = confirmed_order(docs, incoterm="CIF", place="Hamburg", terms=LC_SIGHT)
    today = workspace_today()
    shipment = make_shipment(order)
    services.shipment_documents_sync(shipment=shipment, actor=docs["clerk"])
    letter = services.letter_of_credit_save(
        actor=docs["clerk"],
        order=order,
        number="LC-77",
        issuing_bank="HSBC",
        expiry_date=today + dt.timedelta(days=30),
        presentation_days=21,
        documents_required=[K.PACKING_LIST],
    )
    presentation = doc(shipment, K.LC_PRESENTATION)
    assert presentation.due_on == letter.expiry_date  # no B/L date yet: the expiry is the limit
    # The B/L is dated: B/L date + 21 days, while that is before the expiry …
    shipment.bl_date = today - dt.timedelta(days=5)
    shipment.save(update_fields=["bl_date"])
    services.shipment_documents_sync(shipment=shipment, actor=docs["clerk"])
    assert doc(shipment, K.PACKING_LIST).due_on == today + dt.timedelta(days=16)
    # … and the expiry when the days would run past it.
    services.letter_of_credit_save(
        actor=docs["clerk"],
        order=order,
        number="LC-77",
        issuing_bank="HSBC",
        expiry_date=today + dt.timedelta(days=10),
        presentation_days=21,
        documents_required=[K.PACKING_LIST],
    )
    assert doc(shipment, K.PACKING_LIST).due_on == today + dt.timedelta(days=10)
    with pytest.raises(ValidationFailed) as refused:
        services.document_update(actor=docs["clerk"], document=doc(shipment, K.PACKING_LIST), due_on=today)
    assert refused.value.field == "due_on"
    # A reminder three days before, to the owners of what is not with the bank yet.
    reminder = Reminder.objects.get(target_id=shipment.public_id, kind="shipdocs.presentation_due")
    reminders_fire_due(now=reminder.fire_at + dt.timedelta(minutes=1))
    assert Notification.objects.filter(recipient=docs["clerk"], kind="shipdocs.presentation_due").exists()
    # Removing the L/C frees the dates again.
    services.letter_of_credit_delete(actor=docs["clerk"], letter=LetterOfCredit.objects.get(order=order))
    packing = doc(shipment, K.PACKING_LIST)
    assert packing.due_on is None and not packing.due_from_lc
    presentation = doc(shipment, K.LC_PRESENTATION)  # still asked for: the payment terms say L/C
    assert presentation.due_on is None and presentation.reasons == [
        {"trigger": "payment_method", "value": "lc"}
    ]


def test_an_lc_is_checked_and_kept_by_the_clerk_and_the_leads(docs):
    order = confirmed_order(docs, terms=LC_SIGHT)
    today = workspace_today()
    with pytest.raises(PermissionDenied):
        services.letter_of_credit_save(
            actor=docs["rep"], order=order, number="X", issuing_bank="Y", expiry_date=today
        )
    with pytest.raises(ValidationFailed) as refused:
        services.letter_of_credit_save(
            actor=docs["clerk"],
            order=order,
            number=" ",
            issuing_bank="BOC",
            expiry_date=today,
            issued_on=today + dt.timedelta(days=1),
            latest_shipment_date=today + dt.timedelta(days=3),
            presentation_days=0,
            documents_required=["passport"],
        )
    assert {e.field for e in refused.value.each()} == {
        "number",
        "expiry_date",
        "latest_shipment_date",
        "presentation_days",
        "documents_required",
    }
    assert not LetterOfCredit.objects.exists()
    letter = services.letter_of_credit_save(
        actor=docs["manager"],
        order=order,
        number="LC-1",
        issuing_bank="Bank of China",
        expiry_date=today,
        amount="1000.50",
    )
    assert letter.presentation_days == 21 and str(letter.amount) == "1000.50"
    entry = history_of("trade.order", order).get(kind="shipdocs.lc_recorded")
    assert entry.data["number"] == "LC-1"


def test_a_manual_document_is_named_and_removable(docs, shipment):
    with pytest.raises(ValidationFailed):
        services.document_add(actor=docs["clerk"], shipment=shipment, kind=K.OTHER)
    with pytest.raises(PermissionDenied):
        services.document_add(actor=docs["logistics"], shipment=shipment, kind=K.INSPECTION_CERTIFICATE)
    extra = services.document_add(
        actor=docs["clerk"],
        shipment=shipment,
        kind=K.OTHER,
        name="Beneficiary's certificate",
        owner=docs["clerk"],
        due_on=workspace_today(),
    )
    services.document_version_add(actor=docs["clerk"], document=extra, upload=pdf())
    services.document_delete(actor=docs["clerk"], document=extra)
    assert not shipment.documents.filter(name="Beneficiary's certificate").exists()
    kinds = set(history_of("trade.order", shipment.order).values_list("kind", flat=True))
    assert {"shipdocs.document_added", "shipdocs.version_uploaded", "shipdocs.document_removed"} <= kinds


def test_the_daily_files_sweep_keeps_the_documents_files(docs, shipment):
    from tradewind.files.services import stored_files_unused

    version = services.document_version_add(
        actor=docs["clerk"], document=doc(shipment, K.BILL_OF_LADING), upload=pdf()
    )
    later = timezone.now() + dt.timedelta(days=3)
    assert not stored_files_unused(before=later).filter(pk=version.file_id).exists()
