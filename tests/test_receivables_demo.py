"""The demo's receivables: deposits received on the confirmed orders, one order with an overdue balance;
made once."""

import pytest

from tests.factories import workspace_today
from tests.receivables_helpers import confirmed, finance_of
from tradewind.trade.receivables.ageing import ReceivableFilters, receivable_list
from tradewind.trade.receivables.demo import FINANCE, demo_receivables
from tradewind.trade.receivables.models import Receipt


@pytest.fixture
def finance(setup, member_factory):
    return finance_of(setup, member_factory)


def test_the_demo_pays_deposits_and_leaves_one_order_overdue(setup, finance):
    orders = [confirmed(setup), confirmed(setup, currency="USD"), confirmed(setup, currency="GBP")]
    demo_receivables(workspace=finance.workspace, members_by_email={FINANCE: finance})
    assert Receipt.objects.filter(order__in=orders).count() == 4  # one order paid in two transfers
    today = workspace_today()
    overdue = list(receivable_list(membership=finance, filters=ReceivableFilters(overdue=True), today=today))
    assert [o.pk for o in overdue] == [orders[0].pk]
    for order in orders[1:]:
        assert order.payments.get(position=0).received == order.payments.get(position=0).amount
    demo_receivables(workspace=finance.workspace, members_by_email={FINANCE: finance})
    assert Receipt.objects.count() == 4
