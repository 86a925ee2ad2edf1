"""The receivables list: ageing buckets at their edges (in Python and in the database alike), totals per
currency that never add two currencies, the filters, who sees which orders, and a query count that does
not grow with the rows."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import workspace_today
from tests.receivables_helpers import confirmed, days_ago, due, finance_of, milestones, pay
from tradewind.core.money import Money
from tradewind.trade.receivables.ageing import ReceivableFilters, ageing_totals, receivable_list
from tradewind.trade.receivables.selectors import ageing_bucket
from tradewind.workspaces.choices import Role

DEPOSIT_ONLY = [{"percent": "100", "method": "tt", "event": "deposit"}]
EDGES = [
    (None, "not_due"), (0, "not_due"), (-5, "not_due"), (1, "1_30"), (30, "1_30"), (31, "31_60"),
    (60, "31_60"), (61, "61_90"), (90, "61_90"), (91, "over_90"), (400, "over_90"),
]  # fmt: skip
FIELD = {"not_due": "not_due", "1_30": "days_1_30", "31_60": "days_31_60", "61_90": "days_61_90",
         "over_90": "over_90"}  # fmt: skip


@pytest.fixture
def finance(setup, member_factory):
    return finance_of(setup, member_factory)


@pytest.mark.parametrize(("days", "bucket"), EDGES)
def test_buckets_at_their_edges(days, bucket):
    today = dt.date(2026, 6, 30)
    due_on = None if days is None else today - dt.timedelta(days=days)
    assert ageing_bucket(due_on, today) == bucket


def test_the_database_ages_as_the_rule_does(setup, finance):
    today = workspace_today()
    orders = {}
    for days, bucket in EDGES:
        order = confirmed(setup, terms=DEPOSIT_ONLY)
        due(milestones(order)[0], None if days is None else today - dt.timedelta(days=days))
        orders[order.pk] = bucket
    rows = {o.pk: o for o in receivable_list(membership=finance, filters=ReceivableFilters(), today=today)}
    assert rows.keys() == orders.keys()
    for pk, bucket in orders.items():
        row = rows[pk]
        amounts = {name: getattr(row, name) for name in FIELD.values()}
        assert amounts[FIELD[bucket]] == row.open == Decimal("12500"), (bucket, amounts)
        assert sum(amounts.values()) == row.open
        assert (row.overdue > 0) is (bucket != "not_due")
    # The most overdue first, those without a due date last.
    listed = list(receivable_list(membership=finance, filters=ReceivableFilters(), today=today))
    assert orders[listed[0].pk] == "over_90" and listed[-1].oldest_due is None
    over = receivable_list(membership=finance, filters=ReceivableFilters(bucket="61_90"), today=today)
    assert sorted(orders[o.pk] for o in over) == ["61_90", "61_90"]
    overdue = receivable_list(membership=finance, filters=ReceivableFilters(overdue=True), today=today)
    assert len(overdue) == len([e for e in EDGES if e[1] != "not_due"])


def test_paid_amounts_leave_the_list_and_part_payments_age_what_is_open(setup, finance):
    today = workspace_today()
    paid, part = confirmed(setup), confirmed(setup)
    pay(finance, paid, "12500")
    due(milestones(part)[0], days_ago(40))
    pay(finance, part, "1000")
    rows = list(receivable_list(membership=finance, filters=ReceivableFilters(), today=today))
    assert [o.pk for o in rows] == [part.pk]
    row = rows[0]
    assert (
        row.days_31_60 == Decimal("2750") and row.not_due == Decimal("8750") and row.open == Decimal("11500")
    )


def test_totals_are_per_currency_and_never_mixed(setup, finance):
    today = workspace_today()
    confirmed(setup, currency="EUR")  # EUR 12,500 at the recorded 1.08
    usd = confirmed(setup, currency="USD")
    due(milestones(usd)[0], days_ago(10))
    confirmed(setup, currency="EUR")
    orders = receivable_list(membership=finance, filters=ReceivableFilters(), today=today)
    totals = ageing_totals(orders, today=today, reporting_currency="USD")
    by_currency = {row.currency: row for row in totals.currencies}
    assert set(by_currency) == {"EUR", "USD"}
    assert by_currency["EUR"].open == Money(Decimal("25000"), "EUR") and by_currency["EUR"].orders == 2
    assert by_currency["USD"].open == Money(Decimal("12500"), "USD")
    assert by_currency["USD"].buckets["days_1_30"] == Money(Decimal("3750"), "USD")
    assert by_currency["EUR"].reporting == Money(Decimal("27000"), "USD")  # 25,000 × 1.08
    assert totals.reporting["open"] == Money(Decimal("39500"), "USD")
    only_usd = receivable_list(membership=finance, filters=ReceivableFilters(currency="USD"), today=today)
    assert [
        row.currency for row in ageing_totals(only_usd, today=today, reporting_currency="USD").currencies
    ] == ["USD"]


def test_a_rep_sees_only_the_orders_they_sold(setup, finance, member_factory):
    from tests.factories import CustomerFactory, workspace_today

    today = workspace_today()
    mine = confirmed(setup)
    other_rep = member_factory(Role.SALES)
    setup_other = {**setup, "rep": other_rep, "customer": CustomerFactory(actor=other_rep, owner=other_rep)}
    theirs = confirmed(setup_other)
    everyone = {o.pk for o in receivable_list(membership=finance, filters=ReceivableFilters(), today=today)}
    assert everyone == {mine.pk, theirs.pk}
    seen = {o.pk for o in receivable_list(membership=setup["rep"], filters=ReceivableFilters(), today=today)}
    assert seen == {mine.pk}
    assert not receivable_list(
        membership=member_factory(Role.LOGISTICS), filters=ReceivableFilters(), today=today
    )
    by_rep = ReceivableFilters(rep=other_rep.public_id)
    assert {o.pk for o in receivable_list(membership=finance, filters=by_rep, today=today)} == {theirs.pk}
    by_customer = ReceivableFilters(customer=setup["customer"].public_id)
    assert {o.pk for o in receivable_list(membership=finance, filters=by_customer, today=today)} == {mine.pk}
    found = receivable_list(membership=finance, filters=ReceivableFilters(q=mine.number), today=today)
    assert [o.pk for o in found] == [mine.pk]


def test_the_list_costs_the_same_queries_for_more_rows(setup, finance, client_for):
    from django.urls import reverse

    client = client_for(finance)
    url = reverse("receivables:list", args=[finance.workspace.slug])
    confirmed(setup)
    client.get(url)  # warm: settings rows, sessions
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _n in range(4):
        confirmed(setup, currency="USD")
    with CaptureQueriesContext(connection) as more:
        response = client.get(url)
    assert response.content.decode().count('data-testid="receivable"') == 5
    assert len(more) == len(few)
