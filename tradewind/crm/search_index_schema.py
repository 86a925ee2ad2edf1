"""The customer search index in the database (what search_index.py queries): built by migration
crm/0013, repaired after `migrate`, and the SQL function SQLite's triggers call.

PostgreSQL: the SQL function tw_search_doubled (normalize.search_doubled as a regular expression) and a GIN
index with pg_trgm's gin_trgm_ops on tw_search_doubled(search_text). An expression index, so COPY, raw
UPDATEs and bulk writes keep it without any help. pg_trgm must be installed in the database; a role that
may not (`CREATE EXTENSION` needs CREATE on the database, pg_trgm being a trusted extension) gets a message
saying what to ask for, search stays correct without the index (it scans, as before), and the next
`migrate` builds the index once the extension is there.

SQLite: a contentless FTS5 table crm_customer_search (trigram tokenizer, case-sensitive: the text is
folded already) holding tw_search_doubled(search_text) under the customer's id, kept by three triggers on
crm_customer, so raw SQL and bulk writes keep it too. tw_search_doubled is a Python function registered on
every connection Django opens; a tool that writes crm_customer through another connection gets "no such
function" instead of an index that silently disagrees. When Django remakes the crm_customer table on
SQLite (some later migrations will), the triggers go with the old table: after every `migrate`, missing
triggers are created again and the index rebuilt from the table.
"""

from __future__ import annotations

import logging
import sys

from django.db import DatabaseError, transaction
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate

from tradewind.crm.normalize import SEARCH_DOUBLED_RANGES, search_doubled

log = logging.getLogger(__name__)

# Written out rather than formatted: the names are search_index.FTS_TABLE and DOUBLED_FUNCTION.
TRIGGERS = {
    "crm_customer_search_insert": """AFTER INSERT ON crm_customer BEGIN
        INSERT INTO crm_customer_search(rowid, body) VALUES (new.id, tw_search_doubled(new.search_text));
    END""",
    # A contentless table forgets a row only when told exactly what it indexed: the old doubled text.
    "crm_customer_search_delete": """AFTER DELETE ON crm_customer BEGIN
        INSERT INTO crm_customer_search(crm_customer_search, rowid, body)
            VALUES ('delete', old.id, tw_search_doubled(old.search_text));
    END""",
    # Django's save() writes every column: only a changed text (or id) costs an index update.
    "crm_customer_search_update": """AFTER UPDATE OF search_text, id ON crm_customer
        WHEN old.search_text IS NOT new.search_text OR old.id IS NOT new.id BEGIN
        INSERT INTO crm_customer_search(crm_customer_search, rowid, body)
            VALUES ('delete', old.id, tw_search_doubled(old.search_text));
        INSERT INTO crm_customer_search(rowid, body) VALUES (new.id, tw_search_doubled(new.search_text));
    END""",
}


def _pg_character_class() -> str:
    ranges = []
    for low, high in SEARCH_DOUBLED_RANGES:
        ranges.append(f"\\u{low:04x}-\\u{high:04x}" if high <= 0xFFFF else f"\\U{low:08x}-\\U{high:08x}")
    return "".join(ranges)


PG_FUNCTION = f"""CREATE OR REPLACE FUNCTION tw_search_doubled(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT pg_catalog.regexp_replace($1, '([{_pg_character_class()}])', '\\1\\1', 'g') $$"""

MISSING_EXTENSION = (
    "Customer search: PostgreSQL refused to install the pg_trgm extension ({error}). Search works, but "
    "scans every customer instead of using an index. Ask the database owner or a superuser to run "
    "`CREATE EXTENSION pg_trgm;` in this database (or to grant CREATE on it), then run `tradewind migrate` "
    "again: it builds the index.\n"
)


def double_for_sqlite(text):
    return None if text is None else search_doubled(text)


def register_sqlite_function(sender, connection, **kwargs) -> None:
    """connection_created: give each SQLite connection the function the triggers call."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("tw_search_doubled", 1, double_for_sqlite, deterministic=True)


def search_index_install(connection, *, out=sys.stdout) -> None:
    """Create the index and fill it from the customers there are (migration crm/0013)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(PG_FUNCTION)
        _pg_index_create(connection, out=out)
    elif connection.vendor == "sqlite":
        _sqlite_require_fts5(connection)
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE VIRTUAL TABLE crm_customer_search USING fts5(body, content='', "
                "tokenize='trigram case_sensitive 1', columnsize=0)"
            )
        _sqlite_triggers_create(connection)
        search_index_rebuild(connection)


def search_index_uninstall(connection) -> None:
    """Remove what search_index_install created (pg_trgm stays: it may serve others)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS crm_customer_search_trgm")
            cursor.execute("DROP FUNCTION IF EXISTS tw_search_doubled(text)")
        elif connection.vendor == "sqlite":
            for name in TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute("DROP TABLE IF EXISTS crm_customer_search")


def search_index_rebuild(connection) -> None:
    """SQLite: index every customer's text afresh (PostgreSQL's expression index needs no such thing)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO crm_customer_search(crm_customer_search) VALUES ('delete-all')")
        cursor.execute(
            "INSERT INTO crm_customer_search(rowid, body) "
            "SELECT id, tw_search_doubled(search_text) FROM crm_customer"
        )
        # One b-tree instead of the segments a big insert leaves: smaller, and faster to query.
        cursor.execute("INSERT INTO crm_customer_search(crm_customer_search) VALUES ('optimize')")


def search_index_repair(connection, *, out=sys.stdout) -> None:
    """After `migrate`: where migration 0013 has put the index, put back what a later change took away
    (SQLite triggers dropped with a remade table; the PostgreSQL index once pg_trgm is installed)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
            found = {name for (name,) in cursor.fetchall()}
            if "crm_customer_search" not in found or found.issuperset(TRIGGERS):
                return
            _sqlite_triggers_create(connection)
            search_index_rebuild(connection)
            out.write("Customer search: triggers of the SQLite index re-created, index rebuilt.\n")
        elif connection.vendor == "postgresql":
            cursor.execute("SELECT to_regprocedure('tw_search_doubled(text)') IS NOT NULL")
            installed = cursor.fetchone()[0]
            cursor.execute("SELECT to_regclass('crm_customer_search_trgm') IS NOT NULL")
            if installed and not cursor.fetchone()[0] and _pg_index_create(connection, out=out):
                out.write("Customer search: the pg_trgm index is built.\n")


def connect_signals(app_config) -> None:
    connection_created.connect(register_sqlite_function, dispatch_uid="crm-search-sqlite-function")
    post_migrate.connect(_after_migrate, sender=app_config, dispatch_uid="crm-search-index-repair")


def _after_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections

    search_index_repair(connections[using], out=kwargs.get("stdout") or sys.stdout)


def _pg_index_create(connection, *, out) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'")
        row = cursor.fetchone()
        if row is None:
            try:
                with transaction.atomic(using=connection.alias):  # a savepoint: the migration goes on
                    cursor.execute("CREATE EXTENSION pg_trgm")
            except DatabaseError as exc:
                log.warning("pg_trgm not installed: %s", exc)
                out.write(MISSING_EXTENSION.format(error=str(exc).strip().splitlines()[0]))
                return False
            cursor.execute(
                "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'"
            )
            row = cursor.fetchone()
        # The operator class lives where the extension was installed, which need not be on the search path.
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS crm_customer_search_trgm ON crm_customer "
            f"USING gin (tw_search_doubled(search_text) {row[0]}.gin_trgm_ops)"
        )
    return True


def _sqlite_require_fts5(connection) -> None:
    with connection.cursor() as cursor:
        try:
            cursor.execute("CREATE VIRTUAL TABLE temp.tw_fts5_probe USING fts5(x, tokenize='trigram')")
            cursor.execute("DROP TABLE temp.tw_fts5_probe")
        except DatabaseError as exc:
            cursor.execute("SELECT sqlite_version()")
            version = cursor.fetchone()[0]
            raise RuntimeError(
                f"Customer search needs SQLite 3.34 or later built with FTS5 (its trigram tokenizer); this "
                f"Python uses SQLite {version}: {exc}"
            ) from exc


def _sqlite_triggers_create(connection) -> None:
    with connection.cursor() as cursor:
        for name, body in TRIGGERS.items():
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
