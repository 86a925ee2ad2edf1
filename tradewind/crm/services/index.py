"""What search and the duplicate check read of a customer, recomputed from its profile and contacts."""

from __future__ import annotations

from tradewind.crm.derived import customer_index
from tradewind.crm.models import (
    Customer,
    CustomerKey,
    CustomerNameToken,
)


def customer_reindex(customer: Customer) -> None:
    """Recompute what search and the duplicate check use, from the profile and the contacts."""
    contacts = [
        {"name": c.name, "emails": c.emails, "phones": c.phones, "whatsapp": c.whatsapp, "wechat": c.wechat,
         "is_primary": c.is_primary}
        for c in customer.contacts.all()
    ]  # fmt: skip
    keys, tokens = customer_index(customer, contacts)
    Customer.objects.filter(pk=customer.pk).update(
        name_key=customer.name_key, search_text=customer.search_text, zone=customer.zone
    )
    CustomerKey.objects.filter(customer=customer).delete()
    CustomerKey.objects.bulk_create(
        [
            CustomerKey(workspace_id=customer.workspace_id, customer=customer, kind=kind, value=value[:200])
            for kind, values in keys.items()
            for value in values
        ],
        ignore_conflicts=True,
    )
    CustomerNameToken.objects.filter(customer=customer).delete()
    CustomerNameToken.objects.bulk_create(
        [CustomerNameToken(workspace_id=customer.workspace_id, customer=customer, token=t) for t in tokens],
        ignore_conflicts=True,
    )
