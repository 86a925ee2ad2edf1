"""Search text gains the national digits of each stored phone (normalize.phone_search_forms), so a number
copied as "040 3012345" finds its customer. Customers saved before keep E.164 only until recomputed here:
only those with a phone or WhatsApp number, the same parts in the same order as customer_reindex."""

from django.db import migrations
from django.db.models import Q

from tradewind.crm.normalize import phone_search_forms, search_text

BATCH = 2_000


def add_national_digits(apps, schema_editor):
    Customer = apps.get_model("crm", "Customer")
    Contact = apps.get_model("crm", "Contact")
    with_phones = (
        Contact.objects.filter(~Q(phones=[]) | ~Q(whatsapp=""))
        .order_by()
        .values_list("customer_id", flat=True)
    )
    ids = sorted(set(with_phones))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        contacts: dict[int, list] = {pk: [] for pk in chunk}
        for contact in Contact.objects.filter(customer_id__in=chunk).order_by(
            "customer_id", "-is_primary", "name"
        ):
            contacts[contact.customer_id].append(contact)
        changed = []
        for customer in Customer.objects.filter(pk__in=chunk):
            people = contacts[customer.pk]
            phones = [p for c in people for p in c.phones] + [c.whatsapp for c in people if c.whatsapp]
            customer.search_text = search_text(
                customer.name,
                customer.name_latin,
                customer.city,
                customer.website,
                *[c.name for c in people],
                *[e for c in people for e in c.emails],
                *phone_search_forms(phones),
                *[c.wechat for c in people],
            )
            changed.append(customer)
        Customer.objects.bulk_update(changed, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("crm", "0008_customer_workspace_index")]

    operations = [migrations.RunPython(add_national_digits, migrations.RunPython.noop, elidable=True)]
