"""Every contact address becomes a duplicate-check key of its own (crm/duplicates.customer_keys): the
customers saved before have theirs written here, a batch at a time."""

from django.db import migrations

BATCH = 5000


def email_keys_add(apps, schema_editor):
    Contact = apps.get_model("crm", "Contact")
    CustomerKey = apps.get_model("crm", "CustomerKey")
    last = 0
    while True:
        rows = list(
            Contact.objects.filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "workspace_id", "customer_id", "emails")[:BATCH]
        )
        if not rows:
            return
        last = rows[-1][0]
        keys = {
            (workspace_id, customer_id, email.strip().lower()[:200])
            for _pk, workspace_id, customer_id, emails in rows
            for email in emails or ()
            if isinstance(email, str) and "@" in email
        }
        CustomerKey.objects.bulk_create(
            [CustomerKey(workspace_id=w, customer_id=c, kind="email", value=v) for w, c, v in keys],
            ignore_conflicts=True,
        )


def email_keys_remove(apps, schema_editor):
    apps.get_model("crm", "CustomerKey").objects.filter(kind="email").delete()


class Migration(migrations.Migration):
    dependencies = [("crm", "0015_customer_country_by_name")]

    operations = [migrations.RunPython(email_keys_add, email_keys_remove)]
