"""Pieces of raw SQL for the few places where the ORM's own costs more than the query.

A filter `value__in=[…]` with thousands of values costs the ORM a few microseconds per value to prepare
(each goes through the field's lookup preparation) and sends thousands of parameters. The bulk import looks up
thousands of keys per batch, so it passes the whole list as one parameter instead.
"""

from __future__ import annotations

import json

from django.db import connection
from django.db.models import BooleanField, F, Func, Q
from django.db.models.expressions import RawSQL


def column_in(column: str, values) -> tuple[str, list]:
    """`column` IN `values` as (SQL, parameters), with the values as one JSON text parameter which the
    database unpacks (both use the column's index). `column` is trusted SQL naming a text column."""
    values = json.dumps(list(values))
    if connection.vendor == "postgresql":
        # Not `= ANY(%s)` with a list: Django's client-side binding quotes an array value by value
        # (~5 ms for 3,000 keys); a JSON text goes as one quoted string and is unpacked by the server.
        return f"{column} = ANY(ARRAY(SELECT jsonb_array_elements_text(%s::jsonb)))", [values]
    return f"{column} IN (SELECT value FROM json_each(%s))", [values]  # noqa: S608


def fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def ids_in(field: str, ids) -> Q:
    """`field` (an integer column) is one of `ids`, sent as one JSON parameter: the same SQL text for any
    number of ids (the driver caches its parsing; a list of 300 parameters was parsed and quoted on every
    query), and on PostgreSQL `= ANY(ARRAY(…))`, which it can OR with an index scan where `IN (…)` inside
    an OR made it read every row."""
    values = json.dumps([int(i) for i in ids])
    if connection.vendor == "postgresql":
        array = RawSQL("ARRAY(SELECT (jsonb_array_elements_text(%s::jsonb))::bigint)", [values])
        return Q(
            Func(
                F(field),
                array,
                arg_joiner=" = ANY(",
                template="(%(expressions)s))",
                output_field=BooleanField(),
            )
        )
    return Q(**{f"{field}__in": RawSQL("SELECT value FROM json_each(%s)", [values])})
