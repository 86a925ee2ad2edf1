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

import sys

from tradewind.core.text_index import (  # noqa: F401
    PG_FUNCTION,
    double_for_sqlite,
    register_sqlite_function,
    text_index_connect,
)
from tradewind.crm.search_index import CUSTOMER_INDEX

TRIGGERS = CUSTOMER_INDEX.triggers


def search_index_install(connection, *, out=sys.stdout) -> None:
    """Create the index and fill it from the customers there are (migration crm/0013)."""
    CUSTOMER_INDEX.install(connection, out=out)


def search_index_uninstall(connection) -> None:
    CUSTOMER_INDEX.uninstall(connection)


def search_index_rebuild(connection) -> None:
    CUSTOMER_INDEX.rebuild(connection)


def search_index_repair(connection, *, out=sys.stdout) -> None:
    CUSTOMER_INDEX.repair(connection, out=out)


def connect_signals(app_config) -> None:
    text_index_connect(CUSTOMER_INDEX, app_config)
