"""INSERT many rows without building a model instance per row (imports, the activity rows they write).

An imported customer is about twenty rows (the customer, its contact, keys, a dozen name tokens, a tag,
a timeline entry, the row hash). bulk_create instantiates and compiles each of them (~20 µs a row),
which alone would hold an import under 2,000 customers a second; executemany with the values adapted by
the fields themselves (get_db_prep_save: UUIDs, dates, JSON as the backend stores them) does the same
work for a fraction of the cost. Fields not given get their default as Django would give it.
"""

from __future__ import annotations

import enum
import json
import os
import uuid

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

from tradewind.core.sql import column_in, fetch

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
MULTI_ROW_COLUMNS = 8  # SQLite: tables this narrow get multi-row INSERTs (see insert_values)
# The version (4) and variant (RFC 4122) bits of a random UUID.
_UUID4_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_UUID4_SET = (0x4000 << 64) | (0x8000 << 48)


def uuid4_hex() -> str:
    """uuid.uuid4().hex without building a UUID object (a third of the time): SQLite stores UUIDs as
    this hex text and PostgreSQL reads it as a uuid."""
    return f"{(int.from_bytes(os.urandom(16), 'big') & _UUID4_CLEAR) | _UUID4_SET:032x}"


def _uuid_hex(value):
    if value is None or (isinstance(value, str) and len(value) == 32):  # uuid4_hex()
        return value
    return (value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))).hex


def _adapter(field, connection):
    """A function giving a value of `field` in the form the database takes, as field.get_db_prep_save
    would, with shortcuts for what an import writes on every row: JSON as text (both databases parse it),
    UUIDs as hex, and a date or time adapted once however many rows carry it."""
    if isinstance(field, models.JSONField):
        encoder = field.encoder
        return lambda value: None if value is None else json.dumps(value, cls=encoder)
    if isinstance(field, models.UUIDField):
        return _uuid_hex
    if not isinstance(field, _ADAPTED):
        return None
    known = {}

    def adapt(value):
        if value not in known:
            known[value] = field.get_db_prep_save(value, connection)
        return known[value]

    return adapt


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
        adapt = _adapter(f, connection)
        per_row = uuid4_hex if f.default is uuid.uuid4 else None
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            fixed.append((f.attname, adapt(now)))
            continue
        constant = None if per_row else f.get_default()
        if adapt is not None and constant is not None:
            constant = adapt(constant)
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
                value = constant if per_row is None else per_row()
            elif adapt is not None:
                value = adapt(value)
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
        elif len(columns) > MULTI_ROW_COLUMNS:  # SQLite, a wide table: one statement stepped per row
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", values)  # noqa: S608
        else:
            # SQLite, a narrow table (keys, name tokens): as many rows per INSERT as the parameter limit
            # allows, a third faster than executemany, which binds and steps the statement row by row
            # from Python. For a wide table (a customer: forty columns, 24 rows a statement) it is slower.
            per_statement = connection.features.max_query_params // len(columns)
            row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
            statements: dict[int, str] = {}  # rows in a statement -> its SQL
            for start in range(0, len(values), per_statement):
                chunk = values[start : start + per_statement]
                if len(chunk) not in statements:
                    rows_sql = ", ".join([row_sql] * len(chunk))
                    statements[len(chunk)] = f"INSERT INTO {table} ({names}) VALUES {rows_sql}"  # noqa: S608
                cursor.execute(statements[len(chunk)], [value for row in chunk for value in row])


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
        row["public_id"] = _uuid_hex(row.get("public_id")) or uuid4_hex()
    # SQLite has no sequence to draw from: find the new rows by their public ids. New rows get keys above
    # today's highest, so looking only there keeps the lookup a short index range.
    before = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    insert_rows(model, rows)
    public_ids = [row["public_id"] for row in rows]  # hex, as SQLite stores them
    condition, params = column_in("public_id", public_ids)
    found = dict(
        fetch(
            f"SELECT public_id, id FROM {model._meta.db_table} WHERE id > %s AND {condition}",  # noqa: S608
            [before, *params],
        )
    )
    return [found[p] for p in public_ids]
