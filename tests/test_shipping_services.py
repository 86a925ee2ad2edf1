"""Shipments (issue 12): the rules of the shipping services — numbering and partial shipments, UN/LOCODE
ports, dates in order, the ISO 6346 check digit, the goods never more than ordered, the statuses, a moved
ETA told to the rep with the buyer's message drafted, the release refused with the balance open unless a
manager says why, and the board's next ETD."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import history_of, workspace_today
from tests.shipping_helpers import (  # noqa: F401 - fixtures
    CONTAINERS,
    confirmed_order,
    logistics_fixture,
    order_fixture,
    pay_everything,
    planned,
    sailed,
)
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.notifications.models import Notification
from tradewind.trade import services as trade
from tradewind.trade.shipping import selectors, services
from tradewind.trade.shipping.containers import check_digit, container_number_check
from tradewind.trade.shipping.models import Container, EtaChange, Shipment, ShipmentLine
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import AuditEntry


def today():
    return workspace_today()


# --- ISO 6346 ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number", ["CSQU3054383", "MSKU9070323", "MAEU1234567", "EGHU9012345", "BMOU4567890"]
)
def test_real_container_numbers_pass_the_check_digit(number):
    assert container_number_check(number) == number


def test_a_number_is_normalised_and_a_remainder_of_ten_counts_as_zero():
    assert container_number_check(" csqu 305438-3 ") == "CSQU3054383"
    assert check_digit("CSQU100008") == 0  # 10 mod 10
    assert container_number_check("CSQU1000080") == "CSQU1000080"


@pytest.mark.parametrize(
    ("number", "says"),
    [
        ("CSQU3054384", "should be 3"),  # one digit off
        ("MSKU9070324", "should be 3"),
        ("CSQU305438", "not a container number"),  # too short
        ("CSQX3054383", "not a container number"),  # the category is U, J or Z
        ("C5QU3054383", "not a container number"),
    ],
)
def test_a_wrong_number_is_refused_saying_why(number, says):
    with pytest.raises(ValidationFailed) as refused:
        container_number_check(number)
    assert says in str(refused.value.message) and refused.value.field == "number"


# --- planning ----------------------------------------------------------------------------------------------


def test_shipments_are_numbered_after_the_order_and_take_what_remains(setup, order, logistics):
    first = planned(logistics, order, lines=[services.GoodsInput(order.lines.get(position=1), "600")])
    assert first.number == f"{order.number}-S1" and first.status == "planned"
    second = planned(logistics, order)  # everything still to ship
    assert second.number == f"{order.number}-S2" and second.sequence == 2
    kettles, lids = order.lines.order_by("position")
    assert {(row.order_line_id, row.quantity) for row in second.lines.all()} == {
        (kettles.pk, Decimal("400")),
        (lids.pk, Decimal("40")),
    }
    assert [row.remaining for row in selectors.order_lines_remaining(order)] == [Decimal(0), Decimal(0)]
    assert ShipmentLine.objects.get(shipment=second, order_line=kettles).cartons == 67  # 400 / 6, rounded up
    assert "shipping.created" in set(history_of("trade.order", order).values_list("kind", flat=True))


def test_ports_are_un_locodes(order, logistics):
    shipment = planned(logistics, order, port_of_loading=" cn ngb ")
    assert shipment.port_of_loading == "CNNGB"
    for bad in ("Ningbo", "CNNG", "ZZNGB", "CN-NGB", "CNNG1"):
        with pytest.raises(ValidationFailed) as refused:
            services.shipment_update(actor=logistics, shipment=shipment, port_of_discharge=bad)
        assert refused.value.field == "port_of_discharge" and "UN/LOCODE" in str(refused.value.message)
    shipment.refresh_from_db()
    assert shipment.port_of_discharge == "DEHAM"


def test_the_eta_is_not_before_the_etd(order, logistics):
    with pytest.raises(ValidationFailed) as refused:
        planned(logistics, order, etd=today() + dt.timedelta(days=10), eta=today() + dt.timedelta(days=9))
    assert refused.value.field == "eta"
    assert not Shipment.objects.exists()
    shipment = planned(logistics, order)
    with pytest.raises(ValidationFailed):
        services.shipment_update(actor=logistics, shipment=shipment, etd=shipment.eta + dt.timedelta(days=1))
    with pytest.raises(ValidationFailed):
        services.shipment_eta_change(
            actor=logistics, shipment=shipment, eta=shipment.etd - dt.timedelta(days=1)
        )
    shipment.refresh_from_db()
    assert shipment.eta == today() + dt.timedelta(days=42) and not EtaChange.objects.exists()


def test_actual_dates_come_with_the_statuses_and_ata_is_not_before_atd(order, logistics):
    shipment = planned(logistics, order, lines=[])
    with pytest.raises(ValidationFailed) as refused:
        services.shipment_update(actor=logistics, shipment=shipment, atd=today())
    assert refused.value.field == "atd"
    shipment = sailed(
        logistics, order, etd=today() - dt.timedelta(days=3), eta=today() + dt.timedelta(days=20)
    )
    with pytest.raises(ValidationFailed) as refused:
        services.shipment_status_set(
            actor=logistics, shipment=shipment, status="arrived", on=today() - dt.timedelta(days=1)
        )
    assert "ATA" in str(refused.value.message) and refused.value.field == "on"
    with pytest.raises(ValidationFailed):  # an actual date is not in the future
        services.shipment_status_set(
            actor=logistics, shipment=shipment, status="arrived", on=today() + dt.timedelta(days=1)
        )
    shipment.refresh_from_db()
    assert shipment.status == "shipped" and shipment.ata is None
    services.shipment_update(
        actor=logistics, shipment=shipment, atd=today() - dt.timedelta(days=1)
    )  # corrected
    with pytest.raises(ValidationFailed) as refused:  # not taken away
        services.shipment_update(actor=logistics, shipment=shipment, atd=None)
    assert refused.value.field == "atd"
    with pytest.raises(ValidationFailed) as refused:  # what sailed keeps its mode
        services.shipment_update(actor=logistics, shipment=shipment, mode="air")
    assert refused.value.field == "mode"
    shipment.refresh_from_db()
    assert shipment.atd == today() - dt.timedelta(days=1) and shipment.mode == "sea_fcl"


def test_only_a_confirmed_order_ships(setup, logistics):
    from tests.sales import quote

    quotation = quote(setup)
    trade.quotation_mark_sent(actor=setup["rep"], quotation=quotation)
    trade.quotation_accept(actor=setup["rep"], quotation=quotation)
    proforma = trade.order_create_from_quotation(actor=setup["rep"], quotation=quotation)
    with pytest.raises(Conflict):
        planned(logistics, proforma)
    order = trade.order_confirm(actor=setup["rep"], order=proforma)
    shipment = planned(logistics, order)
    trade.order_cancel(actor=setup["rep"], order=order, reason="The buyer's bank refused")
    shipment.refresh_from_db()
    with pytest.raises(Conflict):
        services.shipment_update(actor=logistics, shipment=shipment, vessel="Ever Given")
    with pytest.raises(Conflict):
        services.container_add(actor=logistics, shipment=shipment, container_type="40HQ")
    with pytest.raises(Conflict):
        services.shipment_status_set(actor=logistics, shipment=shipment, status="booked")


def test_who_changes_shipments(setup, order, member_factory, logistics):
    for role in (Role.SALES, Role.DOCUMENTS, Role.FINANCE, Role.MERCHANDISER, Role.VIEWER):
        with pytest.raises(PermissionDenied):
            planned(member_factory(role), order)
    with pytest.raises(PermissionDenied):
        planned(setup["rep"], order)  # the order's own rep reads them
    assert planned(setup["manager"], order).created_by == setup["manager"]
    shipment = planned(logistics, order)
    logistics.is_active = False
    logistics.save()
    with pytest.raises(PermissionDenied):
        services.shipment_update(actor=logistics, shipment=shipment, vessel="X")


# --- goods -------------------------------------------------------------------------------------------------


def test_shipping_more_than_ordered_is_refused_naming_the_line(order, logistics):
    kettles, lids = order.lines.order_by("position")
    first = planned(logistics, order, lines=[services.GoodsInput(kettles, "700")])
    second = planned(logistics, order, lines=[])
    with pytest.raises(ValidationFailed) as refused:
        services.shipment_lines_set(
            actor=logistics, shipment=second,
            goods=[services.GoodsInput(kettles, "301"), services.GoodsInput(lids, "40")],
        )  # fmt: skip
    message = str(refused.value.message)
    assert "KT-1700" in message and "301" in message and "300 left" in message and "700 in other" in message
    assert refused.value.field == "lines.0.quantity"
    assert not second.lines.exists()
    services.shipment_lines_set(actor=logistics, shipment=second, goods=[services.GoodsInput(kettles, "300")])
    # A cancelled shipment gives its goods back.
    services.shipment_status_set(actor=logistics, shipment=first, status="cancelled", reason="Space rolled")
    assert selectors.order_lines_remaining(order)[0].remaining == Decimal("700")


def test_goods_are_whole_for_counted_units_and_of_this_order(setup, order, logistics):
    other = confirmed_order(setup)
    shipment = planned(logistics, order, lines=[])
    with pytest.raises(ValidationFailed) as refused:
        services.shipment_lines_set(
            actor=logistics, shipment=shipment,
            goods=[services.GoodsInput(order.lines.get(position=1), "2.5"),
                   services.GoodsInput(other.lines.get(position=1), "1")],
        )  # fmt: skip
    fields = {e.field for e in refused.value.each()}
    assert fields == {"lines.0.quantity", "lines.1.order_line"}


def test_the_totals_follow_the_containers_or_else_the_goods(order, logistics):
    shipment = planned(logistics, order, lines=[services.GoodsInput(order.lines.get(position=1), "600")])
    shipment.refresh_from_db()
    assert shipment.cartons == 100 and shipment.gross_kg == Decimal("840.00")  # 100 cartons × 8.40 kg
    services.container_add(
        actor=logistics, shipment=shipment, container_type="20GP", number=CONTAINERS[1], cartons=100,
        gross_kg="2150.5", cbm="5.2",
    )  # fmt: skip
    shipment.refresh_from_db()
    assert (shipment.cartons, shipment.gross_kg, shipment.cbm) == (100, Decimal("2150.50"), Decimal("5.2000"))


# --- containers --------------------------------------------------------------------------------------------


def test_containers_need_a_valid_number_once_and_a_type_that_fits_the_mode(order, logistics):
    shipment = planned(logistics, order)
    with pytest.raises(ValidationFailed) as refused:
        services.container_add(
            actor=logistics, shipment=shipment, container_type="40HQ", number="CSQU3054384"
        )
    assert "should be 3" in str(refused.value.message)
    container = services.container_add(
        actor=logistics, shipment=shipment, container_type="40HQ", number="csqu 3054383"
    )
    assert container.number == "CSQU3054383"
    with pytest.raises(ValidationFailed):  # the same box twice
        services.container_add(
            actor=logistics, shipment=shipment, container_type="40GP", number="CSQU3054383"
        )
    with pytest.raises(ValidationFailed):  # LCL only for an LCL shipment
        services.container_add(actor=logistics, shipment=shipment, container_type="LCL")
    services.container_update(actor=logistics, container=container, seal_number="ml-998877")
    container.refresh_from_db()
    assert container.seal_number == "ML-998877"
    services.container_remove(actor=logistics, container=container)
    assert not Container.objects.exists()
    assert "shipping.container_removed" in set(
        history_of("shipping.shipment", shipment).values_list("kind", flat=True)
    )


def test_air_and_lcl_need_no_container_numbers(order, logistics):
    air = planned(
        logistics, order, mode="air", lines=[services.GoodsInput(order.lines.get(position=2), "40")]
    )
    with pytest.raises(ValidationFailed):
        services.container_add(actor=logistics, shipment=air, container_type="20GP")
    services.shipment_status_set(actor=logistics, shipment=air, status="shipped")  # no booking, no box
    air.refresh_from_db()
    assert air.status == "shipped" and air.atd == today() and air.release_status == "waybill"
    lcl = planned(logistics, order, mode="sea_lcl", booking_number="LCL-1")
    services.container_add(actor=logistics, shipment=lcl, container_type="LCL")
    services.shipment_status_set(actor=logistics, shipment=lcl, status="booked")
    services.shipment_status_set(actor=logistics, shipment=lcl, status="shipped")
    assert Shipment.objects.get(pk=lcl.pk).status == "shipped"


# --- statuses ----------------------------------------------------------------------------------------------


def test_a_full_container_load_sails_booked_with_numbered_containers(order, logistics):
    shipment = planned(logistics, order)
    with pytest.raises(Conflict):  # sea freight is booked first
        services.shipment_status_set(actor=logistics, shipment=shipment, status="shipped")
    with pytest.raises(ValidationFailed) as refused:
        services.shipment_status_set(actor=logistics, shipment=shipment, status="booked")
    assert refused.value.field == "booking_number"
    services.shipment_update(actor=logistics, shipment=shipment, booking_number="NGB2612345")
    services.shipment_status_set(actor=logistics, shipment=shipment, status="booked")
    container = services.container_add(actor=logistics, shipment=shipment, container_type="40HQ")
    with pytest.raises(ValidationFailed) as refused:
        services.shipment_status_set(actor=logistics, shipment=shipment, status="shipped")
    assert refused.value.field == "containers"
    services.container_update(actor=logistics, container=container, number=CONTAINERS[2])
    services.shipment_status_set(actor=logistics, shipment=shipment, status="shipped")
    shipment.refresh_from_db()
    assert shipment.status == "shipped" and shipment.atd == today()
    with pytest.raises(Conflict):  # what sailed is fixed
        services.container_remove(actor=logistics, container=container)
    with pytest.raises(Conflict):
        services.shipment_status_set(actor=logistics, shipment=shipment, status="cancelled", reason="x")
    services.shipment_status_set(actor=logistics, shipment=shipment, status="arrived")
    services.shipment_status_set(actor=logistics, shipment=shipment, status="delivered")
    shipment.refresh_from_db()
    assert shipment.status == "delivered" and shipment.delivered_on == today()
    timeline = set(history_of("crm.customer", order.customer).values_list("kind", flat=True))
    assert "shipping.status" in timeline


def test_cancelling_needs_a_reason(order, logistics):
    shipment = planned(logistics, order)
    with pytest.raises(ValidationFailed):
        services.shipment_status_set(actor=logistics, shipment=shipment, status="cancelled", reason=" ")
    services.shipment_status_set(actor=logistics, shipment=shipment, status="cancelled", reason="Order split")
    shipment.refresh_from_db()
    assert shipment.status == "cancelled" and shipment.cancelled_reason == "Order split"
    with pytest.raises(Conflict):
        services.shipment_update(actor=logistics, shipment=shipment, vessel="X")


# --- ETA changes -------------------------------------------------------------------------------------------


def test_a_moved_eta_is_recorded_tells_the_rep_and_drafts_for_the_buyer(setup, order, logistics):
    shipment = planned(logistics, order, vessel="MSC Aurora", voyage="FE612W")
    old = shipment.eta
    change = services.shipment_eta_change(
        actor=logistics,
        shipment=shipment,
        eta=old + dt.timedelta(days=5),
        reason="Port congestion in Hamburg",
    )
    assert (change.old_eta, change.new_eta) == (old, old + dt.timedelta(days=5))
    assert change.draft_language == "en" and shipment.number in change.draft_subject
    assert "Port congestion in Hamburg" in change.draft and "MSC Aurora" in change.draft
    assert setup["rep"].user.display_name in change.draft
    note = Notification.objects.get(recipient=setup["rep"], kind="shipping.eta_changed")
    assert shipment.number in note.title
    for subject, record in (("trade.order", order), ("shipping.shipment", shipment)):
        entry = history_of(subject, record).get(kind="shipping.eta_changed")
        assert entry.data["old"] == old.isoformat() and entry.data["new"] == change.new_eta.isoformat()
    with pytest.raises(ValidationFailed):  # the same date is no change
        services.shipment_eta_change(actor=logistics, shipment=shipment, eta=change.new_eta)


def test_the_draft_is_in_the_buyers_language_where_there_is_a_template(setup, order, logistics):
    customer = order.customer
    customer.languages = "Deutsch, 中文"
    customer.save()
    shipment = planned(logistics, order)
    change = services.shipment_eta_change(
        actor=logistics, shipment=shipment, eta=shipment.eta + dt.timedelta(3)
    )
    assert change.draft_language == "zh-hans" and "预计到港" in change.draft_subject
    customer.languages = "Deutsch"  # no German template: the PI's language, English
    customer.save()
    change = services.shipment_eta_change(
        actor=logistics, shipment=shipment, eta=shipment.eta + dt.timedelta(1)
    )
    assert change.draft_language == "en"


def test_an_eta_moved_by_editing_is_a_change_too(setup, order, logistics):
    shipment = planned(logistics, order)
    services.shipment_update(
        actor=logistics, shipment=shipment, eta=shipment.eta + dt.timedelta(days=2), reason="Skipped call"
    )
    assert EtaChange.objects.get().reason == "Skipped call"
    assert Notification.objects.filter(recipient=setup["rep"], kind="shipping.eta_changed").exists()


# --- release -----------------------------------------------------------------------------------------------


def test_release_is_refused_while_the_balance_is_open(order, logistics):
    shipment = sailed(logistics, order)
    with pytest.raises(Conflict) as refused:
        services.shipment_release(actor=logistics, shipment=shipment, how="telex_released")
    assert "still owes" in str(refused.value.message)
    with pytest.raises(PermissionDenied):  # logistics may not override
        services.shipment_release(
            actor=logistics, shipment=shipment, how="telex_released", override_reason="Good customer"
        )
    shipment.refresh_from_db()
    assert (
        shipment.release_status == "not_released"
        and not AuditEntry.objects.filter(action="shipment_release_override").exists()
    )


def test_a_manager_releases_with_a_reason_audited(setup, order, logistics):
    shipment = sailed(logistics, order)
    released = services.shipment_release(
        actor=setup["manager"], shipment=shipment, how="originals_sent", courier="DHL", tracking="1234567890",
        override_reason="Balance promised by Friday; 12 years of good payments",
    )  # fmt: skip
    assert released.release_status == "originals_sent" and released.released_by == setup["manager"]
    entry = AuditEntry.objects.get(action="shipment_release_override")
    assert entry.target == shipment.number and "good payments" in entry.data["reason"]
    history = history_of("trade.order", order).get(kind="shipping.released")
    assert history.data["reason"].startswith("Balance promised")
    with pytest.raises(Conflict):  # once
        services.shipment_release(actor=setup["manager"], shipment=shipment, how="telex_released")


def test_release_when_paid_needs_the_bl_and_for_originals_the_tracking(order, logistics):
    pay_everything(order)
    shipment = planned(logistics, order, lines=[])
    with pytest.raises(Conflict):  # not sailed
        services.shipment_release(actor=logistics, shipment=shipment, how="telex_released")
    shipment = sailed(logistics, order)
    with pytest.raises(ValidationFailed) as refused:
        services.shipment_release(actor=logistics, shipment=shipment, how="originals_sent")
    assert {e.field for e in refused.value.each()} == {"courier", "tracking"}
    services.shipment_release(actor=logistics, shipment=shipment, how="telex_released")
    shipment.refresh_from_db()
    assert shipment.release_status == "telex_released" and shipment.release_override_reason == ""
    assert not AuditEntry.objects.filter(action="shipment_release_override").exists()


# --- the board ---------------------------------------------------------------------------------------------


def test_the_boards_next_etd_is_the_earliest_not_yet_sailed(setup, order, logistics):
    from tradewind.trade.workflow.models import Fulfilment
    from tradewind.trade.workflow.services import fulfilment_start

    fulfilment_start(actor=setup["rep"], order=order)
    kettles = order.lines.get(position=1)
    late = planned(logistics, order, etd=today() + dt.timedelta(20), eta=today() + dt.timedelta(50),
                   lines=[services.GoodsInput(kettles, "100")])  # fmt: skip
    assert Fulfilment.objects.get(order=order).next_etd == late.etd
    early = sailed(logistics, order, etd=today() + dt.timedelta(5), eta=today() + dt.timedelta(40))
    assert early.status == "shipped"  # sailed: no longer the next
    assert Fulfilment.objects.get(order=order).next_etd == late.etd
    services.shipment_status_set(actor=logistics, shipment=late, status="cancelled", reason="Merged")
    assert Fulfilment.objects.get(order=order).next_etd is None


# --- the demo ----------------------------------------------------------------------------------------------


def test_the_demo_ships_the_confirmed_orders_in_real_looking_containers(setup, logistics):
    from tradewind.trade.shipping.demo import LOGISTICS, demo_shipping

    orders = [confirmed_order(setup) for _ in range(3)]
    demo_shipping(workspace=setup["owner"].workspace, members_by_email={LOGISTICS: logistics})
    statuses = sorted(Shipment.objects.values_list("status", flat=True))
    assert statuses == ["arrived", "booked", "planned", "shipped"]
    assert Shipment.objects.filter(order=orders[0]).count() == 2  # the partial shipment
    shipped = Shipment.objects.get(status="shipped")
    assert shipped.bl_number and shipped.atd
    for container in Container.objects.all():
        assert container_number_check(container.number) == container.number
    demo_shipping(workspace=setup["owner"].workspace, members_by_email={LOGISTICS: logistics})
    assert Shipment.objects.count() == 4  # once
