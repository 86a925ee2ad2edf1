"""What the workflow's tests share: a confirmed order with a full team (the sales `setup` fixture's rep
sells it; a merchandiser, documents clerk, logistics, finance and customer service take the jobs)."""

import pytest

from tests.sales import quote
from tradewind.trade import services as trade
from tradewind.trade.workflow import services
from tradewind.trade.workflow.models import OrderStage
from tradewind.workspaces.choices import Role

JOBS = {
    "merchandiser": Role.MERCHANDISER,
    "documents": Role.DOCUMENTS,
    "logistics": Role.LOGISTICS,
    "finance": Role.FINANCE,
    "service": Role.SERVICE,
}


@pytest.fixture
def team(setup, member_factory):
    """The workspace's default team for new orders, one member a job."""
    members = {job: member_factory(role) for job, role in JOBS.items()}
    services.team_defaults_set(actor=setup["owner"], **members)
    return members


def confirmed_order(setup, **extra):
    """A quotation accepted, its PI made and confirmed by the rep: the order is in fulfilment."""
    quotation = quote(setup, **extra)
    trade.quotation_mark_sent(actor=setup["rep"], quotation=quotation)
    trade.quotation_accept(actor=setup["rep"], quotation=quotation)
    order = trade.order_create_from_quotation(actor=setup["rep"], quotation=quotation)
    return trade.order_confirm(actor=setup["rep"], order=order)


def stage(order, key) -> OrderStage:
    return OrderStage.objects.select_related("fulfilment__order", "owner", "task").get(
        fulfilment__order=order, key=key
    )


def finish(actor, order, key):
    """Tick every step of a stage and complete it."""
    s = stage(order, key)
    for item in s.items.all():
        services.stage_item_toggle(actor=actor, item=item, done=True)
    return services.stage_complete(actor=actor, stage=stage(order, key))
