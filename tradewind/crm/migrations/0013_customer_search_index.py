"""Customer search gets an index: pg_trgm GIN on PostgreSQL, FTS5 trigram on SQLite, both over the search
text with CJK characters written twice (crm/search_index.py says why and proves it changes no result).
Built for the customers there are; backwards, removed again (pg_trgm itself stays installed).

What the database is given lives in crm/search_index_schema.py, which `migrate` also calls afterwards to
put back what a later table change may take away."""

from django.db import migrations

from tradewind.crm.search_index_schema import search_index_install, search_index_uninstall


def install(apps, schema_editor):
    search_index_install(schema_editor.connection)


def uninstall(apps, schema_editor):
    search_index_uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("crm", "0012_workspace_defaults")]

    operations = [migrations.RunPython(install, uninstall)]
