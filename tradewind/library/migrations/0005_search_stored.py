"""PostgreSQL: the library's search index moves from an expression to a stored, generated column of the
doubled text (core/text_index.py, `stored`): rechecking a candidate reads the column instead of re-running
the regexp over up to 250,000 characters. SQLite keeps its FTS5 table: nothing to do there."""

from django.db import migrations

from tradewind.library.search import DOCUMENT_INDEX


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {DOCUMENT_INDEX.pg_index}")  # the expression index, if any
    DOCUMENT_INDEX.install(connection)


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from dataclasses import replace

    DOCUMENT_INDEX.uninstall(connection)
    replace(DOCUMENT_INDEX, stored=False).install(connection)


class Migration(migrations.Migration):

    dependencies = [
        ("library", "0004_version_thumbnail"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
