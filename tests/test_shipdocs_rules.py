"""The documents checklist by rule: Incoterm, payment terms (with the L/C's documents), destination (the
certificate of origin's form), product (wood → ISPM 15); the sync that makes it real, idempotent and never
deleting a document someone worked on; the rules and origin table the workspace edits."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import history_of, workspace_today
from tests.shipdocs_helpers import LC_SIGHT, buyer, confirmed_order, documents_team, kinds, make_shipment
from tradewind.activity.kinds import activity_text
from tradewind.catalog import services as catalog
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.trade.lines import LineInput
from tradewind.trade.shipdocs import services
from tradewind.trade.shipdocs.choices import DocumentKind as K
from tradewind.trade.shipdocs.choices import DocumentStatus, OriginType, RuleTrigger
from tradewind.trade.shipdocs.models import DocumentRule, OriginRule, ShipmentDocument
from tradewind.trade.shipping.models import Shipment

ALWAYS = {K.COMMERCIAL_INVOICE, K.PACKING_LIST, K.BILL_OF_LADING}


@pytest.fixture
def docs(setup, member_factory):
    return documents_team(setup, member_factory)


def synced(docs, order, **shipment_fields):
    shipment = make_shipment(order, **shipment_fields)
    services.shipment_documents_sync(shipment=shipment, actor=docs["clerk"])
    return shipment


def test_a_new_workspace_starts_with_the_default_rules_and_origin_table(docs):
    workspace = docs["clerk"].workspace
    assert DocumentRule.objects.filter(workspace=workspace).count() == 8
    origins = dict(OriginRule.objects.filter(workspace=workspace).values_list("country", "origin_type"))
    assert origins["VN"] == origins["TH"] == OriginType.FORM_E
    assert origins["CL"] == OriginType.FORM_F and origins["AU"] == OriginType.CHAFTA
    assert origins[""] == OriginType.GENERAL


def test_fob_with_tt_needs_the_basics_the_export_declaration_and_a_general_certificate(docs):
    shipment = synced(docs, confirmed_order(docs, incoterm="FOB"))
    assert kinds(shipment) == ALWAYS | {K.EXPORT_DECLARATION, K.CERTIFICATE_OF_ORIGIN}
    co = shipment.documents.get(kind=K.CERTIFICATE_OF_ORIGIN)
    assert co.origin_type == OriginType.GENERAL and co.owner == docs["clerk"]
    assert co.display_name == "Certificate of origin — General certificate of origin (CCPIT)"


def test_cif_with_lc_adds_insurance_the_presentation_and_what_the_lc_names_with_its_deadline(docs):
    order = confirmed_order(docs, incoterm="CIF", place="Hamburg", terms=LC_SIGHT)
    expiry = workspace_today() + dt.timedelta(days=60)
    services.letter_of_credit_save(
        actor=docs["clerk"],
        order=order,
        number="LC-HH-001",
        issuing_bank="Deutsche Bank Hamburg",
        expiry_date=expiry,
        presentation_days=21,
        documents_required=[K.INSPECTION_CERTIFICATE, K.COMMERCIAL_INVOICE],
    )
    bl_date = workspace_today() - dt.timedelta(days=2)
    shipment = synced(docs, order, bl_date=bl_date)
    assert kinds(shipment) == ALWAYS | {
        K.EXPORT_DECLARATION,
        K.INSURANCE_POLICY,
        K.LC_PRESENTATION,
        K.INSPECTION_CERTIFICATE,
        K.CERTIFICATE_OF_ORIGIN,
    }
    deadline = bl_date + dt.timedelta(days=21)
    by_kind = {d.kind: d for d in shipment.documents.all()}
    for kind in (K.LC_PRESENTATION, K.INSPECTION_CERTIFICATE, K.COMMERCIAL_INVOICE):
        assert by_kind[kind].due_on == deadline and by_kind[kind].due_from_lc
    assert by_kind[K.PACKING_LIST].due_on is None  # the L/C does not name it
    assert {"trigger": "incoterm", "value": "CIF"} in by_kind[K.INSURANCE_POLICY].reasons


def test_exw_has_no_export_declaration_by_us(docs):
    shipment = synced(docs, confirmed_order(docs, incoterm="EXW", place="Yuyao"))
    assert K.EXPORT_DECLARATION not in kinds(shipment)
    assert kinds(shipment) >= ALWAYS


def test_ddp_needs_proof_of_delivery_and_no_insurance(docs):
    shipment = synced(docs, confirmed_order(docs, incoterm="DDP", place="Köln"))
    assert {K.DELIVERY_PROOF, K.EXPORT_DECLARATION} <= kinds(shipment)
    assert K.INSURANCE_POLICY not in kinds(shipment)


def test_a_vietnamese_buyer_gets_form_e(docs):
    order = confirmed_order(docs, customer=buyer(docs, "VN", "Saigon Trading JSC"))
    shipment = synced(docs, order)
    assert shipment.documents.get(kind=K.CERTIFICATE_OF_ORIGIN).origin_type == OriginType.FORM_E


@pytest.mark.parametrize(
    ("port", "form"),
    [
        ("VNSGN", OriginType.FORM_E),
        ("CLVAP", OriginType.FORM_F),
        ("AUSYD", OriginType.CHAFTA),
        ("DEHAM", OriginType.GENERAL),
    ],
)
def test_the_port_of_discharge_decides_the_certificate_over_the_buyers_country(docs, port, form):
    shipment = synced(docs, confirmed_order(docs), port_of_discharge=port)
    assert shipment.documents.get(kind=K.CERTIFICATE_OF_ORIGIN).origin_type == form


def test_wood_in_the_packing_needs_an_ispm_15_fumigation_certificate(docs):
    plain = synced(docs, confirmed_order(docs))
    assert K.FUMIGATION_CERTIFICATE not in kinds(plain)
    crated = confirmed_order(
        docs,
        lines=[
            LineInput(
                name="Cast iron pump", specification="Packing: wooden crate", quantity="10", unit_price="300"
            )
        ],
    )
    shipment = synced(docs, crated)
    fumigation = shipment.documents.get(kind=K.FUMIGATION_CERTIFICATE)
    assert fumigation.reasons == [{"trigger": "packing_keyword", "value": "wood"}]
    # The shipment's own remarks count too: the same kettles, this time on pallets.
    on_pallets = synced(docs, confirmed_order(docs), remarks="Loaded on pallets, shrink-wrapped")
    assert K.FUMIGATION_CERTIFICATE in kinds(on_pallets)


def test_a_rule_on_a_product_category(docs):
    furniture = catalog.category_create(actor=docs["manager"], name="Furniture")
    chair = catalog.product_create(actor=docs["manager"], sku="CH-1", name_en="Oak chair", category=furniture)
    services.rule_create(
        actor=docs["clerk"],
        trigger=RuleTrigger.PRODUCT_CATEGORY,
        category=furniture,
        kind=K.INSPECTION_CERTIFICATE,
        name="SGS inspection certificate",
    )
    shipment = synced(
        docs, confirmed_order(docs, lines=[LineInput(product=chair, quantity="20", unit_price="45")])
    )
    inspection = shipment.documents.get(kind=K.INSPECTION_CERTIFICATE)
    assert inspection.display_name == "SGS inspection certificate"
    assert K.INSPECTION_CERTIFICATE not in kinds(synced(docs, confirmed_order(docs)))


def test_sync_is_idempotent(docs):
    order = confirmed_order(docs, incoterm="CIF", place="Hamburg")
    shipment = synced(docs, order)
    before = list(shipment.documents.order_by("pk").values_list("pk", "kind", "status"))
    entries = history_of("trade.order", order).filter(kind="shipdocs.checklist_synced").count()
    again = services.shipment_documents_sync(shipment=shipment, actor=docs["clerk"])
    assert not again.changed and again.added == [] and again.removed == []
    assert list(shipment.documents.order_by("pk").values_list("pk", "kind", "status")) == before
    assert history_of("trade.order", order).filter(kind="shipdocs.checklist_synced").count() == entries == 1


def test_sync_never_deletes_a_document_someone_worked_on(docs):
    order = confirmed_order(docs, incoterm="CIF", place="Hamburg")
    shipment = synced(docs, order)
    insurance = shipment.documents.get(kind=K.INSURANCE_POLICY)
    services.document_version_add(
        actor=docs["clerk"], document=insurance, upload=SimpleUploadedFile("policy.pdf", b"%PDF-1.4 policy")
    )
    declaration = shipment.documents.get(kind=K.EXPORT_DECLARATION)
    for rule in DocumentRule.objects.filter(kind__in=[K.INSURANCE_POLICY, K.EXPORT_DECLARATION]):
        services.rule_delete(actor=docs["clerk"], rule=rule)
    result = services.shipment_documents_sync(shipment=shipment, actor=docs["clerk"])
    insurance.refresh_from_db()
    assert insurance.required is False and insurance.status == DocumentStatus.DRAFTED  # kept, with its file
    assert not ShipmentDocument.objects.filter(pk=declaration.pk).exists()  # nobody had touched it
    assert [d.pk for d in result.dropped] == [insurance.pk] and len(result.removed) == 1
    entry = history_of("trade.order", order).filter(kind="shipdocs.checklist_synced").order_by("-at").first()
    text = activity_text(entry.kind, entry.data)
    assert (
        "removed: Export customs declaration" in text
        and "kept, no longer asked for: Insurance policy" in text
    )
    # A document the rules dropped may be removed by hand; one they ask for may not.
    with pytest.raises(Conflict):
        services.document_delete(actor=docs["clerk"], document=shipment.documents.get(kind=K.PACKING_LIST))
    services.document_delete(actor=docs["clerk"], document=insurance)
    assert not shipment.documents.filter(kind=K.INSURANCE_POLICY).exists()


def test_documents_added_by_hand_survive_the_sync(docs):
    shipment = synced(docs, confirmed_order(docs))
    extra = services.document_add(
        actor=docs["clerk"], shipment=shipment, kind=K.OTHER, name="Beneficiary's certificate"
    )
    services.shipment_documents_sync(shipment=shipment, actor=docs["clerk"])
    assert ShipmentDocument.objects.filter(pk=extra.pk).exists()


def test_a_changed_rule_recomputes_the_open_shipments_in_the_worker(docs, worker):
    shipment = synced(docs, confirmed_order(docs))
    done = make_shipment(confirmed_order(docs), status="delivered")
    services.shipment_documents_sync(shipment=done, actor=docs["clerk"])
    with worker():
        services.rule_create(
            actor=docs["clerk"], trigger=RuleTrigger.DESTINATION, values=["de"], kind=K.INSPECTION_CERTIFICATE
        )
    assert K.INSPECTION_CERTIFICATE in kinds(shipment)
    assert K.INSPECTION_CERTIFICATE not in kinds(done)  # delivered: its papers are history


def test_changing_the_origin_table_changes_the_form_on_the_next_sync(docs):
    shipment = synced(docs, confirmed_order(docs, customer=buyer(docs, "VN")))
    vietnam = OriginRule.objects.get(workspace=shipment.workspace, country="VN")
    services.origin_rule_update(actor=docs["clerk"], origin=vietnam, origin_type=OriginType.RCEP)
    result = services.shipment_documents_sync(shipment=shipment, actor=docs["clerk"])
    assert (
        result.changed and shipment.documents.get(kind=K.CERTIFICATE_OF_ORIGIN).origin_type == OriginType.RCEP
    )
    # "No certificate" for every other country: a German buyer's shipment then needs none.
    other = OriginRule.objects.get(workspace=shipment.workspace, country="")
    services.origin_rule_update(actor=docs["clerk"], origin=other, origin_type=OriginType.NONE)
    assert K.CERTIFICATE_OF_ORIGIN not in kinds(synced(docs, confirmed_order(docs)))


def test_rules_are_checked_and_kept_by_the_clerk_and_the_leads(docs):
    with pytest.raises(PermissionDenied):
        services.rule_create(actor=docs["rep"], trigger=RuleTrigger.ALWAYS, kind=K.INSPECTION_CERTIFICATE)
    with pytest.raises(ValidationFailed) as refused:
        services.rule_create(
            actor=docs["clerk"], trigger=RuleTrigger.INCOTERM, values=["XYZ"], kind=K.INSURANCE_POLICY
        )
    assert refused.value.field == "values"
    with pytest.raises(ValidationFailed) as refused:
        services.rule_create(
            actor=docs["clerk"], trigger=RuleTrigger.PACKING_KEYWORD, values=[" "], kind="nonsense"
        )
    assert {e.field for e in refused.value.each()} == {"kind", "values"}
    with pytest.raises(ValidationFailed):
        services.rule_create(actor=docs["clerk"], trigger=RuleTrigger.ALWAYS, kind=K.OTHER)  # unnamed
    rule = services.rule_create(
        actor=docs["manager"],
        trigger=RuleTrigger.DESTINATION,
        values=["vn", "TH"],
        kind=K.INSPECTION_CERTIFICATE,
    )
    assert rule.values == ["VN", "TH"]
    with pytest.raises(Conflict):
        services.origin_rule_create(actor=docs["clerk"], country="VN", origin_type=OriginType.RCEP)
    with pytest.raises(ValidationFailed):
        services.origin_rule_create(actor=docs["clerk"], country="XX", origin_type=OriginType.RCEP)
    assert OriginRule.objects.filter(country="VN").count() == 1


def test_only_open_shipments_with_a_checklist_are_resynced(docs):
    untouched = make_shipment(confirmed_order(docs))
    assert services.documents_resync_open(untouched.workspace_id) == 0
    assert not untouched.documents.exists()
    assert Shipment.objects.filter(pk=untouched.pk).exists()


def test_the_role_rules_of_the_sync(docs):
    shipment = make_shipment(confirmed_order(docs))
    for role in ("rep", "logistics", "finance", "viewer"):
        with pytest.raises(PermissionDenied):
            services.shipment_documents_sync(shipment=shipment, actor=docs[role])
    services.shipment_documents_sync(shipment=shipment, actor=docs["manager"])
    assert shipment.documents.count() == 5


def test_the_worker_gives_new_and_changed_shipments_their_checklist(docs):
    from django.utils import timezone

    before = timezone.now() - dt.timedelta(minutes=1)
    fresh = make_shipment(confirmed_order(docs, customer=buyer(docs, "VN")))
    assert services.documents_follow_shipments(since=before) == 1
    assert fresh.documents.get(kind=K.CERTIFICATE_OF_ORIGIN).origin_type == OriginType.FORM_E
    # The port of discharge changes: Chile takes Form F, and the next pass follows.
    fresh.port_of_discharge = "CLVAP"
    fresh.save()
    assert services.documents_follow_shipments(since=before) == 1
    assert fresh.documents.get(kind=K.CERTIFICATE_OF_ORIGIN).origin_type == OriginType.FORM_F
    assert services.documents_follow_shipments(since=timezone.now()) == 0
