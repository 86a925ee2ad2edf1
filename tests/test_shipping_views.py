"""Shipping pages: the list with its search, filters and empty states, a shipment planned from its order's
page, containers and goods from the shipment's page, a moved ETA with the buyer's draft shown to copy,
the release refused with the balance open; who sees which buttons, and the outsider's 404."""

import datetime as dt

from tests.factories import MembershipFactory, WorkspaceFactory, workspace_today
from tests.shipping_helpers import (  # noqa: F401 - fixtures
    CONTAINERS,
    logistics_fixture,
    order_fixture,
    planned,
    sailed,
)
from tradewind.trade.shipping import services
from tradewind.trade.shipping.models import Container, EtaChange, Shipment
from tradewind.workspaces.choices import Role


def url(workspace, path=""):
    return f"/w/{workspace.slug}/{path}"


def iso(days: int) -> str:
    return (workspace_today() + dt.timedelta(days=days)).isoformat()


def test_the_order_page_shows_its_shipments_and_what_remains(setup, order, logistics, client_for):
    page = client_for(logistics).get(url(order.workspace, f"orders/{order.public_id}/"))
    text = page.content.decode()
    assert (
        page.status_code == 200
        and 'data-testid="order-shipments"' in text
        and 'data-testid="new-shipment"' in text
    )
    planned(logistics, order, lines=[])
    text = client_for(setup["rep"]).get(url(order.workspace, f"orders/{order.public_id}/")).content.decode()
    assert f"{order.number}-S1" in text and 'data-testid="new-shipment"' not in text  # the rep reads


def test_logistics_plans_a_shipment_from_the_order(order, logistics, client_for):
    client = client_for(logistics)
    new = url(order.workspace, f"orders/{order.public_id}/shipments/new/")
    assert client.get(new).status_code == 200
    form = {"mode": "sea_fcl", "port_of_loading": "CNNGB", "port_of_discharge": "DEHAM", "etd": iso(10),
            "eta": iso(5), "all_goods": "on"}  # fmt: skip
    response = client.post(new, form)
    assert response.status_code == 400 and "ETA cannot be before the ETD" in response.content.decode()
    assert not Shipment.objects.exists()
    response = client.post(new, {**form, "eta": iso(40)})
    shipment = Shipment.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"shipments/{shipment.public_id}/")
    assert shipment.lines.count() == 2
    page = client.get(response["Location"]).content.decode()
    assert (
        shipment.number in page
        and 'data-testid="add-container"' in page
        and 'data-testid="move-booked"' in page
    )


def test_containers_and_goods_from_the_shipment_page(order, logistics, client_for):
    client = client_for(logistics)
    shipment = planned(logistics, order, lines=[])
    base = url(order.workspace, f"shipments/{shipment.public_id}/")
    response = client.post(base + "containers/new/", {"container_type": "40HQ", "number": "CSQU3054384"})
    assert response.status_code == 400 and "should be 3" in response.content.decode()
    response = client.post(base + "containers/new/", {"container_type": "40HQ", "number": "CSQU3054383"})
    assert response.status_code == 302
    container = Container.objects.get()
    response = client.post(
        base + f"containers/{container.public_id}/", {"container_type": "40GP", "number": CONTAINERS[1]}
    )
    assert response.status_code == 302
    container.refresh_from_db()
    assert container.number == CONTAINERS[1]
    kettles, lids = order.lines.order_by("position")
    assert client.get(base + "goods/").status_code == 200
    response = client.post(
        base + "goods/", {f"qty-{kettles.public_id}": "1200", f"qty-{lids.public_id}": "10"}
    )
    assert response.status_code == 400 and "200 left" not in response.content.decode()
    assert "1,000 left" in response.content.decode() and not shipment.lines.exists()
    response = client.post(base + "goods/", {f"qty-{kettles.public_id}": "500", f"qty-{lids.public_id}": ""})
    assert response.status_code == 302 and shipment.lines.get().quantity == 500
    page = client.get(base).content.decode()
    assert CONTAINERS[1] in page and 'data-testid="remaining"' in page
    client.post(base + f"containers/{container.public_id}/delete/")
    assert not Container.objects.exists()


def test_a_moved_eta_shows_the_buyers_draft_to_copy(setup, order, logistics, client_for):
    client = client_for(logistics)
    shipment = planned(logistics, order)
    base = url(order.workspace, f"shipments/{shipment.public_id}/")
    assert client.get(base + "eta/").status_code == 200
    response = client.post(base + "eta/", {"eta": iso(2)})
    assert response.status_code == 400 and not EtaChange.objects.exists()
    response = client.post(base + "eta/", {"eta": iso(50), "reason": "Blank sailing"})
    assert response.status_code == 302 and response["Location"].endswith("#eta-draft")
    page = client.get(base).content.decode()
    assert 'data-testid="eta-draft"' in page and "Blank sailing" in page and "Dear" in page
    # The rep sees the draft too (to copy it), without the buttons.
    page = client_for(setup["rep"]).get(base).content.decode()
    assert 'data-testid="eta-draft"' in page and 'data-testid="move-eta"' not in page


def test_status_buttons_and_the_release_refused_with_the_balance_open(setup, order, logistics, client_for):
    client = client_for(logistics)
    shipment = planned(logistics, order, lines=[])
    base = url(order.workspace, f"shipments/{shipment.public_id}/")
    response = client.post(base + "status/", {"status": "booked"}, follow=True)
    assert "Enter the booking number first." in response.content.decode()
    shipment = sailed(logistics, order)
    base = url(order.workspace, f"shipments/{shipment.public_id}/")
    page = client.get(base).content.decode()
    assert (
        'data-testid="balance-open"' in page and 'data-testid="release"' not in page
    )  # logistics may not override
    response = client.post(base + "release/", {"how": "telex_released"}, follow=True)
    assert "still owes" in response.content.decode()
    shipment.refresh_from_db()
    assert shipment.release_status == "not_released"
    manager = client_for(setup["manager"])
    assert 'data-testid="release"' in manager.get(base).content.decode()
    manager.post(base + "release/", {"how": "telex_released", "override_reason": "Paid by Friday"})
    shipment.refresh_from_db()
    assert shipment.release_status == "telex_released"


def test_the_list_searches_and_filters(order, logistics, client_for, member_factory):
    client = client_for(logistics)
    empty = client.get(url(order.workspace, "shipments/")).content.decode()
    assert "No shipments yet." in empty
    shipment = sailed(logistics, order)
    page = client.get(url(order.workspace, "shipments/"), {"q": CONTAINERS[0]}).content.decode()
    assert shipment.number in page
    page = client.get(url(order.workspace, "shipments/"), {"q": "MEDUNB123456"}).content.decode()
    assert shipment.number in page
    page = client.get(
        url(order.workspace, "shipments/"), {"q": "Hausmann", "status": "shipped"}
    ).content.decode()
    assert shipment.number in page
    page = client.get(url(order.workspace, "shipments/"), {"status": "delivered"}).content.decode()
    assert shipment.number not in page and "No shipment matches." in page
    page = client.get(url(order.workspace, "shipments/"), {"eta_to": iso(1)}).content.decode()
    assert shipment.number not in page
    partial = client.get(url(order.workspace, "shipments/"), HTTP_HX_REQUEST="true").content.decode()
    assert shipment.number in partial and "<html" not in partial
    other_rep = client_for(member_factory(Role.SALES))  # not their customer
    assert shipment.number not in other_rep.get(url(order.workspace, "shipments/")).content.decode()


def test_roles_and_outsiders(setup, order, logistics, client_for, member_factory):
    shipment = planned(logistics, order, lines=[])
    base = url(order.workspace, f"shipments/{shipment.public_id}/")
    rep = client_for(setup["rep"])
    assert rep.get(base).status_code == 200
    for path in ("edit/", "eta/", "goods/", "containers/new/"):
        assert rep.get(base + path).status_code == 404, path
    assert rep.get(url(order.workspace, f"orders/{order.public_id}/shipments/new/")).status_code == 404
    rep.post(base + "status/", {"status": "cancelled", "reason": "No"})
    shipment.refresh_from_db()
    assert shipment.status == "planned"
    assert client_for(member_factory(Role.SALES)).get(base).status_code == 404  # another rep's customer
    outsider = MembershipFactory(role=Role.OWNER, workspace=WorkspaceFactory(slug="elsewhere"))
    assert client_for(outsider).get(base).status_code == 404
    assert client_for(setup["manager"]).get(base + "edit/").status_code == 200


def test_the_list_reads_the_same_few_queries_for_more_rows(setup, order, logistics, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(logistics)
    kettles = order.lines.get(position=1)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(order.workspace, "shipments/")).status_code == 200
        return len(queries)

    planned(logistics, order, lines=[services.GoodsInput(kettles, "10")])
    count()  # the first visit remembers the member's last workspace
    one = count()
    for _ in range(4):
        shipment = planned(logistics, order, lines=[services.GoodsInput(kettles, "10")])
        services.container_add(
            actor=logistics, shipment=shipment, container_type="20GP", number=CONTAINERS[1]
        )
    assert count() == one
