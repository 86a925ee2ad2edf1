"""What search and the duplicate check read of a customer — name key, search text, zone, duplicate keys,
name tokens — computed from its profile and contacts without the database. One function for the
services (customer_reindex) and the import, so both always agree.
"""

from __future__ import annotations

from tradewind.crm.duplicates import customer_keys
from tradewind.crm.localtime import zone_for
from tradewind.crm.normalize import name_key, name_tokens, phone_search_forms, search_text

# What customer_index reads of a profile, for rows that leave it out.
PROFILE_BLANKS = {"name_latin": "", "city": "", "website": "", "time_zone": ""}


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
