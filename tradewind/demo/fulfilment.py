"""Demo fulfilment: the order team (who takes each job on new orders), three more orders confirmed so the
board has one at every kind of place — just confirmed, in production, closed — and every confirmed order's
stages completed as far as what happened to it says (deposit paid, goods made and inspected, booked,
sailed, arrived). Made through the services, each stage by the member whose job it is.

`demo_order_team` runs before the sales demo confirms its orders (their fulfilment starts with a team);
`demo_fulfilment` after the production, shipping, documents, receivables and after-sales demos.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from tradewind.catalog.models import Product
from tradewind.crm.models import Customer
from tradewind.demo.trade import CURRENCY_BY_COUNTRY, _lines
from tradewind.trade import services as trade
from tradewind.trade.models import Order
from tradewind.trade.payment_terms import preset_terms
from tradewind.trade.workflow import services
from tradewind.trade.workflow.models import Fulfilment, OrderStage, StageStatus
from tradewind.workspaces.choices import Role

TEAM = {
    "merchandiser": "sun.min@haichao.example",
    "documents": "li.na@haichao.example",
    "logistics": "zhao.lei@haichao.example",
    "finance": "qian.fang@haichao.example",
    "service": "grace.he@haichao.example",
}
MARK = "Demo order for the fulfilment board"  # in the remarks: made once


def demo_order_team(*, workspace, members_by_email) -> None:
    services.workflow_template_ensure(workspace)
    services.team_defaults_set(
        actor=members_by_email["chen.jie@haichao.example"],
        **{job: members_by_email[email] for job, email in TEAM.items()},
    )


def demo_fulfilment(*, workspace, members_by_email) -> None:
    if not Order.objects.filter(workspace=workspace, remarks__startswith=MARK).exists():
        _more_orders(workspace, members_by_email)
    for fulfilment in Fulfilment.objects.filter(workspace=workspace, closed_at__isnull=True).select_related(
        "order__customer", "order__owner", "order__workspace"
    ):
        order = fulfilment.order
        target = _reached(order)
        for stage in OrderStage.objects.filter(fulfilment=fulfilment).order_by("position"):
            if stage.key not in target or stage.status == StageStatus.DONE:
                break
            _finish(members_by_email, order, stage.key)


def _more_orders(workspace, members_by_email) -> None:
    """A repeat buyer's order confirmed today (deposit awaited), one in production, one closed."""
    rng = random.Random(23)  # noqa: S311 - demo data
    reps = [members_by_email["amy.liu@haichao.example"], members_by_email["kevin.zhou@haichao.example"]]
    products = list(
        Product.objects.filter(workspace=workspace, status="active", cost_amount__isnull=False)[:30]
    )
    customers = list(Customer.objects.filter(workspace=workspace, owner__in=reps).order_by("-name")[:3])
    today = timezone.localdate()
    plans = [("deposit", 0, 50), ("production", 12, 40), ("closed", 95, 0)]
    for (target, days_ago, delivery_in), customer in zip(plans, customers, strict=False):
        currency = CURRENCY_BY_COUNTRY.get(customer.country, "USD")
        order = trade.order_create(
            actor=customer.owner, customer=customer, currency=currency, incoterm="FOB",
            incoterm_place="Ningbo", payment_terms=preset_terms("tt_30_70_bl"),
            lines=_lines(rng, products, currency), buyer_name=customer.name_latin or customer.name,
            port_of_loading="Ningbo, China", delivery_date=today + dt.timedelta(days=delivery_in - days_ago),
            remarks=f"{MARK} ({target}).",
        )  # fmt: skip
        Order.objects.filter(pk=order.pk).update(issued_on=today - dt.timedelta(days=days_ago))
        order.refresh_from_db()
        order = trade.order_confirm(
            actor=customer.owner, order=order, confirmed_on=today - dt.timedelta(days=days_ago)
        )
        if target != "deposit":  # the deposit came; the closed order's buyer paid everything
            _pay(members_by_email[TEAM["finance"]], order, everything=target == "closed")


def _pay(finance, order, *, everything: bool) -> None:
    from tradewind.trade.receivables.services import receipt_record

    payments = order.payments.order_by("position")
    amount = sum(p.amount - p.received for p in (payments if everything else payments[:1]))
    receipt_record(
        actor=finance, order=order, received_on=order.confirmed_on, amount=amount, currency=order.currency,
        reference=f"FT-DEMO-{order.number}", payer=order.buyer_name[:200],
    )  # fmt: skip


def _reached(order) -> set[str]:
    """The stages what happened to the order has completed."""
    if order.remarks.startswith(MARK):
        planned = order.remarks[len(MARK) :].strip(" ().")
        keys = [
            "deposit",
            "production",
            "qc",
            "booking",
            "shipped",
            "documents",
            "balance",
            "delivered",
            "closed",
        ]
        return set(keys[: keys.index(planned) + 1]) - {planned} if planned != "closed" else set(keys)
    from tradewind.trade.receivables.selectors import order_balance_open
    from tradewind.trade.shipping.models import Shipment, ShipmentStatus

    reached = set()
    paid = order.payments.filter(received__gt=0).exists()
    shipments = list(Shipment.objects.filter(order=order).exclude(status=ShipmentStatus.CANCELLED))
    sailed = [s for s in shipments if s.atd]
    if paid or (shipments and not order.payments.filter(event="deposit").exists()):
        reached.add("deposit")  # paid, or terms with no deposit (an L/C)
    if sailed or any(s.status == ShipmentStatus.BOOKED for s in shipments):
        reached |= {"production", "qc", "booking"}
    if sailed and len(sailed) == len(shipments):
        reached.add("shipped")
    if reached >= {"shipped"} and order_balance_open(order) is None:
        reached |= {"documents", "balance"}
    return reached


def _finish(members_by_email, order, key: str) -> None:
    """Tick the stage's procedure and complete it, as the member whose job it is."""
    stage = OrderStage.objects.select_related("fulfilment__order").get(fulfilment__order=order, key=key)
    actor = stage.owner or order.owner
    if stage.owner_role == Role.SALES:
        actor = order.owner
    for item in stage.items.all():
        services.stage_item_toggle(actor=actor, item=item, done=True)
    services.stage_complete(actor=actor, stage=OrderStage.objects.get(pk=stage.pk))
