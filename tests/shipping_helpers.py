"""What the shipping tests share: a confirmed order of the sales fixtures (1,000 kettles and 40 sets of
spare lids, 30 % deposit / 70 % against B/L copy), logistics, and a shipment ready to sail."""

import datetime as dt

import pytest

from tests.factories import workspace_today
from tests.sales import quote
from tradewind.trade import services as trade
from tradewind.trade.lines import LineInput
from tradewind.trade.models import OrderPayment
from tradewind.trade.shipping import services
from tradewind.workspaces.choices import Role

# Real container numbers: their ISO 6346 check digits are right.
CONTAINERS = ("CSQU3054383", "MSKU9070323", "MAEU1234567", "EGHU9012345")


def confirmed_order(setup, *, lines=None):
    quotation = quote(
        setup,
        lines=lines
        or [
            LineInput(product=setup["product"], quantity="1000", unit_price="12.50"),
            LineInput(name="Spare lid", quantity="40", unit="sets", unit_price="2"),
        ],
    )
    trade.quotation_mark_sent(actor=setup["rep"], quotation=quotation)
    trade.quotation_accept(actor=setup["rep"], quotation=quotation)
    order = trade.order_create_from_quotation(actor=setup["rep"], quotation=quotation)
    return trade.order_confirm(actor=setup["rep"], order=order)


def pay_everything(order) -> None:
    """The buyer paid every milestone (receivables' services are another app's: the amounts directly)."""
    for payment in OrderPayment.objects.filter(order=order):
        OrderPayment.objects.filter(pk=payment.pk).update(received=payment.amount)


@pytest.fixture(name="order")
def order_fixture(setup):
    return confirmed_order(setup)


@pytest.fixture(name="logistics")
def logistics_fixture(member_factory):
    return member_factory(Role.LOGISTICS)


def planned(actor, order, **fields):
    today = workspace_today()
    values = {
        "forwarder": "Ningbo Ocean Link",
        "port_of_loading": "CNNGB",
        "port_of_discharge": "DEHAM",
        "etd": today + dt.timedelta(days=10),
        "eta": today + dt.timedelta(days=42),
        **fields,
    }
    return services.shipment_create(actor=actor, order=order, **values)


def sailed(actor, order, **fields):
    """Booked, in a numbered 40HQ, shipped today with its B/L."""
    shipment = planned(
        actor, order, booking_number="NGB2612345", vessel="MSC Aurora", voyage="FE612W", **fields
    )
    services.container_add(
        actor=actor, shipment=shipment, container_type="40HQ", number=CONTAINERS[0], seal_number="ML1234567"
    )
    services.shipment_status_set(actor=actor, shipment=shipment, status="booked")
    services.shipment_status_set(actor=actor, shipment=shipment, status="shipped")
    return services.shipment_update(actor=actor, shipment=shipment, bl_number="MEDUNB123456")
