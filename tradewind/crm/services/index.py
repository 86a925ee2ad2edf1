"""What search and the duplicate check read of a customer, recomputed from its profile and contacts."""

from __future__ import annotations

from tradewind.crm.duplicates import customer_keys
from tradewind.crm.localtime import zone_for
from tradewind.crm.models import (
    Customer,
    CustomerKey,
    CustomerNameToken,
)
from tradewind.crm.normalize import (
    name_key,
    name_tokens,
    phone_search_forms,
    search_text,
)


def customer_reindex(customer: Customer) -> None:
    """Recompute what search and the duplicate check use, from the profile and the contacts."""
    contacts = list(customer.contacts.all())
    emails = [e for c in contacts for e in c.emails]
    phones = [p for c in contacts for p in c.phones] + [c.whatsapp for c in contacts if c.whatsapp]
    customer.name_key = name_key(customer.name)
    customer.search_text = search_text(
        customer.name,
        customer.name_latin,
        customer.city,
        customer.website,
        *[c.name for c in contacts],
        *emails,
        *phone_search_forms(phones),
        *[c.wechat for c in contacts],
    )
    customer.zone = zone_for(customer.country, customer.time_zone)
    Customer.objects.filter(pk=customer.pk).update(
        name_key=customer.name_key, search_text=customer.search_text, zone=customer.zone
    )
    keys = customer_keys(name=customer.name, emails=emails, phones=phones, website=customer.website)
    if customer.name_latin:
        latin = name_key(customer.name_latin)
        if latin:
            keys["name"].add(latin)
    CustomerKey.objects.filter(customer=customer).delete()
    CustomerKey.objects.bulk_create(
        [
            CustomerKey(workspace_id=customer.workspace_id, customer=customer, kind=kind, value=value[:200])
            for kind, values in keys.items()
            for value in values
        ],
        ignore_conflicts=True,
    )
    tokens = name_tokens(customer.name_key) | (
        name_tokens(name_key(customer.name_latin)) if customer.name_latin else set()
    )
    CustomerNameToken.objects.filter(customer=customer).delete()
    CustomerNameToken.objects.bulk_create(
        [CustomerNameToken(workspace_id=customer.workspace_id, customer=customer, token=t) for t in tokens],
        ignore_conflicts=True,
    )
