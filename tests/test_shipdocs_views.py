"""The shipping-document pages: a shipment's documents (checklist, recompute, status, upload, tracking,
CI/PL), the documents list, the rules and origin settings, the L/C form, and the panels on the order and
shipment pages — with who may do what, and another workspace's 404."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse

from tests.factories import MembershipFactory, workspace_today
from tests.shipdocs_helpers import LC_SIGHT, confirmed_order, documents_team, make_shipment
from tradewind.core.panels import panels_for
from tradewind.trade.shipdocs import services
from tradewind.trade.shipdocs.choices import DocumentKind as K
from tradewind.trade.shipdocs.choices import DocumentStatus as S
from tradewind.trade.shipdocs.models import DocumentRule, LetterOfCredit, OriginRule
from tradewind.workspaces.choices import Role


@pytest.fixture
def docs(setup, member_factory):
    return documents_team(setup, member_factory)


@pytest.fixture
def shipment(docs):
    return make_shipment(confirmed_order(docs, incoterm="CIF", place="Hamburg", terms=LC_SIGHT))


def url(name, shipment_or_ws, *args):
    slug = shipment_or_ws.workspace.slug
    return reverse(f"shipdocs:{name}", args=[slug, *args])


def test_the_clerk_makes_the_checklist_and_moves_a_document_along(docs, shipment, client_for):
    clerk = client_for(docs["clerk"])
    page = clerk.get(url("shipment_documents", shipment, shipment.public_id))
    assert page.status_code == 200 and b"No documents checklist yet" in page.content
    assert clerk.post(url("sync", shipment, shipment.public_id)).status_code == 302
    page = clerk.get(url("shipment_documents", shipment, shipment.public_id))
    html = page.content.decode()
    assert html.count('data-testid="document"') == 7 and "Insurance policy" in html and "Incoterm CIF" in html
    policy = shipment.documents.get(kind=K.INSURANCE_POLICY)
    uploaded = clerk.post(
        url("upload", shipment, policy.public_id), {"file": SimpleUploadedFile("policy.pdf", b"%PDF-1.4 p")}
    )
    assert uploaded.status_code == 302
    moved = clerk.post(url("status", shipment, policy.public_id), {"status": S.SENT_TO_BUYER}, follow=True)
    assert "Insurance policy: Sent to buyer." in moved.content.decode()
    refused = clerk.post(url("status", shipment, policy.public_id), {"status": S.ORIGINAL_SENT}, follow=True)
    assert "Which courier carries the originals?" in refused.content.decode()
    policy.refresh_from_db()
    assert policy.status == S.SENT_TO_BUYER
    version = policy.versions.get()
    download = clerk.get(url("version_file", shipment, policy.public_id, version.public_id))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    edit = clerk.post(
        url("edit", shipment, policy.public_id), {"owner": str(docs["logistics"].public_id), "courier": "EMS"}
    )
    assert edit.status_code == 302
    policy.refresh_from_db()
    assert policy.owner == docs["logistics"] and policy.courier == "EMS"
    added = clerk.post(url("add", shipment, shipment.public_id), {"kind": "other", "name": ""}, follow=True)
    assert "Name the document." in added.content.decode()
    pdf = clerk.get(url("invoice_pdf", shipment, shipment.public_id), {"language": "zh-hans"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert clerk.get(url("packing_list_pdf", shipment, shipment.public_id)).status_code == 200


def test_others_read_but_change_nothing(docs, shipment, client_for):
    services.shipment_documents_sync(shipment=shipment, actor=docs["clerk"])
    document = shipment.documents.get(kind=K.PACKING_LIST)
    rep = client_for(docs["rep"])
    page = rep.get(url("shipment_documents", shipment, shipment.public_id)).content.decode()
    assert (
        "Packing list" in page
        and 'data-testid="recompute"' not in page
        and 'data-testid="set-status"' not in page
    )
    rep.post(url("status", shipment, document.public_id), {"status": S.DRAFTED})
    document.refresh_from_db()
    assert document.status == S.TO_PREPARE
    assert rep.get(url("edit", shipment, document.public_id)).status_code == 404
    logistics = (
        client_for(docs["logistics"])
        .get(url("shipment_documents", shipment, shipment.public_id))
        .content.decode()
    )
    assert 'data-testid="upload"' in logistics and 'data-testid="set-status"' not in logistics
    stranger = MembershipFactory(workspace=shipment.workspace, role=Role.SALES)  # not the buyer's rep
    assert (
        client_for(stranger).get(url("shipment_documents", shipment, shipment.public_id)).status_code == 404
    )
    outsider = MembershipFactory(role=Role.OWNER)
    assert (
        client_for(outsider).get(url("shipment_documents", shipment, shipment.public_id)).status_code == 404
    )


def test_the_documents_list_filters_my_work(docs, shipment, client_for):
    services.shipment_documents_sync(shipment=shipment, actor=docs["clerk"])
    clerk = client_for(docs["clerk"])
    mine = clerk.get(url("list", shipment), {"scope": "mine", "kind": "packing_list"}).content.decode()
    assert mine.count('data-testid="document-row"') == 1
    assert (
        clerk.get(url("list", shipment), {"q": "no-such-shipment"}).content.decode().count("document-row")
        == 0
    )
    partial = clerk.get(url("list", shipment), {"status": "open"}, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and b"<html" not in partial.content


def test_the_rules_and_origin_pages(docs, shipment, client_for):
    clerk, rep = client_for(docs["clerk"]), client_for(docs["rep"])
    assert b"Export customs declaration" in rep.get(url("rules", shipment)).content
    assert rep.get(url("rule_create", shipment)).status_code == 404
    made = clerk.post(
        url("rule_create", shipment),
        {
            "trigger": "payment_method",
            "payment_methods": ["lc", "dp"],
            "kind": "inspection_certificate",
            "is_active": "on",
        },
    )
    assert made.status_code == 302
    rule = DocumentRule.objects.get(trigger="payment_method", kind="inspection_certificate")
    assert rule.values == ["lc", "dp"]
    bad = clerk.post(
        url("rule_edit", shipment, rule.public_id), {"trigger": "incoterm", "kind": "insurance_policy"}
    )
    assert bad.status_code == 400 and "Choose the Incoterms" in bad.content.decode()
    assert clerk.post(url("rule_delete", shipment, rule.public_id)).status_code == 302
    assert not DocumentRule.objects.filter(pk=rule.pk).exists()
    assert b"Form E (China" in rep.get(url("origin", shipment)).content
    assert rep.post(url("origin", shipment), {"country": "MX", "origin_type": "general"}).status_code == 404
    duplicate = clerk.post(url("origin", shipment), {"country": "VN", "origin_type": "rcep"})
    assert duplicate.status_code == 400 and "has a row already" in duplicate.content.decode()
    assert clerk.post(url("origin", shipment), {"country": "MX", "origin_type": "general"}).status_code == 302
    mexico = OriginRule.objects.get(country="MX")
    assert (
        clerk.post(
            url("origin_edit", shipment, mexico.public_id), {"country": "MX", "origin_type": "none"}
        ).status_code
        == 302
    )
    assert clerk.post(url("origin_delete", shipment, mexico.public_id)).status_code == 302


def test_the_lc_form_and_the_order_panel(docs, shipment, client_for):
    order = shipment.order
    clerk = client_for(docs["clerk"])
    assert client_for(docs["rep"]).get(url("letter_edit", shipment, order.public_id)).status_code == 404
    order_page = clerk.get(
        reverse("trade:order", args=[order.workspace.slug, order.public_id])
    ).content.decode()
    assert (
        'data-testid="shipdocs-order-panel"' in order_page
        and "paid by L/C but none is recorded" in order_page
    )
    expiry = workspace_today() + dt.timedelta(days=30)
    saved = clerk.post(
        url("letter_edit", shipment, order.public_id),
        {
            "number": "LC-88",
            "issuing_bank": "BNP Paribas",
            "expiry_date": expiry.isoformat(),
            "presentation_days": "21",
            "documents_required": ["certificate_of_origin"],
        },
    )
    assert saved.status_code == 302
    assert LetterOfCredit.objects.get(order=order).documents_required == ["certificate_of_origin"]
    bad = clerk.post(
        url("letter_edit", shipment, order.public_id),
        {
            "number": "LC-88",
            "issuing_bank": "BNP",
            "expiry_date": expiry.isoformat(),
            "presentation_days": "21",
            "issued_on": (expiry + dt.timedelta(days=1)).isoformat(),
        },
    )
    assert bad.status_code == 400 and "expires after it is issued" in bad.content.decode()
    rep_page = client_for(docs["rep"]).get(
        reverse("trade:order", args=[order.workspace.slug, order.public_id])
    )
    assert "LC-88" in rep_page.content.decode() and 'data-testid="lc-edit"' not in rep_page.content.decode()
    assert b"LC-88" in clerk.get(url("letters", shipment)).content
    assert clerk.post(url("letter_delete", shipment, order.public_id)).status_code == 302
    assert not LetterOfCredit.objects.filter(order=order).exists()


def test_the_shipment_page_panel(docs, shipment):
    services.shipment_documents_sync(shipment=shipment, actor=docs["clerk"])
    shown = panels_for("shipping.shipment", docs["rep"], shipment)
    panel = next(p for p in shown if p.key == "documents")
    html = render_to_string(panel.template, {"panel": panel.context, "current_workspace": shipment.workspace})
    assert "Commercial invoice" in html and "0 of 7 with the buyer" in html and "See the documents" in html
    stranger = MembershipFactory(workspace=shipment.workspace, role=Role.SALES)
    assert all(p.key != "documents" for p in panels_for("shipping.shipment", stranger, shipment))
