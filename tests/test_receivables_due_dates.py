"""When milestones fall due (from the order's shipments), and who hears of an overdue one: the rep and
finance once, the managers once after the workspace's N days; the board's flag follows."""

import datetime as dt

import pytest

from tests.factories import history_of, workspace_today
from tests.receivables_helpers import confirmed, days_ago, due, finance_of, milestones, pay, shipment
from tradewind.notifications.models import Notification
from tradewind.trade.receivables import services
from tradewind.trade.receivables.models import OverdueNotice

TERMS = [
    {"percent": "10", "method": "tt", "event": "deposit"},
    {"percent": "10", "method": "tt", "event": "before_shipment"},
    {"percent": "10", "method": "tt", "event": "against_bl_copy"},
    {"percent": "10", "method": "lc", "event": "at_sight"},
    {"percent": "30", "method": "oa", "event": "days_after_bl", "days": 60},
    {"percent": "30", "method": "oa", "event": "days_after_invoice", "days": 30},
]


@pytest.fixture
def finance(setup, member_factory):
    return finance_of(setup, member_factory)


def due_dates(order):
    return [p.due_on for p in milestones(order)]


def test_due_dates_follow_their_trigger(setup):
    order = confirmed(setup, terms=TERMS)
    today = workspace_today()
    assert due_dates(order) == [today, None, None, None, None, None]
    etd, bl = dt.date(2026, 3, 10), dt.date(2026, 3, 12)
    booked = shipment(order, etd=etd)
    services.milestone_due_dates_refresh(order)
    # Before the B/L: the invoice is dated on the ETD.
    assert due_dates(order) == [today, etd, None, None, None, etd + dt.timedelta(days=30)]
    booked.bl_date = bl
    booked.save()
    changed = services.milestone_due_dates_refresh(order)
    assert len(changed) == 4
    assert due_dates(order) == [today, etd, bl, bl, bl + dt.timedelta(days=60), bl + dt.timedelta(days=30)]
    assert history_of("trade.order", order).filter(kind="receivables.due_date_set").count() == 2 + 4
    assert services.milestone_due_dates_refresh(order) == []  # nothing moved: nothing written


def test_the_first_shipment_counts_and_a_cancelled_one_does_not(setup):
    order = confirmed(setup, terms=TERMS)
    shipment(order, sequence=1, etd=dt.date(2026, 4, 1), bl_date=dt.date(2026, 4, 2), status="cancelled")
    shipment(order, sequence=2, etd=dt.date(2026, 5, 1), bl_date=dt.date(2026, 5, 3))
    shipment(order, sequence=3, etd=dt.date(2026, 6, 1), bl_date=dt.date(2026, 6, 2))
    services.milestone_due_dates_refresh(order)
    assert due_dates(order)[1:4] == [dt.date(2026, 5, 1), dt.date(2026, 5, 3), dt.date(2026, 5, 3)]


def test_on_delivery_is_due_on_arrival(setup):
    order = confirmed(setup, terms=[{"percent": "100", "method": "tt", "event": "on_delivery"}])
    shipped = shipment(order, etd=dt.date(2026, 5, 1), eta=dt.date(2026, 6, 5))
    services.milestone_due_dates_refresh(order)
    assert due_dates(order) == [None]  # an ETA is not an arrival
    shipped.ata = dt.date(2026, 6, 7)
    shipped.save()
    services.milestone_due_dates_refresh(order)
    assert due_dates(order) == [dt.date(2026, 6, 7)]


def test_the_worker_refreshes_every_open_order(setup, finance):
    first, second = confirmed(setup), confirmed(setup)
    shipment(first, bl_date=dt.date(2026, 2, 2))
    shipment(second, bl_date=dt.date(2026, 2, 20))
    assert services.milestone_due_dates_refresh_all() == 2
    assert due_dates(first)[1] == dt.date(2026, 2, 2) and due_dates(second)[1] == dt.date(2026, 2, 20)
    assert services.milestone_due_dates_refresh_all() == 0


def _notes(kind):
    return Notification.objects.filter(kind=kind)


def test_an_overdue_milestone_is_told_once_to_the_rep_and_finance(setup, finance):
    from tradewind.trade.workflow.models import TeamDefaults

    TeamDefaults.objects.update_or_create(workspace=finance.workspace, defaults={"finance": finance})
    order = confirmed(setup)
    deposit = milestones(order)[0]
    assert services.receivables_overdue_check() == 0  # due today: not overdue yet
    due(deposit, days_ago(1))
    assert services.receivables_overdue_check() == 1
    told = _notes("receivables.overdue")
    assert sorted(n.recipient_id for n in told) == sorted([setup["rep"].pk, finance.pk])
    assert "Hausmann GmbH is late paying" in told[0].title
    assert not _notes("receivables.escalated").exists()
    assert services.receivables_overdue_check() == 0
    assert _notes("receivables.overdue").count() == 2
    assert history_of("trade.order", order).filter(kind="receivables.milestone_overdue").count() == 1


def test_the_managers_hear_after_the_workspaces_days(setup, finance):
    order = confirmed(setup)
    deposit = milestones(order)[0]
    due(deposit, days_ago(6))
    services.receivables_overdue_check()
    assert _notes("receivables.overdue").exists() and not _notes("receivables.escalated").exists()
    due(deposit, days_ago(7))  # 7 days (the default) overdue
    assert services.receivables_overdue_check() == 1
    escalated = _notes("receivables.escalated")
    assert [n.recipient_id for n in escalated] == [setup["manager"].pk]
    assert services.receivables_overdue_check() == 0 and _notes("receivables.escalated").count() == 1
    assert _notes("receivables.overdue").count() == 1  # the rep was not told a second time


def test_the_escalation_days_are_the_workspaces(setup, finance, member_factory):
    from tradewind.core.errors import PermissionDenied, ValidationFailed

    with pytest.raises(PermissionDenied):
        services.receivables_settings_update(actor=setup["rep"], escalation_days=3)
    with pytest.raises(ValidationFailed) as refused:
        services.receivables_settings_update(actor=finance, escalation_days=0)
    assert refused.value.field == "escalation_days"
    services.receivables_settings_update(actor=finance, escalation_days=3)
    order = confirmed(setup)
    due(milestones(order)[0], days_ago(3))
    assert services.receivables_overdue_check() == 2  # told and escalated in one pass
    assert _notes("receivables.escalated").count() == 1


def test_a_paid_or_moved_milestone_is_not_told(setup, finance):
    order = confirmed(setup)
    deposit, balance = milestones(order)
    due(deposit, days_ago(2))
    pay(finance, order, "3750")
    assert services.receivables_overdue_check() == 0
    # Told once, then the deadline moved to a day not passed yet: a new deadline, told again if it passes.
    shipment(order, bl_date=days_ago(2))
    services.milestone_due_dates_refresh(order)
    services.receivables_overdue_check()
    assert _notes("receivables.overdue").count() == 1
    notice = OverdueNotice.objects.get(payment=balance)
    assert notice.told_at is not None
    from tradewind.trade.shipping.models import Shipment

    Shipment.objects.filter(order=order).update(bl_date=workspace_today() + dt.timedelta(days=5))
    services.milestone_due_dates_refresh(order)
    assert not OverdueNotice.objects.filter(payment=balance).exists()


def test_the_board_flag_follows_the_overdue_milestones(setup, finance):
    from tradewind.trade.workflow.models import Fulfilment

    order = confirmed(setup)
    fulfilment, _created = Fulfilment.objects.get_or_create(
        order=order, defaults={"workspace": order.workspace}
    )
    due(milestones(order)[0], days_ago(1))
    services.receivables_overdue_check()
    fulfilment.refresh_from_db()
    assert fulfilment.payment_overdue is True
    receipt = pay(finance, order, "3750")
    fulfilment.refresh_from_db()
    assert fulfilment.payment_overdue is False
    services.receipt_reverse(actor=finance, receipt=receipt, reason="Bounced")
    fulfilment.refresh_from_db()
    assert fulfilment.payment_overdue is True


def test_a_workspace_counts_its_own_day(setup, finance):
    """The due date passes at midnight where the team is, not in UTC."""
    order = confirmed(setup)
    workspace = order.workspace
    workspace.time_zone = "Asia/Shanghai"
    workspace.save()
    due(milestones(order)[0], dt.date(2026, 5, 1))
    late_evening_utc = dt.datetime(2026, 5, 1, 15, 0, tzinfo=dt.UTC)  # 23:00 in Shanghai on the 1st
    assert services.receivables_overdue_check(now=late_evening_utc) == 0
    assert services.receivables_overdue_check(now=late_evening_utc + dt.timedelta(hours=2)) == 1
