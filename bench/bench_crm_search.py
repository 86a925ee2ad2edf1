"""Customer search with its index (pg_trgm / FTS5 trigram) beside the raw substring scan it replaces
(issue 10), on the customers bench.

    TRADEWIND_DATA_DIR=/tmp/bench-crm-sqlite .venv/bin/python bench/bench_crm_search.py [--n 15]

Fill the database with bench/generate_crm.py first. For Latin and Chinese searches of several lengths
(1 to 10 characters, a rare e-mail address, phone digits, two words, mixed scripts, no match) the customer
list's own query is compiled twice from `customer_list()` — once as it is, once with the index condition
taken out (`search_index_condition` -> nothing: the plain `search_text LIKE '%word%'` scan the list ran
before) — and both are run through `connection.cursor()`, alternating, `--n` times each after a warm-up:

- page: the first page as the list shows it (the list's columns, name order, 51 rows: is there more?);
- all:  every match's id in name order (what the export reads).

As the manager of bench-crm (sees every customer) and as rep02, a sales rep, whose search also finds a
colleague's private customer by the words of its name (an OR the index serves on both sides). The ids
found are compared once (`!!` on a difference). Before the timings, the index is built afresh over the
bench's customers and timed (`--no-build` to skip): what migration crm/0013 costs on an existing database.

Last, what the index costs writes: `--writes` copies of bench customers (20,000) inserted with
bulk_create in batches of 1,000, in a transaction rolled back, three times with the index and three
times without (its triggers or GIN index dropped inside that transaction), alternating (`--writes 0`
to skip). On PostgreSQL the rolled-back rows stay as dead tuples until autovacuum: run it last.
"""

from __future__ import annotations

import argparse
import contextlib
import platform
import random
import time
import uuid

from _common import CRM_BUSY_EMAIL, CRM_MANAGER_EMAIL, CRM_SLUG, database_label, p50, percentile
from django.db import connection, transaction
from django.db.models import Q

from tradewind.crm import search_index
from tradewind.crm.models import Contact, Customer
from tradewind.crm.search_index_schema import TRIGGERS, search_index_rebuild
from tradewind.crm.selectors import CUSTOMER_ROW_VALUES, CustomerFilters, customer_list
from tradewind.crm.selectors import customers as customer_selectors
from tradewind.workspaces.models import Membership

PAGE = 51  # the list shows 50 and reads one more


@contextlib.contextmanager
def scan_only():
    """The list's query as it was before the index: the same selector, the index condition removed."""
    replaced = {
        (search_index, "search_index_condition"): lambda words: Q(),
        (customer_selectors, "search_index_condition"): lambda words: Q(),
        (customer_selectors, "search_index_any"): lambda word_sets, ids=None: Q(),
        (customer_selectors, "search_ids_condition"): lambda ids: Q(pk__in=ids),
    }
    saved = {(module, name): getattr(module, name) for module, name in replaced}
    try:
        for (module, name), stand_in in replaced.items():
            setattr(module, name, stand_in)
        yield
    finally:
        for (module, name), original in saved.items():
            setattr(module, name, original)


def compiled(member, q: str, *, page: bool, indexed: bool) -> tuple[str, list]:
    with contextlib.nullcontext() if indexed else scan_only():
        customers = customer_list(membership=member, filters=CustomerFilters(q=q))
        if page:
            customers = customers.values_list(*CUSTOMER_ROW_VALUES)[:PAGE]
        else:
            customers = customers.values_list("id", flat=True)
        sql, params = customers.query.sql_with_params()
    return sql, list(params)


def run(cursor, query) -> tuple[float, list]:
    start = time.perf_counter()
    cursor.execute(*query)
    rows = cursor.fetchall()
    return (time.perf_counter() - start) * 1000, rows


def searches(workspace_id: int) -> list[tuple[str, str]]:
    """What sales people type, taken from the bench's own customers where a real one is needed."""
    rng = random.Random(10)
    chinese = list(
        Customer.objects.filter(workspace_id=workspace_id, country="CN", name__endswith="有限公司")
        .order_by("id")
        .values_list("name", flat=True)[:2000]
    )
    name = rng.choice(chinese)  # e.g. 宁波海天贸易有限公司: city, two characters, trade, legal form
    contact = (
        Contact.objects.filter(workspace_id=workspace_id, customer__country="DE")
        .exclude(emails=[])
        .order_by("id")[rng.randrange(1000)]
    )
    phone = (
        Contact.objects.filter(workspace_id=workspace_id, customer__country="US")
        .exclude(phones=[])
        .order_by("id")[rng.randrange(1000)]
        .phones[0]
    )
    return [
        ("Latin, 2 letters", "mu"),
        ("Latin, 3", "mül"),
        ("Latin, 6", "müller"),
        ("Latin, common word", "trading"),
        ("Latin, two words", "müller hamburg"),
        ("Latin, rare e-mail", contact.emails[0]),
        ("phone, last 7 digits", phone[-7:]),
        ("Chinese, 1 character", name[2]),
        ("Chinese, 2 (city)", name[:2]),
        ("Chinese, 2 (name)", name[2:4]),
        ("Chinese, 3", name[2:5]),
        ("Chinese, 4", name[2:6]),
        ("Chinese, whole name", name),
        ("mixed, ningbo 海天", "ningbo " + name[2:4]),
        ("no match", "zqxjw 无此公司"),
    ]


def index_size() -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_size_pretty(pg_relation_size('crm_customer_search_trgm')), "
                "pg_size_pretty(pg_relation_size('crm_customer'))"
            )
            index, table = cursor.fetchone()
            return f"GIN index {index} (table crm_customer {table})"
        cursor.execute("PRAGMA page_size")
        page_size = cursor.fetchone()[0]
        try:
            cursor.execute(
                "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'crm_customer_search%' "
                "UNION ALL SELECT SUM(pgsize) FROM dbstat WHERE name = 'crm_customer'"
            )
            index, table = (row[0] for row in cursor.fetchall())
        except Exception:  # dbstat is optional in SQLite builds
            cursor.execute("SELECT COUNT(*) FROM crm_customer_search_data")
            return f"FTS5 table {cursor.fetchone()[0]} data rows (page size {page_size})"
        return f"FTS5 tables {index / 2**20:.0f} MB (table crm_customer {table / 2**20:.0f} MB)"


def build_index() -> float:
    """Index every customer afresh, as migration crm/0013 does on an existing database."""
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("REINDEX INDEX crm_customer_search_trgm")
        else:
            search_index_rebuild(connection)
    return time.perf_counter() - start


def write_cost(workspace_id: int, rows: int) -> tuple[list[float], list[float]]:
    """Seconds to insert `rows` customers with the index and without, three times each, rolled back."""
    fields = [f.attname for f in Customer._meta.concrete_fields if f.attname not in ("id", "public_id")]
    sample = list(Customer.objects.filter(workspace_id=workspace_id).order_by("id").values(*fields)[:rows])
    timings: dict[bool, list[float]] = {True: [], False: []}
    for _round in range(3):
        for indexed in (True, False):
            copies = [Customer(**values, public_id=uuid.uuid4()) for values in sample]
            with transaction.atomic(), connection.cursor() as cursor:
                if not indexed and connection.vendor == "postgresql":
                    cursor.execute("DROP INDEX crm_customer_search_trgm")
                elif not indexed:
                    for name in TRIGGERS:
                        cursor.execute(f"DROP TRIGGER {name}")
                start = time.perf_counter()
                Customer.objects.bulk_create(copies, batch_size=1000)
                if connection.vendor == "postgresql":
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the commit's work, in the timing
                timings[indexed].append(time.perf_counter() - start)
                transaction.set_rollback(True)
    return timings[True], timings[False]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=15, help="timed runs of each query (default 15)")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--no-build", action="store_true", help="do not time building the index")
    parser.add_argument("--explain", action="store_true", help="print the plan of each indexed query")
    parser.add_argument("--writes", type=int, default=20_000, help="customers inserted to time writes")
    args = parser.parse_args()

    manager = Membership.objects.select_related("workspace").get(
        user__email=CRM_MANAGER_EMAIL, workspace__slug=CRM_SLUG
    )
    rep = Membership.objects.get(user__email=CRM_BUSY_EMAIL, workspace__slug=CRM_SLUG)
    total = Customer.objects.filter(workspace_id=manager.workspace_id).count()
    print(f"{database_label()}; Python {platform.python_version()}")
    print(f"bench-crm: {total:,} customers ({Customer.objects.count():,} in all workspaces)")
    if not args.no_build:
        print(f"index built over every customer in {build_index():.1f} s")
    print(f"{index_size()}; n = {args.n} runs of each query, p50 (p95) in ms\n")

    header = f"{'search':<26}{'who':<9}{'rows':>7}  {'page: scan':>16} {'index':>14} {'×':>6}"
    header += f"  {'all: scan':>16} {'index':>14} {'×':>6}"
    print(header)
    print("-" * len(header))
    with connection.cursor() as cursor:
        for label, q in searches(manager.workspace_id):
            for who, member in (("manager", manager), ("rep", rep)):
                line = f"{label:<26}{who:<9}"
                cells = []
                for page in (True, False):
                    scan_q = compiled(member, q, page=page, indexed=False)
                    index_q = compiled(member, q, page=page, indexed=True)
                    for _ in range(args.warmup):
                        run(cursor, scan_q), run(cursor, index_q)
                    scan_ms, index_ms = [], []
                    for _ in range(args.n):
                        ms, scanned = run(cursor, scan_q)
                        scan_ms.append(ms)
                        ms, indexed = run(cursor, index_q)
                        index_ms.append(ms)
                    same = "" if scanned == indexed else " !!"
                    if not page:
                        line += f"{len(indexed):>7}"
                    cells.append(
                        f"{p50(scan_ms):>7.1f} ({percentile(scan_ms, 95):>6.1f}) "
                        f"{p50(index_ms):>6.1f} ({percentile(index_ms, 95):>5.1f}) "
                        f"{p50(scan_ms) / max(p50(index_ms), 0.001):>5.1f}×{same}"
                    )
                    if args.explain and page:
                        explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
                        cursor.execute(explain + index_q[0], index_q[1])
                        plan = "\n".join("    " + " ".join(map(str, row)) for row in cursor.fetchall())
                print(line + "  " + "  ".join(cells))
                if args.explain:
                    print(plan)
    print(f"\nsearches: {', '.join(repr(q) for _label, q in searches(manager.workspace_id))}")
    if args.writes:
        with_index, without = write_cost(manager.workspace_id, args.writes)
        extra = (min(with_index) - min(without)) / args.writes * 1e6
        seconds = [", ".join(f"{t:.2f}" for t in times) for times in (with_index, without)]
        print(
            f"\nwrites: {args.writes:,} customers by bulk_create: with the index {seconds[0]} s, without "
            f"{seconds[1]} s — {min(with_index) / min(without):.2f}× (best of 3), {extra:.0f} µs more each"
        )


if __name__ == "__main__":
    main()
