"""Every permission check of the CRM lives in a permissions module and refuses a deactivated member."""

import inspect
from types import SimpleNamespace

import pytest

from tradewind.crm import permissions as crm_permissions
from tradewind.crm.imports import permissions as import_permissions
from tradewind.workspaces.choices import Role

CHECKS = [
    (module, name, fn)
    for module in (crm_permissions, import_permissions)
    for name, fn in inspect.getmembers(module, inspect.isfunction)
    if fn.__module__ == module.__name__
]


@pytest.mark.parametrize("role", [Role.OWNER, Role.MANAGER, Role.SALES, Role.SERVICE])
@pytest.mark.parametrize(
    ("module", "name", "check"), CHECKS, ids=[f"{m.__name__}.{n}" for m, n, _f in CHECKS]
)
def test_a_deactivated_member_may_do_nothing(module, name, check, role):
    member = SimpleNamespace(pk=7, role=role, is_active=True)
    record = SimpleNamespace(
        owner_id=7, created_by_id=7, is_editable=True, is_discardable=True
    )  # their own customer or job
    args = [member] + [record] * (len(inspect.signature(check).parameters) - 1)
    member.is_active = False
    assert check(*args) is False, f"{module.__name__}.{name} lets a deactivated {role} through"


def test_the_active_owner_may_do_everything():
    member = SimpleNamespace(pk=7, role=Role.OWNER, is_active=True)
    record = SimpleNamespace(owner_id=None, created_by_id=7, is_editable=True, is_discardable=True)
    for _module, name, check in CHECKS:
        args = [member] + [record] * (len(inspect.signature(check).parameters) - 1)
        assert check(*args) is True, name
