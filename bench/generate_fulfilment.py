"""Fill the fulfilment bench (issue 12) on top of the sales bench: in workspace "bench-sales", 100k confirmed
orders spread over every stage of the order workflow, with their stages and checklists, ~1.95M stage
events in the orders' history, production and QC, 300k shipments with containers and goods, 500k receipts
settling the payment milestones, and the order board's flags.

    TRADEWIND_DATA_DIR=/tmp/bench-fulfilment .venv/bin/python bench/generate_fulfilment.py [--scale 0.05]
        [--seed 2026] [--fresh-sales]

The sales data comes first: when the workspace bench-sales is missing or was made at another scale (or
with --fresh-sales) this runs bench/generate_sales.py at the same --scale and --seed. Its confirmed orders
(~87%) are used as they are; the rest up to 100k × scale are repeat orders (a confirmed order's customer,
lines and payment terms again, on another day, "Repeat order of PI-…"), written with COPY like the sales
generator's. Two orders of the busy rep are made for the order page and the CI/PL PDFs: one with 50 lines
in two shipments and its one-line twin, both in the balance stage with the balance overdue.

Each confirmed order is lived through from its confirmation to today: stage durations drawn per order (the
workflow's parallel QC and booking included), ~4% of orders stuck for weeks in some stage, the ready date
against the delivery date (late → at risk), partial shipments with their ETD/ATD/ETA/ATA, B/L and release,
milestone due dates from the shipping dates (receivables' own `milestone_due_date`) and receipts (partial,
some in another currency, a few reversed or over-paid). What exists today is written as the services would
have left it: OrderStage status/owner/due/late_told_at and the checklist ticks, Fulfilment's column and flags
(`late`, `at_risk` + the production's reason text, `payment_overdue`, `next_etd`), the milestones'
`received` (the recorded receipts' allocations) and `due_on`, shipment totals (its goods by their packing =
its containers' sums), overdue notices. History: the workflow's stage events on the order ("trade.order",
public id) — started, each stage started and completed, closed — not the copies on the customer's timeline,
and no history for shipments or receipts. No tasks or notifications for the stages. Shipping documents
(the checklist rows) only for the two timed orders, made by the real `shipment_documents_sync`. At the
end the services are asked, in a transaction rolled back, what they would write (`verify`): the run stops
if they disagree.

Rows go in with COPY (PostgreSQL) or executemany (SQLite). Re-running replaces the fulfilment data (every
row of the fulfilment apps in bench-sales, the repeat and timed orders, the order history) and keeps the
sales data; PostgreSQL gets VACUUM ANALYZE afterwards.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import math
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from pathlib import Path
from types import SimpleNamespace

from _bulk import ID_RANDOM, Writer, new_uuid, next_id, reset_sequences, vacuum_analyze
from _common import database_label
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone, translation
from generate_crm import MEMBER_NAMES
from generate_sales import (
    LINE_COLUMNS,
    ORDER_COLUMNS,
    PASSWORD,
    SALES_BUSY_EMAIL,
    SALES_EMAIL_SUFFIX,
    SALES_SLUG,
)

from tradewind.accounts.models import User
from tradewind.activity.models import Activity
from tradewind.core.money import Money, currency_minor_units
from tradewind.crm.models import Customer
from tradewind.fx.models import ExchangeRate
from tradewind.trade.models import Order, OrderLine, OrderPayment, Quotation, QuotationLine
from tradewind.trade.production.models import Inspection, Production, ProgressUpdate, Supplier
from tradewind.trade.production.services.risk import risk_reason
from tradewind.trade.receivables.models import Allocation, OverdueNotice, Receipt
from tradewind.trade.receivables.selectors import ShippingDates
from tradewind.trade.receivables.services.due_dates import milestone_due_date
from tradewind.trade.shipdocs.models import DocumentVersion, LetterOfCredit, ShipmentDocument
from tradewind.trade.shipping.containers import check_digit
from tradewind.trade.shipping.models import Container, EtaChange, Shipment, ShipmentLine
from tradewind.trade.workflow.models import (
    Fulfilment,
    OrderStage,
    StageItem,
    TeamDefaults,
    WorkflowStage,
    WorkflowTemplate,
)
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import Membership, Sequence, Workspace

FULL_ORDERS = 100_000  # confirmed orders in fulfilment
FULL_SUPPLIERS = 300
CHUNK = 2_000  # orders generated and written at a time
FINISHED_POSITION = 32767  # workflow.services.fulfilment: a closed order's board position
BIG_LINES = 50
BIG_REMARK = "Mixed container: 50 SKUs, see the packing list."  # the order page's and the PDFs' order
SMALL_REMARK = "Single SKU trial order."  # its one-line twin (the query count's few rows)
REPEAT_PREFIX = "Repeat order of "
P_STUCK = 0.04  # an order held up for weeks or months in one stage
P_RISKY = 0.07  # the factory's ready date slips past the delivery date
ZERO = Decimal(0)
DAY = dt.timedelta(days=1)
UTC = dt.UTC
LOCAL = dt.timedelta(hours=8)  # Asia/Shanghai, the workspace's zone (no daylight saving)

# Who does the jobs on orders: the sales bench's rep34–rep38 and more of each (handle, role, joined days ago).
TEAM_USERS = [
    ("merch01", Role.MERCHANDISER, 900), ("merch02", Role.MERCHANDISER, 700),
    ("merch03", Role.MERCHANDISER, 500), ("merch04", Role.MERCHANDISER, 400),
    ("merch05", Role.MERCHANDISER, 300), ("merch06", Role.MERCHANDISER, 7),
    ("docs01", Role.DOCUMENTS, 800), ("docs02", Role.DOCUMENTS, 400),
    ("logi01", Role.LOGISTICS, 900), ("logi02", Role.LOGISTICS, 500), ("logi03", Role.LOGISTICS, 7),
    ("fin01", Role.FINANCE, 800), ("fin02", Role.FINANCE, 7),
    ("svc01", Role.SERVICE, 600),
]  # fmt: skip
# (job, [(handle, weight)]): rep34 is the busiest merchandiser, rep36 logistics, rep38 finance.
TEAM_POOLS = {
    "merchandiser": [("rep34", 30), ("merch01", 16), ("merch02", 16), ("merch03", 14), ("merch04", 12),
                     ("merch05", 12)],
    "documents": [("rep35", 40), ("docs01", 35), ("docs02", 25)],
    "logistics": [("rep36", 45), ("logi01", 30), ("logi02", 25)],
    "finance": [("rep38", 60), ("fin01", 40)],
    "service": [("rep37", 55), ("svc01", 45)],
}  # fmt: skip
# Joined last week: three running orders each, at a stage before any of their work started.
LIGHT = {"merchandiser": ("merch06", "deposit"), "logistics": ("logi03", "production"),
         "finance": ("fin02", "production")}  # fmt: skip
MERCH_EMAIL, MERCH_LIGHT_EMAIL = f"rep34{SALES_EMAIL_SUFFIX}", f"merch06{SALES_EMAIL_SUFFIX}"
LOGISTICS_EMAIL, LOGISTICS_LIGHT_EMAIL = f"rep36{SALES_EMAIL_SUFFIX}", f"logi03{SALES_EMAIL_SUFFIX}"
FINANCE_EMAIL, FINANCE_LIGHT_EMAIL = f"rep38{SALES_EMAIL_SUFFIX}", f"fin02{SALES_EMAIL_SUFFIX}"
MANAGER_HANDLES = ("rep04", "rep05", "rep06")

LOCODE = {
    "Ningbo": "CNNGB", "Shanghai": "CNSHA", "Shenzhen": "CNSZX", "Qingdao": "CNTAO", "Xiamen": "CNXMN",
    "Hamburg": "DEHAM", "Rotterdam": "NLRTM", "Felixstowe": "GBFXT", "Los Angeles": "USLAX",
    "Sydney": "AUSYD", "Tokyo": "JPTYO", "Vancouver": "CAVAN",
}  # fmt: skip
FORWARDERS = [
    "Kuehne+Nagel (Ningbo)", "DHL Global Forwarding", "Sinotrans Zhejiang", "Expeditors Shanghai",
    "DSV Air & Sea", "DB Schenker China", "CEVA Logistics", "Ningbo Haitong Logistics",
]  # fmt: skip
COURIERS = ["DHL Express", "FedEx", "UPS", "SF Express"]
VESSELS = [
    "MSC GÜLSÜN", "EVER ACE", "CMA CGM JACQUES SAADE", "HMM ALGECIRAS", "COSCO SHIPPING UNIVERSE",
    "OOCL HONG KONG", "MAERSK MC-KINNEY MØLLER", "ONE INNOVATION", "MSC IRINA", "EVER GIVEN",
]  # fmt: skip
CARRIER_PREFIX = ["MEDU", "COSU", "EGLV", "OOLU", "MAEU", "ONEY", "HDMU", "CMDU"]
CONTAINER_OWNERS = ["MSCU", "CSQU", "TGHU", "OOLU", "CMAU", "HLXU", "MAEU", "TCLU", "SEGU", "EGHU", "TEMU"]
AIRLINES = ["CA", "MU", "CZ", "LH", "CX", "EK", "QR"]
BANKS = [
    "Deutsche Bank AG, Hamburg", "HSBC UK Bank plc, London", "BNP Paribas, Paris", "Rabobank, Utrecht",
    "MUFG Bank, Tokyo", "Commonwealth Bank of Australia, Sydney", "Royal Bank of Canada, Toronto",
]  # fmt: skip
SUPPLIER_CITIES = [
    "Ningbo", "Yuyao", "Cixi", "Yiwu", "Foshan", "Zhongshan", "Dongguan", "Shenzhen", "Taizhou", "Wenzhou",
    "Jinhua", "Yongkang", "Xiamen", "Qingdao", "Suzhou", "Shantou",
]  # fmt: skip
SUPPLIER_WORDS = [
    "Hengda", "Xinhe", "Jiali", "Meida", "Tianyi", "Huamei", "Shengtai", "Kaiyuan", "Hongxing", "Yuxin",
    "Jinlong", "Ruifeng", "Baoli", "Haitian", "Yongsheng", "Dingxin",
]  # fmt: skip
SUPPLIER_TRADES = [
    "Electric Appliance", "Household Products", "Plastic Products", "Hardware", "Textile", "Ceramics",
    "Glassware", "Bags", "Electronics", "Furniture",
]  # fmt: skip
PROGRESS_NOTES = [
    "Materials in, cutting and moulding started.",
    "Assembly line running; first cartons packed. Photos attached.",
    "Packing and carton marks done; waiting for the inspection.",
]
OVERRIDE_REASON = "Buyer confirmed by phone; the paperwork follows."
DEFECTS = "Carton marks smudged on 3 of 80 cartons checked; two units with scratches on the lid."
INSPECTORS = ["Wang Lei", "Chen Jing", "Li Na", "Zhang Wei", "Liu Yang", "Huang Min"]
AGENCIES = (["own", "sgs", "bv", "intertek", "tuv"], [45, 20, 15, 12, 8])


def days(x: float) -> dt.timedelta:
    return dt.timedelta(days=x)


def local_day(t: dt.datetime) -> dt.date:
    return (t.astimezone(UTC) + LOCAL).date()


def at_local(day: dt.date, hour: float) -> dt.datetime:
    """A moment of a day in the workspace's zone (Asia/Shanghai), as an aware UTC datetime."""
    return dt.datetime.combine(day, dt.time(0), UTC) - LOCAL + dt.timedelta(hours=hour)


def cents(value: Decimal, currency: str) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-currency_minor_units(currency)), ROUND_HALF_UP)


def json_text(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def names(text: str) -> list[str]:
    return text.split()


FULFILMENT_COLUMNS = names(
    "id public_id created_at updated_at workspace_id order_id template_id merchandiser_id documents_id "
    "logistics_id finance_id service_id stage_key stage_name stage_position at_risk risk_reason late "
    "payment_overdue next_etd closed_at"
)
STAGE_COLUMNS = names(
    "id public_id created_at updated_at workspace_id fulfilment_id key name position owner_role owner_id "
    "sla_days parallel status started_at due_at completed_at completed_by_id override_reason late_told_at"
)
ITEM_COLUMNS = names("public_id created_at updated_at workspace_id stage_id position text done_at done_by_id")
SHIPMENT_COLUMNS = names(
    "id public_id created_at updated_at workspace_id order_id number sequence mode status forwarder "
    "booking_number vessel voyage port_of_loading port_of_discharge etd eta atd ata delivered_on bl_number "
    "bl_date release_status released_at released_by_id release_override_reason release_courier "
    "release_tracking cancelled_reason cartons gross_kg cbm remarks created_by_id"
)
CONTAINER_COLUMNS = names(
    "public_id created_at updated_at workspace_id shipment_id position container_type number seal_number "
    "cartons gross_kg cbm"
)
SHIPMENT_LINE_COLUMNS = names(
    "public_id created_at updated_at workspace_id shipment_id order_line_id quantity cartons"
)
RECEIPT_COLUMNS = names(
    "id public_id created_at updated_at workspace_id order_id number received_on amount currency rate "
    "amount_in_order bank_charges reference payer note credit status recorded_by_id reversed_at "
    "reversed_by_id reversal_reason"
)
ALLOCATION_COLUMNS = names("public_id created_at updated_at workspace_id receipt_id payment_id amount")
NOTICE_COLUMNS = names(
    "public_id created_at updated_at workspace_id payment_id order_id due_on told_at escalated_at"
)
SUPPLIER_COLUMNS = names(
    "id public_id created_at updated_at workspace_id name contact_person phone email city country notes "
    "archived"
)
PRODUCTION_COLUMNS = names(
    "id public_id created_at updated_at workspace_id order_id supplier_id goods planned_start planned_ready "
    "actual_start actual_ready expected_ready progress status late notes created_by_id"
)
UPDATE_COLUMNS = names(
    "public_id created_at updated_at workspace_id production_id note progress expected_ready author_id"
)
INSPECTION_COLUMNS = names(
    "public_id created_at updated_at workspace_id order_id production_id agency agency_name kind inspector "
    "inspected_on result defects decided_at decided_by_id risk_reason notes created_by_id"
)
LETTER_COLUMNS = names(
    "public_id created_at updated_at workspace_id order_id number issuing_bank advising_bank issued_on "
    "expiry_date latest_shipment_date presentation_days documents_required notes created_by_id"
)
ACTIVITY_COLUMNS = names("public_id created_at workspace_id subject_kind subject_id kind actor_id at data")
PAYMENT_READ = names("id order_id position method event days amount due_on")
# Deleted on a re-run: every row of these in the workspace (besides the repeat and timed orders).
FULFILMENT_MODELS = [
    Allocation, Receipt, OverdueNotice, DocumentVersion, ShipmentDocument, LetterOfCredit, EtaChange,
    ShipmentLine, Container, Shipment, StageItem, OrderStage, Fulfilment, Inspection, ProgressUpdate,
    Production, Supplier,
]  # fmt: skip


# --- the sales data underneath ------------------------------------------------------------------------------


def ensure_sales(scale: float, seed: int, fresh: bool) -> Workspace:
    """The sales bench's workspace; made by generate_sales.py (same scale and seed) when it is missing or
    was made at another scale."""
    ws = Workspace.objects.filter(slug=SALES_SLUG).first()
    if ws is not None and not fresh:
        orders = Order.objects.filter(workspace=ws).exclude(remarks__startswith=REPEAT_PREFIX)
        orders = orders.exclude(remarks__in=[BIG_REMARK, SMALL_REMARK]).count()
        if orders == max(1_000, int(100_000 * scale)):  # generate_sales.FULL.orders at this scale
            print(f"Using the sales data of {SALES_SLUG} ({orders:,} orders).")
            return ws
        print(f"The sales data of {SALES_SLUG} was made at another scale ({orders:,} orders).")
    print(f"Generating the sales data first (generate_sales.py --scale {scale} --seed {seed})…", flush=True)
    script = Path(__file__).resolve().parent / "generate_sales.py"
    subprocess.run([sys.executable, str(script), "--scale", str(scale), "--seed", str(seed)], check=True)
    connection.close()  # the child changed the database: no stale state
    return Workspace.objects.get(slug=SALES_SLUG)


def drop_fulfilment(ws: Workspace) -> None:
    """Delete what an earlier run wrote: the fulfilment apps' rows, the orders' history, the repeat and
    timed orders (with their lines and milestones) and the receipt numbers. Raw DELETEs, one transaction."""
    started = time.monotonic()
    extra_orders = list(
        Order.objects.filter(workspace=ws, remarks__startswith=REPEAT_PREFIX).values_list("id", flat=True)
    ) + list(
        Order.objects.filter(workspace=ws, remarks__in=[BIG_REMARK, SMALL_REMARK]).values_list(
            "id", flat=True
        )
    )
    q = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {q(Activity._meta.db_table)} WHERE workspace_id = %s AND subject_kind IN "
            "('trade.order', 'shipping.shipment', 'production.supplier')",
            [ws.id],
        )
        for model in FULFILMENT_MODELS:
            cursor.execute(f"DELETE FROM {q(model._meta.db_table)} WHERE workspace_id = %s", [ws.id])
        for k in range(0, len(extra_orders), 5_000):
            ids = extra_orders[k : k + 5_000]
            marks = ", ".join(["%s"] * len(ids))
            for model in (OrderLine, OrderPayment):
                cursor.execute(f"DELETE FROM {q(model._meta.db_table)} WHERE order_id IN ({marks})", ids)
            cursor.execute(f"DELETE FROM {q(Order._meta.db_table)} WHERE id IN ({marks})", ids)
        Sequence.objects.filter(workspace=ws, key__startswith="rc-").delete()
        # The PI numbers go back to the sales generator's last ones.
        last: dict[str, int] = {}
        for number in Order.objects.filter(workspace=ws).values_list("number", flat=True):
            _pi, year, n = number.split("-")[:3]
            last[year] = max(last.get(year, 0), int(n))
        for year, n in last.items():
            Sequence.objects.filter(workspace=ws, key=f"pi-{year}").update(last=n)
    if extra_orders:
        print(f"Replaced the earlier fulfilment data ({len(extra_orders):,} added orders) in "
              f"{time.monotonic() - started:.1f}s")  # fmt: skip


# --- people, suppliers, rates ------------------------------------------------------------------------------


@dataclass
class Team:
    by_handle: dict[str, int]  # handle (rep34, merch01 …) -> membership id
    names: dict[int, str]  # membership id -> display name
    pools: dict[str, tuple[list[int], list[int]]]  # job -> (membership ids, weights)
    light: dict[str, tuple[int, str]]  # job -> (membership id, the stage its three orders are at)
    managers: list[int]


def ensure_team(ws: Workspace, now: dt.datetime) -> Team:
    """The order team's members (kept between runs), and the workspace's defaults for new orders."""
    existing = set(User.objects.filter(email__endswith=SALES_EMAIL_SUFFIX).values_list("email", flat=True))
    password = make_password(PASSWORD)
    for k, (handle, role, joined) in enumerate(TEAM_USERS):
        email = f"{handle}{SALES_EMAIL_SUFFIX}"
        if email in existing:
            continue
        user = User.objects.create(
            email=email,
            full_name=f"{MEMBER_NAMES[(k + 5) % len(MEMBER_NAMES)]} {handle[-2:]}",
            password=password,
            language="zh-hans" if k % 2 else "en",
            date_joined=now - days(joined),
            last_workspace=ws,
        )
        Membership.objects.create(workspace=ws, user=user, role=role)
    members = Membership.objects.filter(workspace=ws).select_related("user")
    by_handle = {m.user.email.split("@")[0]: m.id for m in members}
    names_ = {m.id: m.user.full_name or m.user.email for m in members}
    pools = {
        job: ([by_handle[h] for h, _w in pool], [w_ for _h, w_ in pool]) for job, pool in TEAM_POOLS.items()
    }
    light = {job: (by_handle[h], stage) for job, (h, stage) in LIGHT.items()}
    TeamDefaults.objects.update_or_create(
        workspace=ws, defaults={f"{job}_id": by_handle[pool[0][0]] for job, pool in TEAM_POOLS.items()}
    )
    return Team(by_handle, names_, pools, light, [by_handle[h] for h in MANAGER_HANDLES])


class Rates:
    """The workspace's rates (1 unit in the reporting currency, USD), the latest on or before a day."""

    def __init__(self, ws: Workspace):
        self.days: dict[str, list[dt.date]] = {}
        self.values: dict[str, list[Decimal]] = {}
        rows = (
            ExchangeRate.objects.filter(workspace=ws)
            .order_by("currency", "on")
            .values_list("currency", "on", "rate")
        )
        for code, on, rate in rows:
            self.days.setdefault(code, []).append(on)
            self.values.setdefault(code, []).append(rate)

    def usd(self, code: str, day: dt.date) -> tuple[Decimal, dt.date]:
        if code == "USD":
            return Decimal(1), day
        k = bisect.bisect_right(self.days[code], day) - 1
        return self.values[code][max(k, 0)], self.days[code][max(k, 0)]


def make_suppliers(w: Writer, rng: random.Random, ws: Workspace, count: int, now) -> list[tuple[int, str]]:
    """The factories: "Yiwu Hengda Household Products Co., Ltd." and so on (id, name)."""
    combos = [(c, word, t) for c in SUPPLIER_CITIES for word in SUPPLIER_WORDS for t in SUPPLIER_TRADES]
    chosen = rng.sample(combos, min(count, len(combos)))
    first = next_id(Supplier)
    rows, out = [], []
    for k, (city, word, trade) in enumerate(chosen):
        name = f"{city} {word} {trade} Co., Ltd."
        created = w.dt(now - days(rng.uniform(400, 2000)))
        phone = f"+86 {rng.randint(130, 189)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"
        email = f"sales@{word.lower()}-{city.lower()}.example"
        rows.append((first + k, w.uuid(new_uuid()), created, created, ws.id, name, rng.choice(INSPECTORS),
                     phone, email, city, "CN", "", False))  # fmt: skip
        out.append((first + k, name))
    w.insert(Supplier, SUPPLIER_COLUMNS, rows)
    return out


# --- more confirmed orders: repeats, and the two timed orders ----------------------------------------------

LINE_COPY = [c for c in LINE_COLUMNS if c not in ("public_id", "created_at", "updated_at")]
TIMED_TERMS = [
    {"percent": "30", "method": "tt", "event": "deposit", "days": None},
    {"percent": "70", "method": "tt", "event": "against_bl_copy", "days": None},
]
PAYMENT_COLUMNS = names(
    "public_id created_at updated_at workspace_id order_id position percent method event days amount due_on "
    "received"
)


def _rows_by(model, key: str, ids, fields: list[str], order: tuple[str, ...]) -> dict[int, list[dict]]:
    """`fields` of `model`'s rows whose `key` is in `ids`, grouped by it (in chunks of 5,000 ids)."""
    found: dict[int, list[dict]] = {}
    ids = sorted(ids)
    for k in range(0, len(ids), 5_000):
        rows = (
            model.objects.filter(**{f"{key}__in": ids[k : k + 5_000]}).order_by(*order).values(key, *fields)
        )
        for row in rows:
            found.setdefault(row[key], []).append(row)
    return found


def add_orders(w: Writer, rng: random.Random, ws: Workspace, rates: Rates, target: int, today) -> int:
    """Repeat orders until the workspace has `target` confirmed orders (a confirmed order's customer, lines
    and payment terms again, on the day of another confirmed order), and the two timed orders of the busy
    rep (from their 50-line and one-line sent EUR quotations), written the sales generator's way."""
    confirmed = list(Order.objects.filter(workspace=ws, status="confirmed").values_list("id", "issued_on"))
    confirmed.sort()
    repeats = [
        (rng.choice(confirmed)[0], rng.choice(confirmed)[1]) for _ in range(target - len(confirmed) - 2)
    ]
    busy = Membership.objects.get(workspace=ws, user__email=SALES_BUSY_EMAIL)
    sent = Quotation.objects.filter(workspace=ws, owner=busy, status="sent", currency="EUR")
    sent = sent.annotate(n=Count("lines")).order_by("-id")
    big, small = sent.filter(n=BIG_LINES).first(), sent.filter(n=1).first()
    if big is None or small is None:
        sys.exit(
            "generate_fulfilment: the sales data lacks the busy rep's 50-line and one-line EUR quotations"
        )
    document_fields = names(
        "number customer_id contact_id owner_id currency incoterm incoterm_place language"
    )
    document_fields.append("lead_time_days")
    order_fields = [*document_fields, *names("payment_terms buyer_name buyer_address port_of_loading"),
                    "port_of_discharge"]  # fmt: skip
    templates = {t for t, _day in repeats}
    orders = {k: v[0] for k, v in _rows_by(Order, "id", templates, order_fields, ("id",)).items()}
    quotes = {
        k: v[0] for k, v in _rows_by(Quotation, "id", {big.id, small.id}, document_fields, ("id",)).items()
    }
    order_lines = _rows_by(OrderLine, "order_id", templates, LINE_COPY, ("order_id", "position", "id"))
    quote_lines = _rows_by(QuotationLine, "quotation_id", {big.id, small.id}, LINE_COPY, ("position", "id"))
    milestones = _rows_by(
        OrderPayment, "order_id", templates, names("position percent method event days amount"), ("position",)
    )
    sequences = dict(Sequence.objects.filter(workspace=ws, key__startswith="pi-").values_list("key", "last"))
    o_id = next_id(Order)
    rows, lines, pays = [], [], []

    def add(src: dict, src_lines: list[dict], day: dt.date, confirmed_on: dt.date, remark: str, buyer: tuple,
            terms: list[dict], src_milestones: list[dict] | None) -> None:  # fmt: skip
        nonlocal o_id
        currency, owner = src["currency"], src["owner_id"]
        rate, rate_on = rates.usd(currency, day)
        key = f"pi-{day.year}"
        sequences[key] = sequences.get(key, 0) + 1
        boxes = [math.ceil(line["quantity"] / line["units_per_carton"]) for line in src_lines]
        total = sum((line["total"] for line in src_lines), ZERO)
        cbm = sum((line["cbm_per_carton"] * n for line, n in zip(src_lines, boxes, strict=True)), ZERO)
        gross = sum((line["gross_kg_per_carton"] * n for line, n in zip(src_lines, boxes, strict=True)), ZERO)
        created, confirmed_at = at_local(day, 15), at_local(confirmed_on, 17 + rng.random())
        lead = src.get("lead_time_days") or 35
        rows.append(
            (o_id, w.uuid(new_uuid()), w.dt(created), w.dt(confirmed_at), ws.id, json_text(terms),
             src["customer_id"], src["contact_id"], owner, currency, w.plain(day), rate, w.plain(rate_on),
             src["incoterm"], src["incoterm_place"], lead, src["language"], remark, total,
             (total * rate).quantize(Decimal("0.01"), ROUND_HALF_UP), sum(boxes), cbm, gross, owner,
             f"PI-{day.year}-{sequences[key]:04d}", None, "confirmed", *buyer, "N/M",
             w.plain(day + days(lead)), "", w.dt(confirmed_at), w.plain(confirmed_on), owner, "")
        )  # fmt: skip
        for line in src_lines:
            values = [line[c] for c in LINE_COPY]
            lines.append((w.uuid(new_uuid()), w.dt(created), w.dt(created), *values, o_id))
        if src_milestones is None:  # from the terms: the amounts as trade's order_confirm makes them
            src_milestones = [
                {"position": k, "percent": Decimal(t["percent"]), "method": t["method"], "event": t["event"],
                 "days": t["days"], "amount": cents(total * Decimal(t["percent"]) / 100, currency)}
                for k, t in enumerate(terms)
            ]  # fmt: skip
        for m in src_milestones:
            pays.append(
                (w.uuid(new_uuid()), w.dt(created), w.dt(confirmed_at), ws.id, o_id, m["position"],
                 m["percent"], m["method"], m["event"], m["days"], m["amount"],
                 w.plain(confirmed_on) if m["event"] == "deposit" else None, ZERO)
            )  # fmt: skip
        o_id += 1

    for template, day in repeats:
        src = orders[template]
        buyer = (src["buyer_name"], src["buyer_address"], src["port_of_loading"], src["port_of_discharge"])
        confirmed_on = min(today, day + days(rng.randint(1, 6)))
        add(src, order_lines[template], day, confirmed_on, f"{REPEAT_PREFIX}{src['number']}", buyer,
            src["payment_terms"], milestones[template])  # fmt: skip
    day = today - days(85)
    for quotation, remark in ((big, BIG_REMARK), (small, SMALL_REMARK)):
        customer = Customer.objects.get(id=quotation.customer_id)
        address = f"{customer.address}, {customer.city}".strip(", ")
        buyer = (customer.name_latin or customer.name, address, "Ningbo", "Hamburg")
        add(
            quotes[quotation.id],
            quote_lines[quotation.id],
            day,
            day + days(2),
            remark,
            buyer,
            TIMED_TERMS,
            None,
        )
    w.insert(Order, ORDER_COLUMNS, rows)
    w.insert(OrderLine, [*LINE_COLUMNS, "order_id"], lines)
    w.insert(OrderPayment, PAYMENT_COLUMNS, pays)
    for key, last in sequences.items():
        Sequence.objects.update_or_create(workspace=ws, key=key, defaults={"last": last})
    return len(rows)


def _chunks(items, size):
    for k in range(0, len(items), size):
        yield items[k : k + size]


# --- one order lived through ------------------------------------------------------------------------------

SHIP_COUNTS, SHIP_WEIGHTS = [1, 2, 3, 4, 5, 6], [15, 20, 22, 20, 13, 10]
RECEIPT_PARTS, RECEIPT_WEIGHTS = [1, 2, 3, 4, 5, 6], [22, 20, 16, 16, 13, 13]
TRANSIT = {"sea_fcl": (14, 40), "sea_lcl": (16, 42), "rail": (18, 26), "air": (2, 5), "express": (3, 7)}
ORDER_SUBJECT = "trade.order"


@dataclass
class Stage:
    key: str
    name: str
    position: int
    owner_role: str
    sla_days: int | None
    parallel: bool
    checklist: list[str]


@dataclass
class Ctx:
    w: Writer
    rng: random.Random
    ws: Workspace
    now: dt.datetime
    today: dt.date
    stages: list[Stage]
    template_id: int
    team: Team
    suppliers: list[tuple[int, str]]
    rates: Rates
    ids: dict[str, int]
    rc_seq: dict[int, int] = field(default_factory=dict)
    light_left: dict[str, int] = field(default_factory=dict)
    rows: dict[str, list] = field(default_factory=dict)
    payment_updates: list = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, row) -> None:
        self.rows.setdefault(table, []).append(row)

    def take(self, key: str) -> int:
        value = self.ids[key]
        self.ids[key] += 1
        return value

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n


@dataclass
class Piece:
    line: object
    quantity: Decimal
    cartons: int | None


def split_goods(rng: random.Random, lines, k: int, split_all: bool) -> list[list[Piece]]:
    """The order's lines over k shipments: each line in one shipment (a few split over two), or every line
    over all of them (`split_all`); shipments left empty are dropped."""

    def pieces(line, n: int) -> list[Piece]:
        upc = line.units_per_carton or 0
        if not upc:
            return [Piece(line, line.quantity, None)]
        total = int((line.quantity / upc).to_integral_value(rounding=ROUND_CEILING))
        n = max(1, min(n, total))
        cuts = sorted(rng.sample(range(1, total), n - 1)) if n > 1 else []
        sizes = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
        out, left = [], line.quantity
        for size in sizes[:-1]:
            out.append(Piece(line, Decimal(size * upc), size))
            left -= size * upc
        out.append(Piece(line, left, int((left / upc).to_integral_value(rounding=ROUND_CEILING))))
        return out

    shipments: list[list[Piece]] = [[] for _ in range(k)]
    if split_all:
        for line in lines:
            for j, piece in enumerate(pieces(line, k)):
                shipments[j].append(piece)
        return [s for s in shipments if s]
    order = list(lines)
    rng.shuffle(order)
    extra = max(0, k - len(order))  # more shipments than lines: split lines to fill them
    for i, line in enumerate(order):
        n = 1 + extra // len(order) + (1 if i < extra % len(order) else 0)
        if n == 1 and k > 1 and rng.random() < 0.12:
            n = 2
        parts = pieces(line, n)
        targets = [i % k] if len(parts) == 1 else rng.sample(range(k), len(parts))
        for j, piece in zip(targets, parts, strict=True):
            shipments[j].append(piece)
    return [s for s in shipments if s]


def container_number(rng: random.Random) -> str:
    first = f"{rng.choice(CONTAINER_OWNERS)}{rng.randint(0, 999_999):06d}"
    return f"{first}{check_digit(first)}"


def containers_for(mode: str, cbm: Decimal) -> list[str]:
    if mode == "sea_lcl":
        return ["LCL"]
    if mode not in ("sea_fcl", "rail"):
        return []
    if mode == "rail" or cbm > 58:
        return ["40HQ"] * max(1, math.ceil(cbm / 66))
    return ["20GP"] if cbm <= 28 else ["40GP"]


@dataclass
class Plan:
    """A shipment as it will have gone: its goods, mode and dates (created, booked, sailed …)."""

    pieces: list[Piece]
    mode: str
    created: dt.datetime
    booked: dt.datetime | None = None
    sail: dt.datetime | None = None
    etd: dt.date | None = None
    eta: dt.date | None = None
    ata: dt.date | None = None
    delivered_on: dt.date | None = None
    cancelled: bool = False


class Life:
    """One confirmed order lived through from its confirmation: the timeline is planned as it will have
    gone (stage durations, shipments, payments), then what exists today is written as the services would
    have left it (see the module's docstring)."""

    def __init__(self, c: Ctx, o, lines, pays, fixed: dict | None):
        self.c, self.o, self.lines, self.pays = c, o, lines, pays
        self.fixed = fixed
        self.f = fixed or {}
        self.rng, self.now, self.w, self.ws_id = c.rng, c.now, c.w, c.ws.id
        self.conf = o.confirmed_at or at_local(o.confirmed_on, 17)

    def u(self, low: float, high: float) -> float:
        return self.rng.uniform(low, high)

    def run(self) -> None:
        self.plan_stages()
        self.plan_shipments()
        self.plan_payments()
        self.today_state()
        self.write_stages()
        self.write_history()
        self.write_production()
        self.write_shipments()
        self.write_receipts()
        self.write_letter()
        self.write_fulfilment()

    # --- the plan ---

    def plan_stages(self) -> None:
        """Start (s) and end (e) of the stages up to the documents; QC and booking run side by side."""
        f, u, conf = self.f, self.u, self.conf
        stuck = self.fixed is None and self.rng.random() < P_STUCK
        self.stuck_stage, self.stuck_days = (self.rng.randrange(1, 9), u(20, 400)) if stuck else (None, 0.0)
        s, e = [conf] * 9, [conf] * 9
        e[0] = conf + days(f.get("deposit", u(0.5, 11)))
        s[1] = e[0]
        delivery = self.o.delivery_date
        if "ready" in f:
            ready = conf + days(f["ready"])
        elif self.rng.random() < P_RISKY:  # the factory's ready date slips past the delivery date
            ready = at_local(delivery + days(self.rng.randint(3, 25)), u(15, 18))
        else:
            ready = at_local(delivery - days(self.rng.randint(0, 6)), u(15, 18))
        e[1] = max(ready, s[1] + days(7)) + self.hold(1)
        s[2] = s[3] = e[1]
        self.failed_qc = self.fixed is None and self.rng.random() < 0.03
        e[2] = s[2] + days(f.get("qc", u(1, 6) + (u(3, 8) if self.failed_qc else 0))) + self.hold(2)
        e[3] = s[3] + days(f.get("booking", u(2, 9))) + self.hold(3)
        if self.failed_qc:
            e[3] = max(e[3], e[2] + days(u(0.2, 1)))  # booking waits for the re-inspection to pass
        s[4] = max(e[2], e[3])
        e[4] = s[4] + days(f.get("shipped", u(1, 7))) + self.hold(4)
        s[5] = e[4]
        e[5] = s[5] + days(f.get("documents", u(2, 10))) + self.hold(5)
        self.s, self.e = s, e

    def hold(self, k: int) -> dt.timedelta:
        return days(self.stuck_days) if self.stuck_stage == k else dt.timedelta(0)

    def plan_shipments(self) -> None:
        """The goods over one to six shipments, planned while the goods are made; the first sails when
        the shipped stage ends, the others days or weeks after it."""
        f, u, rng, s, e = self.f, self.u, self.rng, self.s, self.e
        wanted = f.get("shipments") or rng.choices(SHIP_COUNTS, SHIP_WEIGHTS)[0]
        goods = split_goods(rng, self.lines, wanted, f.get("split_all", False))
        planned_at = s[1] + (e[1] - s[1]) * 0.6
        self.plans: list[Plan] = []
        sail = e[4]
        for j, pieces in enumerate(goods):
            if j:
                sail = sail + days(f.get("gap", u(4, 25)))
            cbm = sum(((p.line.cbm_per_carton or ZERO) * (p.cartons or 0) for p in pieces), ZERO)
            if "mode" in f:
                mode = f["mode"]
            elif cbm < Decimal("0.5"):
                mode = rng.choice(["air", "express"])
            elif cbm < 12:
                mode = rng.choices(["sea_lcl", "air", "rail"], [85, 10, 5])[0]
            else:
                mode = rng.choices(["sea_fcl", "rail"], [85, 15])[0]
            low, high = TRANSIT[mode]
            etd = local_day(sail)
            eta = etd + days(rng.randint(low, high))
            ata = max(etd + DAY, eta + days(rng.randint(-2, 4)))
            created = planned_at if j == 0 else max(planned_at, s[3] + days(u(0, 3)))
            self.plans.append(
                Plan(pieces, mode, created, max(created, sail - days(u(4, 12))), sail, etd, eta, ata,
                     ata + days(rng.randint(1, 6)))
            )  # fmt: skip
        if self.fixed is None and rng.random() < 0.03 and planned_at + days(10) <= self.now:
            # planned, then cancelled: the buyer moved its goods to the next shipment
            self.plans.insert(0, Plan(goods[0], "sea_lcl", planned_at, cancelled=True))

    def plan_payments(self) -> None:
        """When each milestone is paid (the deposit ends its stage; the others follow their trigger on the
        shipping dates), in one to six receipts; the balance stage ends with the last payment, delivered
        with the last shipment's delivery."""
        f, u, rng, s, e, conf = self.f, self.u, self.rng, self.s, self.e, self.conf
        first = next(p for p in self.plans if not p.cancelled)
        eventual = ShippingDates(etd=first.etd, bl_date=first.etd, arrival=first.ata)
        self.pay_plans = []  # (milestone, [(fraction of its amount, when)])
        last_paid = conf
        for p in self.pays:
            if p.event == "deposit":
                paid = e[0]
            else:
                due = milestone_due_date(p, eventual) or first.etd
                if p.event == "before_shipment":
                    paid = at_local(due, 11) + (days(u(1, 12)) if rng.random() < 0.1 else -days(u(0, 6)))
                elif p.event in ("against_bl_copy", "at_sight"):
                    paid = at_local(due, 11) + days(u(1, 14))
                else:
                    paid = at_local(due, 11) + days(u(-6, 12))
                paid = max(paid, conf + days(1)) + self.hold(6)
            if "parts" in f:
                parts = [
                    (fraction, conf + days(offset)) for fraction, offset in f["parts"].get(p.position, [])
                ]
                if sum(fraction for fraction, _t in parts) < 1:
                    paid = self.now + days(3650)  # the rest is not paid
            else:
                n = rng.choices(RECEIPT_PARTS, RECEIPT_WEIGHTS)[0] if p.amount >= 100 else 1
                start = max(conf, paid - days(u(2, 35))) if n > 1 else paid
                times = [*sorted(start + (paid - start) * rng.random() for _ in range(n - 1)), paid]
                weights = [u(0.5, 1.5) for _ in range(n)]
                parts = [(wt / sum(weights), t) for wt, t in zip(weights, times, strict=True)]
            self.pay_plans.append((p, parts))
            last_paid = max(last_paid, paid)
        last_delivered = max(at_local(p.delivered_on, 14) for p in self.plans if not p.cancelled)
        s[6] = e[5]
        e[6] = max(s[6] + days(u(0.5, 4)), last_paid)
        s[7] = e[6]
        e[7] = max(s[7] + days(u(1, 3)), last_delivered + days(u(1, 5))) + self.hold(7)
        s[8] = e[7]
        e[8] = s[8] + days(u(3, 20)) + self.hold(8)

    def today_state(self) -> None:
        """Each stage done, active or waiting today; who holds each job (then, and now for the members who
        joined last week and took three running orders)."""
        c, now, s, e = self.c, self.now, self.s, self.e
        self.status = ["done" if e[k] <= now else "active" if s[k] <= now else "waiting" for k in range(9)]
        self.first_open = next((k for k in range(9) if self.status[k] != "done"), None)
        stage_key = c.stages[self.first_open].key if self.first_open is not None else ""
        self.team_then = {job: self.rng.choices(*c.team.pools[job])[0] for job in TEAM_POOLS}
        self.team_now = dict(self.team_then)
        for job, (member, at_stage) in c.team.light.items():
            if c.light_left.get(job, 0) > 0 and stage_key == at_stage and (now - self.conf) < days(40):
                self.team_now[job] = member
                c.light_left[job] -= 1
        if self.fixed is not None:
            self.team_then = self.team_now = self.f["team"]
        self.fid = c.take("fulfilment")

    # --- what exists today ---

    def write_stages(self) -> None:
        """The nine stages copied from the template, with owner, target, completion and the late notice;
        the checklist ticked as the work went (a few completed with steps open and a reason)."""
        c, w, rng, now, s, e = self.c, self.w, self.rng, self.now, self.s, self.e
        created = w.dt(self.conf)
        self.owners, self.completers = [], []
        self.late = False
        for k, stage in enumerate(c.stages):
            started, done = self.status[k] != "waiting", self.status[k] == "done"
            owner = (
                self.o.owner_id if stage.owner_role == Role.SALES else self.team_then.get(stage.owner_role)
            )
            owner = owner if started else None
            completer = owner if owner and rng.random() > 0.05 else rng.choice(c.team.managers)
            completer = completer if done else None
            self.owners.append(owner)
            self.completers.append(completer)
            due = s[k] + days(stage.sla_days) if started and stage.sla_days else None
            is_late = self.status[k] == "active" and due is not None and due < now
            self.late = self.late or is_late
            told = due + dt.timedelta(hours=1) if due and (is_late or (done and e[k] > due)) else None
            told = told if told and told <= now else None
            override = done and rng.random() < 0.04 and len(stage.checklist) > 1
            sid = c.take("stage")
            c.add(
                "stage",
                (sid, w.uuid(new_uuid()), created, w.dt(e[k] if done else s[k] if started else self.conf),
                 self.ws_id, self.fid, stage.key, stage.name, stage.position, stage.owner_role, owner,
                 stage.sla_days, stage.parallel, self.status[k], w.dt(s[k]) if started else None, w.dt(due),
                 w.dt(e[k]) if done else None, completer, OVERRIDE_REASON if override else "", w.dt(told)),
            )  # fmt: skip
            n = len(stage.checklist)
            if done:
                ticked, until = (n - rng.randint(1, min(2, n - 1)) if override else n), e[k]
            elif started:
                ticked, until = (min(n - 1, int((now - s[k]) / (e[k] - s[k]) * n)) if e[k] > s[k] else 0), now
            else:
                ticked, until = 0, s[k]
            for i, text in enumerate(stage.checklist):
                done_at = s[k] + (until - s[k]) * ((i + 1) / (ticked + 1)) if i < ticked else None
                c.add(
                    "item",
                    (w.uuid(new_uuid()), created, w.dt(done_at or self.conf), self.ws_id, sid, i, text[:300],
                     w.dt(done_at), owner if done_at else None),
                )  # fmt: skip

    def write_history(self) -> None:
        """The workflow's events on the order, as its services record them (the order's subject only)."""
        c, o, s, e, status, completers = self.c, self.o, self.s, self.e, self.status, self.completers

        def event(kind: str, when: dt.datetime, actor, data: dict) -> None:
            if when <= self.now:
                c.add(
                    "activity",
                    (self.w.uuid(new_uuid()), self.w.dt(when), self.ws_id, ORDER_SUBJECT,
                     self.w.uuid(o.public_id), kind, actor, self.w.dt(when),
                     json_text({"number": o.number, **data})),
                )  # fmt: skip

        event("workflow.started", self.conf, o.confirmed_by_id, {})
        # Who started each stage: whoever completed the one before (QC and booking: production's).
        starter = {0: o.confirmed_by_id, 1: completers[0], 2: completers[1], 3: completers[1],
                   4: completers[2] if e[2] >= e[3] else completers[3]}  # fmt: skip
        for k, stage in enumerate(c.stages):
            if status[k] == "waiting":
                continue
            owner = self.owners[k]
            event("workflow.stage_started", s[k], starter.get(k, completers[k - 1]),
                  {"stage": stage.name, "name": c.team.names.get(owner, "") if owner else ""})  # fmt: skip
            if status[k] == "done":
                event("workflow.stage_completed", e[k], completers[k], {"stage": stage.name, "reason": ""})
        if self.first_open is None:
            event("workflow.closed", e[8], completers[8], {})

    def write_production(self) -> None:
        """The factories (15% of orders at two), their progress updates, the at-risk verdict; the QC
        inspection (3% failed first, then passed on re-inspection)."""
        c, w, rng, now, s, e, o = self.c, self.w, self.rng, self.now, self.s, self.e, self.o
        delivery, merch = o.delivery_date, self.team_then["merchandiser"]
        suppliers = rng.sample(c.suppliers, 2)
        productions = []  # (supplier name, ready date, late)
        first_production = None
        if s[1] + days(0.5) <= now:
            ready_day = local_day(e[1])
            start_day = local_day(s[1]) + days(rng.randint(1, 3))
            planned_ready = max(min(ready_day, delivery), start_day)
            expected = (
                ready_day if now >= s[1] + (e[1] - s[1]) * 0.55 else planned_ready
            )  # the update moved it
            started = now >= at_local(start_day, 9)
            ready = self.status[1] == "done"
            progress = 100 if ready else 0
            if started and not ready:
                progress = max(5, min(95, round((now - s[1]) / (e[1] - s[1]) * 20) * 5))
            state = "ready" if ready else "in_progress" if started else "planned"
            ready_date = ready_day if ready else expected
            late = ready_date > delivery
            count = 2 if rng.random() < 0.15 else 1
            for k in range(count):
                pid = c.take("production")
                first_production = first_production or pid
                supplier_id, supplier_name = suppliers[k]
                goods = ", ".join(line.name for line in self.lines[k::count][:3])[:300]
                c.add(
                    "production",
                    (pid, w.uuid(new_uuid()), w.dt(s[1] + days(0.2 * (k + 1))), w.dt(min(now, e[1])),
                     self.ws_id, o.id, supplier_id, goods, w.plain(start_day), w.plain(planned_ready),
                     w.plain(start_day) if started else None, w.plain(ready_day) if ready else None,
                     w.plain(expected), progress, state, late, "", merch),
                )  # fmt: skip
                productions.append((supplier_name, ready_date, late))
                for i, fraction in enumerate((0.3, 0.55, 0.85)):
                    when = s[1] + (e[1] - s[1]) * fraction
                    if when > now:
                        break
                    moved = ready_day if i == 1 and ready_day != planned_ready else None
                    c.add(
                        "update",
                        (w.uuid(new_uuid()), w.dt(when), w.dt(when), self.ws_id, pid, PROGRESS_NOTES[i],
                         round(fraction * 20) * 5, w.plain(moved), merch),
                    )  # fmt: skip
        late_ones = [p for p in productions if p[2]]
        self.at_risk, self.risk_reason = bool(late_ones), ""
        if late_ones:
            latest = max(late_ones, key=lambda p: p[1])
            self.risk_reason = risk_reason(latest[0], latest[1], delivery)[:300]
        if self.status[2] == "waiting":
            return
        agency = rng.choices(*AGENCIES)[0]
        inspections = [("fail", s[2] + (e[2] - s[2]) * 0.3)] if self.failed_qc else []
        inspections.append(
            ("pass", e[2] - days(0.2) if self.failed_qc else s[2] + (e[2] - s[2]) * self.u(0.3, 0.8))
        )
        for result, inspected in inspections:
            decided = inspected + dt.timedelta(hours=5)
            if result == "pass":
                decided = min(max(decided, e[2] - dt.timedelta(hours=1)), e[2])
                result = "pass_remarks" if rng.random() < 0.1 else "pass"
            if decided > now:
                result, decided = "pending", None
            c.add(
                "inspection",
                (w.uuid(new_uuid()), w.dt(s[2]), w.dt(decided or s[2]), self.ws_id, o.id, first_production,
                 agency, "", "pre_shipment", rng.choice(INSPECTORS), w.plain(local_day(inspected)), result,
                 DEFECTS if result in ("fail", "pass_remarks") else "", w.dt(decided),
                 merch if decided else None, "", "", merch),
            )  # fmt: skip
            if result == "pending":
                break

    def write_shipments(self) -> None:
        """Today's shipments with their status and dates, booking, vessel or flight, B/L, release (after
        the balance), totals from the goods' packing; containers sharing the goods; the goods."""
        c, w, rng, now, o = self.c, self.w, self.rng, self.now, self.o
        logistics, documents = self.team_then["logistics"], self.team_then["documents"]
        self.existing = []  # (etd, B/L date, ATA, delivered) of today's shipments not cancelled
        self.next_etd = None
        released_at = self.e[6] + days(self.u(0.1, 2))
        sequence = 0
        for plan in self.plans:
            if plan.created > now:
                continue
            if plan.cancelled:
                state = "cancelled"
            elif now < plan.booked:
                state = "planned"
            elif now < plan.sail:
                state = "booked"
            elif now < at_local(plan.ata, 10):
                state = "shipped"
            elif now < at_local(plan.delivered_on, 14):
                state = "arrived"
            else:
                state = "delivered"
            sequence += 1
            sailed = state in ("shipped", "arrived", "delivered")
            atd = plan.etd if sailed else None
            ata = plan.ata if state in ("arrived", "delivered") else None
            delivered_on = plan.delivered_on if state == "delivered" else None
            if state in ("planned", "booked"):
                self.next_etd = min(self.next_etd, plan.etd) if self.next_etd else plan.etd
            if state != "cancelled":
                self.existing.append((plan.etd, atd, ata, delivered_on))
            mode, pieces = plan.mode, plan.pieces
            cartons = sum(p.cartons or 0 for p in pieces)
            gross = sum(((p.line.gross_kg_per_carton or ZERO) * (p.cartons or 0) for p in pieces), ZERO)
            cbm = sum(((p.line.cbm_per_carton or ZERO) * (p.cartons or 0) for p in pieces), ZERO)
            gross, cbm = gross.quantize(Decimal("0.01")), cbm.quantize(Decimal("0.0001"))
            booked = state not in ("planned", "cancelled")
            vessel, voyage, booking = "", "", ""
            if booked and mode == "air":
                vessel = f"{rng.choice(AIRLINES)}{rng.randint(100, 9999)}"
            elif booked and mode == "rail":
                vessel, voyage = "China Railway Express (Yiwu–Duisburg)", f"X8{rng.randint(100, 999)}"
            elif booked and mode in ("sea_fcl", "sea_lcl"):
                vessel, voyage = rng.choice(VESSELS), f"{rng.randint(100, 999)}{rng.choice('EW')}"
                booking = f"{rng.choice(CARRIER_PREFIX)[:3]}{rng.randint(10**8, 10**9 - 1)}"
            bl_number = ""
            if sailed:
                bl_number = (
                    f"999-{rng.randint(10_000_000, 99_999_999)}" if mode == "air"
                    else f"{rng.randint(10**9, 10**10 - 1)}" if mode == "express"
                    else f"{rng.choice(CARRIER_PREFIX)}{rng.randint(10**9, 10**10 - 1)}"
                )  # fmt: skip
            release, released, released_by, courier, tracking = "not_released", None, None, "", ""
            if sailed and mode in ("air", "express"):
                release = "waybill"
            elif sailed and released_at <= now:  # released once the balance is in
                release = "telex_released" if rng.random() < 0.6 else "originals_sent"
                released, released_by = released_at, documents
                if release == "originals_sent":
                    courier, tracking = rng.choice(COURIERS), f"{rng.randint(10**9, 10**10 - 1)}"
            shipment_id = c.take("shipment")
            updated = min(now, max(plan.created, plan.booked or plan.created))
            c.add(
                "shipment",
                (shipment_id, w.uuid(new_uuid()), w.dt(plan.created), w.dt(updated), self.ws_id, o.id,
                 f"{o.number}-S{sequence}", sequence, mode, state,
                 rng.choice(COURIERS) if mode == "express" else rng.choice(FORWARDERS), booking, vessel,
                 voyage, LOCODE.get(o.port_of_loading, ""), LOCODE.get(o.port_of_discharge, ""),
                 w.plain(plan.etd), w.plain(plan.eta), w.plain(atd), w.plain(ata), w.plain(delivered_on),
                 bl_number, w.plain(atd), release, w.dt(released), released_by, "", courier, tracking,
                 "The buyer moved the goods to the next shipment." if plan.cancelled else "", cartons, gross,
                 cbm, "", logistics),
            )  # fmt: skip
            c.count("shipments")
            for p in pieces:
                c.add(
                    "shipment_line",
                    (w.uuid(new_uuid()), w.dt(plan.created), w.dt(plan.created), self.ws_id, shipment_id,
                     p.line.id, p.quantity, p.cartons),
                )  # fmt: skip
            self.write_containers(shipment_id, plan, sailed or state == "booked", cartons, gross, cbm)

    def write_containers(self, shipment_id: int, plan: Plan, numbered: bool, cartons, gross, cbm) -> None:
        """The containers the mode and volume take, sharing the goods' cartons, weight and volume (so the
        shipment's totals are their sums too); numbered (ISO 6346) and sealed once booked."""
        boxes = containers_for(plan.mode, cbm)
        for k, kind in enumerate(boxes):
            last = k == len(boxes) - 1
            share = Decimal(1) / (len(boxes) - k)
            box_c = cartons if last else int(cartons * share)
            box_g = gross if last else (gross * share).quantize(Decimal("0.01"))
            box_v = cbm if last else (cbm * share).quantize(Decimal("0.0001"))
            cartons, gross, cbm = cartons - box_c, gross - box_g, cbm - box_v
            number = container_number(self.rng) if numbered and kind != "LCL" else ""
            seal = f"{number[:2]}{self.rng.randint(1_000_000, 9_999_999)}" if number else ""
            created = self.w.dt(plan.created)
            self.c.add(
                "container",
                (self.w.uuid(new_uuid()), created, created, self.ws_id, shipment_id, k, kind, number, seal,
                 box_c, box_g, box_v),
            )  # fmt: skip

    def write_receipts(self) -> None:
        """The receipts received by today (5% of partial ones in another currency at the day's rate, 0.4%
        of last ones over-paid and kept as credit, 1% first bounced and reversed), their allocations, each
        milestone's due date from today's shipping dates and its amount received; overdue notices."""
        c, o, rng, now = self.c, self.o, self.rng, self.now
        dates = ShippingDates()
        if self.existing:
            dates = ShippingDates(
                etd=min((d[0] for d in self.existing if d[0]), default=None),
                bl_date=min((d[1] for d in self.existing if d[1]), default=None),
                arrival=min((d[2] for d in self.existing if d[2]), default=None)
                or min((d[3] for d in self.existing if d[3]), default=None),
            )
        finance, currency = self.team_then["finance"], o.currency
        self.overdue = False
        for p, parts in self.pay_plans:
            due_on = o.confirmed_on if p.event == "deposit" else milestone_due_date(p, dates)
            complete = sum(fraction for fraction, _t in parts) >= 0.999
            allocated = ZERO
            for k, (fraction, when) in enumerate(parts):
                if when > now:
                    break
                final = complete and k == len(parts) - 1
                part = (p.amount - allocated) if final else cents(p.amount * Decimal(str(fraction)), currency)
                if part <= 0:
                    continue
                day = local_day(when)
                paid_currency, rate, amount, credit = currency, None, part, ZERO
                if not final and self.fixed is None and rng.random() < 0.05:
                    other = "USD" if currency != "USD" else "EUR"
                    other_rate = (c.rates.usd(other, day)[0] / c.rates.usd(currency, day)[0]).quantize(
                        Decimal("0.000001")
                    )
                    other_amount = cents(part / other_rate, other)
                    in_order = Money(other_amount * other_rate, currency).rounded().amount
                    if 0 < in_order <= p.amount - allocated:
                        paid_currency, rate, amount, part = other, other_rate, other_amount, in_order
                if final and self.fixed is None and rng.random() < 0.004:
                    credit = cents(Decimal(self.u(5, 80)), currency)
                    amount = part + credit
                charges = ZERO
                if rng.random() < 0.6:
                    charges = (
                        Decimal(rng.randint(1_500, 6_000)) if paid_currency == "JPY"
                        else cents(Decimal(self.u(8, 45)), paid_currency)
                    )  # fmt: skip
                    charges = charges if charges < amount else ZERO
                if self.fixed is None and rng.random() < 0.01 and when - days(3) > self.conf:
                    self.receipt(p, when - days(self.u(2, 3)), amount, paid_currency, rate, part, ZERO, ZERO,
                                 reversed_by=finance)  # fmt: skip
                self.receipt(p, when, amount, paid_currency, rate, part, charges, credit)
                allocated += part
            if due_on is not None and due_on < c.today and allocated < p.amount:
                self.overdue = True
                told = at_local(due_on + DAY, 9)
                escalated = at_local(due_on + days(7), 9) if (c.today - due_on).days >= 7 else None
                c.add(
                    "notice",
                    (self.w.uuid(new_uuid()), self.w.dt(told), self.w.dt(escalated or told), self.ws_id, p.id,
                     o.id, self.w.plain(due_on), self.w.dt(told), self.w.dt(escalated)),
                )  # fmt: skip
            c.payment_updates.append((p.id, due_on, allocated))

    def receipt(self, p, when, amount, paid_currency, rate, part, charges, credit, reversed_by=None) -> None:
        c, w, o = self.c, self.w, self.o
        day = local_day(when)
        c.rc_seq[day.year] = c.rc_seq.get(day.year, 0) + 1
        rid = c.take("receipt")
        recorded = min(c.now, when + dt.timedelta(hours=self.u(1, 30)))
        reversed_at = min(c.now, recorded + days(self.u(0.5, 1.5))) if reversed_by else None
        finance = self.team_then["finance"]
        c.add(
            "receipt",
            (rid, w.uuid(new_uuid()), w.dt(recorded), w.dt(reversed_at or recorded), self.ws_id, o.id,
             f"RC-{day.year}-{c.rc_seq[day.year]:04d}", w.plain(day), amount, paid_currency, rate,
             part + credit, charges, f"FT{day:%y%m%d}{self.rng.randint(10_000, 99_999)}",
             o.buyer_name[:200], "", credit,
             "reversed" if reversed_by else "recorded", finance, w.dt(reversed_at), reversed_by,
             "Returned by the bank: the beneficiary's account number was wrong." if reversed_by else ""),
        )  # fmt: skip
        c.add("allocation", (w.uuid(new_uuid()), w.dt(recorded), w.dt(recorded), self.ws_id, rid, p.id, part))
        c.count("receipts")

    def write_letter(self) -> None:
        """The L/C of an order paid by one, recorded a few days after the confirmation."""
        if not any(p.method == "lc" for p in self.pays) or self.s[0] + days(3) > self.now:
            return
        w = self.w
        issued, latest = local_day(self.s[0]) + days(2), self.o.delivery_date + days(30)
        self.c.add(
            "letter",
            (w.uuid(new_uuid()), w.dt(self.s[0] + days(3)), w.dt(self.s[0] + days(3)), self.ws_id, self.o.id,
             f"ILC{self.rng.randint(10**9, 10**10 - 1)}", self.rng.choice(BANKS),
             "Bank of China, Ningbo Branch",
             w.plain(issued), w.plain(latest + days(36)), w.plain(latest), 21,
             json_text(["commercial_invoice", "packing_list", "bill_of_lading", "certificate_of_origin"]), "",
             self.team_then["documents"]),
        )  # fmt: skip

    def write_fulfilment(self) -> None:
        """The order's fulfilment row: its team today, the board's column and flags."""
        c, w, first_open = self.c, self.w, self.first_open
        stage = c.stages[first_open] if first_open is not None else None
        team = self.team_now
        updated = max([self.conf, *(t for t in self.e if t <= self.now)])
        c.add(
            "fulfilment",
            (self.fid, w.uuid(new_uuid()), w.dt(self.conf), w.dt(updated),
             self.ws_id, self.o.id, c.template_id, team["merchandiser"], team["documents"], team["logistics"],
             team["finance"], team["service"], stage.key if stage else "", stage.name if stage else "",
             stage.position if stage else FINISHED_POSITION, self.at_risk, self.risk_reason, self.late,
             self.overdue, w.plain(self.next_etd), w.dt(self.e[8]) if stage is None else None),
        )  # fmt: skip
        c.count(f"stage:{stage.key if stage else '(finished)'}")
        if stage is not None:
            c.count("running")
            c.count("at_risk", self.at_risk)
            c.count("late", self.late)
            c.count("payment_overdue", self.overdue)
            c.count("next_etd", self.next_etd is not None)


# --- the whole run ------------------------------------------------------------------------------------------

TABLES = [
    ("fulfilment", Fulfilment, FULFILMENT_COLUMNS),
    ("stage", OrderStage, STAGE_COLUMNS),
    ("item", StageItem, ITEM_COLUMNS),
    ("production", Production, PRODUCTION_COLUMNS),
    ("update", ProgressUpdate, UPDATE_COLUMNS),
    ("inspection", Inspection, INSPECTION_COLUMNS),
    ("shipment", Shipment, SHIPMENT_COLUMNS),
    ("container", Container, CONTAINER_COLUMNS),
    ("shipment_line", ShipmentLine, SHIPMENT_LINE_COLUMNS),
    ("receipt", Receipt, RECEIPT_COLUMNS),
    ("allocation", Allocation, ALLOCATION_COLUMNS),
    ("notice", OverdueNotice, NOTICE_COLUMNS),
    ("letter", LetterOfCredit, LETTER_COLUMNS),
    ("activity", Activity, ACTIVITY_COLUMNS),
]


def flush(c: Ctx) -> None:
    for key, model, columns in TABLES:
        rows = c.rows.pop(key, [])
        if rows:
            c.w.insert(model, columns, rows)


def payments_update(rows: list[tuple[int, dt.date | None, Decimal]], now: dt.datetime) -> None:
    """Each milestone's due date and amount received, as receivables' services leave them."""
    table = connection.ops.quote_name(OrderPayment._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE TEMP TABLE bench_payment (id bigint, due_on date, received numeric) ON COMMIT DROP"
            )
            with cursor.cursor.copy("COPY bench_payment (id, due_on, received) FROM STDIN") as cp:
                for row in rows:
                    cp.write_row(row)
            cursor.execute(
                f"UPDATE {table} p SET due_on = b.due_on, received = b.received, updated_at = %s "
                "FROM bench_payment b WHERE p.id = b.id",
                [now],
            )
        else:
            stamp = str(now.astimezone(UTC).replace(tzinfo=None))
            cursor.executemany(
                f"UPDATE {table} SET due_on = %s, received = %s, updated_at = %s WHERE id = %s",
                [(d.isoformat() if d else None, str(r), stamp, i) for i, d, r in rows],
            )


def timed_fixed(team: Team, remark: str) -> dict:
    """The two timed orders: confirmed 83 days ago, everything up to the shipping documents done, the
    balance (against the B/L copy, due 47 days ago) 40% paid on the big one, unpaid on the small one."""
    h = team.by_handle
    crew = {"merchandiser": h["rep34"], "documents": h["rep35"], "logistics": h["rep36"],
            "finance": h["rep38"], "service": h["rep37"]}  # fmt: skip
    fixed = {"deposit": 5, "ready": 30, "qc": 3, "booking": 4, "shipped": 2, "documents": 5,
             "mode": "sea_fcl", "gap": 10, "team": crew}  # fmt: skip
    if remark == BIG_REMARK:
        return {
            **fixed,
            "shipments": 2,
            "split_all": True,
            "parts": {0: [(0.5, 2), (0.5, 5)], 1: [(0.4, 65)]},
        }
    return {**fixed, "shipments": 1, "parts": {0: [(1.0, 5)], 1: []}}


def generate(c: Ctx, order_ids: list[int], fixed: dict[int, dict]) -> None:
    order_fields = names(
        "id public_id number owner_id currency confirmed_on confirmed_at confirmed_by_id delivery_date "
        "issued_on "
        "port_of_loading port_of_discharge buyer_name"
    )
    line_fields = names(
        "id order_id position quantity units_per_carton cbm_per_carton gross_kg_per_carton name"
    )
    started, done = time.monotonic(), 0
    for chunk in _chunks(order_ids, CHUNK):
        orders = {
            row[0]: SimpleNamespace(**dict(zip(order_fields, row, strict=True)))
            for row in Order.objects.filter(id__in=chunk).values_list(*order_fields)
        }
        lines: dict[int, list] = {}
        for row in (
            OrderLine.objects.filter(order_id__in=chunk)
            .order_by("order_id", "position", "id")
            .values_list(*line_fields)
        ):
            lines.setdefault(row[1], []).append(SimpleNamespace(**dict(zip(line_fields, row, strict=True))))
        pays: dict[int, list] = {}
        for row in (
            OrderPayment.objects.filter(order_id__in=chunk)
            .order_by("order_id", "position", "id")
            .values_list(*PAYMENT_READ)
        ):
            pays.setdefault(row[1], []).append(SimpleNamespace(**dict(zip(PAYMENT_READ, row, strict=True))))
        for oid in chunk:
            o = orders[oid]
            if o.delivery_date is None:
                o.delivery_date = o.issued_on + days(35)
            Life(c, o, lines.get(oid, []), pays.get(oid, []), fixed.get(oid)).run()
        flush(c)
        done += len(chunk)
        rate = done / (time.monotonic() - started)
        print(f"\r  {done:,} of {len(order_ids):,} orders ({rate:,.0f}/s)", end="", flush=True)
    print()


def timed_documents(ws: Workspace, team: Team, now: dt.datetime) -> None:
    """The timed orders' shipping documents, made by the app's own sync; what the clerk sent, marked sent."""
    from tradewind.trade.shipdocs.services import shipment_documents_sync

    for remark in (BIG_REMARK, SMALL_REMARK):
        for shipment in Shipment.objects.filter(workspace=ws, order__remarks=remark).exclude(
            status="cancelled"
        ):
            shipment_documents_sync(shipment=shipment)
    ShipmentDocument.objects.filter(
        workspace=ws,
        shipment__order__remarks__in=[BIG_REMARK, SMALL_REMARK],
        kind__in=["commercial_invoice", "packing_list", "bill_of_lading", "certificate_of_origin"],
    ).update(status="sent_to_buyer", status_changed_at=now, status_changed_by_id=team.by_handle["rep35"])


class _Rollback(Exception):
    pass


def verify(ws: Workspace, rng: random.Random, sample: int = 25) -> None:
    """Ask the services what they would write, inside a transaction rolled back: the worker's due-date
    refresh over every open milestone (it must change none), and for sampled orders the overdue flag,
    the next ETD, the production risk and each milestone's amount received."""
    from tradewind.trade.production.selectors import order_production_risk
    from tradewind.trade.receivables.services.common import order_overdue_flag_sync
    from tradewind.trade.receivables.services.due_dates import milestone_due_dates_refresh_all
    from tradewind.trade.receivables.services.receipts import received_sync
    from tradewind.trade.shipping.selectors import next_etd

    fulfilments = list(Fulfilment.objects.filter(workspace=ws).values_list("id", flat=True))
    chosen = rng.sample(fulfilments, min(sample, len(fulfilments)))
    differ = []
    try:
        with transaction.atomic():
            changed = milestone_due_dates_refresh_all()
            for f in Fulfilment.objects.filter(id__in=chosen).select_related(
                "order__workspace", "order__customer"
            ):
                order = f.order
                payments = list(order.payments.all())
                received_sync(payments)
                after = dict(order.payments.values_list("id", "received"))
                checks = {
                    "payment_overdue": order_overdue_flag_sync(order) == f.payment_overdue,
                    "next_etd": next_etd(order) == f.next_etd,
                    "at_risk": (order_production_risk(order) is not None) == f.at_risk,
                    "received": all(after[p.id] == p.received for p in payments),
                }
                differ += [f"{order.number}: {name}" for name, ok in checks.items() if not ok]
            raise _Rollback
    except _Rollback:
        pass
    if changed or differ:
        sys.exit(f"generate_fulfilment: the services would change {changed} due dates; differ: {differ[:10]}")
    print(
        f"Derived values match the services: the due-date refresh changes none; overdue flag, next ETD, "
        f"risk and amounts received agree for {len(chosen)} of {len(chosen)} sampled orders."
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every row count (e.g. 0.05)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--fresh-sales", action="store_true", help="run generate_sales.py again first")
    args = parser.parse_args()
    if not 0 < args.scale <= 10:
        parser.error("--scale must be in (0, 10]")
    started = time.monotonic()
    print(f"Database: {database_label()}; scale {args.scale}")
    ws = ensure_sales(args.scale, args.seed, args.fresh_sales)
    drop_fulfilment(ws)
    rng = random.Random(f"fulfilment-{args.seed}")
    ID_RANDOM.seed(f"fulfilment-{args.seed}")
    translation.activate("en")  # texts the services store in the acting member's language (risk reasons)
    now = timezone.now()
    today = local_day(now)
    w = Writer()
    team = ensure_team(ws, now)
    rates = Rates(ws)
    target = max(1_000, int(FULL_ORDERS * args.scale))
    step = time.monotonic()
    added = add_orders(w, rng, ws, rates, target, today)
    print(
        f"  {added:,} more confirmed orders (repeats and the two timed ones): {time.monotonic() - step:.1f}s"
    )
    suppliers = make_suppliers(w, rng, ws, max(30, int(FULL_SUPPLIERS * args.scale)), now)
    template = WorkflowTemplate.objects.get(workspace=ws, is_default=True)
    stages = [
        Stage(s.key, s.name, s.position, s.owner_role, s.sla_days, s.parallel, list(s.checklist))
        for s in WorkflowStage.objects.filter(template=template).order_by("position", "id")
    ]
    ctx = Ctx(
        w=w, rng=rng, ws=ws, now=now, today=today, stages=stages, template_id=template.id, team=team,
        suppliers=suppliers, rates=rates,
        ids={"fulfilment": next_id(Fulfilment), "stage": next_id(OrderStage), "shipment": next_id(Shipment),
             "receipt": next_id(Receipt), "production": next_id(Production)},
        light_left=dict.fromkeys(LIGHT, 3),
    )  # fmt: skip
    confirmed = list(
        Order.objects.filter(workspace=ws, status="confirmed")
        .order_by("confirmed_on", "id")
        .values_list("id", "remarks")
    )
    fixed = {
        oid: timed_fixed(team, remark) for oid, remark in confirmed if remark in (BIG_REMARK, SMALL_REMARK)
    }
    step = time.monotonic()
    print(f"Living through {len(confirmed):,} confirmed orders…")
    generate(ctx, [oid for oid, _r in confirmed], fixed)
    payments_update(ctx.payment_updates, now)
    for year, last in ctx.rc_seq.items():
        Sequence.objects.update_or_create(workspace=ws, key=f"rc-{year}", defaults={"last": last})
    print(f"  orders in fulfilment: {time.monotonic() - step:.1f}s")
    reset_sequences(Fulfilment, OrderStage, StageItem, Shipment, Container, ShipmentLine, Receipt, Allocation,
                    OverdueNotice, Supplier, Production, ProgressUpdate, Inspection, LetterOfCredit, Activity,
                    Order, OrderLine, OrderPayment)  # fmt: skip
    timed_documents(ws, team, now)
    verify(ws, rng)
    vacuum_analyze(
        Fulfilment, OrderStage, StageItem, Shipment, Container, ShipmentLine, Receipt, Allocation,
        OverdueNotice, Supplier, Production, ProgressUpdate, Inspection, LetterOfCredit, ShipmentDocument,
        Activity, Order, OrderLine, OrderPayment, Membership, User, Sequence,
    )  # fmt: skip
    print("Rows written:")
    for table, count in sorted(w.rows.items()):
        print(f"  {table:32} {count:>10,}")
    k = ctx.counts
    running = k.get("running", 0)
    by_stage = ", ".join(f"{s.key} {k.get('stage:' + s.key, 0):,}" for s in stages)
    print(f"Running orders: {running:,} of {len(confirmed):,}; by stage: {by_stage}; finished "
          f"{k.get('stage:(finished)', 0):,}")  # fmt: skip
    if running:
        flags = ("at_risk", "late", "payment_overdue", "next_etd")
        shares = ", ".join(
            f"{flag} {k.get(flag, 0):,} ({100 * k.get(flag, 0) / running:.1f}%)" for flag in flags
        )
        print(f"  flags of running orders: {shares}")
    print(f"Shipments {k.get('shipments', 0):,}, receipts {k.get('receipts', 0):,}")
    print(
        f"Done in {time.monotonic() - started:.1f}s. Team: {MERCH_EMAIL} (merchandiser), {LOGISTICS_EMAIL} "
        f"(logistics), {FINANCE_EMAIL} (finance); joined last week: {MERCH_LIGHT_EMAIL}, "
        f"{LOGISTICS_LIGHT_EMAIL}, {FINANCE_LIGHT_EMAIL}; password {PASSWORD}"
    )


if __name__ == "__main__":
    main()
