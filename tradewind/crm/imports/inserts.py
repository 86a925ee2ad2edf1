"""INSERT many rows without building a model instance per row.

An imported customer is about twenty rows (the customer, its contact, keys, a dozen name tokens, a tag,
a timeline entry, the row hash). bulk_create instantiates and compiles each of them (~20 µs a row),
which alone would hold an import under 2,000 customers a second; executemany with the values adapted by
the fields themselves (get_db_prep_save: UUIDs, dates, JSON as the backend stores them) does the same
work for a fraction of the cost. Fields not given get their default as Django would give it.
"""

from __future__ import annotations

import enum
import uuid

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

# Values of these fields need the backend's form (UUID as hex on SQLite, JSON text, aware datetimes);
# text, numbers, booleans and foreign keys go to the driver as they are.
_ADAPTED = (
    models.UUIDField,
    models.DateTimeField,
    models.DateField,
    models.TimeField,
    models.JSONField,
    models.DecimalField,
)
_MISSING = object()


def insert_rows(model, rows: list[dict], *, with_pk: bool = False) -> None:
    """Insert `rows` (attribute name -> value). Fields not given get their default (a new UUID for each
    row where the default is uuid4, "" for text); auto_now and auto_now_add fields the current time.
    A row that breaks a constraint fails the whole call (the caller's transaction decides what then).
    `with_pk`: the rows carry their primary key (taken from the sequence beforehand)."""
    if not rows:
        return
    connection = connections[DEFAULT_DB_ALIAS]  # the thread's connection itself, not the proxy
    given = set()
    for row in rows:
        given.update(row)
    now = timezone.now()
    # Fields some row gives (or with a new value per row) are computed row by row; the others are the
    # same for every row and computed once: a customer row gives a dozen of its forty fields.
    varying = []  # (attname, adapt or None, constant for rows without it, per-row default or None)
    fixed = []  # (attname, value)
    for f in model._meta.concrete_fields:
        if f.primary_key and not with_pk:
            continue
        adapt = f.get_db_prep_save if isinstance(f, _ADAPTED) else None
        per_row = f.default if f.default is uuid.uuid4 else None
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            fixed.append((f.attname, adapt(now, connection)))
            continue
        constant = None if per_row else f.get_default()
        if adapt is not None and constant is not None:
            constant = adapt(constant, connection)
        if f.attname in given or per_row is not None:
            varying.append((f.attname, adapt, constant, per_row))
        else:
            fixed.append((f.attname, constant))
    tail = [value for _name, value in fixed]
    values = []
    for row in rows:
        line = []
        for name, adapt, constant, per_row in varying:
            value = row.get(name, _MISSING)
            if value is _MISSING:
                value = constant if per_row is None else adapt(per_row(), connection)
            elif adapt is not None:
                value = adapt(value, connection)
            elif isinstance(value, enum.Enum):  # TextChoices members: the driver gets their value
                value = value.value
            line.append(value)
        line += tail
        values.append(line)
    insert_values(model, [name for name, *_rest in varying] + [name for name, _value in fixed], values)


def insert_values(model, columns: list[str], values: list) -> None:
    """Insert rows given as sequences of values, already in the form the database takes (ids, text,
    numbers): the fast path for narrow tables such as keys and name tokens."""
    if not values:
        return
    connection = connections[DEFAULT_DB_ALIAS]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(model._meta.get_field(c).column) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # COPY: twenty times faster than INSERTs of many rows
            with (
                connection.wrap_database_errors,
                cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
            ):
                for line in values:
                    copy.write_row(line)
        else:  # SQLite: one prepared statement, stepped per row
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", values)  # noqa: S608


def insert_with_ids(model, rows: list[dict]) -> list[int]:
    """Insert rows of a model with a unique `public_id` and return their primary keys, in order."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor == "postgresql":
        # Take the keys from the table's sequence first (one query), then COPY the rows with them.
        table = model._meta.db_table
        pk = model._meta.pk.column
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, len(rows)],
            )
            ids = [row[0] for row in cursor.fetchall()]
        for row, pk_value in zip(rows, ids, strict=True):
            row[model._meta.pk.attname] = pk_value
        insert_rows(model, rows, with_pk=True)
        return ids
    for row in rows:
        row.setdefault("public_id", uuid.uuid4())
    # SQLite has no sequence to draw from: find the new rows by their public ids. New rows get keys above
    # today's highest, so looking only there keeps the lookup a short index range.
    before = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    insert_rows(model, rows)
    public_ids = [row["public_id"] for row in rows]
    found = dict(model.objects.filter(pk__gt=before, public_id__in=public_ids).values_list("public_id", "pk"))
    return [found[p] for p in public_ids]
