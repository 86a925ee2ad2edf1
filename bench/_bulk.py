"""Raw bulk writes and deletes for the bench generators.

Rows go in with COPY (PostgreSQL) or executemany (SQLite), not through the ORM: the big tables would take
tens of minutes one save() at a time. Deleting a bench workspace is raw DELETEs by workspace, because the
ORM's cascade would load a million rows first.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid

import _common  # noqa: F401  (starts Django and guards the database: before any model)
from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction

from tradewind.accounts.models import User
from tradewind.workspaces.models import Workspace

ID_RANDOM = random.Random()


def new_uuid() -> uuid.UUID:
    """A version-4 UUID from a seeded generator: the same data on every run with the same seed."""
    return uuid.UUID(int=ID_RANDOM.getrandbits(128), version=4)


class Writer:
    """Raw bulk inserts in the form each backend stores values."""

    def __init__(self):
        self.pg = connection.vendor == "postgresql"
        self.rows = {}

    def dt(self, value: dt.datetime | None):
        if value is None or self.pg:
            return value
        return str(value.astimezone(dt.UTC).replace(tzinfo=None))  # what Django's SQLite backend writes

    def uuid(self, value: uuid.UUID | None):
        return value if value is None or self.pg else value.hex

    def plain(self, value):  # date, time
        return value if value is None or self.pg else value.isoformat()

    def insert(self, model: type[models.Model], attnames: list[str], rows) -> int:
        table = model._meta.db_table
        columns = [model._meta.get_field(name).column for name in attnames]
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        count = 0
        with transaction.atomic(), connection.cursor() as cursor:
            if self.pg:
                with cursor.cursor.copy(
                    f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN"
                ) as cp:
                    for row in rows:
                        cp.write_row(row)
                        count += 1
            else:
                sql = f'INSERT INTO "{table}" ({quoted}) VALUES ({", ".join(["%s"] * len(columns))})'
                chunk = []
                for row in rows:
                    chunk.append(row)
                    if len(chunk) >= 50_000:
                        cursor.executemany(sql, chunk)
                        count += len(chunk)
                        chunk = []
                if chunk:
                    cursor.executemany(sql, chunk)
                    count += len(chunk)
        self.rows[table] = self.rows.get(table, 0) + count
        return count


def next_id(model: type[models.Model]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(model._meta.db_table)}")
        return cursor.fetchone()[0] + 1


def drop_workspaces(slugs, *, email_suffix: str) -> None:
    """Delete the workspaces `slugs` and the users whose e-mail ends with `email_suffix`, and everything
    that points at them, in one transaction. Nothing else is touched.

    Raw DELETEs by workspace (the ORM's cascade would load a million rows first). Foreign keys are checked at
    commit on both backends, so the order does not matter; a row left pointing at a deleted one fails the
    commit instead of staying behind."""
    workspace_ids = list(Workspace.objects.filter(slug__in=slugs).values_list("id", flat=True))
    user_ids = list(User.objects.filter(email__endswith=email_suffix).values_list("id", flat=True))
    if not workspace_ids and not user_ids:
        return
    started = time.monotonic()
    print(f"Replacing the existing bench data ({len(workspace_ids)} workspaces, {len(user_ids)} users)…")
    targets = [(Workspace, workspace_ids), (User, user_ids)]
    tables = set(connection.introspection.table_names())
    with transaction.atomic(), connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            if model._meta.db_table not in tables:
                continue
            for f in model._meta.concrete_fields:
                for target, ids in targets:
                    if not (f.is_relation and f.related_model is target and ids) or model in (
                        Workspace,
                        User,
                    ):
                        continue
                    table, column = connection.ops.quote_name(model._meta.db_table), f.column
                    marks = ", ".join(["%s"] * len(ids))
                    if f.remote_field.on_delete is models.SET_NULL:
                        cursor.execute(
                            f'UPDATE {table} SET "{column}" = NULL WHERE "{column}" IN ({marks})', ids
                        )
                    else:
                        cursor.execute(f'DELETE FROM {table} WHERE "{column}" IN ({marks})', ids)
        User.objects.filter(id__in=user_ids)._raw_delete(connection.alias)
        Workspace.objects.filter(id__in=workspace_ids)._raw_delete(connection.alias)
    print(f"  deleted in {time.monotonic() - started:.1f}s")


def reset_sequences(*models_: type[models.Model]) -> None:
    """PostgreSQL: move the identity sequences past the ids the generator chose."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models_)):
            cursor.execute(sql)


def vacuum_analyze(*models_: type[models.Model]) -> None:
    """PostgreSQL: fresh planner statistics, as autovacuum would gather after a load this size. SQLite is
    left as the application leaves it (no ANALYZE)."""
    if connection.vendor != "postgresql":
        return
    started = time.monotonic()
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    print(f"VACUUM ANALYZE: {time.monotonic() - started:.1f}s")
