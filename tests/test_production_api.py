"""Production and QC over the API: suppliers, an order's production and progress with photos, inspections
with the booking gate and the risk a manager accepts — roles, bad input, orders a member may not see."""

import pytest

from tests.factories import CustomerFactory
from tests.production_helpers import api_client, confirmed_order, days, pdf_named_png, png
from tradewind.trade.production import services
from tradewind.trade.production.models import Production, ProgressUpdate, Supplier
from tradewind.trade.workflow.models import Fulfilment
from tradewind.workspaces.choices import Role


def url(member, *rest):
    return "/".join([f"/api/v1/workspaces/{member.workspace.slug}", *rest])


def post(client, path, body):
    return client.post(path, body, content_type="application/json")


def patch(client, path, body):
    return client.patch(path, body, content_type="application/json")


def test_suppliers_over_the_api(setup, merch):
    client = api_client(merch)
    created = post(
        client, url(merch, "suppliers"), {"name": "Yuyao Plastics Co.", "city": "Yuyao", "country": "CN"}
    )
    assert created.status_code == 201, created.content
    supplier_id = created.json()["id"]
    assert post(client, url(merch, "suppliers"), {"name": "yuyao plastics co."}).status_code == 409
    bad = post(client, url(merch, "suppliers"), {"name": "Cixi", "email": "nope"})
    assert bad.status_code == 422 and bad.json()["fields"]["email"]
    changed = patch(client, url(merch, "suppliers", supplier_id), {"contact_person": "Ms Chen"})
    assert changed.json()["contact_person"] == "Ms Chen"
    assert patch(client, url(merch, "suppliers", supplier_id), {"name": None}).status_code == 422
    assert post(client, url(merch, "suppliers", supplier_id, "archive"), {}).json()["archived"] is True
    assert api_client(merch).get(url(merch, "suppliers")).json()["items"] == []
    listed = client.get(url(merch, "suppliers"), {"archived": "all", "q": "yuyao"}).json()
    assert [s["name"] for s in listed["items"]] == ["Yuyao Plastics Co."]
    assert post(client, url(merch, "suppliers", supplier_id, "restore"), {}).json()["archived"] is False


def test_everyone_reads_suppliers_only_keepers_change_them(setup, merch, supplier):
    rep = api_client(setup["rep"])
    assert rep.get(url(setup["rep"], "suppliers")).json()["count"] == 1
    assert rep.get(url(setup["rep"], "suppliers", str(supplier.public_id))).status_code == 200
    assert post(rep, url(setup["rep"], "suppliers"), {"name": "Mine"}).status_code == 403
    assert (
        patch(rep, url(setup["rep"], "suppliers", str(supplier.public_id)), {"notes": "x"}).status_code == 403
    )
    assert (
        post(rep, url(setup["rep"], "suppliers", str(supplier.public_id), "archive"), {}).status_code == 403
    )
    assert Supplier.objects.get().archived is False


def test_production_and_progress_over_the_api(setup, merch, supplier):
    order = confirmed_order(setup, delivery_in_days=30)
    client = api_client(merch)
    base = url(merch, "orders", str(order.public_id), "production")
    bad = post(client, base, {"supplier": str(supplier.public_id), "planned_start": str(days(9)),
                              "planned_ready": str(days(3))})  # fmt: skip
    assert bad.status_code == 422 and "planned_ready" in bad.json()["fields"]
    assert post(client, base, {"supplier": str(supplier.public_id), "progress": 120}).status_code == 422
    assert not Production.objects.exists()
    created = post(client, base, {"supplier": str(supplier.public_id), "planned_ready": str(days(25))})
    assert created.status_code == 201, created.content
    production = created.json()
    assert (production["status"], production["ready_date"], production["late"]) == (
        "planned",
        str(days(25)),
        False,
    )
    one = f"{base}/{production['id']}"
    progress = post(
        client, f"{one}/progress", {"progress": 45, "note": "Half", "expected_ready": str(days(33))}
    )
    assert progress.status_code == 201, progress.content
    assert client.get(one).json()["late"] is True and Fulfilment.objects.get(order=order).at_risk
    update_id = progress.json()["id"]
    photo = client.post(f"{one}/progress/{update_id}/photos", {"file": png("line.png")})
    assert photo.status_code == 201, photo.content
    assert client.get(photo.json()["thumbnail_url"])["Content-Type"] == "image/jpeg"
    refused = client.post(f"{one}/progress/{update_id}/photos", {"file": pdf_named_png()})
    assert refused.status_code == 422 and refused.json()["fields"]
    updates = client.get(f"{one}/progress").json()
    assert [len(u["photos"]) for u in updates] == [1] and updates[0]["expected_ready"] == str(days(33))
    changed = patch(client, one, {"expected_ready": None, "planned_ready": str(days(28))})
    assert changed.status_code == 200 and changed.json()["late"] is False
    assert not Fulfilment.objects.get(order=order).at_risk
    assert [p["id"] for p in client.get(base).json()] == [production["id"]]


def test_a_rep_reads_the_production_of_their_orders_and_changes_nothing(
    setup, merch, supplier, order, member_factory
):
    production = services.production_create(actor=merch, order=order, supplier=supplier)
    rep = api_client(setup["rep"])
    base = url(setup["rep"], "orders", str(order.public_id), "production")
    assert rep.get(base).status_code == 200
    assert post(rep, base, {"supplier": str(supplier.public_id)}).status_code == 403
    assert post(rep, f"{base}/{production.public_id}/progress", {"progress": 10}).status_code == 403
    assert not ProgressUpdate.objects.exists()
    colleague = member_factory(Role.SALES)  # the customer is the rep's own
    answer = api_client(colleague).get(url(colleague, "orders", str(order.public_id), "production"))
    assert answer.status_code == 404


def test_a_proforma_order_has_no_production(setup, merch, supplier):
    from tests.sales import quote
    from tradewind.trade import services as trade

    quotation = trade.quotation_accept(
        actor=setup["rep"], quotation=trade.quotation_mark_sent(actor=setup["rep"], quotation=quote(setup))
    )
    proforma = trade.order_create_from_quotation(actor=setup["rep"], quotation=quotation)
    answer = post(
        api_client(merch), url(merch, "orders", str(proforma.public_id), "production"),
        {"supplier": str(supplier.public_id)},
    )  # fmt: skip
    assert answer.status_code == 409


def test_inspections_block_booking_until_passed_or_accepted(setup, merch, supplier, order):
    client = api_client(merch)
    production = services.production_create(actor=merch, order=order, supplier=supplier)
    body = {"order": str(order.public_id), "production": str(production.public_id), "agency": "other",
            "inspected_on": str(days(0))}  # fmt: skip
    refused = post(client, url(merch, "inspections"), body)
    assert refused.status_code == 422 and "agency_name" in refused.json()["fields"]
    booked = post(client, url(merch, "inspections"), {**body, "agency": "tuv", "kind": "during"})
    assert booked.status_code == 201, booked.content
    inspection = booked.json()
    assert (inspection["result"], inspection["agency_label"], inspection["supplier"]["name"]) == (
        "pending", "TÜV", supplier.name,
    )  # fmt: skip
    one = url(merch, "inspections", inspection["id"])
    assert post(client, f"{one}/result", {"result": "fail"}).status_code == 422  # no defects said
    failed = post(client, f"{one}/result", {"result": "fail", "defects": "Lids crack under load"})
    assert failed.status_code == 200 and failed.json()["blocks_booking"] is True
    assert post(client, f"{one}/accept-risk", {"reason": "Buyer agrees"}).status_code == 403
    manager = api_client(setup["manager"])
    assert post(manager, f"{one}/accept-risk", {"reason": ""}).status_code == 422
    accepted = post(manager, f"{one}/accept-risk", {"reason": "Buyer takes them at 5% off"})
    assert accepted.status_code == 200 and accepted.json()["blocks_booking"] is False
    assert accepted.json()["risk_reason"] == "Buyer takes them at 5% off"
    assert post(manager, f"{one}/accept-risk", {"reason": "again"}).status_code == 409
    listed = client.get(url(merch, "inspections"), {"result": "fail", "order": str(order.public_id)}).json()
    assert [i["id"] for i in listed["items"]] == [inspection["id"]] and listed["next_offset"] is None


def test_inspection_files_over_the_api(setup, merch, order):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = api_client(merch)
    inspection = services.inspection_book(actor=merch, order=order, inspected_on=days(0))
    one = url(merch, "inspections", str(inspection.public_id))
    photo = client.post(f"{one}/photos", {"file": png("defect.png")})
    assert photo.status_code == 201, photo.content
    assert client.get(photo.json()["url"]).status_code == 200
    assert client.post(f"{one}/photos", {"file": pdf_named_png()}).status_code == 422
    report = client.post(f"{one}/report", {"file": SimpleUploadedFile("report.pdf", b"%PDF-1.4 report")})
    assert report.status_code == 201 and report.json()["report"]["name"] == "report.pdf"
    download = client.get(report.json()["report"]["url"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 report"
    exe = client.post(
        f"{one}/report", {"file": SimpleUploadedFile("report.exe", b"MZ\x90\x00" + b"\x00" * 60)}
    )
    assert exe.status_code == 422
    assert api_client(setup["rep"]).post(f"{one}/photos", {"file": png()}).status_code == 403


def test_a_member_who_may_not_see_the_order_gets_404(setup, merch, member_factory):
    stranger_rep = member_factory(Role.SALES)
    theirs = CustomerFactory(actor=setup["rep"], name="Lyon Textiles", country="FR", owner=setup["rep"])
    order = confirmed_order(setup, customer=theirs)
    inspection = services.inspection_book(actor=merch, order=order, inspected_on=days(0))
    client = api_client(stranger_rep)
    assert client.get(url(stranger_rep, "inspections", str(inspection.public_id))).status_code == 404
    assert client.get(url(stranger_rep, "inspections")).json()["items"] == []
    assert client.get(url(stranger_rep, "orders", str(order.public_id), "production")).status_code == 404


@pytest.mark.parametrize(
    "body", [{"progress": -5}, {"progress": 101}, {"progress": 50.5}, {"progress": "half"}, {}]
)
def test_progress_outside_0_to_100_is_a_422(setup, merch, supplier, order, body):
    production = services.production_create(actor=merch, order=order, supplier=supplier)
    path = url(merch, "orders", str(order.public_id), "production", str(production.public_id), "progress")
    answer = post(api_client(merch), path, body)
    assert answer.status_code == 422 and "progress" in answer.json()["fields"]
