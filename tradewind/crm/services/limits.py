"""How many private customers a rep may hold (GLOSSARY 私海): the workspace's limit and each grade's.

Checked wherever a rep takes a customer for themselves — claiming from the pool and creating one as its
owner — so the limit cannot be side-stepped by adding the buyer again. A manager's assign or handover is
a decision about the team and is not bound by it; nor is an import, which a rep can send to the pool.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from tradewind.core.errors import Conflict
from tradewind.crm.models import (
    Customer,
)
from tradewind.crm.selectors.settings import crm_settings


def private_count(member, *, grade=None) -> int:
    customers = Customer.objects.filter(owner=member)
    return customers.filter(grade=grade).count() if grade is not None else customers.count()


def check_private_room(member, grade) -> None:
    """Refuse (Conflict) when `member` holds as many private customers as allowed, overall or of `grade`."""
    limit = crm_settings(member.workspace).max_private_customers
    held = private_count(member) if limit is not None else 0
    if limit is not None and held >= limit:
        raise Conflict(
            _(
                "You hold %(held)d private customers; the workspace allows %(n)d. Release one first, or put "
                "this one in the public pool."
            )
            % {"held": held, "n": limit}
        )
    if grade is not None and grade.max_private is not None:
        held = private_count(member, grade=grade)
        if held >= grade.max_private:
            raise Conflict(
                _("You hold %(held)d private customers of grade %(grade)s; that grade's limit is %(n)d.")
                % {"held": held, "n": grade.max_private, "grade": grade}
            )
