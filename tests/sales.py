"""What the sales tests share: the `setup` fixture (a workspace that trades, its team, a product, a customer)
and `quote()`, a quotation made through the service. Loaded as a plugin by tests/conftest.py."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import CustomerFactory, workspace_today
from tests.test_catalog_services import kettle
from tradewind.catalog import services as catalog
from tradewind.core.money import Money
from tradewind.trade import services
from tradewind.trade.lines import LineInput
from tradewind.trade.payment_terms import preset_terms
from tradewind.workspaces.choices import Role

TT_30_70 = preset_terms("tt_30_70_bl")


@pytest.fixture
def today():
    return workspace_today()


@pytest.fixture
def setup(owner, member_factory):
    """A USD workspace trading in EUR, GBP, JPY and CNY, with rates for the last days; a manager, a rep,
    a customer of the rep's, and a kettle costing CNY 70."""
    from tradewind.fx import services as fx

    today = workspace_today()
    for code in ("EUR", "GBP", "JPY", "CNY"):
        fx.trading_currency_add(actor=owner, code=code)
    for days in range(0, 5):
        on = today - dt.timedelta(days=days)
        fx.rate_set(actor=owner, currency="EUR", on=on, rate="1.08", confirm=True)
        fx.rate_set(actor=owner, currency="GBP", on=on, rate="1.27", confirm=True)
        fx.rate_set(actor=owner, currency="JPY", on=on, rate="0.0067", confirm=True)
        fx.rate_set(actor=owner, currency="CNY", on=on, rate="0.14", confirm=True)
    manager = member_factory(Role.MANAGER)
    rep = member_factory(Role.SALES)
    product = catalog.product_update(actor=manager, product=kettle(manager), cost=Money(Decimal("70"), "CNY"))
    customer = CustomerFactory(actor=rep, name="Hausmann GmbH", country="DE", owner=rep)
    return {"owner": owner, "manager": manager, "rep": rep, "product": product, "customer": customer}


def quote(setup, *, currency="EUR", lines=None, **extra):
    values = {
        "actor": setup["rep"],
        "customer": setup["customer"],
        "currency": currency,
        "incoterm": "FOB",
        "incoterm_place": "Ningbo",
        "payment_terms": TT_30_70,
        "lines": [LineInput(product=setup["product"], quantity="1000", unit_price="12.50")]
        if lines is None
        else lines,
    }
    values.update(extra)
    return services.quotation_create(**values)
