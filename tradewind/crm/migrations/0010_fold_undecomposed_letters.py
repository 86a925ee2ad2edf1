"""normalize.fold now writes ı ł ø đ ð ħ æ œ þ as ASCII ("Yılmaz" -> "yilmaz", "Łódź" -> "lodz"), so search
and the duplicate check meet the names buyers type. Customers saved before with such a letter get their
name key, search text, duplicate keys and name tokens again — computed by crm.derived.customer_index,
the same function customer_reindex agrees with (tests/test_crm_import.py)."""

from functools import reduce
from operator import or_

from django.db import migrations
from django.db.models import Q

from tradewind.crm.derived import customer_index

LETTERS = "ıłøđðħæœþ"  # as the old fold left them in search_text: lower case, undecomposed


def refold(apps, schema_editor):
    Customer = apps.get_model("crm", "Customer")
    Contact = apps.get_model("crm", "Contact")
    CustomerKey = apps.get_model("crm", "CustomerKey")
    CustomerNameToken = apps.get_model("crm", "CustomerNameToken")
    affected = Customer.objects.filter(reduce(or_, [Q(search_text__contains=ch) for ch in LETTERS]))
    fields = ("name", "emails", "phones", "whatsapp", "wechat", "is_primary")
    for customer in affected.iterator(chunk_size=500):
        contacts = list(Contact.objects.filter(customer_id=customer.pk).values(*fields))
        keys, tokens = customer_index(customer, contacts)
        Customer.objects.filter(pk=customer.pk).update(
            name_key=customer.name_key, search_text=customer.search_text
        )
        CustomerKey.objects.filter(customer_id=customer.pk).delete()
        CustomerNameToken.objects.filter(customer_id=customer.pk).delete()
        CustomerKey.objects.bulk_create(
            CustomerKey(
                workspace_id=customer.workspace_id, customer_id=customer.pk, kind=kind, value=value[:200]
            )
            for kind, values in keys.items()
            for value in sorted(values)
        )
        CustomerNameToken.objects.bulk_create(
            CustomerNameToken(workspace_id=customer.workspace_id, customer_id=customer.pk, token=token)
            for token in sorted(tokens)
        )


class Migration(migrations.Migration):
    dependencies = [("crm", "0009_search_text_national_phones")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop, elidable=True)]
