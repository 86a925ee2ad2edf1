"""The follow-up after delivery (issue 12): planned once per shipment, N days after it reached the buyer, for
the order's customer service person (else its rep), with the CRM's next follow-up brought forward."""

import datetime as dt

import pytest

from tests.aftersales_helpers import make_world, shipment
from tests.factories import history_of, timeline_of
from tradewind.crm.models import Customer
from tradewind.notifications.models import Notification
from tradewind.tasks.models import Task
from tradewind.trade.aftersales import services
from tradewind.trade.aftersales.models import FollowUp
from tradewind.trade.aftersales.services.common import workspace_today
from tradewind.trade.aftersales.tasks import plan_follow_ups


@pytest.fixture
def world(setup, member_factory):
    return make_world(setup, member_factory)


def _days_ago(world, days: int) -> dt.date:
    return workspace_today(world.order.workspace) - dt.timedelta(days=days)


def test_a_shipment_14_days_after_its_eta_gets_one_follow_up_by_customer_service(world):
    due = shipment(world.order, eta=_days_ago(world, 14))
    shipment(world.order, eta=_days_ago(world, 13))  # tomorrow's
    assert services.follow_ups_plan() == 1
    follow_up = FollowUp.objects.get()
    assert (follow_up.shipment, follow_up.assignee, follow_up.due_on) == (
        due,
        world.service,
        _days_ago(world, 0),
    )
    task = follow_up.task
    assert task.assignee == world.service and task.subject == ("crm.customer", world.customer.public_id)
    assert due.number in task.title and task.due_date == workspace_today(world.order.workspace)
    told = Notification.objects.get(recipient=world.service, kind="aftersales.follow_up_due")
    assert world.customer.name in told.title
    customer = Customer.objects.get(pk=world.customer.pk)
    assert customer.next_follow_up_on == follow_up.customer_follow_up_on is not None
    assert "aftersales.follow_up.planned" in set(
        history_of("trade.order", world.order).values_list("kind", flat=True)
    )
    assert "aftersales.follow_up.planned" in set(timeline_of(world.customer).values_list("kind", flat=True))
    # Once per shipment: the next runs (the worker's job is hourly) plan nothing new.
    assert services.follow_ups_plan() == 0
    plan_follow_ups.call_local()
    assert FollowUp.objects.count() == 1 and Task.objects.filter(title__contains=due.number).count() == 1


def test_the_delivery_or_arrival_day_counts_before_the_eta(world):
    shipment(world.order, eta=_days_ago(world, 30), delivered_on=_days_ago(world, 5))
    shipment(world.order, eta=_days_ago(world, 30), ata=_days_ago(world, 10))
    assert services.follow_ups_plan() == 0
    arrived = shipment(world.order, eta=_days_ago(world, 3), ata=_days_ago(world, 15))
    assert services.follow_ups_plan() == 1
    assert FollowUp.objects.get().shipment == arrived


def test_planned_cancelled_long_gone_and_dateless_shipments_are_not_followed_up(world):
    shipment(world.order, status="planned", eta=_days_ago(world, 20))
    shipment(world.order, status="cancelled", eta=_days_ago(world, 20))
    shipment(world.order, eta=_days_ago(world, 14 + 31))  # arrived long before the feature noticed
    shipment(world.order, eta=None)
    assert services.follow_ups_plan() == 0


def test_without_a_customer_service_person_the_orders_rep_follows_up(setup, member_factory):
    world = make_world(setup, member_factory, with_service_default=False)
    shipment(world.order, eta=_days_ago(world, 20), status="arrived")
    assert services.follow_ups_plan() == 1
    follow_up = FollowUp.objects.get()
    assert follow_up.assignee == world.rep and follow_up.task.assignee == world.rep


def test_the_workspaces_days_decide_and_an_earlier_crm_follow_up_is_kept(world):
    services.aftersales_settings_update(actor=world.service, follow_up_days=7)
    earlier = _days_ago(world, 0)
    Customer.objects.filter(pk=world.customer.pk).update(next_follow_up_on=earlier)
    shipment(world.order, eta=_days_ago(world, 7), status="delivered")
    assert services.follow_ups_plan() == 1
    assert FollowUp.objects.get().customer_follow_up_on is None
    assert Customer.objects.get(pk=world.customer.pk).next_follow_up_on == earlier


def test_the_settings_take_whole_days_from_customer_service_and_the_leads(world, member_factory):
    from tradewind.core.errors import PermissionDenied, ValidationFailed
    from tradewind.workspaces.choices import Role

    assert services.aftersales_settings(world.order.workspace).follow_up_days == 14
    for days in (0, 366, "7", True):
        with pytest.raises(ValidationFailed):
            services.aftersales_settings_update(actor=world.manager, follow_up_days=days)
    with pytest.raises(PermissionDenied):
        services.aftersales_settings_update(actor=world.rep, follow_up_days=10)
    with pytest.raises(PermissionDenied):
        services.aftersales_settings_update(actor=member_factory(Role.FINANCE), follow_up_days=10)
    assert services.aftersales_settings_update(actor=world.manager, follow_up_days=21).follow_up_days == 21
