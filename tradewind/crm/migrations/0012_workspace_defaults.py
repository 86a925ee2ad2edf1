"""Every workspace gets its customer rules and default grades as rows, so that reading them never writes
(they used to be created on first read)."""

from django.db import migrations

DEFAULT_GRADES = [("A", 7, 30), ("B", 14, 45), ("C", 30, 60), ("D", 60, 90)]


def forwards(apps, schema_editor):
    Workspace = apps.get_model("workspaces", "Workspace")
    CrmSettings = apps.get_model("crm", "CrmSettings")
    CustomerGrade = apps.get_model("crm", "CustomerGrade")
    with_settings = set(CrmSettings.objects.values_list("workspace_id", flat=True))
    with_grades = set(CustomerGrade.objects.values_list("workspace_id", flat=True))
    for workspace_id in Workspace.objects.values_list("pk", flat=True):
        if workspace_id not in with_settings:
            CrmSettings.objects.create(workspace_id=workspace_id)
        if workspace_id not in with_grades:
            CustomerGrade.objects.bulk_create(
                CustomerGrade(
                    workspace_id=workspace_id,
                    code=code,
                    position=i,
                    follow_up_days=every,
                    auto_return_days=back,
                )
                for i, (code, every, back) in enumerate(DEFAULT_GRADES)
            )


class Migration(migrations.Migration):
    dependencies = [("crm", "0011_move_imports_to_their_app"), ("workspaces", "0004_audit_import_discarded")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
