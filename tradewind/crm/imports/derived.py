"""The derived data of an imported customer — name key, search text, zone, duplicate keys, name tokens —
computed exactly as services.customer_reindex computes it, without the database.

The import's reader process computes it for every row (`row_index`), so the worker, which has to wait for
the database after each batch anyway, only writes it; customer_index is used again in the worker where
rows of a batch join one customer, or a contact is merged into an existing one.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from tradewind.crm.duplicates import customer_keys
from tradewind.crm.localtime import zone_for
from tradewind.crm.normalize import name_key, name_tokens, phone_search_forms, search_text

# What customer_index reads of a profile, for rows that leave it out.
PROFILE_BLANKS = {"name_latin": "", "city": "", "website": "", "time_zone": ""}


@dataclass
class RowIndex:
    """customer_index of a row's customer with the row's own contact (primary, as it will be stored)."""

    name_key: str
    search_text: str
    zone: str
    keys: dict[str, set[str]]
    tokens: set[str]


def _ordered(contacts: list[dict]) -> list[dict]:
    # Contact.Meta.ordering (primary first, then by name) is the order customer_reindex reads them in.
    return sorted(contacts, key=lambda c: (not c["is_primary"], c["name"]))


def customer_index(
    customer, contacts: list[dict], *, keys: dict[str, set[str]] | None = None
) -> tuple[dict[str, set[str]], set[str]]:
    """Fill name_key, search_text and zone on `customer` (a Customer or anything with its profile
    attributes); return its duplicate keys and name tokens. `keys`: the keys of the name, contacts and
    website if already computed (row_keys), to spare the work."""
    contacts = _ordered(contacts)
    emails = [e for c in contacts for e in c["emails"]]
    phones = [p for c in contacts for p in c["phones"]] + [c["whatsapp"] for c in contacts if c["whatsapp"]]
    known = next(iter(keys["name"]), None) if keys else None
    customer.name_key = known or name_key(customer.name)
    customer.search_text = search_text(
        customer.name,
        customer.name_latin,
        customer.city,
        customer.website,
        *[c["name"] for c in contacts],
        *emails,
        *phone_search_forms(phones),
        *[c["wechat"] for c in contacts],
    )
    customer.zone = zone_for(customer.country, customer.time_zone)
    if keys is None:
        keys = customer_keys(name=customer.name, emails=emails, phones=phones, website=customer.website)
    else:
        keys = {kind: set(values) for kind, values in keys.items()}
    if customer.name_latin:
        latin = name_key(customer.name_latin)
        if latin:
            keys["name"].add(latin)
    tokens = name_tokens(customer.name_key) | (
        name_tokens(name_key(customer.name_latin)) if customer.name_latin else set()
    )
    return keys, tokens


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
