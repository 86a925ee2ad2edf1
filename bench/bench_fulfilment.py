"""Time the fulfilment pages (issue 12) against the raw SQL for the same result, measured in the same run, and
the commercial invoice and packing list PDFs of a 50-line shipment.

    TRADEWIND_DATA_DIR=/tmp/bench-fulfilment .venv/bin/python bench/bench_fulfilment.py [--n 30] [--pdf-n 15]

Fill the database with bench/generate_fulfilment.py first. Pages are requested with the Django test Client
(_pages.py: whole stack, no network), `--warmup` times, then `--n` times, each followed by its floor: the
session and membership check, the bell count, the page's own extras (the filter form's members, the
workflow's stages, the trading currencies …) and what the page shows — hand-written SQL asking only for the
columns shown, with the same filters, order and limit. Targets (issue 12): page p50 ≤ 3 × floor p50, and
query counts that do not grow with the rows (the board and list filtered to one rep's few orders or one
order; the one-line twin of the 50-line order; the team members who joined last week).

Who: the manager rep04 (sees every order), the busy sales rep rep02 (the orders of their own and of pool
customers), the merchandiser rep34, logistics rep36 and finance rep38 for "my orders" and the receivables.

PDFs: `/shipments/<id>/documents/commercial-invoice.pdf` and `packing-list.pdf` of the 50-line order's first
shipment (50 lines), with the cache emptied before each request (the first download after a change: what
the target is about), beside `weasyprint.HTML(string=html).write_pdf()` on the same HTML, and the cached
download. Target: p95 ≤ 1.5 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import platform
import re
import time
import timeit
import uuid
from dataclasses import dataclass, replace
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
    print_ratios,
    run,
    sign_in,
)
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from generate_fulfilment import (
    BIG_LINES,
    BIG_REMARK,
    FINANCE_EMAIL,
    FINANCE_LIGHT_EMAIL,
    LOGISTICS_EMAIL,
    LOGISTICS_LIGHT_EMAIL,
    MERCH_EMAIL,
    MERCH_LIGHT_EMAIL,
    SMALL_REMARK,
)
from generate_sales import SALES_BUSY_EMAIL, SALES_MANAGER_EMAIL, SALES_SLUG

from tradewind.crm.permissions import sees_every_customer
from tradewind.trade.models import Order
from tradewind.trade.receivables.permissions import sees_every_receivable
from tradewind.trade.receivables.selectors import workspace_today
from tradewind.trade.shipping.models import Shipment
from tradewind.trade.workflow.models import Fulfilment
from tradewind.trade.workflow.selectors import BOARD_CARDS
from tradewind.workspaces.choices import Role

TARGET_RATIO = 3.0
PEOPLE_QUERIES = 2  # the rows' reps and merchandisers, read for all rows at once (workflow/selectors.py)
PDF_P95_S = 1.5
PAGE_SIZE = 50
TEAM_FIELDS = {"merchandiser": "merchandiser_id", "documents": "documents_id", "logistics": "logistics_id",
               "finance": "finance_id", "service": "service_id"}  # fmt: skip
REP_ROLES = [Role.SALES, Role.MANAGER, Role.ADMIN, Role.OWNER]


def day_param(day: dt.date):
    return connection.ops.adapt_datefield_value(day)


def uuids(rows, column: int = 0) -> list[str]:
    return [str(uuid.UUID(str(r[column]))) for r in rows]


# --- the order board, the list and "my orders" --------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """The board's and the list's filter form (workflow/forms.OrderFilterForm), and "my orders" job."""

    q: str = ""
    stage: str = ""
    rep: str = ""  # a member's public id
    merchandiser: str = ""
    country: str = ""
    flag: str = ""  # at_risk, late, payment_overdue
    etd_from: dt.date | None = None
    etd_to: dt.date | None = None
    job: str = ""  # "my orders": merchandiser, logistics, finance … or sales

    def query(self) -> str:
        pairs = {"q": self.q, "stage": self.stage, "rep": self.rep, "merchandiser": self.merchandiser,
                 "country": self.country, "flag": self.flag, "etd_from": self.etd_from, "etd_to": self.etd_to,
                 "job": self.job}  # fmt: skip
        return urlencode({k: str(v) for k, v in pairs.items() if v})


def fulfilment_where(who: Who, f: Filters) -> tuple[str, list]:
    """Running orders the member may see, with the filters: the selector's rules in SQL."""
    where, params = ["f.workspace_id = %s", "o.status = 'confirmed'", "f.closed_at IS NULL"], [who.wid]
    if not sees_every_customer(who.membership):
        where.append("(c.owner_id IS NULL OR c.owner_id = %s)")
        params.append(who.mid)
    if f.stage:
        where.append("f.stage_key = %s")
        params.append(f.stage)
    for column, public_id in (("o.owner_id", f.rep), ("f.merchandiser_id", f.merchandiser)):
        if public_id:
            where.append(
                f"{column} = (SELECT id FROM workspaces_membership "
                "WHERE workspace_id = %s AND public_id = %s)"
            )
            params += [who.wid, db_uuid(uuid.UUID(public_id))]
    if f.country:
        where.append("c.country = %s")
        params.append(f.country)
    if f.flag:
        where.append(f"f.{f.flag} = %s")
        params.append(True)
    if f.etd_from:
        where.append("f.next_etd >= %s")
        params.append(day_param(f.etd_from))
    if f.etd_to:
        where.append("f.next_etd <= %s")
        params.append(day_param(f.etd_to))
    if f.job == Role.SALES:
        where.append("o.owner_id = %s")
        params.append(who.mid)
    elif f.job:
        where.append(f"f.{TEAM_FIELDS[f.job]} = %s")
        params.append(who.mid)
    return " AND ".join(where), params


FROM_FULFILMENT = """workflow_fulfilment f JOIN trade_order o ON o.id = f.order_id
    JOIN crm_customer c ON c.id = o.customer_id"""
ROW_COLUMNS = """o.public_id, o.number, c.name, f.stage_name, f.at_risk, f.risk_reason, f.late,
    f.payment_overdue, f.next_etd, o.delivery_date, ou.full_name, ou.email"""
OWNER_JOIN = """LEFT JOIN workspaces_membership om ON om.id = o.owner_id
    LEFT JOIN accounts_user ou ON ou.id = om.user_id"""


def floor_filter_head(cursor, who: Who) -> None:
    """The bell, and the filter form's reps and merchandisers (one query for both lists)."""
    floor_unread(cursor, who)
    roles = [*REP_ROLES, Role.MERCHANDISER]
    fetch(
        cursor,
        f"""SELECT m.public_id, m.role, u.full_name, u.email FROM workspaces_membership m
            JOIN accounts_user u ON u.id = m.user_id
            WHERE m.workspace_id = %s AND m.is_active = %s AND m.role IN ({", ".join(["%s"] * len(roles))})
            ORDER BY u.full_name""",
        [who.wid, True, *roles],
    )


def floor_board(cursor, who: Who, f: Filters) -> list[str]:
    """The workflow's stages, the running orders counted per stage (one grouped query), and each column's
    first cards: order, customer, rep, ETD, flags."""
    stages = fetch(
        cursor,
        """SELECT s.key, s.name FROM workflow_workflowstage s
           JOIN workflow_workflowtemplate t ON t.id = s.template_id
           WHERE t.workspace_id = %s AND t.is_default = %s ORDER BY s.position, s.id""",
        [who.wid, True],
    )
    where, params = fulfilment_where(who, f)
    counts = dict(
        fetch(
            cursor,
            f"SELECT f.stage_key, COUNT(*) FROM {FROM_FULFILMENT} WHERE {where} GROUP BY f.stage_key",
            params,
        )
    )
    shown = []
    for key, _name in stages:
        if not counts.get(key):
            continue
        rows = fetch(
            cursor,
            f"""SELECT {ROW_COLUMNS} FROM {FROM_FULFILMENT} {OWNER_JOIN}
                WHERE {where} AND f.stage_key = %s
                ORDER BY f.stage_position, f.id DESC LIMIT {BOARD_CARDS}""",
            [*params, key],
        )
        shown += uuids(rows)
    return shown


def floor_list(cursor, who: Who, f: Filters) -> list[str]:
    """A page of the list (or of "my orders"): order, customer, stage and flags, rep, merchandiser, next ETD,
    delivery date; 51 rows to know whether there is a next page."""
    where, params = fulfilment_where(who, f)
    rows = fetch(
        cursor,
        f"""SELECT {ROW_COLUMNS}, mu.full_name, mu.email FROM {FROM_FULFILMENT} {OWNER_JOIN}
            LEFT JOIN workspaces_membership mm ON mm.id = f.merchandiser_id
            LEFT JOIN accounts_user mu ON mu.id = mm.user_id
            WHERE {where} ORDER BY f.stage_position, f.id DESC LIMIT {PAGE_SIZE + 1}""",
        params,
    )[:PAGE_SIZE]
    return uuids(rows)


ORDER_LINK = re.compile(r'href="/w/[^/]+/orders/([0-9a-f-]{36})/#(?:stages|receivables)"')


def shown_orders(response) -> list[str]:
    return ORDER_LINK.findall(response.content.decode())


# --- the receivables list -----------------------------------------------------------------------------------


def buckets(today: dt.date) -> list[tuple[str, str, list]]:
    """(name, condition on p.due_on, params): ageing.bucket_conditions in SQL."""
    d = [day_param(today - dt.timedelta(days=n)) for n in (0, 30, 60, 90)]
    return [
        ("not_due", "(p.due_on IS NULL OR p.due_on >= %s)", [d[0]]),
        ("days_1_30", "(p.due_on < %s AND p.due_on >= %s)", [d[0], d[1]]),
        ("days_31_60", "(p.due_on < %s AND p.due_on >= %s)", [d[1], d[2]]),
        ("days_61_90", "(p.due_on < %s AND p.due_on >= %s)", [d[2], d[3]]),
        ("over_90", "p.due_on < %s", [d[3]]),
    ]


def floor_receivables_head(cursor, who: Who) -> None:
    """The bell, the reps of the filter (for those who see every order), the trading currencies."""
    floor_unread(cursor, who)
    if sees_every_receivable(who.membership):
        fetch(
            cursor,
            f"""SELECT m.public_id, u.full_name, u.email FROM workspaces_membership m
                JOIN accounts_user u ON u.id = m.user_id
                WHERE m.workspace_id = %s AND m.role IN ({", ".join(["%s"] * len(REP_ROLES))})""",
            [who.wid, *REP_ROLES],
        )
    fetch(cursor, "SELECT code FROM fx_tradingcurrency WHERE workspace_id = %s ORDER BY code", [who.wid])


def floor_receivables(cursor, who: Who, overdue_only: bool) -> list[str]:
    """The open milestones summed per order and per ageing bucket, the most overdue orders first (51 rows),
    with customer and rep; then the totals per currency with their reporting-currency sums."""
    today = workspace_today(who.membership.workspace)
    parts = buckets(today)
    sums = ", ".join(
        f"SUM(p.amount - p.received) FILTER (WHERE {cond}) AS {name}" for name, cond, _p in parts
    )
    sum_params = [v for _n, _c, values in parts for v in values]
    mine = "" if sees_every_receivable(who.membership) else "AND o.owner_id = %s"
    mine_params = [] if not mine else [who.mid]
    having = "WHERE x.overdue > 0" if overdue_only else ""
    rows = fetch(
        cursor,
        f"""SELECT o.public_id, o.number, o.currency, c.public_id, c.name, u.full_name, u.email, x.*
            FROM (SELECT p.order_id, SUM(p.amount - p.received) AS open, MIN(p.due_on) AS oldest_due,
                         SUM(p.amount - p.received) FILTER (WHERE p.due_on < %s) AS overdue, {sums}
                  FROM trade_orderpayment p WHERE p.workspace_id = %s AND p.received < p.amount
                  GROUP BY p.order_id) x
            JOIN trade_order o ON o.id = x.order_id
            JOIN crm_customer c ON c.id = o.customer_id
            LEFT JOIN workspaces_membership m ON m.id = o.owner_id
            LEFT JOIN accounts_user u ON u.id = m.user_id
            {having} {"AND" if having else "WHERE"} o.status = 'confirmed' {mine}
            ORDER BY x.oldest_due ASC NULLS LAST, o.id DESC LIMIT {PAGE_SIZE + 1}""",
        [day_param(today), *sum_params, who.wid, *mine_params],
    )[:PAGE_SIZE]
    converted = ", ".join(
        f"SUM((p.amount - p.received) * o.rate) FILTER (WHERE {cond}) AS {name}_rep"
        for name, cond, _p in parts
    )
    overdue_filter = ""
    if overdue_only:
        overdue_filter = (
            "AND p.order_id IN (SELECT order_id FROM trade_orderpayment WHERE workspace_id = %s "
            "AND received < amount AND due_on < %s)"
        )
    fetch(
        cursor,
        f"""SELECT o.currency, COUNT(DISTINCT p.order_id), SUM(p.amount - p.received),
                   SUM((p.amount - p.received) * o.rate), {sums}, {converted}
            FROM trade_orderpayment p JOIN trade_order o ON o.id = p.order_id
            WHERE p.workspace_id = %s AND o.status = 'confirmed' AND p.received < p.amount {mine}
            {overdue_filter}
            GROUP BY o.currency ORDER BY o.currency""",
        [*sum_params, *sum_params, who.wid, *mine_params,
         *([who.wid, day_param(today)] if overdue_only else [])],
    )  # fmt: skip
    return uuids(rows)


# --- the order page -----------------------------------------------------------------------------------------


def floor_order(cursor, who: Who, order: Order) -> list[tuple[str, int]]:
    """Everything the order page shows, panel by panel (what trade_order's page and the panels of workflow,
    production, shipping, shipdocs, receivables and aftersales read), only the columns shown."""
    wid = who.wid
    (row,) = fetch(
        cursor,
        """SELECT o.id, o.number, o.status, o.currency, o.issued_on, o.total, o.total_reporting, o.rate,
                  o.payment_terms, o.incoterm, o.incoterm_place, o.buyer_name, o.port_of_loading,
                  o.port_of_discharge, o.delivery_date, o.shipping_marks, o.confirmed_on, o.cartons, o.cbm,
                  o.gross_kg, o.remarks, o.signed_pi_id, c.public_id, c.name, c.owner_id, o.owner_id,
                  cu.full_name, cu.email, q.public_id, q.number
           FROM trade_order o JOIN crm_customer c ON c.id = o.customer_id
           LEFT JOIN workspaces_membership cm ON cm.id = o.confirmed_by_id
           LEFT JOIN accounts_user cu ON cu.id = cm.user_id
           LEFT JOIN trade_quotation q ON q.id = o.quotation_id
           WHERE o.workspace_id = %s AND o.public_id = %s""",
        [wid, db_uuid(order.public_id)],
    )
    oid, currency = row[0], row[3]
    lines = fetch(
        cursor,
        """SELECT l.id, l.position, l.sku, l.name, l.specification, l.quantity, l.unit, l.unit_price,
                  l.discount_percent, l.total, l.cost_amount, l.cost_currency, l.units_per_carton,
                  l.cbm_per_carton, l.gross_kg_per_carton, p.public_id
           FROM trade_orderline l LEFT JOIN catalog_product p ON p.id = l.product_id
           WHERE l.order_id = %s ORDER BY l.position, l.id""",
        [oid],
    )
    milestones = fetch(
        cursor,
        """SELECT id, position, percent, method, event, days, amount, due_on, received FROM trade_orderpayment
           WHERE order_id = %s ORDER BY position, id""",
        [oid],
    )
    today = timezone.localdate()
    for code, day in ((currency, today), ("CNY", row[4])):  # the FX-risk warning; the margins' cost rate
        if code != "USD":
            fetch(
                cursor,
                """SELECT rate, "on" FROM fx_exchangerate
                   WHERE workspace_id = %s AND reporting_currency = %s AND currency = %s
                     AND "on" <= %s AND "on" >= %s ORDER BY "on" DESC LIMIT 1""",
                [wid, "USD", code, day_param(day),
                 day_param(day - dt.timedelta(days=settings.FX_RATE_MAX_AGE_DAYS))],
            )  # fmt: skip
    fetch(cursor, "SELECT fx_risk_percent FROM trade_tradesettings WHERE workspace_id = %s", [wid])
    fetch(
        cursor,
        """SELECT a.public_id, a.kind, a.at, a.data, u.full_name, u.email FROM activity_activity a
           LEFT JOIN workspaces_membership m ON m.id = a.actor_id
           LEFT JOIN accounts_user u ON u.id = m.user_id
           WHERE a.workspace_id = %s AND a.subject_kind = 'trade.order' AND a.subject_id = %s
           ORDER BY a.at DESC, a.id DESC LIMIT 50""",
        [wid, db_uuid(order.public_id)],
    )
    # Stages: the order's team, its stages with who has and who did them, their checklists.
    team = ", ".join(f"{j}.full_name, {j}.email" for j in ("mu", "du", "lu", "fu", "su"))
    joins = "\n".join(
        f"LEFT JOIN workspaces_membership {j[0]}m ON {j[0]}m.id = f.{field} "
        f"LEFT JOIN accounts_user {j} ON {j}.id = {j[0]}m.user_id"
        for j, field in zip(("mu", "du", "lu", "fu", "su"), TEAM_FIELDS.values(), strict=True)
    )
    (fulfilment,) = fetch(
        cursor,
        f"""SELECT f.id, f.at_risk, f.risk_reason, f.late, f.payment_overdue, f.closed_at, {team}
            FROM workflow_fulfilment f {joins} WHERE f.order_id = %s""",
        [oid],
    )
    stages = fetch(
        cursor,
        """SELECT s.id, s.key, s.name, s.status, s.owner_role, s.due_at, s.completed_at, s.override_reason,
                  ou.full_name, ou.email, cu.full_name, cu.email
           FROM workflow_orderstage s
           LEFT JOIN workspaces_membership om ON om.id = s.owner_id
           LEFT JOIN accounts_user ou ON ou.id = om.user_id
           LEFT JOIN workspaces_membership cm ON cm.id = s.completed_by_id
           LEFT JOIN accounts_user cu ON cu.id = cm.user_id
           WHERE s.fulfilment_id = %s ORDER BY s.position, s.id""",
        [fulfilment[0]],
    )
    fetch(
        cursor,
        """SELECT i.stage_id, i.public_id, i.text, i.done_at, u.full_name, u.email FROM workflow_stageitem i
           JOIN workflow_orderstage s ON s.id = i.stage_id
           LEFT JOIN workspaces_membership m ON m.id = i.done_by_id
           LEFT JOIN accounts_user u ON u.id = m.user_id
           WHERE s.fulfilment_id = %s ORDER BY i.stage_id, i.position, i.id""",
        [fulfilment[0]],
    )
    roles = [Role.MERCHANDISER, Role.DOCUMENTS, Role.LOGISTICS, Role.FINANCE, Role.SERVICE, Role.MANAGER,
             Role.ADMIN, Role.OWNER]  # fmt: skip
    fetch(
        cursor,
        f"""SELECT m.public_id, m.role, u.full_name, u.email FROM workspaces_membership m
            JOIN accounts_user u ON u.id = m.user_id
            WHERE m.workspace_id = %s AND m.is_active = %s AND m.role IN ({", ".join(["%s"] * len(roles))})
            ORDER BY u.full_name""",
        [wid, True, *roles],
    )  # the team form's five choice lists
    # Production and QC (a failed inspection that blocks booking is read from the same rows).
    productions = fetch(
        cursor,
        """SELECT p.id, p.public_id, p.goods, p.status, p.progress, p.late, p.planned_ready, p.expected_ready,
                  p.actual_ready, s.name
           FROM production_production p JOIN production_supplier s ON s.id = p.supplier_id
           WHERE p.order_id = %s ORDER BY p.created_at, p.id""",
        [oid],
    )
    if productions:
        marks = ", ".join(["%s"] * len(productions))
        fetch(
            cursor,
            f"""SELECT production_id, created_at, note FROM production_progressupdate
                WHERE production_id IN ({marks}) ORDER BY production_id, created_at DESC, id DESC""",
            [p[0] for p in productions],
        )
    fetch(
        cursor,
        """SELECT i.public_id, i.inspected_on, i.kind, i.agency, i.agency_name, i.result, i.risk_accepted_at,
                  i.production_id, i.decided_at, s.name,
                  (SELECT COUNT(*) FROM production_inspectionphoto ph WHERE ph.inspection_id = i.id)
           FROM production_inspection i
           LEFT JOIN production_production p ON p.id = i.production_id
           LEFT JOIN production_supplier s ON s.id = p.supplier_id
           WHERE i.order_id = %s ORDER BY i.inspected_on DESC, i.id DESC""",
        [oid],
    )
    # Shipments, what remains to ship, their documents' progress, the L/C.
    shipments = fetch(
        cursor,
        """SELECT id, public_id, number, mode, status, etd, eta, atd, ata, bl_date FROM shipping_shipment
           WHERE order_id = %s ORDER BY sequence""",
        [oid],
    )
    fetch(
        cursor,
        """SELECT sl.order_line_id, SUM(sl.quantity) FROM shipping_shipmentline sl
           JOIN shipping_shipment s ON s.id = sl.shipment_id
           WHERE s.order_id = %s AND s.status <> 'cancelled' GROUP BY sl.order_line_id""",
        [oid],
    )
    fetch(
        cursor,
        """SELECT d.shipment_id, d.status, d.required, d.source, d.due_on FROM shipdocs_shipmentdocument d
           JOIN shipping_shipment s ON s.id = d.shipment_id
           WHERE s.order_id = %s AND s.status <> 'cancelled'""",
        [oid],
    )
    fetch(
        cursor,
        """SELECT number, issuing_bank, expiry_date, presentation_days, latest_shipment_date, amount
           FROM shipdocs_letterofcredit WHERE order_id = %s""",
        [oid],
    )
    # Payments: the milestones (above) and the receipts.
    receipts = fetch(
        cursor,
        """SELECT public_id, number, received_on, amount, currency, rate, amount_in_order, bank_charges,
                  reference, payer, credit, status, reversal_reason
           FROM receivables_receipt WHERE workspace_id = %s AND order_id = %s
           ORDER BY received_on DESC, id DESC""",
        [wid, oid],
    )
    # After-sales: the order's cases, its follow-ups, the credit notes deducted from it.
    fetch(
        cursor,
        """SELECT a.public_id, a.number, a.case_type, a.status, a.claimed_amount, a.currency, a.created_at,
                  u.full_name, u.email
           FROM aftersales_aftersalescase a LEFT JOIN workspaces_membership m ON m.id = a.owner_id
           LEFT JOIN accounts_user u ON u.id = m.user_id WHERE a.order_id = %s ORDER BY a.created_at DESC""",
        [oid],
    )
    fetch(
        cursor,
        """SELECT s.number, f.due_on, u.full_name, t.public_id FROM aftersales_followup f
           JOIN shipping_shipment s ON s.id = f.shipment_id
           LEFT JOIN workspaces_membership m ON m.id = f.assignee_id
           LEFT JOIN accounts_user u ON u.id = m.user_id
           LEFT JOIN tasks_task t ON t.id = f.task_id WHERE f.order_id = %s ORDER BY f.due_on""",
        [oid],
    )
    fetch(
        cursor,
        """SELECT n.number, n.amount, n.currency, a.public_id, a.number FROM aftersales_creditnote n
           JOIN aftersales_aftersalescase a ON a.id = n.case_id WHERE n.applied_to_id = %s""",
        [oid],
    )
    return shown_parts(len(lines), len(stages), len(milestones), len(shipments), len(receipts))


def shown_parts(lines: int, stages: int, milestones: int, shipments: int, receipts: int) -> list[str]:
    """What the order page shows, as one list: a line for each row of each table."""
    return (
        ["line"] * lines
        + ["stage"] * stages
        + ["milestone"] * milestones
        + ["shipment"] * shipments
        + ["receipt"] * receipts
    )


LINE_ROW = re.compile(r"<tr><td>\d+</td>")


def shown_order(response) -> list[str]:
    html = response.content.decode()
    return shown_parts(
        len(LINE_ROW.findall(html)),
        html.count('data-testid="stage-') - html.count('data-testid="stage-blocked"'),
        html.count('data-testid="milestone"'),
        len(set(re.findall(r'href="/w/[^/]+/shipments/([0-9a-f-]{36})/"', html))),
        html.count('data-testid="receipt"'),
    )


def board_columns_shown(who: Who, url: str) -> int:
    """How many columns of the board show cards (each is one query; the empty ones none)."""
    html = who.client.get(url).content.decode()
    return html.count('data-testid="column-') - html.count('class="kanban-empty')


def print_counts(results: list[Result], columns: dict[str, tuple[int, int]], width: int) -> None:
    """Query counts with many rows and with few; the board's are compared per column with cards (it asks
    one query per non-empty column: at most the workflow's nine stages, whatever the number of orders)."""
    head = f"{'scenario':{width}} {'rows':>5} {'queries':>8} {'few rows':>9} {'queries':>8}  query count"
    print(head)
    print("-" * len(head))
    for r in results:
        big_cols, small_cols = columns.get(r.name, (0, 0))
        extra, extra_small = r.queries - big_cols, r.small_queries - small_cols
        if extra == extra_small:
            verdict = (
                "same"
                if r.name not in columns
                else (f"same: {extra} + 1 per column with cards ({big_cols} and {small_cols})")
            )
        elif extra < extra_small:
            verdict = "fewer"
        elif r.small_rows == 0 and extra - extra_small == PEOPLE_QUERIES:
            verdict = f"same; {PEOPLE_QUERIES} fewer when none is shown (no rep or merchandiser to read)"
        else:
            verdict = "GROWS WITH ROWS"
        print(
            f"{r.name:{width}} {r.rows:>5} {r.queries:>8} {r.small_rows:>9} {r.small_queries:>8}  {verdict}"
        )


# --- the PDFs -----------------------------------------------------------------------------------------------


@dataclass
class PdfTimes:
    label: str
    size: int
    view: list[float]  # the cache emptied first: WeasyPrint each time
    cached: list[float]
    bare: list[float]


def time_pdf(who: Who, shipment: Shipment, kind: str, language: str, n: int) -> PdfTimes:
    from weasyprint import HTML

    from tradewind.trade.shipdocs.pdf import shipment_pdf_html

    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    path = "commercial-invoice.pdf" if kind == "invoice" else "packing-list.pdf"
    url = f"/w/{SALES_SLUG}/shipments/{shipment.public_id}/documents/{path}?language={language}"
    with timezone.override(who.zone):
        from django.utils import translation

        with translation.override(language):
            html = shipment_pdf_html(
                Shipment.objects.select_related("order__customer", "order__workspace").get(pk=shipment.pk),
                kind=kind,
                language=language,
            )
    who.client.get(url)  # warm-up: fonts and Pango load once per process
    HTML(string=html, base_url=None).write_pdf()
    view, cached, bare, size = [], [], [], 0
    for _ in range(n):
        cache.clear()
        started = time.perf_counter()
        response = who.client.get(url)
        view.append(time.perf_counter() - started)
        if response.status_code != 200 or response["Content-Type"] != "application/pdf":
            raise SystemExit(f"GET {url} answered {response.status_code}")
        size = len(response.content)
        started = time.perf_counter()
        who.client.get(url)
        cached.append(time.perf_counter() - started)
        started = time.perf_counter()
        HTML(string=html, base_url=None).write_pdf()
        bare.append(time.perf_counter() - started)
    label = f"{'CI' if kind == 'invoice' else 'PL'} {language}"
    return PdfTimes(label, size, view, cached, bare)


# --- set-up and report --------------------------------------------------------------------------------------


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=30, help="timed requests per scenario (default 30)")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--pdf-n", type=int, default=15, help="timed PDFs per document and language")
    parser.add_argument(
        "--only", default="", help='run the scenarios whose name contains this text ("pdf": the PDFs only)'
    )
    parser.add_argument("--show-queries", action="store_true", help="print each page's SQL with its time")
    parser.add_argument(
        "--explain", action="store_true", help="print the plan of each page's three slowest queries"
    )
    return parser.parse_args()


def cpu_reference() -> float:
    return min(timeit.repeat("sum(range(10**6))", number=1, repeat=20)) * 1000


def main() -> None:
    args = arguments()
    slug = SALES_SLUG
    w = f"/w/{slug}"
    manager, busy = sign_in(SALES_MANAGER_EMAIL, slug), sign_in(SALES_BUSY_EMAIL, slug)
    merch, merch_light = sign_in(MERCH_EMAIL, slug), sign_in(MERCH_LIGHT_EMAIL, slug)
    logistics, logistics_light = sign_in(LOGISTICS_EMAIL, slug), sign_in(LOGISTICS_LIGHT_EMAIL, slug)
    finance, finance_light = sign_in(FINANCE_EMAIL, slug), sign_in(FINANCE_LIGHT_EMAIL, slug)
    big = Order.objects.get(workspace_id=busy.wid, remarks=BIG_REMARK)
    small = Order.objects.get(workspace_id=busy.wid, remarks=SMALL_REMARK)
    today = workspace_today(busy.membership.workspace)
    etd = {"etd_from": today, "etd_to": today + dt.timedelta(days=14)}
    rep02 = str(busy.membership.public_id)

    def board(name, who, f: Filters):
        few = replace(f, q=small.number)  # the same filters and a search finding one order (or none)
        return Scenario(
            name=name, who=who, url=f"{w}/fulfilment/?{f.query()}", shown=shown_orders,
            head=lambda c: floor_filter_head(c, who), content=lambda c: floor_board(c, who, f),
            small_who=who, small_url=f"{w}/fulfilment/?{few.query()}",
        )  # fmt: skip

    def order_list(name, who, f: Filters):
        return Scenario(
            name=name, who=who, url=f"{w}/fulfilment/list/?{f.query()}", shown=shown_orders,
            head=lambda c: floor_filter_head(c, who), content=lambda c: floor_list(c, who, f),
            small_who=who, small_url=f"{w}/fulfilment/list/?{replace(f, q=small.number).query()}",
        )  # fmt: skip

    def mine(name, who, small_who, job):
        f = Filters(job=job)
        return Scenario(
            name=name, who=who, url=f"{w}/fulfilment/mine/", shown=shown_orders,
            head=lambda c: floor_unread(c, who), content=lambda c: floor_list(c, who, f),
            small_who=small_who, small_url=f"{w}/fulfilment/mine/",
        )  # fmt: skip

    def receivables(name, who, overdue_only=False):
        query = "?overdue=on" if overdue_only else ""
        return Scenario(
            name=name, who=who, url=f"{w}/receivables/{query}", shown=shown_orders,
            head=lambda c: floor_receivables_head(c, who),
            content=lambda c: floor_receivables(c, who, overdue_only),
            small_who=who, small_url=f"{w}/receivables/?{urlencode({'q': small.number})}",
        )  # fmt: skip

    scenarios = [
        board("Board (manager)", manager, Filters()),
        board("Board (sales rep)", busy, Filters()),
        board("Board: rep02's orders", manager, Filters(rep=rep02)),
        board("Board: at risk", manager, Filters(flag="at_risk")),
        board("Board: ETD next 14 days", manager, Filters(**etd)),
        order_list("List (manager)", manager, Filters()),
        order_list("List: rep02, stage late", manager, Filters(rep=rep02, flag="late")),
        order_list("List: payment overdue", manager, Filters(flag="payment_overdue")),
        order_list("List: ETD next 14 days", manager, Filters(**etd)),
        order_list("List: DE, at risk", manager, Filters(country="DE", flag="at_risk")),
        Scenario(
            name=f"Order page, {BIG_LINES} lines",
            who=busy,
            url=f"{w}/orders/{big.public_id}/",
            shown=shown_order,
            head=lambda c: floor_unread(c, busy),
            content=lambda c: floor_order(c, busy, big),
            small_who=busy,
            small_url=f"{w}/orders/{small.public_id}/",
        ),
        receivables("Receivables (finance)", finance),
        receivables("Receivables: overdue", finance, overdue_only=True),
        mine("My orders: merchandiser", merch, merch_light, Role.MERCHANDISER),
        mine("My orders: logistics", logistics, logistics_light, Role.LOGISTICS),
        mine("My orders: finance", finance, finance_light, Role.FINANCE),
    ]
    if args.only:
        scenarios = [s for s in scenarios if args.only.lower() in s.name.lower()]

    load_before = os.getloadavg()
    cpu = cpu_reference()
    print(f"Database: {database_label()}")
    print(
        f"Machine: {platform.node()}, {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; {timezone.now():%Y-%m-%d %H:%M} UTC; CPU reference "
        f"(sum(range(10**6))) {cpu:.1f} ms; load average {load_before[0]:.2f} {load_before[1]:.2f} "
        f"{load_before[2]:.2f}"
    )
    running = Fulfilment.objects.filter(workspace_id=busy.wid, closed_at__isnull=True).count()
    total = Fulfilment.objects.filter(workspace_id=busy.wid).count()
    print(
        f"Data: {total:,} orders in fulfilment in {slug}, {running:,} running; the {BIG_LINES}-line order "
        f"{big.number} and its one-line twin {small.number}; n={args.n} after {args.warmup} warm-ups"
    )
    results: list[Result] = []
    for s in scenarios:
        results.append(run(s, n=args.n, warmup=args.warmup))
        print(f"  {s.name}: page p50 {p50(results[-1].page) * 1000:.1f} ms", flush=True)
    pdfs, load_pdf = [], os.getloadavg()
    if args.pdf_n and (not args.only or args.only.lower() == "pdf"):
        shipment = Shipment.objects.filter(order=big).order_by("sequence").first()
        pdfs = [
            time_pdf(busy, shipment, kind, language, args.pdf_n)
            for kind in ("invoice", "packing_list")
            for language in ("en", "zh-hans")
        ]
    load_after = os.getloadavg()
    columns = {
        s.name: (board_columns_shown(s.who, s.url), board_columns_shown(s.small_who, s.small_url))
        for s in scenarios
        if "/fulfilment/?" in s.url
    }

    if results:
        print()
        print_ratios(results, TARGET_RATIO, width=28)
        print()
        print_counts(results, columns, width=28)
    if pdfs:
        print()
        head = (
            f"{'PDF, ' + str(BIG_LINES) + ' lines':16} {'bytes':>8} {'view p50':>9} {'p95':>8} "
            f"{'WeasyPrint p50':>14} {'p95':>8} {'ratio':>6} {'cached p50':>10}  target p95 ≤ {PDF_P95_S:g} s"
        )
        print(head)
        print("-" * len(head))
        for t in pdfs:
            verdict = "OK" if percentile(t.view, 95) <= PDF_P95_S else "OVER TARGET"
            print(
                f"{t.label:16} {t.size:>8,} {ms(p50(t.view)):>9} {ms(percentile(t.view, 95))} "
                f"{ms(p50(t.bare)):>14} {ms(percentile(t.bare, 95))} {p50(t.view) / p50(t.bare):>5.2f}× "
                f"{ms(p50(t.cached)):>10}  {verdict}"
            )
        print(
            f"(ms, n={args.pdf_n}; view: the cache emptied before each request; WeasyPrint: "
            "HTML(string=…).write_pdf() on the same HTML; cached: the same request again; load average "
            f"before the PDFs {load_pdf[0]:.2f} {load_pdf[1]:.2f} {load_pdf[2]:.2f})"
        )
    mismatched = [r.name for r in results if not r.match]
    if mismatched:
        print(f"\n!! rows differ from the floor: {', '.join(mismatched)}")
    within = sum(r.ratio <= TARGET_RATIO for r in results)
    constant = all(
        r.queries - columns.get(r.name, (0, 0))[0]
        <= r.small_queries - columns.get(r.name, (0, 0))[1] + (PEOPLE_QUERIES if r.small_rows == 0 else 0)
        for r in results
    )
    parts = []
    if results:
        parts.append(
            f"{within} of {len(results)} pages within {TARGET_RATIO:g}× their SQL floor; query counts "
            f"{'independent of the rows shown' if constant else 'GROW with the rows shown'}"
        )
    if pdfs:
        p95s = ", ".join(f"{t.label} {percentile(t.view, 95):.2f} s" for t in pdfs)
        parts.append(f"PDF p95 {p95s} (target ≤ {PDF_P95_S:g} s)")
    print(
        f"\nSummary: {'; '.join(parts)}. Load average at the end {load_after[0]:.2f} {load_after[1]:.2f} "
        f"{load_after[2]:.2f}."
    )
    print(
        "Reproduce: TRADEWIND_DATABASE_URL=… TRADEWIND_DATA_DIR=… "
        ".venv/bin/python bench/generate_fulfilment.py"
        f" && .venv/bin/python bench/bench_fulfilment.py --n {args.n} --pdf-n {args.pdf_n}"
    )
    if args.show_queries or args.explain:
        print_queries(results, explain_top=3 if args.explain else 0, show=args.show_queries)


if __name__ == "__main__":
    main()
