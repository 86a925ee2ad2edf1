"""The derived data of an imported row's customer, computed in the import's reader process.

`row_index` runs crm.derived.customer_index — the one function behind customer_reindex too — for every
row, so the worker, which has to wait for the database after each batch anyway, only writes it;
customer_index is used again in the worker where rows of a batch join one customer, or a contact is
merged into an existing one.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from tradewind.crm.derived import PROFILE_BLANKS, customer_index


@dataclass
class RowIndex:
    """customer_index of a row's customer with the row's own contact (primary, as it will be stored)."""

    name_key: str
    search_text: str
    zone: str
    keys: dict[str, set[str]]
    tokens: set[str]


def row_index(profile: dict, contacts: list[dict], keys: dict[str, set[str]]) -> RowIndex:
    """customer_index of a new customer made of one row: `contacts` as the row has them (the first
    becomes primary when none is, as the import stores them), `keys` the row's keys (rows.row_keys)."""
    customer = SimpleNamespace(**{**PROFILE_BLANKS, **profile})
    if contacts and not any(c["is_primary"] for c in contacts):
        contacts = [{**contacts[0], "is_primary": True}, *contacts[1:]]
    found_keys, tokens = customer_index(customer, contacts, keys=keys)
    if found_keys == keys:
        found_keys = keys  # the same object: it travels to the worker once, not twice
    return RowIndex(customer.name_key, customer.search_text, customer.zone, found_keys, tokens)
