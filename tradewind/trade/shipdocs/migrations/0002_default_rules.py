"""Every workspace that exists gets the default document rules and origin table (a new one gets them from
workspace_setup), so its shipments' checklists are computed the same way."""

from django.db import migrations

from tradewind.trade.shipdocs.choices import DEFAULT_ORIGINS, DEFAULT_RULES


def forwards(apps, schema_editor):
    Workspace = apps.get_model("workspaces", "Workspace")
    DocumentRule = apps.get_model("shipdocs", "DocumentRule")
    OriginRule = apps.get_model("shipdocs", "OriginRule")
    with_rules = set(DocumentRule.objects.values_list("workspace_id", flat=True))
    with_origins = set(OriginRule.objects.values_list("workspace_id", flat=True))
    for workspace_id in Workspace.objects.values_list("pk", flat=True):
        if workspace_id not in with_rules:
            DocumentRule.objects.bulk_create(
                DocumentRule(workspace_id=workspace_id, trigger=str(trigger), values=[str(v) for v in values],
                             kind=str(kind), position=i)
                for i, (trigger, values, kind) in enumerate(DEFAULT_RULES)
            )
        if workspace_id not in with_origins:
            OriginRule.objects.bulk_create(
                OriginRule(workspace_id=workspace_id, country=country, origin_type=str(origin_type))
                for country, origin_type in DEFAULT_ORIGINS
            )


class Migration(migrations.Migration):
    dependencies = [("shipdocs", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
