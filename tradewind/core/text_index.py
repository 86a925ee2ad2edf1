"""Substring search through an index, for any table with a folded text column (customers' search text,
chat messages): the index, its upkeep, and the condition that uses it.

crm/search_index.py explains the rule and proves the doubling sound: every search word must be a
substring of the folded text (a plain LIKE, kept in every query), and beside it each word long enough
gets an equivalent condition an index answers —

- PostgreSQL: `tw_search_doubled(<column>) LIKE '%<doubled word>%'`, served by a pg_trgm GIN index on that
  expression (kept by PostgreSQL itself, through COPY and raw UPDATEs too);
- SQLite: `id IN (SELECT rowid FROM <table>_search WHERE … MATCH …)`, a contentless FTS5 table (trigram
  tokenizer) kept by three triggers, which call tw_search_doubled, a Python function registered on every
  connection Django opens.

A `TextIndex` names one such index; `install` is called by the app's migration, `repair` after every
`migrate` (SQLite drops triggers when Django remakes a table; the PostgreSQL index waits for pg_trgm).
"""

# ruff: noqa: S608 - the SQL names tables and columns of TextIndex constants written in code, never input
from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass

from django.db import DatabaseError, connection, transaction
from django.db.backends.signals import connection_created
from django.db.models import F, Func, Q, TextField
from django.db.models.expressions import RawSQL
from django.db.models.lookups import Contains
from django.db.models.signals import post_migrate

from tradewind.core.text import SEARCH_DOUBLED_RANGES, search_doubled

log = logging.getLogger(__name__)

DOUBLED_FUNCTION = "tw_search_doubled"
# pg_trgm takes trigrams from runs of letters and digits only: "a.b" or "+49" give it nothing to look up.
_PG_TRIGRAM = re.compile(r"[^\W_]{3}")


def _pg_character_class() -> str:
    ranges = []
    for low, high in SEARCH_DOUBLED_RANGES:
        ranges.append(f"\\u{low:04x}-\\u{high:04x}" if high <= 0xFFFF else f"\\U{low:08x}-\\U{high:08x}")
    return "".join(ranges)


PG_FUNCTION = f"""CREATE OR REPLACE FUNCTION tw_search_doubled(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT pg_catalog.regexp_replace($1, '([{_pg_character_class()}])', '\\1\\1', 'g') $$"""

MISSING_EXTENSION = (
    "{label}: PostgreSQL refused to install the pg_trgm extension ({error}). Search works, but scans every "
    "row instead of using an index. Ask the database owner or a superuser to run `CREATE EXTENSION "
    "pg_trgm;` in this database (or to grant CREATE on it), then run `tradewind migrate` again: it builds "
    "the index.\n"
)


def fts_query(words: list[str]) -> str:
    """An FTS5 query for rows containing every word as a substring. Each word is one FTS5 string (in
    double quotes, a quote inside written twice), so nothing a user types — `"`, AND, OR, NOT, NEAR, `*`,
    `^`, `:`, parentheses — is read as query syntax; with the trigram tokenizer a string of three
    characters or more matches the texts that contain it."""
    return " AND ".join('"' + word.replace('"', '""') + '"' for word in words)


def double_for_sqlite(text):
    return None if text is None else search_doubled(text)


def register_sqlite_function(sender, connection, **kwargs) -> None:
    """connection_created: give each SQLite connection the function the triggers call."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(DOUBLED_FUNCTION, 1, double_for_sqlite, deterministic=True)


def text_index_connect(index: TextIndex, app_config) -> None:
    """From the app's ready(): the SQLite function on every connection (once, whichever app asks first),
    and the index repaired after each `migrate` of the app."""
    connection_created.connect(register_sqlite_function, dispatch_uid="tw-search-doubled-sqlite-function")

    def after_migrate(sender, using="default", **kwargs) -> None:
        from django.db import connections

        index.repair(connections[using], out=kwargs.get("stdout") or sys.stdout)

    post_migrate.connect(
        after_migrate, sender=app_config, weak=False, dispatch_uid=f"{index.table}-index-repair"
    )


@dataclass(frozen=True)
class TextIndex:
    table: str  # "crm_customer"
    column: str  # "search_text": folded text (core.text.fold)
    label: str  # "Customer search": how messages to the operator name it
    # PostgreSQL: keep the doubled text in a generated column and index that, instead of indexing the
    # expression. For long texts (a document's, up to 250,000 characters): the index finds candidates, and
    # PostgreSQL rechecks each by reading the column instead of re-running the regexp over the whole text —
    # "报关" in 15,000 of 200,000 documents went from 1.6 s to about 10 ms (bench/README.md, "Documents").
    stored: bool = False

    @property
    def stored_column(self) -> str:
        return f"{self.column}_doubled"

    @property
    def fts_table(self) -> str:
        return f"{self.table}_search"

    @property
    def pg_index(self) -> str:
        return f"{self.table}_search_trgm"

    @property
    def triggers(self) -> dict[str, str]:
        t, c, fts = self.table, self.column, self.fts_table
        return {
            f"{fts}_insert": f"""AFTER INSERT ON {t} BEGIN
        INSERT INTO {fts}(rowid, body) VALUES (new.id, tw_search_doubled(new.{c}));
    END""",
            # A contentless table forgets a row only when told exactly what it indexed: the old text.
            f"{fts}_delete": f"""AFTER DELETE ON {t} BEGIN
        INSERT INTO {fts}({fts}, rowid, body) VALUES ('delete', old.id, tw_search_doubled(old.{c}));
    END""",
            # Django's save() writes every column: only a changed text (or id) costs an index update.
            f"{fts}_update": f"""AFTER UPDATE OF {c}, id ON {t}
        WHEN old.{c} IS NOT new.{c} OR old.id IS NOT new.id BEGIN
        INSERT INTO {fts}({fts}, rowid, body) VALUES ('delete', old.id, tw_search_doubled(old.{c}));
        INSERT INTO {fts}(rowid, body) VALUES (new.id, tw_search_doubled(new.{c}));
    END""",
        }

    # --- querying ----------------------------------------------------------------------------------------

    def condition(self, words: list[str]) -> Q:
        """A condition an index answers that holds for every row whose text contains all `words` (and
        only for them, except for words too short for the index). Alone it may be broader: it goes beside
        the LIKE conditions that decide."""
        doubled = [search_doubled(word) for word in words]
        if connection.vendor == "postgresql":
            if self.stored:
                column = f'"{self.table}"."{self.stored_column}"'  # names from code, no input
                expression = RawSQL(column, [], output_field=TextField())  # noqa: S611
            else:
                expression = Func(F(self.column), function=DOUBLED_FUNCTION, output_field=TextField())
            return Q(*[Contains(expression, d) for d in doubled if _PG_TRIGRAM.search(d)])
        if connection.vendor == "sqlite":
            long_enough = [d for d in doubled if len(d) >= 3]
            if long_enough:
                # The only user input is the MATCH parameter, bound, and quoted for FTS5 by fts_query.
                matching = f"SELECT rowid FROM {self.fts_table} WHERE {self.fts_table} MATCH %s"
                return Q(pk__in=RawSQL(matching, [fts_query(long_enough)]))  # noqa: S611
        return Q()

    def text_condition(self, words: list[str]) -> Q:
        """Rows whose text contains every word: the substring rule, with the index beside it."""
        return Q(*[Q(**{f"{self.column}__contains": word}) for word in words]) & self.condition(words)

    # --- the schema --------------------------------------------------------------------------------------

    def install(self, connection, *, out=sys.stdout) -> None:
        """Create the index and fill it from the rows there are (the app's migration)."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Shared by every index (and owned by whoever made it first): made once.
                cursor.execute("SELECT to_regprocedure('tw_search_doubled(text)') IS NOT NULL")
                if not cursor.fetchone()[0]:
                    cursor.execute(PG_FUNCTION)
            self._pg_stored_column_create(connection)
            self._pg_index_create(connection, out=out)
        elif connection.vendor == "sqlite":
            _sqlite_require_fts5(connection, self.label)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"CREATE VIRTUAL TABLE {self.fts_table} USING fts5(body, content='', "
                    "tokenize='trigram case_sensitive 1', columnsize=0)"
                )
            self._sqlite_triggers_create(connection)
            self.rebuild(connection)

    def uninstall(self, connection) -> None:
        """Remove what install created (pg_trgm and tw_search_doubled stay: other indexes use them)."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP INDEX IF EXISTS {self.pg_index}")
                if self.stored:
                    cursor.execute(f"ALTER TABLE {self.table} DROP COLUMN IF EXISTS {self.stored_column}")
            elif connection.vendor == "sqlite":
                for name in self.triggers:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                cursor.execute(f"DROP TABLE IF EXISTS {self.fts_table}")

    def rebuild(self, connection) -> None:
        """SQLite: index every row's text afresh (PostgreSQL's expression index needs no such thing)."""
        if connection.vendor != "sqlite":
            return
        fts = self.fts_table
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('delete-all')")
            doubled = f"tw_search_doubled({self.column})"
            cursor.execute(f"INSERT INTO {fts}(rowid, body) SELECT id, {doubled} FROM {self.table}")
            # One b-tree instead of the segments a big insert leaves: smaller, and faster to query.
            cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('optimize')")

    def repair(self, connection, *, out=sys.stdout) -> None:
        """After `migrate`: where the migration has put the index, put back what a later change took away
        (SQLite triggers dropped with a remade table; the PostgreSQL index once pg_trgm is installed)."""
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
                found = {name for (name,) in cursor.fetchall()}
                if self.fts_table not in found or found.issuperset(self.triggers):
                    return
                self._sqlite_triggers_create(connection)
                self.rebuild(connection)
                out.write(f"{self.label}: triggers of the SQLite index re-created, index rebuilt.\n")
            elif connection.vendor == "postgresql":
                cursor.execute("SELECT to_regprocedure('tw_search_doubled(text)') IS NOT NULL")
                installed = cursor.fetchone()[0]
                if installed:
                    self._pg_stored_column_create(connection)
                cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [self.pg_index])
                if installed and not cursor.fetchone()[0] and self._pg_index_create(connection, out=out):
                    out.write(f"{self.label}: the pg_trgm index is built.\n")

    def _pg_index_create(self, connection, *, out) -> bool:
        find = "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'"
        with connection.cursor() as cursor:
            cursor.execute(find)
            row = cursor.fetchone()
            if row is None:
                try:
                    with transaction.atomic(using=connection.alias):  # a savepoint: the migration goes on
                        cursor.execute("CREATE EXTENSION pg_trgm")
                except DatabaseError as exc:
                    log.warning("pg_trgm not installed: %s", exc)
                    error = str(exc).strip().splitlines()[0]
                    out.write(MISSING_EXTENSION.format(label=self.label, error=error))
                    return False
                cursor.execute(find)
                row = cursor.fetchone()
            # The operator class lives where the extension was installed, maybe not on the search path.
            indexed = self.stored_column if self.stored else f"tw_search_doubled({self.column})"
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {self.pg_index} ON {self.table} "
                f"USING gin ({indexed} {row[0]}.gin_trgm_ops)"
            )
        return True

    def _pg_stored_column_create(self, connection) -> None:
        if not self.stored:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                f"ALTER TABLE {self.table} ADD COLUMN IF NOT EXISTS {self.stored_column} text "
                f"GENERATED ALWAYS AS (tw_search_doubled({self.column})) STORED"
            )

    def _sqlite_triggers_create(self, connection) -> None:
        with connection.cursor() as cursor:
            for name, body in self.triggers.items():
                cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


def _sqlite_require_fts5(connection, label: str) -> None:
    with connection.cursor() as cursor:
        try:
            cursor.execute("CREATE VIRTUAL TABLE temp.tw_fts5_probe USING fts5(x, tokenize='trigram')")
            cursor.execute("DROP TABLE temp.tw_fts5_probe")
        except DatabaseError as exc:
            cursor.execute("SELECT sqlite_version()")
            version = cursor.fetchone()[0]
            raise RuntimeError(
                f"{label} needs SQLite 3.34 or later built with FTS5 (its trigram tokenizer); this Python "
                f"uses SQLite {version}: {exc}"
            ) from exc
