"""Shipping documents over the API: the checklist and its recompute, a document's owner, status, tracking and
file versions, the CI/PL and their figures, the rules, the origin table and the L/C — with the roles and
another workspace's 404."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import MembershipFactory, workspace_today
from tests.shipdocs_helpers import LC_SIGHT, confirmed_order, documents_team, make_shipment
from tradewind.accounts.services import api_token_create
from tradewind.trade.shipdocs.choices import DocumentKind as K
from tradewind.workspaces.choices import Role

TODAY = workspace_today()


@pytest.fixture
def docs(setup, member_factory):
    return documents_team(setup, member_factory)


def api(member):
    _t, raw = api_token_create(membership=member, name="t", expires_at=None, ip=None)
    return Client(headers={"Authorization": f"Bearer {raw}"})


def base(member) -> str:
    return f"/api/v1/workspaces/{member.workspace.slug}"


@pytest.fixture
def shipment(docs):
    return make_shipment(
        confirmed_order(docs, incoterm="CIF", place="Hamburg", terms=LC_SIGHT), bl_date=TODAY
    )


def test_the_clerk_makes_and_works_the_checklist(docs, shipment):
    clerk, client = docs["clerk"], api(docs["clerk"])
    url = f"{base(clerk)}/shipments/{shipment.public_id}/documents"
    empty = client.get(url).json()
    assert empty["documents"] == [] and empty["progress"] == {"done": 0, "total": 0}
    synced = client.post(url + "/sync")
    assert synced.status_code == 200, synced.content
    body = synced.json()
    assert body["changed"] and body["added"] == 7 and body["stale"] == []
    by_kind = {d["kind"]: d for d in body["documents"]}
    assert by_kind["insurance_policy"]["reasons"] == ["Incoterm CIF"]
    assert by_kind["certificate_of_origin"]["origin_type"] == "general"
    assert client.post(url + "/sync").json()["changed"] is False
    bl = by_kind["bill_of_lading"]
    one = f"{base(clerk)}/shipping-documents/documents/{bl['id']}"
    refused = client.post(one + "/status", {"status": "checked"}, content_type="application/json")
    assert refused.status_code == 422 and "status" in refused.json()["fields"]
    uploaded = api(docs["logistics"]).post(
        one + "/versions", {"file": SimpleUploadedFile("bl.pdf", b"%PDF-1.4 B/L"), "note": "Draft"}
    )
    assert uploaded.status_code == 201, uploaded.content
    version = uploaded.json()
    assert version["number"] == 1 and version["uploaded_by"]["id"] == str(docs["logistics"].public_id)
    download = client.get(version["url"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 B/L"
    checked = client.post(one + "/status", {"status": "checked"}, content_type="application/json")
    assert checked.status_code == 200 and checked.json()["status"] == "checked"
    sent = client.post(
        one + "/status",
        {"status": "original_sent", "courier": "DHL", "tracking_number": "JD0146"},
        content_type="application/json",
    )
    assert sent.status_code == 200 and sent.json()["tracking_number"] == "JD0146"  # L/C: through the bank
    patched = client.patch(
        one,
        {"owner": str(docs["logistics"].public_id), "notes": "Telex copy to the bank"},
        content_type="application/json",
    )
    assert patched.status_code == 200 and patched.json()["owner"]["id"] == str(docs["logistics"].public_id)
    deadline = client.get(f"{one.rsplit('/', 1)[0]}/{by_kind['lc_presentation']['id']}").json()
    assert deadline["due_on"] is None  # no L/C recorded yet: only the payment terms ask for it
    added = client.post(
        url, {"kind": "other", "name": "Beneficiary's certificate"}, content_type="application/json"
    )
    assert added.status_code == 201 and added.json()["source"] == "manual"
    assert (
        client.delete(f"{base(clerk)}/shipping-documents/documents/{added.json()['id']}").status_code == 204
    )
    assert (
        client.delete(
            f"{base(clerk)}/shipping-documents/documents/{by_kind['packing_list']['id']}"
        ).status_code
        == 409
    )


def test_other_roles_read_and_logistics_only_uploads(docs, shipment):
    clerk = docs["clerk"]
    api(clerk).post(f"{base(clerk)}/shipments/{shipment.public_id}/documents/sync")
    url = f"{base(clerk)}/shipments/{shipment.public_id}/documents"
    for role in ("rep", "logistics", "finance", "manager"):
        assert api(docs[role]).get(url).status_code == 200
    assert api(docs["rep"]).post(url + "/sync").status_code == 403
    document = shipment.documents.get(kind=K.PACKING_LIST)
    one = f"{base(clerk)}/shipping-documents/documents/{document.public_id}"
    assert (
        api(docs["logistics"])
        .post(one + "/status", {"status": "drafted"}, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        api(docs["rep"])
        .post(one + "/versions", {"file": SimpleUploadedFile("x.pdf", b"%PDF-1.4")})
        .status_code
        == 403
    )
    # A rep who may not see the order's customer does not see its documents at all.
    other = MembershipFactory(workspace=clerk.workspace, role=Role.SALES)
    assert api(other).get(url).status_code == 404
    assert api(other).get(one).status_code == 404
    outsider = MembershipFactory(role=Role.OWNER)
    assert api(outsider).get(url).status_code == 404


def test_figures_and_pdfs(docs, shipment):
    client = api(docs["rep"])
    url = f"{base(docs['rep'])}/shipments/{shipment.public_id}/documents"
    figures = client.get(url + "/figures").json()
    assert figures["total"] == "12500.00" and figures["cartons"] == 167 and figures["currency"] == "EUR"
    assert figures["lines"][0]["amount"] == "12500.00" and figures["warnings"] == []
    for kind in ("commercial-invoice", "packing-list"):
        for language in ("en", "zh-hans"):
            response = client.get(f"{url}/{kind}", {"language": language})
            assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
            assert response.content.startswith(b"%PDF")
    assert 'filename="CI-' in client.get(url + "/commercial-invoice")["Content-Disposition"]


def test_rules_and_the_origin_table(docs):
    clerk, rep = docs["clerk"], docs["rep"]
    rules = f"{base(clerk)}/shipping-documents/rules"
    assert len(api(rep).get(rules).json()) == 8
    body = {"trigger": "destination", "values": ["VN", "TH"], "kind": "inspection_certificate", "name": "CIQ"}
    assert api(rep).post(rules, body, content_type="application/json").status_code == 403
    created = api(clerk).post(rules, body, content_type="application/json")
    assert created.status_code == 201 and created.json()["values"] == ["VN", "TH"]
    rule_url = f"{rules}/{created.json()['id']}"
    bad = api(clerk).patch(rule_url, {"values": ["ZZ"]}, content_type="application/json")
    assert bad.status_code == 422 and "values" in bad.json()["fields"]
    assert (
        api(clerk).patch(rule_url, {"is_active": False}, content_type="application/json").json()["is_active"]
        is False
    )
    assert api(clerk).delete(rule_url).status_code == 204
    origin = f"{base(clerk)}/shipping-documents/origin"
    assert (
        api(clerk)
        .post(origin, {"country": "VN", "origin_type": "rcep"}, content_type="application/json")
        .status_code
        == 409
    )
    made = api(clerk).post(
        origin, {"country": "MX", "origin_type": "general", "notes": "CCPIT"}, content_type="application/json"
    )
    assert made.status_code == 201
    changed = api(docs["manager"]).patch(
        f"{origin}/{made.json()['id']}", {"origin_type": "none"}, content_type="application/json"
    )
    assert changed.json()["origin_type"] == "none"
    assert api(clerk).delete(f"{origin}/{made.json()['id']}").status_code == 204
    assert api(MembershipFactory(role=Role.OWNER)).get(rules).status_code == 404


def test_an_orders_letter_of_credit(docs, shipment):
    clerk = docs["clerk"]
    order = shipment.order
    url = f"{base(clerk)}/shipping-documents/orders/{order.public_id}/letter-of-credit"
    assert api(clerk).get(url).status_code == 404
    body = {
        "number": "LC-2026-HH-01",
        "issuing_bank": "Commerzbank Hamburg",
        "expiry_date": str(TODAY + dt.timedelta(days=40)),
        "latest_shipment_date": str(TODAY + dt.timedelta(days=20)),
        "presentation_days": 15,
        "documents_required": ["certificate_of_origin", "packing_list"],
        "amount": "12000",
    }
    assert api(docs["rep"]).put(url, body, content_type="application/json").status_code == 403
    made = api(clerk).put(url, body, content_type="application/json")
    assert made.status_code == 201, made.content
    letter = made.json()
    assert letter["amount"] == "12000.0000" and letter["currency"] == "EUR"
    assert letter["warnings"] == [
        "The order's total is above the L/C's amount: the bank may refuse the invoice."
    ]
    again = api(clerk).put(url, {**body, "amount": None}, content_type="application/json")
    assert again.status_code == 200 and again.json()["warnings"] == []
    bad = api(clerk).put(
        url,
        {**body, "latest_shipment_date": str(TODAY + dt.timedelta(days=99))},
        content_type="application/json",
    )
    assert bad.status_code == 422 and "latest_shipment_date" in bad.json()["fields"]
    assert [
        row["number"]
        for row in api(docs["rep"]).get(f"{base(clerk)}/shipping-documents/letters-of-credit").json()
    ] == ["LC-2026-HH-01"]
    assert api(clerk).delete(url).status_code == 204
    assert api(clerk).get(url).status_code == 404
