"""What the after-sales tests share: a workspace that sells (tests/sales.py's `setup`) with customer service,
confirmed orders made through the sales services, shipments written through the ORM (the shipping app's
services are another's), a photo."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import png_upload, workspace_today
from tests.sales import quote
from tradewind.accounts.services import api_token_create
from tradewind.trade import services as trade
from tradewind.trade.shipping.models import Shipment
from tradewind.workspaces.choices import Role


def confirmed_order(world, *, customer=None, actor=None, **extra):
    """A confirmed order of `customer` (the rep's Hausmann GmbH), EUR 12,500.00 unless told otherwise."""
    values = dict(extra)
    if customer is not None:
        values["customer"] = customer
    if actor is not None:
        values["actor"] = actor
    quotation = quote(world.setup, **values)
    rep = actor or world.rep
    trade.quotation_mark_sent(actor=rep, quotation=quotation)
    trade.quotation_accept(actor=rep, quotation=quotation)
    order = trade.order_create_from_quotation(actor=rep, quotation=quotation)
    return trade.order_confirm(actor=rep, order=order)


def service_default(workspace, member) -> None:
    """The workspace's default customer service person for new orders (the workflow's team defaults)."""
    from tradewind.trade.workflow.models import TeamDefaults

    TeamDefaults.objects.update_or_create(workspace=workspace, defaults={"service": member})


def make_world(setup, member_factory, *, with_service_default=True) -> SimpleNamespace:
    """The sales `setup` plus customer service (the default service person of new orders) and a confirmed
    order of the rep's customer."""
    service = member_factory(Role.SERVICE)
    world = SimpleNamespace(setup=setup, service=service, **setup)
    if with_service_default:
        service_default(setup["owner"].workspace, service)
    world.order = confirmed_order(world)
    return world


_numbers = iter(range(1, 10**6))


def shipment(order, *, status="shipped", eta=None, ata=None, delivered_on=None, **extra) -> Shipment:
    n = next(_numbers)
    return Shipment.objects.create(
        workspace_id=order.workspace_id,
        order=order,
        number=f"{order.number}-S{n}",
        sequence=n,
        status=status,
        etd=(eta or workspace_today()) - dt.timedelta(days=30),
        eta=eta,
        ata=ata,
        delivered_on=delivered_on,
        **extra,
    )


def photo(name: str = "carton.png", size=(120, 80)) -> SimpleUploadedFile:
    return png_upload(name, size)


def api_client(member) -> Client:
    _token, raw = api_token_create(membership=member, name="t", expires_at=None, ip=None)
    return Client(headers={"Authorization": f"Bearer {raw}"})
