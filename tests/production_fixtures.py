"""The production tests' fixtures (loaded with `pytest_plugins`): the merchandiser, a supplier, a confirmed
order of the `setup` workspace (tests/sales.py)."""

import pytest

from tests.production_helpers import confirmed_order
from tradewind.trade.production import services
from tradewind.workspaces.choices import Role


@pytest.fixture
def merch(member_factory):
    return member_factory(Role.MERCHANDISER)


@pytest.fixture
def supplier(merch):
    return services.supplier_create(
        actor=merch,
        name="Ningbo Haishu Kitchenware Factory",
        contact_person="Mr Wang",
        city="Ningbo",
        country="CN",
    )


@pytest.fixture
def order(setup):
    return confirmed_order(setup)
