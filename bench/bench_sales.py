"""Time the sales pages (issue 11) against the raw SQL for the same result, measured in the same run, and
the PDF of a 50-line quotation against WeasyPrint rendering the same HTML without Tradewind.

    TRADEWIND_DATA_DIR=/tmp/bench-sales .venv/bin/python bench/bench_sales.py [--n 30] [--pdf-n 15]

Fill the database with bench/generate_sales.py first. Pages are requested with the Django test Client as
the busy sales rep of bench-sales (rep02: 6% of the customers, and the pool's) or as a manager (rep04, who
sees every quotation), `--warmup` times, then `--n` times, each followed by its raw SQL floor (_pages.py):
the session and membership check, the bell count, the page's own extras, and the rows — same filters, order
and limit. On the quotation list the floor asks the per-currency totals in ONE grouped query (the
currency's sum, the reporting-currency sum, the count), as `document_totals` does. Targets (issue 4): page
p50 ≤ 3 × floor p50, and the same number of queries with many rows and with few (the rep who joined last
week; a one-line quotation; a search finding one product).

The pipeline totals are `document_totals(quotation_list(…status=open, mine…))` — the selector's grouped
query through the ORM — beside the same query by hand, for the busy rep, the manager (the whole team's open
quotations) and the light rep.

The PDF: `/quotations/<id>/pdf/` (access check, the document's HTML, WeasyPrint) beside
`weasyprint.HTML(string=html).write_pdf()` on the HTML fetched once from `?html=1`. Target: p95 ≤ 1.5 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import platform
import re
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from _common import database_label, db_uuid, p50, percentile
from _pages import (
    Result,
    Scenario,
    Who,
    fetch,
    floor_unread,
    ms,
    print_queries,
    print_query_counts,
    print_ratios,
    run,
    sign_in,
)
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from generate_sales import (
    BIG_LINES,
    SALES_BUSY_EMAIL,
    SALES_LIGHT_EMAIL,
    SALES_MANAGER_EMAIL,
    SALES_SLUG,
)

from tradewind.catalog.models import Product
from tradewind.core.text import search_words
from tradewind.crm.models import Customer
from tradewind.crm.permissions import sees_every_customer
from tradewind.trade.choices import OPEN_QUOTATION
from tradewind.trade.models import Quotation
from tradewind.trade.selectors import DocumentFilters, document_totals, quotation_list

TARGET_RATIO = 3.0
PDF_P95_S = 1.5
PAGE_SIZE = 50


# --- the raw SQL floors ------------------------------------------------------------------------------------


def uuids(rows, column: int = 0) -> list[str]:
    return [str(uuid.UUID(str(r[column]))) for r in rows]


@dataclass
class ListQuery:
    """A quotation list as the page asks it (the view's filter form's fields)."""

    q: str = ""
    status: str = ""
    currency: str = ""
    mine: bool = False

    def query(self) -> str:
        pairs = (("q", self.q), ("status", self.status), ("currency", self.currency), ("mine", self.mine))
        return urlencode({k: ("1" if v is True else v) for k, v in pairs if v})


def list_where(who: Who, f: ListQuery) -> tuple[str, list]:
    where, params = ["q.workspace_id = %s"], [who.wid]
    if not sees_every_customer(who.membership):
        where.append("(c.owner_id IS NULL OR c.owner_id = %s)")
        params.append(who.mid)
    if f.status == "open":
        where.append(f"q.status IN ({', '.join(['%s'] * len(OPEN_QUOTATION))})")
        params += [str(s) for s in OPEN_QUOTATION]
    elif f.status:
        where.append("q.status = %s")
        params.append(f.status)
    else:
        where.append("q.status <> 'superseded'")
    if f.currency:
        where.append("q.currency = %s")
        params.append(f.currency)
    if f.mine:
        where.append("q.owner_id = %s")
        params.append(who.mid)
    for word in search_words(f.q):
        where.append("(q.number ILIKE %s OR c.name ILIKE %s OR c.name_latin ILIKE %s)")
        params += [f"%{word}%"] * 3
    return " AND ".join(where), params


def floor_totals(cursor, who: Who, f: ListQuery) -> tuple:
    """The per-currency sums, the converted sum and the count in one grouped query."""
    where, params = list_where(who, f)
    rows = fetch(
        cursor,
        f"""SELECT q.currency, SUM(q.total), SUM(q.total_reporting), COUNT(*)
            FROM trade_quotation q JOIN crm_customer c ON c.id = q.customer_id
            WHERE {where} GROUP BY q.currency ORDER BY q.currency""",
        params,
    )
    return (
        [(r[0], r[1]) for r in rows],
        sum((r[2] for r in rows), 0),
        sum(r[3] for r in rows),
    )


def floor_list_head(cursor, who: Who) -> None:
    floor_unread(cursor, who)
    fetch(cursor, "SELECT code FROM fx_tradingcurrency WHERE workspace_id = %s ORDER BY code", [who.wid])


def floor_list(cursor, who: Who, f: ListQuery) -> list[str]:
    where, params = list_where(who, f)
    rows = fetch(
        cursor,
        f"""SELECT q.public_id, q.number, q.issued_on, q.valid_until, q.total, q.currency, q.status,
                   c.name, u.full_name, u.email
            FROM trade_quotation q JOIN crm_customer c ON c.id = q.customer_id
            LEFT JOIN workspaces_membership m ON m.id = q.owner_id
            LEFT JOIN accounts_user u ON u.id = m.user_id
            WHERE {where} ORDER BY q.issued_on DESC, q.id DESC LIMIT {PAGE_SIZE + 1}""",
        params,
    )[:PAGE_SIZE]
    floor_totals(cursor, who, f)
    return uuids(rows)


def floor_detail(cursor, who: Who, quotation: Quotation) -> list[int]:
    """The quotation with its customer, contact and owner; its lines with their products; the other
    revisions; today's rate of its currency (the FX-risk warning); the trade settings; its PIs; its
    history."""
    fetch(
        cursor,
        """SELECT q.*, c.public_id, c.name, c.owner_id, ct.name, ct.emails, u.full_name, u.email, w.currency
           FROM trade_quotation q
           JOIN workspaces_workspace w ON w.id = q.workspace_id
           JOIN crm_customer c ON c.id = q.customer_id
           LEFT JOIN crm_contact ct ON ct.id = q.contact_id
           LEFT JOIN workspaces_membership m ON m.id = q.owner_id
           LEFT JOIN accounts_user u ON u.id = m.user_id
           WHERE q.workspace_id = %s AND q.public_id = %s""",
        [who.wid, db_uuid(quotation.public_id)],
    )
    lines = fetch(
        cursor,
        """SELECT l.sku, l.name, l.quantity, l.unit, l.unit_price, l.discount_percent, l.total, l.list_price,
                  l.cost_amount, l.cost_currency, l.units_per_carton, l.cbm_per_carton, l.gross_kg_per_carton,
                  p.public_id
           FROM trade_quotationline l LEFT JOIN catalog_product p ON p.id = l.product_id
           WHERE l.quotation_id = %s ORDER BY l.position, l.id""",
        [quotation.pk],
    )
    fetch(
        cursor,
        """SELECT public_id, number, status FROM trade_quotation
           WHERE workspace_id = %s AND base_number = %s AND id <> %s ORDER BY revision""",
        [who.wid, quotation.base_number, quotation.pk],
    )
    if quotation.currency != "USD":
        today = timezone.localdate()
        fetch(
            cursor,
            """SELECT rate, "on" FROM fx_exchangerate
               WHERE workspace_id = %s AND reporting_currency = %s AND currency = %s
                 AND "on" <= %s AND "on" >= %s ORDER BY "on" DESC LIMIT 1""",
            [
                who.wid,
                "USD",
                quotation.currency,
                connection.ops.adapt_datefield_value(today),
                connection.ops.adapt_datefield_value(
                    today - dt.timedelta(days=settings.FX_RATE_MAX_AGE_DAYS)
                ),
            ],
        )
        fetch(cursor, "SELECT fx_risk_percent FROM trade_tradesettings WHERE workspace_id = %s", [who.wid])
    fetch(
        cursor,
        "SELECT public_id, number, status FROM trade_order WHERE quotation_id = %s ORDER BY issued_on DESC",
        [quotation.pk],
    )
    fetch(
        cursor,
        """SELECT a.public_id, a.kind, a.at, a.data, u.full_name, u.email FROM activity_activity a
           LEFT JOIN workspaces_membership m ON m.id = a.actor_id
           LEFT JOIN accounts_user u ON u.id = m.user_id
           WHERE a.workspace_id = %s AND a.subject_kind = 'trade.quotation' AND a.subject_id = %s
           ORDER BY a.at DESC, a.id DESC LIMIT 50""",
        [who.wid, db_uuid(quotation.public_id)],
    )
    return list(range(1, len(lines) + 1))


def floor_products(cursor, who: Who, q: str) -> list[str]:
    words = search_words(q)
    text = " AND ".join(["p.search_text LIKE %s"] * len(words)) or "TRUE"
    rows = fetch(
        cursor,
        f"""SELECT p.public_id, p.sku, p.name_en, p.name_zh, p.names, p.hs_code, p.moq, p.unit, p.status,
                   p.units_per_carton, p.carton_length_cm, p.carton_width_cm, p.carton_height_cm,
                   p.carton_gross_kg, p.cost_amount, p.cost_currency, c.name
            FROM catalog_product p LEFT JOIN catalog_category c ON c.id = p.category_id
            WHERE p.workspace_id = %s AND p.status = 'active' AND {text}
            ORDER BY p.sku, p.id LIMIT {PAGE_SIZE + 1}""",
        [who.wid, *[f"%{w}%" for w in words]],
    )[:PAGE_SIZE]
    return uuids(rows)


def floor_products_head(cursor, who: Who) -> None:
    floor_unread(cursor, who)
    fetch(
        cursor,
        "SELECT id, public_id, name FROM catalog_category WHERE workspace_id = %s ORDER BY name",
        [who.wid],
    )


# --- what a page shows -------------------------------------------------------------------------------------

QUOTATION_LINK = re.compile(r'href="/w/[^/]+/quotations/([0-9a-f-]{36})/"')
PRODUCT_LINK = re.compile(r'href="/w/[^/]+/products/([0-9a-f-]{36})/"')
LINE_ROW = re.compile(r"<tr><td>\d+</td>")


def shown_quotations(response) -> list[str]:
    return QUOTATION_LINK.findall(response.content.decode())


def shown_products(response) -> list[str]:
    return PRODUCT_LINK.findall(response.content.decode())


def shown_lines(response) -> list[int]:
    return list(range(1, len(LINE_ROW.findall(response.content.decode())) + 1))


# --- the pipeline totals (a function, not a page) ----------------------------------------------------------


@dataclass
class Timed:
    label: str
    rows: int
    timed: list[float]
    floor: list[float]
    queries: int
    match: bool


def time_totals(label: str, who: Who, f: ListQuery, *, n: int, warmup: int) -> Timed:
    filters = DocumentFilters(status=f.status, currency=f.currency, mine=f.mine, q=f.q)

    def app():
        return document_totals(quotation_list(membership=who.membership, filters=filters), "USD")

    def floor():
        with connection.cursor() as cursor:
            return floor_totals(cursor, who, f)

    for _ in range(warmup):
        app()
        floor()
    got, expected = app(), floor()
    match = (
        [(m.currency, m.amount) for m in got.subtotals]
        == [(c, round(t, 0 if c == "JPY" else 2)) for c, t in expected[0]]
        and got.count == expected[2]
        and got.converted.amount == round(expected[1], 2)
    )
    if not match:
        print(f"!! totals “{label}”: {got} vs {expected}")
    timed, floored = [], []
    for _ in range(n):
        started = time.perf_counter()
        app()
        timed.append(time.perf_counter() - started)
        started = time.perf_counter()
        floor()
        floored.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as captured:
        app()
    return Timed(label, got.count, timed, floored, len(captured.captured_queries), match)


# --- the PDF -----------------------------------------------------------------------------------------------


def quiet_weasyprint() -> None:
    """WeasyPrint logs each step at INFO: keep the table readable."""
    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)


def time_pdf(
    who: Who, quotation: Quotation, *, n: int, language: str
) -> tuple[list[float], list[float], int]:
    from weasyprint import HTML

    quiet_weasyprint()
    base = f"/w/{SALES_SLUG}/quotations/{quotation.public_id}/pdf/?language={language}"
    html = who.client.get(base + "&html=1").content.decode()
    who.client.get(base)  # warm-up: fonts and Pango load once per process
    HTML(string=html).write_pdf()
    page, bare, size = [], [], 0
    for _ in range(n):
        started = time.perf_counter()
        response = who.client.get(base)
        page.append(time.perf_counter() - started)
        size = len(response.content)
        if response.status_code != 200 or response["Content-Type"] != "application/pdf":
            raise SystemExit(f"GET {base} answered {response.status_code} {response['Content-Type']}")
        started = time.perf_counter()
        HTML(string=html).write_pdf()
        bare.append(time.perf_counter() - started)
    return page, bare, size


# --- set-up ------------------------------------------------------------------------------------------------


def name_word(who: Who) -> str:
    """A word of customer names the rep can see, found in about 1% of them (an ASCII word of 4+ letters:
    what a rep types to find a buyer's quotations)."""
    visible = Customer.objects.filter(workspace_id=who.wid)
    visible = visible.filter(owner__isnull=True) | visible.filter(owner=who.membership)
    words = Counter(
        w.lower()
        for name in visible.values_list("name", flat=True)
        for w in re.findall(r"[A-Za-z]{4,}", name)
    )
    target = max(3, visible.count() // 100)
    return min(sorted(words), key=lambda w: (abs(words[w] - target), w))


def arguments() -> argparse.Namespace:
    """The page benches' options (_pages.page_bench_arguments) and the number of PDFs."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=30, help="timed requests per scenario (default 30)")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--pdf-n", type=int, default=15, help="timed PDFs per language (default 15)")
    parser.add_argument("--show-queries", action="store_true", help="print each page's SQL with its time")
    parser.add_argument(
        "--explain", action="store_true", help="print the plan of each page's three slowest queries"
    )
    return parser.parse_args()


def main() -> None:
    args = arguments()
    busy, light = sign_in(SALES_BUSY_EMAIL, SALES_SLUG), sign_in(SALES_LIGHT_EMAIL, SALES_SLUG)
    manager = sign_in(SALES_MANAGER_EMAIL, SALES_SLUG)
    mine = Quotation.objects.filter(workspace_id=busy.wid, owner=busy.membership, status="sent")
    big = next(q for q in mine.filter(currency="EUR").order_by("-id")[:40] if q.lines.count() == BIG_LINES)
    small = mine.filter(currency="EUR").exclude(pk=big.pk).order_by("-id")
    small = next(q for q in small[:200] if q.lines.count() == 1)
    one_product = Product.objects.filter(workspace_id=busy.wid, status="active").order_by("id").first()
    sku_fragment = one_product.sku[:5]  # "KT-10": the SKUs of one kind from 10000 to 10999
    word = name_word(busy)
    year = timezone.localdate().year - 1
    number_fragment = f"{year}-012"  # Q-2025-0120…0129 and Q-2025-01200…01299
    w = f"/w/{SALES_SLUG}"
    few = ListQuery(status="open", mine=True)

    def list_scenario(name, who, f: ListQuery):
        return Scenario(
            name=name,
            who=who,
            url=f"{w}/quotations/?{f.query()}",
            shown=shown_quotations,
            head=lambda c: floor_list_head(c, who),
            content=lambda c: floor_list(c, who, f),
            small_who=light,
            small_url=f"{w}/quotations/?{few.query()}",
        )

    def product_scenario(name, q):
        return Scenario(
            name=name,
            who=busy,
            url=f"{w}/products/?{urlencode({'q': q})}",
            shown=shown_products,
            head=lambda c: floor_products_head(c, busy),
            content=lambda c: floor_products(c, busy, q),
            small_who=busy,
            small_url=f"{w}/products/?{urlencode({'q': one_product.sku})}",
        )

    scenarios = [
        list_scenario("List: open + EUR (rep)", busy, ListQuery(status="open", currency="EUR")),
        list_scenario("List: open + EUR (manager)", manager, ListQuery(status="open", currency="EUR")),
        list_scenario("List: mine, open (rep)", busy, ListQuery(status="open", mine=True)),
        list_scenario(f"List: “{word}” (rep)", busy, ListQuery(q=word)),
        list_scenario(f"List: “{word}” (manager)", manager, ListQuery(q=word)),
        list_scenario(f"List: “{number_fragment}” (rep)", busy, ListQuery(q=number_fragment)),
        Scenario(
            name=f"Quotation, {BIG_LINES} lines",
            who=busy,
            url=f"{w}/quotations/{big.public_id}/",
            shown=shown_lines,
            head=lambda c: floor_unread(c, busy),
            content=lambda c: floor_detail(c, busy, big),
            small_who=busy,
            small_url=f"{w}/quotations/{small.public_id}/",
        ),
        product_scenario("Products: “水壶”", "水壶"),
        product_scenario(f"Products: “{sku_fragment}”", sku_fragment),
    ]

    print(f"Database: {database_label()}")
    print(
        f"Machine: {platform.node()}, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}; {timezone.now():%Y-%m-%d %H:%M} UTC"
    )
    total = Quotation.objects.filter(workspace_id=busy.wid).count()
    print(
        f"Data: {total:,} quotations in {SALES_SLUG}; timed as {SALES_BUSY_EMAIL} "
        f"({Quotation.objects.filter(owner=busy.membership).count():,} own quotations) and "
        f"{SALES_MANAGER_EMAIL} (manager); {big.number} has {BIG_LINES} lines; n={args.n} after "
        f"{args.warmup} warm-ups"
    )
    results: list[Result] = [run(s, n=args.n, warmup=args.warmup) for s in scenarios]
    totals = [
        time_totals("rep's pipeline (open, mine)", busy, few, n=args.n, warmup=args.warmup),
        time_totals(
            "team pipeline (open, manager)", manager, ListQuery(status="open"), n=args.n, warmup=args.warmup
        ),
        time_totals("light rep's pipeline", light, few, n=args.n, warmup=args.warmup),
    ]
    pdfs = [(lang, *time_pdf(busy, big, n=args.pdf_n, language=lang)) for lang in ("en", "zh-hans")]

    print()
    print_ratios(results, TARGET_RATIO, width=28)
    print()
    print_query_counts(results, width=28)
    print()
    head = (
        f"{'per-currency totals':32} {'docs':>6} {'p50':>8} {'p95':>8} {'floor p50':>9} {'p95':>8} "
        f"{'ratio':>6} {'queries':>7}  target ≤{TARGET_RATIO:g}×"
    )
    print(head)
    print("-" * len(head))
    for t in totals:
        ratio = p50(t.timed) / p50(t.floor)
        print(
            f"{t.label:32} {t.rows:>6} {ms(p50(t.timed))} {ms(percentile(t.timed, 95))} "
            f"{ms(p50(t.floor)):>9} {ms(percentile(t.floor, 95))} {ratio:>5.2f}× {t.queries:>7}  "
            f"{'OK' if ratio <= TARGET_RATIO else 'OVER TARGET'}"
        )
    print("(ms; document_totals(quotation_list(…)) through the ORM; floor: the same grouped query by hand)")
    print()
    head = (
        f"{'PDF, ' + str(BIG_LINES) + ' lines':22} {'bytes':>8} {'view p50':>9} {'p95':>8} "
        f"{'WeasyPrint p50':>14} {'p95':>8} {'ratio':>6}  target p95 ≤ {PDF_P95_S:g} s"
    )
    print(head)
    print("-" * len(head))
    for lang, page, bare, size in pdfs:
        verdict = "OK" if percentile(page, 95) <= PDF_P95_S else "OVER TARGET"
        print(
            f"{lang:22} {size:>8,} {ms(p50(page)):>9} {ms(percentile(page, 95))} {ms(p50(bare)):>14} "
            f"{ms(percentile(bare, 95))} {p50(page) / p50(bare):>5.2f}×  {verdict}"
        )
    print(f"(ms, n={args.pdf_n}; WeasyPrint = HTML(string=…).write_pdf() on the HTML of ?html=1)")

    mismatched = [r.name for r in results if not r.match] + [t.label for t in totals if not t.match]
    if mismatched:
        print(f"\n!! rows differ from the floor: {', '.join(mismatched)}")
    within = sum(r.ratio <= TARGET_RATIO for r in results)
    constant = all(r.queries <= r.small_queries for r in results)
    print(
        f"\nSummary: {within} of {len(results)} pages within {TARGET_RATIO:g}× their SQL floor; query counts "
        f"{'independent of the rows shown' if constant else 'GROW with the rows shown'}; PDF p95 "
        + ", ".join(f"{lang} {percentile(page, 95):.2f} s" for lang, page, _b, _s in pdfs)
        + f" (target ≤ {PDF_P95_S:g} s)."
    )
    print(
        "Reproduce: TRADEWIND_DATABASE_URL=… TRADEWIND_DATA_DIR=… .venv/bin/python bench/generate_sales.py"
        f" && .venv/bin/python bench/bench_sales.py --n {args.n} --pdf-n {args.pdf_n}"
    )
    if args.show_queries or args.explain:
        print_queries(results, explain_top=3 if args.explain else 0, show=args.show_queries)


if __name__ == "__main__":
    main()
