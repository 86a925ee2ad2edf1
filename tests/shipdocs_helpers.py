"""What the shipping-document tests share: a confirmed order made through the sales services, a shipment of
it made through the ORM (the shipping app's services are another app's), the team's documents clerk."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.factories import CustomerFactory
from tests.sales import TT_30_70, quote
from tradewind.trade import services as trade
from tradewind.trade.payment_terms import preset_terms
from tradewind.trade.shipping.models import Container, Shipment, ShipmentLine
from tradewind.workspaces.choices import Role

LC_SIGHT = preset_terms("lc_sight")


def documents_team(setup, member_factory):
    """The sales `setup` plus the fulfilment team: a documents clerk (the workspace's default for orders),
    logistics, finance and a viewer."""
    from tradewind.trade.workflow.models import TeamDefaults

    clerk = member_factory(Role.DOCUMENTS)
    TeamDefaults.objects.update_or_create(workspace=clerk.workspace, defaults={"documents": clerk})
    return {
        **setup,
        "clerk": clerk,
        "logistics": member_factory(Role.LOGISTICS),
        "finance": member_factory(Role.FINANCE),
        "viewer": member_factory(Role.VIEWER),
    }


def confirmed_order(docs, *, incoterm="FOB", place="Ningbo", terms=None, customer=None, lines=None, **extra):
    """An order the buyer confirmed (through the sales services), as a rep makes it."""
    values = {"incoterm": incoterm, "incoterm_place": place, "payment_terms": terms or TT_30_70, **extra}
    if customer is not None:
        values["customer"] = customer
    if lines is not None:
        values["lines"] = lines
    quotation = quote(docs, **values)
    trade.quotation_mark_sent(actor=docs["rep"], quotation=quotation)
    trade.quotation_accept(actor=docs["rep"], quotation=quotation)
    order = trade.order_create_from_quotation(
        actor=docs["rep"], quotation=quotation, shipping_marks="HAUSMANN\nKÖLN"
    )
    return trade.order_confirm(actor=docs["rep"], order=order)


def buyer(docs, country: str, name: str | None = None, **extra):
    return CustomerFactory(
        actor=docs["rep"], name=name or f"Buyer of {country}", country=country, owner=docs["rep"], **extra
    )


def make_shipment(order, *, goods="all", containers=(), sequence=1, **fields):
    """A shipment of `order` carrying `goods` ("all": every line in full; else [(order_line, quantity,
    cartons or None)]) in `containers` ([(type, number, seal, cartons, gross_kg, cbm)])."""
    shipment = Shipment.objects.create(
        workspace=order.workspace,
        order=order,
        number=f"{order.number}-S{sequence}",
        sequence=sequence,
        **fields,
    )
    if goods == "all":
        goods = [(line, line.quantity, None) for line in order.lines.all()]
    for order_line, quantity, cartons in goods:
        ShipmentLine.objects.create(
            workspace=order.workspace,
            shipment=shipment,
            order_line=order_line,
            quantity=Decimal(quantity),
            cartons=cartons,
        )
    for position, (kind, number, seal, cartons, gross, cbm) in enumerate(containers):
        Container.objects.create(
            workspace=order.workspace,
            shipment=shipment,
            position=position,
            container_type=kind,
            number=number,
            seal_number=seal,
            cartons=cartons,
            gross_kg=Decimal(gross),
            cbm=Decimal(cbm),
        )
    return shipment


def kinds(shipment) -> set[str]:
    return set(shipment.documents.values_list("kind", flat=True))


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)
