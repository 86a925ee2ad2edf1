"""The shipping API: shipments of an order, their containers and goods, statuses, ETA changes with the
buyer's draft, release — through the same services as the pages; who may read and change what; decimals
as strings; the refusals, each checked for what it left behind."""

import datetime as dt
import json

import pytest

from tests.factories import MembershipFactory, WorkspaceFactory, workspace_today
from tests.shipping_helpers import (  # noqa: F401 - fixtures
    CONTAINERS,
    logistics_fixture,
    order_fixture,
    pay_everything,
    planned,
    sailed,
)
from tests.test_catalog_api import Api
from tradewind.trade.shipping.models import Container, EtaChange, Shipment
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import AuditEntry


def day(days: int) -> str:
    return (workspace_today() + dt.timedelta(days=days)).isoformat()


@pytest.fixture
def logistics_api(logistics):
    return Api(logistics)


def test_logistics_plans_a_partial_shipment_and_fills_it(order, logistics_api):
    kettles, lids = order.lines.order_by("position")
    r = logistics_api.post(
        "/shipments",
        {
            "order": str(order.public_id),
            "mode": "sea_fcl", "forwarder": "Ningbo Ocean Link", "port_of_loading": "cnngb",
            "port_of_discharge": "DEHAM", "etd": day(10), "eta": day(40),
            "lines": [{"order_line": str(kettles.public_id), "quantity": "600"}],
        },
    )  # fmt: skip
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["number"] == f"{order.number}-S1" and body["port_of_loading"] == "CNNGB"
    assert body["lines"] == [
        {"order_line": str(kettles.public_id), "position": 1, "sku": "KT-1700", "name": kettles.name,
         "unit": "pcs", "quantity": "600.000", "cartons": 100}
    ]  # fmt: skip
    assert body["cartons"] == 100 and body["gross_kg"] == "840.00"
    shipment_id = body["id"]
    remaining = logistics_api.get(f"/orders/{order.public_id}/shipments/remaining").json()
    assert [(row["ordered"], row["remaining"]) for row in remaining] == [
        ("1000.000", "400.000"),
        ("40.000", "40.000"),
    ]
    r = logistics_api.post(
        f"/shipments/{shipment_id}/containers",
        {"container_type": "40HQ", "number": "CSQU 305438-3", "seal_number": "ml1234567", "cartons": 100,
         "gross_kg": "2150.5", "cbm": "61.25"},
    )  # fmt: skip
    assert r.status_code == 201 and r.json()["number"] == "CSQU3054383" and r.json()["cbm"] == "61.2500"
    container_id = r.json()["id"]
    r = logistics_api.patch(f"/shipments/{shipment_id}/containers/{container_id}", {"seal_number": None})
    assert r.status_code == 200 and r.json()["seal_number"] == ""
    r = logistics_api.client.put(
        logistics_api.base + f"/shipments/{shipment_id}/lines",
        json.dumps(
            {
                "lines": [
                    {"order_line": str(kettles.public_id), "quantity": "1000"},
                    {"order_line": str(lids.public_id), "quantity": "40"},
                ]
            }
        ),
        content_type="application/json",
    )
    assert r.status_code == 200 and [row["quantity"] for row in r.json()] == ["1000.000", "40.000"]
    listed = logistics_api.get("/shipments", {"q": "CSQU3054383"}).json()
    assert [s["id"] for s in listed["items"]] == [shipment_id] and listed["next_offset"] is None
    assert logistics_api.get("/shipments", {"mode": "air"}).json()["items"] == []
    assert logistics_api.get("/shipments", {"etd_from": day(11)}).json()["items"] == []


def test_refusals_name_the_field_and_change_nothing(order, logistics, logistics_api):
    shipment = planned(logistics, order, lines=[])
    base = f"/shipments/{shipment.public_id}"
    r = logistics_api.post(base + "/containers", {"container_type": "40HQ", "number": "CSQU3054384"})
    assert r.status_code == 422 and "should be 3" in r.json()["fields"]["number"][0]
    r = logistics_api.patch(base, {"eta": day(5)})  # before the ETD
    assert r.status_code == 422 and "eta" in r.json()["fields"]
    r = logistics_api.patch(base, {"port_of_loading": "ZZNGB"})
    assert r.status_code == 422 and "port_of_loading" in r.json()["fields"]
    line = order.lines.get(position=1)
    r = logistics_api.client.put(
        logistics_api.base + base + "/lines",
        json.dumps({"lines": [{"order_line": str(line.public_id), "quantity": "1001"}]}),
        content_type="application/json",
    )
    assert (
        r.status_code == 422
        and "1,000 left" in r.json()["message"]
        and "lines.0.quantity" in r.json()["fields"]
    )
    shipment.refresh_from_db()
    assert (
        not Container.objects.exists() and not shipment.lines.exists() and shipment.port_of_loading == "CNNGB"
    )
    r = logistics_api.post(base + "/status", {"status": "delivered"})
    assert r.status_code == 409


def test_the_eta_change_answers_the_buyers_draft(setup, order, logistics, logistics_api):
    shipment = planned(logistics, order)
    r = logistics_api.post(
        f"/shipments/{shipment.public_id}/eta", {"eta": day(47), "reason": "Port congestion"}
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["old_eta"] == day(42) and body["new_eta"] == day(47)
    assert body["draft"]["language"] == "en" and "Port congestion" in body["draft"]["body"]
    assert body["changed_by"]["id"] == str(logistics.public_id)
    changes = logistics_api.get(f"/shipments/{shipment.public_id}/eta-changes").json()
    assert [c["id"] for c in changes] == [body["id"]]
    r = logistics_api.post(f"/shipments/{shipment.public_id}/eta", {"eta": day(3)})
    assert r.status_code == 422 and EtaChange.objects.count() == 1


def test_release_with_the_balance_open_is_a_409_until_a_manager_says_why(
    setup, order, logistics, logistics_api
):
    shipment = sailed(logistics, order)
    url = f"/shipments/{shipment.public_id}/release"
    r = logistics_api.post(url, {"how": "telex_released"})
    assert r.status_code == 409 and "still owes" in r.json()["message"]
    r = logistics_api.post(url, {"how": "telex_released", "override_reason": "Trusted buyer"})
    assert r.status_code == 403
    r = Api(setup["manager"]).post(url, {"how": "telex_released", "override_reason": "Trusted buyer"})
    assert r.status_code == 200 and r.json()["release_status"] == "telex_released"
    assert r.json()["release_override_reason"] == "Trusted buyer"
    assert AuditEntry.objects.filter(action="shipment_release_override", target=shipment.number).count() == 1


def test_release_when_paid(order, logistics, logistics_api):
    pay_everything(order)
    shipment = sailed(logistics, order)
    r = logistics_api.post(f"/shipments/{shipment.public_id}/release", {"how": "originals_sent"})
    assert r.status_code == 422 and {"courier", "tracking"} <= set(r.json()["fields"])
    r = logistics_api.post(
        f"/shipments/{shipment.public_id}/release",
        {"how": "originals_sent", "courier": "SF", "tracking": "SF123"},
    )
    assert r.status_code == 200 and r.json()["release_tracking"] == "SF123"


def test_statuses_through_the_api(order, logistics, logistics_api):
    shipment = planned(logistics, order, booking_number="NGB1")
    base = f"/shipments/{shipment.public_id}"
    assert logistics_api.post(base + "/status", {"status": "booked"}).json()["status"] == "booked"
    r = logistics_api.post(base + "/status", {"status": "shipped"})
    assert r.status_code == 422 and "containers" in r.json()["fields"]
    logistics_api.post(base + "/containers", {"container_type": "20GP", "number": CONTAINERS[1]})
    r = logistics_api.post(base + "/status", {"status": "shipped", "on": day(0)})
    assert r.status_code == 200 and r.json()["atd"] == day(0)
    r = logistics_api.delete(base + f"/containers/{Container.objects.get().public_id}")
    assert r.status_code == 409 and Container.objects.exists()


def test_who_reads_and_who_changes(setup, order, logistics, member_factory):
    shipment = planned(logistics, order)
    rep = Api(setup["rep"])  # the order's rep reads
    assert rep.get(f"/shipments/{shipment.public_id}").status_code == 200
    assert rep.patch(f"/shipments/{shipment.public_id}", {"vessel": "X"}).status_code == 403
    assert rep.post("/shipments", {"order": str(order.public_id)}).status_code == 403
    other_rep = Api(member_factory(Role.SALES))  # not their customer: as if missing
    assert other_rep.get(f"/shipments/{shipment.public_id}").status_code == 404
    assert other_rep.get("/shipments").json()["items"] == []
    assert other_rep.post("/shipments", {"order": str(order.public_id)}).status_code == 404
    finance = Api(member_factory(Role.FINANCE))  # the fulfilment roles read every order
    assert finance.get(f"/shipments/{shipment.public_id}/containers").status_code == 200
    assert finance.post(f"/shipments/{shipment.public_id}/eta", {"eta": day(50)}).status_code == 403
    outsider = Api(MembershipFactory(role=Role.OWNER, workspace=WorkspaceFactory()))
    assert outsider.get(f"/shipments/{shipment.public_id}").status_code == 404
    assert Api(logistics, slug="nope").get("/shipments").status_code == 404
    assert Shipment.objects.get().vessel == ""
