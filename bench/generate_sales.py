"""Fill the sales bench (issue 11): workspace "bench-sales" (reporting currency USD, trading in EUR, GBP,
JPY, CNY, AUD, CAD and CHF) with 40 members, 20k customers, 20k products with export packing and CNY costs,
4 price lists of 20k prices, five years of weekday exchange rates for every trading currency, 200k
quotations with 1M lines and 100k orders (proforma invoices) with their lines and payment milestones.

    TRADEWIND_DATA_DIR=/tmp/bench-sales .venv/bin/python bench/generate_sales.py [--scale 0.05] [--seed 2026]

Totals are stored on each document as the services keep them (trade/figures.document_totals): the sum of
the lines, `total_reporting` = total × the rate of the document's date (the latest weekday rate on or
before it: `rate`, `rate_on`), rounded to cents; cartons, CBM and gross weight from the lines' packing
copies. Customer search text and keys come from the CRM's own `customer_index`, product search text from
`catalog.services.product_search_text`.

Rows go in with COPY (PostgreSQL) or executemany (SQLite). Re-running replaces the sales bench data and only
it: the workspace bench-sales and the users under @bench-sales.sales-bench.invalid, with everything pointing
at them. PostgreSQL gets VACUUM ANALYZE afterwards; SQLite is left without ANALYZE.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
import zoneinfo
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

from _bulk import ID_RANDOM, Writer, drop_workspaces, new_uuid, next_id, reset_sequences, vacuum_analyze
from _common import database_label
from _crm_words import CITIES, COUNTRY_CODES, COUNTRY_WEIGHTS
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from generate_crm import CUSTOMER_COLUMNS, MEMBER_NAMES, Names, role_of

from tradewind.accounts.models import User
from tradewind.catalog.models import Category, PriceList, Product, ProductPrice
from tradewind.catalog.services import product_search_text
from tradewind.crm.derived import customer_index
from tradewind.crm.models import Contact, CrmSettings, Customer, CustomerGrade, CustomerKey, CustomerNameToken
from tradewind.crm.selectors import grades
from tradewind.fx.models import ExchangeRate, TradingCurrency
from tradewind.trade.models import Order, OrderLine, OrderPayment, Quotation, QuotationLine, TradeSettings
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import Membership, Sequence, Workspace
from tradewind.workspaces.setup import workspace_setup

SALES_SLUG = "bench-sales"
SALES_EMAIL_DOMAIN = "sales-bench.invalid"
SALES_EMAIL_SUFFIX = f"@{SALES_SLUG}.{SALES_EMAIL_DOMAIN}"
SALES_BUSY_EMAIL = f"rep02{SALES_EMAIL_SUFFIX}"  # a sales rep with 6% of the customers
SALES_LIGHT_EMAIL = f"rep40{SALES_EMAIL_SUFFIX}"  # joined last week: five customers, three quotations
SALES_MANAGER_EMAIL = f"rep04{SALES_EMAIL_SUFFIX}"
PASSWORD = "bench-password-2026"
BIG_LINES = 50  # the quotation the detail page and the PDF are timed on
REPORTING = "USD"
# 1 unit in USD at the start of the five years; then a random walk (0.4% a weekday).
START_RATES = {
    "EUR": 1.08,
    "GBP": 1.27,
    "JPY": 0.0068,
    "CNY": 0.14,
    "AUD": 0.66,
    "CAD": 0.74,
    "CHF": 1.12,
}
TRADING = sorted(START_RATES)
MINOR = {"JPY": 0}  # minor units; 2 for the others
COUNTRY_CURRENCY = {
    "DE": "EUR", "AT": "EUR", "FR": "EUR", "IT": "EUR", "ES": "EUR", "NL": "EUR", "PL": "EUR", "GB": "GBP",
    "JP": "JPY", "CN": "CNY", "AU": "AUD", "CA": "CAD", "CH": "CHF",
}  # fmt: skip
DISCHARGE = ["Hamburg", "Rotterdam", "Felixstowe", "Los Angeles", "Sydney", "Tokyo", "Vancouver"]
PORTS = ["Ningbo", "Shanghai", "Shenzhen", "Qingdao", "Xiamen"]
PAYMENT_PRESETS = [
    ([("30", "tt", "deposit", None), ("70", "tt", "against_bl_copy", None)], 45),
    ([("30", "tt", "deposit", None), ("70", "tt", "before_shipment", None)], 25),
    ([("100", "tt", "deposit", None)], 10),
    ([("100", "lc", "at_sight", None)], 12),
    ([("100", "oa", "days_after_bl", 60)], 8),
]
# (English, Chinese, SKU prefix, HS code, unit price USD range, units per carton)
KINDS = [
    ("Electric kettle", "电水壶", "KT", "8516719000", (6, 25), 6),
    ("Rice cooker", "电饭煲", "RC", "8516600000", (12, 45), 4),
    ("Blender", "搅拌机", "BL", "8509400000", (10, 40), 4),
    ("Toaster", "烤面包机", "TS", "8516720000", (8, 30), 6),
    ("Desk lamp", "台灯", "DL", "9405200000", (5, 28), 12),
    ("LED bulb", "LED灯泡", "LB", "8539520000", (0.4, 3), 100),
    ("Ceiling fan", "吊扇", "CF", "8414510000", (18, 60), 2),
    ("Hair dryer", "吹风机", "HD", "8516310000", (5, 30), 12),
    ("Vacuum flask", "保温杯", "VF", "9617001100", (2, 12), 48),
    ("Frying pan", "煎锅", "FP", "7323930000", (4, 20), 12),
    ("Knife set", "刀具套装", "KS", "8211100000", (6, 35), 10),
    ("Cutting board", "砧板", "CB", "4419190000", (1.5, 8), 24),
    ("Storage box", "收纳盒", "SB", "3924900000", (0.8, 6), 36),
    ("Yoga mat", "瑜伽垫", "YM", "9506910000", (3, 15), 20),
    ("Backpack", "双肩包", "BP", "4202921000", (4, 25), 20),
    ("Umbrella", "雨伞", "UM", "6601910000", (1.5, 9), 60),
    ("Bath towel", "浴巾", "BT", "6302600000", (1.5, 8), 50),
    ("Ceramic mug", "陶瓷杯", "CM", "6912001000", (0.6, 4), 72),
    ("Glass bottle", "玻璃瓶", "GB", "7013370000", (0.5, 3), 96),
    ("Plant pot", "花盆", "PP", "6913900000", (0.8, 7), 24),
    ("Garden hose", "花园水管", "GH", "3917320000", (3, 18), 10),
    ("Power bank", "充电宝", "PB", "8507600000", (4, 20), 40),
    ("USB cable", "数据线", "UC", "8544422100", (0.3, 3), 200),
    ("Bluetooth speaker", "蓝牙音箱", "BS", "8518220000", (6, 40), 20),
    ("Phone case", "手机壳", "PC", "3926909090", (0.3, 3), 200),
    ("Office chair", "办公椅", "OC", "9401300000", (25, 90), 1),
    ("Pet bed", "宠物床", "PT", "6307909000", (4, 22), 10),
    ("Dog leash", "狗绳", "DG", "4201000000", (0.8, 5), 100),
    ("Baby bottle", "奶瓶", "BB", "3924100000", (1, 6), 60),
    ("Water filter jug", "滤水壶", "WF", "8421211000", (5, 18), 8),
]
MATERIALS = [
    ("304 stainless steel", "304不锈钢"),
    ("bamboo", "竹制"),
    ("ceramic", "陶瓷"),
    ("borosilicate glass", "高硼硅玻璃"),
    ("PP plastic", "PP塑料"),
    ("aluminium", "铝合金"),
    ("silicone", "硅胶"),
    ("ABS", "ABS"),
]
COLOURS = [
    ("white", "白色"),
    ("black", "黑色"),
    ("grey", "灰色"),
    ("blue", "蓝色"),
    ("green", "绿色"),
    ("red", "红色"),
]


@dataclass
class Size:
    members: int
    customers: int
    products: int
    quotations: int
    lines: int
    orders: int
    years: int

    def scaled(self, scale: float) -> Size:
        def s(n, low):
            return max(low, int(n * scale))

        return Size(
            members=self.members,
            customers=s(self.customers, 300),
            products=s(self.products, 300),
            quotations=s(self.quotations, 2_000),
            lines=s(self.lines, 10_000),
            orders=s(self.orders, 1_000),
            years=self.years,
        )


FULL = Size(
    members=40,
    customers=20_000,
    products=20_000,
    quotations=200_000,
    lines=1_000_000,
    orders=100_000,
    years=5,
)


def _names(text: str) -> list[str]:
    return text.split()


QUOTATION_COLUMNS = _names(
    "id public_id created_at updated_at workspace_id payment_terms customer_id contact_id owner_id currency "
    "issued_on rate rate_on incoterm incoterm_place lead_time_days language remarks total total_reporting "
    "cartons cbm gross_kg created_by_id number base_number revision previous_id status valid_until "
    "approval_reasons submitted_at decided_by_id decided_at decision_comment sent_at sent_to answered_at "
    "decline_reason"
)
LINE_COLUMNS = _names(
    "public_id created_at updated_at workspace_id position product_id sku name specification quantity unit "
    "unit_price discount_percent total price_list_id list_price cost_amount cost_currency units_per_carton "
    "cbm_per_carton gross_kg_per_carton"
)
ORDER_COLUMNS = _names(
    "id public_id created_at updated_at workspace_id payment_terms customer_id contact_id owner_id currency "
    "issued_on rate rate_on incoterm incoterm_place lead_time_days language remarks total total_reporting "
    "cartons cbm gross_kg created_by_id number quotation_id status buyer_name buyer_address port_of_loading "
    "port_of_discharge shipping_marks delivery_date bank_details confirmed_at confirmed_on confirmed_by_id "
    "cancelled_reason"
)
PAYMENT_COLUMNS = _names(
    "public_id created_at updated_at workspace_id order_id position percent method event days amount due_on "
    "received"
)
PRODUCT_COLUMNS = _names(
    "id public_id created_at updated_at workspace_id sku name_en name_zh names category_id description specs "
    "hs_code unit moq lead_time_days units_per_carton carton_length_cm carton_width_cm carton_height_cm "
    "carton_net_kg carton_gross_kg cost_amount cost_currency status search_text"
)
CONTACT_COLUMNS = _names(
    "id public_id created_at updated_at workspace_id customer_id name title emails phones whatsapp wechat "
    "skype linkedin is_primary notes"
)


def money_text(minor: int, places: int) -> str:
    """An amount held in minor units as the decimal text COPY / SQLite read (non-negative)."""
    if places == 0:
        return str(minor)
    unit = 10**places
    return f"{minor // unit}.{minor % unit:0{places}d}"


def reporting_text(minor: int, places: int, rate: Decimal) -> str:
    """total × rate in the reporting currency, rounded half up to cents (trade/figures.document_totals)."""
    return str((Decimal(minor).scaleb(-places) * rate).quantize(Decimal("0.01"), ROUND_HALF_UP))


def weekdays(first: dt.date, last: dt.date):
    day = first
    while day <= last:
        if day.weekday() < 5:
            yield day
        day += dt.timedelta(days=1)


class Rates:
    """Five years of weekday rates per currency (a seeded random walk) and the look-up the services use:
    the latest rate on or before a day."""

    def __init__(self, rng: random.Random, first: dt.date, last: dt.date):
        self.days = list(weekdays(first, last))
        self.index = {}
        self.table: dict[str, list[Decimal]] = {}
        for code in TRADING:
            value, walk = START_RATES[code], []
            for _day in self.days:
                value *= 1 + rng.gauss(0, 0.004)
                walk.append(Decimal(repr(value)).quantize(Decimal("1e-6" if value > 0.05 else "1e-8")))
            self.table[code] = walk
        for k, day in enumerate(self.days):
            self.index[day] = k

    def on(self, code: str, day: dt.date) -> tuple[Decimal, dt.date]:
        while day not in self.index:  # weekend: Friday's
            day -= dt.timedelta(days=1)
        if code == REPORTING:
            return Decimal(1), day
        return self.table[code][self.index[day]], day

    def float_on(self, code: str, day: dt.date) -> float:
        return float(self.on(code, day)[0])


@dataclass
class Item:
    """A product as lines copy it."""

    id: int
    sku: str
    name_en: str
    name_zh: str
    usd_cents: int  # the USD list price per unit, in cents
    cost_fen: int  # the CNY cost per unit, in fen
    upc: int
    cbm4: int  # CBM per carton in 1/10,000 m³
    gross2: int  # gross kg per carton in 1/100 kg
    prices: dict  # currency -> (price list id, price in minor units)


def build(w: Writer, rng: random.Random, size: Size, now: dt.datetime) -> dict:
    zone = zoneinfo.ZoneInfo("Asia/Shanghai")
    today = now.astimezone(zone).date()
    first_day = today - dt.timedelta(days=365 * size.years)
    ws = Workspace.objects.create(
        name="Bench Sales 基准外贸", slug=SALES_SLUG, country="CN", time_zone=zone.key, currency=REPORTING
    )
    password = make_password(PASSWORD)
    users = User.objects.bulk_create(
        [
            User(
                email=f"rep{i:02d}{SALES_EMAIL_SUFFIX}",
                full_name=f"{MEMBER_NAMES[i % len(MEMBER_NAMES)]} {i:02d}",
                password=password,
                language="en" if i % 3 else "zh-hans",
                date_joined=now - dt.timedelta(days=2000 if i < size.members else 7),
            )
            for i in range(1, size.members + 1)
        ]
    )
    members = Membership.objects.bulk_create(
        [Membership(workspace=ws, user=u, role=role_of(i, size.members)) for i, u in enumerate(users, 1)]
    )
    User.objects.filter(id__in=[u.id for u in users]).update(last_workspace=ws)
    workspace_setup(ws)
    TradeSettings.objects.update_or_create(
        workspace=ws,
        defaults={
            "legal_name": "Ningbo Bench Sales Import & Export Co., Ltd.",
            "legal_name_zh": "宁波基准外贸进出口有限公司",
            "address": "No. 88 Jiangnan Road, Beilun District, Ningbo 315800, China",
            "phone": "+86 574 8888 0000",
            "email": "sales@bench-sales.example",
            "website": "www.bench-sales.example",
            "bank_details": "Beneficiary: Ningbo Bench Sales Import & Export Co., Ltd.\n"
            "Bank: Bank of China, Ningbo Branch\nAccount: 3588 0000 1234 5678\nSWIFT: BKCHCNBJ92A",
        },
    )
    TradingCurrency.objects.bulk_create([TradingCurrency(workspace=ws, code=c) for c in TRADING])
    busy, light = members[1], members[size.members - 1]
    owners = [m for m in members if m.role in (Role.SALES, Role.MARKETING, Role.MANAGER)]
    regular = [m.id for m in owners if m.id not in (busy.id, light.id)]
    grade_ids = [g.id for g in sorted(grades(ws), key=lambda g: g.position)]
    started = time.monotonic()

    # --- rates: every weekday of five years, up to today --------------------------------------------------
    rates = Rates(rng, first_day - dt.timedelta(days=10), today)
    w.insert(
        ExchangeRate,
        _names("public_id created_at updated_at workspace_id reporting_currency currency on rate source"),
        (
            (w.uuid(new_uuid()), w.dt(now), w.dt(now), ws.id, REPORTING, code, w.plain(day),
             rates.table[code][k], "manual" if code == "CNY" else "ecb_csv")
            for code in TRADING
            for k, day in enumerate(rates.days)
        ),
    )  # fmt: skip

    # --- customers, one contact each -----------------------------------------------------------------------
    names = Names(rng)
    first_customer, first_contact = next_id(Customer), next_id(Contact)
    n = size.customers
    customers = []  # (id, owner id, currency, country, contact id, name)
    rows, contacts, keys, tokens = [], [], [], []
    for i in range(n):
        country = rng.choices(COUNTRY_CODES, weights=COUNTRY_WEIGHTS)[0]
        name, latin, _domain = names.company(country)
        person, handle = names.person(country)
        if i >= n - 5:
            owner = light.id
        else:
            r = rng.random()
            owner = None if r < 0.2 else busy.id if r < 0.26 else rng.choice(regular)
        currency = COUNTRY_CURRENCY.get(country, "USD") if rng.random() < 0.85 else "USD"
        city = rng.choice(CITIES[country]) if country in CITIES else ""
        created = now - dt.timedelta(days=365 * size.years + 30) + dt.timedelta(days=i * 365 * size.years / n)
        contact = {
            "id": first_contact + i,
            "name": person,
            "title": "Purchasing manager",
            "emails": [f"{handle}@example.{country.lower()}"],
            "phones": [],
            "whatsapp": "",
            "wechat": "",
            "is_primary": True,
        }
        profile = SimpleNamespace(
            name=name, name_latin=latin, city=city, website="", country=country, time_zone=""
        )
        ckeys, ctokens = customer_index(profile, [contact])
        cid = first_customer + i
        rows.append(
            (
                cid, w.uuid(new_uuid()), w.dt(created), w.dt(created), ws.id, name, latin, country, city,
                f"{rng.randint(1, 400)} {city or 'Main'} Road", "", "Home & garden", "alibaba", "",
                rng.choice([None, *grade_ids]), "customer", owner, "en", "", profile.zone, "", "", "FOB", "",
                "T/T 30/70", currency, "", "", "", "", "", None, None, w.dt(created if owner else None),
                None, profile.search_text, profile.name_key,
            )
        )  # fmt: skip
        contacts.append(
            (
                contact["id"], w.uuid(new_uuid()), w.dt(created), w.dt(created), ws.id, cid, person,
                contact["title"], json.dumps(contact["emails"]), "[]", "", "", "", "", True, "",
            )
        )  # fmt: skip
        keys += [(ws.id, cid, kind, v[:200]) for kind, values in ckeys.items() for v in values]
        tokens += [(ws.id, cid, t) for t in ctokens]
        customers.append((cid, owner, currency, country, contact["id"], name))
    w.insert(Customer, CUSTOMER_COLUMNS, rows)
    w.insert(Contact, CONTACT_COLUMNS, contacts)
    w.insert(CustomerKey, ["workspace_id", "customer_id", "kind", "value"], keys)
    w.insert(CustomerNameToken, ["workspace_id", "customer_id", "token"], tokens)
    print(f"  rates and {n:,} customers: {time.monotonic() - started:.1f}s")

    # --- catalog: categories, products, price lists ---------------------------------------------------------
    started = time.monotonic()
    categories = Category.objects.bulk_create([Category(workspace=ws, name=k[0]) for k in KINDS])
    lists = PriceList.objects.bulk_create(
        [
            PriceList(workspace=ws, name="USD export 2026", currency="USD"),
            PriceList(workspace=ws, name="USD key accounts 2026", currency="USD", grade_id=grade_ids[0]),
            PriceList(workspace=ws, name="EUR distributors 2026", currency="EUR"),
            PriceList(workspace=ws, name="GBP UK retail 2026", currency="GBP"),
        ]
    )
    first_product = next_id(Product)
    items: list[Item] = []
    product_rows, price_rows = [], []
    numbers = rng.sample(range(10_000, 10_000 + max(30_000, size.products * 2)), size.products)
    for k in range(size.products):
        kind = rng.randrange(len(KINDS))
        en, zh, prefix, hs, (low, high), upc = KINDS[kind]
        (mat_en, mat_zh), (col_en, col_zh) = rng.choice(MATERIALS), rng.choice(COLOURS)
        capacity = rng.choice(["", "0.5 L", "1.0 L", "1.7 L", "2.0 L", "small", "large", "XL"])
        name_en = f"{en}, {mat_en}, {col_en}" + (f", {capacity}" if capacity else "")
        name_zh = f"{col_zh}{mat_zh}{zh}" + (f" {capacity}" if capacity and "L" in capacity else "")
        sku = f"{prefix}-{numbers[k]}"
        usd_cents = max(5, int(rng.uniform(low, high) * 100))
        cost_fen = int(usd_cents / 100 * 7.1 * rng.uniform(0.55, 0.8) * 100)
        dims = [rng.randint(25, 70), rng.randint(20, 50), rng.randint(15, 45)]
        cbm4 = int(
            (Decimal(dims[0] * dims[1] * dims[2]) / Decimal(1_000_000)).quantize(
                Decimal("0.0001"), ROUND_HALF_UP
            )
            * 10_000
        )
        gross2 = rng.randint(300, 2_500)
        specs = [["Material", mat_en], ["Colour", col_en]] + ([["Capacity", capacity]] if capacity else [])
        pid = first_product + k
        category = categories[kind]
        search = product_search_text(
            SimpleNamespace(
                sku=sku, name_en=name_en, name_zh=name_zh, names={}, hs_code=hs, category_id=category.id,
                category=category, specs=specs,
            )
        )  # fmt: skip
        product_rows.append(
            (
                pid, w.uuid(new_uuid()), w.dt(now), w.dt(now), ws.id, sku, name_en, name_zh, "{}",
                category.id, "", json.dumps(specs), hs, "pcs", upc * 10, rng.choice([25, 30, 35, 45]), upc,
                dims[0], dims[1], dims[2], money_text(gross2 - 60, 2), money_text(gross2, 2),
                money_text(cost_fen, 2), "CNY", "active" if rng.random() < 0.93 else "discontinued", search,
            )
        )  # fmt: skip
        prices = {}
        for pl, factor in zip(lists, (1.0, 0.94, 1.0, 1.0), strict=True):
            rate = START_RATES.get(pl.currency, 1.0) if pl.currency != "USD" else 1.0
            price = max(1, round(usd_cents * factor / rate))
            price_rows.append(
                (w.uuid(new_uuid()), w.dt(now), w.dt(now), ws.id, pl.id, pid, 1, money_text(price, 2))
            )
            if factor == 1.0:
                prices[pl.currency] = (pl.id, price)
        items.append(Item(pid, sku, name_en, name_zh, usd_cents, cost_fen, upc, cbm4, gross2, prices))
    w.insert(Product, PRODUCT_COLUMNS, product_rows)
    w.insert(
        ProductPrice,
        _names(
            "public_id created_at updated_at workspace_id price_list_id product_id min_quantity unit_price"
        ),
        price_rows,
    )
    print(f"  {size.products:,} products, {len(price_rows):,} prices: {time.monotonic() - started:.1f}s")

    # --- quotations and orders, in date order ---------------------------------------------------------------
    started = time.monotonic()
    docs = plan_documents(rng, size, customers, busy.id, light.id, regular, first_day, today)
    counts = write_documents(w, rng, ws, docs, customers, items, rates, today, now, size, busy.id, light.id)
    print(f"  documents: {time.monotonic() - started:.1f}s")
    return {"workspace": ws, **counts}


# --- the documents -----------------------------------------------------------------------------------------


@dataclass
class Planned:
    day: dt.date
    kind: str  # "quotation" (a chain of revisions) or "order" (a PI without a quotation)
    customer: int  # index into customers
    revisions: int = 1
    status: str = ""
    lines: int = 5
    big: bool = False


QUOTE_OLD = (["accepted", "declined", "expired", "draft"], [38, 20, 37, 5])
QUOTE_RECENT = (
    ["draft", "pending_approval", "approved", "sent", "accepted", "declined"],
    [15, 5, 5, 45, 20, 10],
)


def plan_documents(rng, size, customers, busy_id, light_id, regular, first_day, today) -> list[Planned]:
    """The quotation chains (a quotation and its revisions) and the orders without a quotation, by date:
    more business each year (+25%), open quotations in the last 45 days, abandoned drafts before."""
    span = (today - first_day).days
    mean_lines = size.lines / size.quotations

    def a_day() -> dt.date:
        # growth: the density of documents rises linearly to 2.25× the first year's
        x = rng.random()
        t = ((1 + 1.25 * 2 * x * (1 + 1.25 / 2)) ** 0.5 - 1) / 1.25 if x else 0.0
        return first_day + dt.timedelta(days=min(span, int(t * span)))

    light_customers = [k for k, c in enumerate(customers) if c[1] == light_id]
    others = [k for k, c in enumerate(customers) if c[1] != light_id]
    plan: list[Planned] = []
    made = 0
    while made < size.quotations:
        day = a_day()
        revisions = rng.choices([1, 2, 3], weights=[90, 8, 2])[0]
        revisions = min(revisions, size.quotations - made)
        old = (today - day).days > 45
        statuses, weights = QUOTE_OLD if old else QUOTE_RECENT
        lines = max(1, min(12, round(rng.expovariate(1 / (mean_lines - 0.5)) + 0.5)))
        plan.append(
            Planned(day, "quotation", rng.choice(others), revisions, rng.choices(statuses, weights)[0], lines)
        )
        made += revisions
    # The light rep: three quotations (one open, in EUR), a few days old.
    for k, status in enumerate(("sent", "accepted", "draft")):
        plan.append(
            Planned(today - dt.timedelta(days=3 + k), "quotation", light_customers[k], 1, status, 1 + k)
        )
    # The 50-line quotations the detail page and the PDF are timed on: the busy rep's, sent, in EUR and USD.
    busy_eur = [k for k, c in enumerate(customers) if c[1] == busy_id and c[2] == "EUR"]
    busy_usd = [k for k, c in enumerate(customers) if c[1] == busy_id and c[2] == "USD"]
    busy_any = [k for k, c in enumerate(customers) if c[1] == busy_id]
    for pool in (busy_eur + busy_any, busy_usd + busy_any):
        plan.append(
            Planned(today - dt.timedelta(days=20), "quotation", pool[0], 1, "sent", BIG_LINES, big=True)
        )
        plan.append(Planned(today - dt.timedelta(days=20), "quotation", pool[1], 1, "sent", 1))
    accepted = sum(p.status == "accepted" for p in plan)
    for _ in range(max(0, size.orders - accepted)):
        lines = max(1, min(12, round(rng.expovariate(1 / (mean_lines - 0.5)) + 0.5)))
        plan.append(Planned(a_day(), "order", rng.choice(others), lines=lines))
    plan.sort(key=lambda p: p.day)
    return plan


def write_documents(w, rng, ws, plan, customers, items, rates, today, now, size, busy_id, light_id) -> dict:
    first_q, first_o = next_id(Quotation), next_id(Order)
    q_id, o_id = first_q, first_o
    q_seq: dict[int, int] = {}
    o_seq: dict[int, int] = {}
    reps = sorted({c[1] for c in customers if c[1] is not None and c[1] != light_id})
    counts = {"quotations": 0, "quotation_lines": 0, "orders": 0, "order_lines": 0, "payments": 0}
    quotes, q_lines, orders, o_lines, payments = [], [], [], [], []
    tz = zoneinfo.ZoneInfo("Asia/Shanghai")
    big_ids = []

    def at(day: dt.date, hour: int = 10) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, rng.randrange(60)), tz)

    def make_lines(currency: str, count: int, day: dt.date):
        """Lines as the services write them: price from the currency's list where there is one, else typed
        (the USD price at the day's rate); the product's cost and packing copied. Answers the rows without
        their document id, and the totals."""
        places = MINOR.get(currency, 2)
        rate = rates.float_on(currency, day) if currency != REPORTING else 1.0
        total = cartons = cbm4 = gross2 = 0
        out = []
        for position, item in enumerate(rng.sample(items, count)):
            boxes = rng.randint(5, 200) if count < 20 else rng.randint(2, 40)
            quantity = boxes * item.upc
            listed = item.prices.get(currency)
            if listed:
                price_list, price = listed
            else:
                price_list, price = None, round(item.usd_cents / rate * 10 ** (places - 2))
            discount = rng.choices([0, 3, 5, 8, 12], weights=[70, 10, 10, 7, 3])[0]
            amount = round(quantity * price * (100 - discount) / 100)
            total += amount
            cartons += boxes
            cbm4 += boxes * item.cbm4
            gross2 += boxes * item.gross2
            created = w.dt(at(day))
            out.append(
                [
                    None, created, created, ws.id, position, item.id, item.sku, item.name_en, "", quantity,
                    "pcs", money_text(price, places), discount, money_text(amount, places), price_list,
                    money_text(price, places) if price_list else None, money_text(item.cost_fen, 2), "CNY",
                    item.upc, money_text(item.cbm4, 4), money_text(item.gross2, 2),
                ]
            )  # fmt: skip
        return out, total, cartons, cbm4, gross2

    def flush():
        w.insert(Quotation, QUOTATION_COLUMNS, quotes)
        w.insert(QuotationLine, [*LINE_COLUMNS, "quotation_id"], q_lines)
        w.insert(Order, ORDER_COLUMNS, orders)
        w.insert(OrderLine, [*LINE_COLUMNS, "order_id"], o_lines)
        w.insert(OrderPayment, PAYMENT_COLUMNS, payments)
        counts["quotations"] += len(quotes)
        counts["quotation_lines"] += len(q_lines)
        counts["orders"] += len(orders)
        counts["order_lines"] += len(o_lines)
        counts["payments"] += len(payments)
        for rows in (quotes, q_lines, orders, o_lines, payments):
            rows.clear()

    def make_order(p: Planned, customer, owner, currency, day, lines, totals, terms, quotation_id):
        nonlocal o_id
        total, cartons, cbm4, gross2 = totals
        places = MINOR.get(currency, 2)
        rate, rate_on = rates.on(currency, day)
        o_seq[day.year] = o_seq.get(day.year, 0) + 1
        age = (today - day).days
        if age > 60:
            status = rng.choices(["confirmed", "cancelled"], weights=[88, 12])[0]
        else:
            status = rng.choices(["proforma", "confirmed", "cancelled"], weights=[40, 55, 5])[0]
        confirmed_on = day + dt.timedelta(days=rng.randint(1, 6)) if status == "confirmed" else None
        if confirmed_on and confirmed_on > today:
            confirmed_on = today
        lead = rng.choice([25, 30, 35, 45])
        cid, _o, _c, country, contact, name = customer
        orders.append(
            (
                o_id, w.uuid(new_uuid()), w.dt(at(day, 15)), w.dt(at(day, 16)), ws.id, json.dumps(terms),
                cid, contact, owner, currency, w.plain(day), rate, w.plain(rate_on), "FOB", rng.choice(PORTS),
                lead, "en", "", money_text(total, places), reporting_text(total, places, rate),
                cartons, money_text(cbm4, 4), money_text(gross2, 2), owner,
                f"PI-{day.year}-{o_seq[day.year]:04d}", quotation_id, status, name,
                f"{country} (see customer)", rng.choice(PORTS), rng.choice(DISCHARGE), "N/M",
                w.plain(day + dt.timedelta(days=lead)), "",
                w.dt(at(confirmed_on, 17)) if confirmed_on else None, w.plain(confirmed_on),
                owner if confirmed_on else None,
                "The buyer cancelled the project." if status == "cancelled" else "",
            )
        )  # fmt: skip
        for line in lines:
            o_lines.append((w.uuid(new_uuid()), *line[1:], o_id))
        paid_all = status == "confirmed" and age > 120
        for k, (percent, method, event, days) in enumerate(t.values() for t in terms):
            amount = round(total * int(percent) / 100)
            received = amount if paid_all or (status == "confirmed" and event == "deposit") else 0
            due = day + dt.timedelta(days=7) if event == "deposit" else None
            payments.append(
                (
                    w.uuid(new_uuid()), w.dt(at(day, 15)), w.dt(at(day, 16)), ws.id, o_id, k, percent, method,
                    event, days, money_text(amount, places), w.plain(due), money_text(received, places),
                )
            )  # fmt: skip
        o_id += 1

    for p in plan:
        customer = customers[p.customer]
        cid, cust_owner, cust_currency, _country, contact, _name = customer
        owner = cust_owner if cust_owner is not None else rng.choice(reps)
        currency = cust_currency if rng.random() < 0.9 else rng.choice([REPORTING, *TRADING])
        preset = rng.choices([t for t, _w in PAYMENT_PRESETS], weights=[w_ for _t, w_ in PAYMENT_PRESETS])[0]
        terms = [{"percent": a, "method": b, "event": c, "days": d} for a, b, c, d in preset]
        if p.kind == "order":
            lines, *totals = make_lines(currency, p.lines, p.day)
            make_order(p, customer, owner, currency, p.day, lines, totals, terms, None)
        else:
            q_seq[p.day.year] = q_seq.get(p.day.year, 0) + 1
            base = f"Q-{p.day.year}-{q_seq[p.day.year]:04d}"
            previous = None
            day = p.day
            for revision in range(1, p.revisions + 1):
                last = revision == p.revisions
                status = p.status if last else "superseded"
                lines, total, cartons, cbm4, gross2 = make_lines(currency, p.lines, day)
                places = MINOR.get(currency, 2)
                rate, rate_on = rates.on(currency, day)
                sent = status in ("sent", "accepted", "declined", "expired", "superseded")
                answered = status in ("accepted", "declined")
                decided = status in ("approved", "sent", "accepted", "declined", "expired", "superseded")
                quotes.append(
                    (
                        q_id, w.uuid(new_uuid()), w.dt(at(day, 9)), w.dt(at(day, 11)), ws.id,
                        json.dumps(terms), cid, contact, owner, currency, w.plain(day), rate,
                        w.plain(rate_on), "FOB", rng.choice(PORTS), rng.choice([25, 30, 35, 45]), "en", "",
                        money_text(total, places), reporting_text(total, places, rate), cartons,
                        money_text(cbm4, 4), money_text(gross2, 2), owner,
                        base if revision == 1 else f"{base}-R{revision}", base, revision, previous, status,
                        w.plain(day + dt.timedelta(days=30)), "[]",
                        w.dt(at(day, 10)) if status != "draft" else None,
                        None, w.dt(at(day, 11)) if decided else None, "",
                        w.dt(at(day, 12)) if sent else None, "buyer@example.com" if sent else "",
                        w.dt(at(min(today, day + dt.timedelta(days=5)), 14)) if answered else None,
                        "Price too high" if status == "declined" else "",
                    )
                )  # fmt: skip
                for line in lines:
                    line[0] = w.uuid(new_uuid())
                    q_lines.append((*line, q_id))
                if p.big and last:
                    big_ids.append(q_id)
                if status == "accepted":
                    order_day = min(today, day + dt.timedelta(days=rng.randint(3, 10)))
                    make_order(
                        p,
                        customer,
                        owner,
                        currency,
                        order_day,
                        lines,
                        (total, cartons, cbm4, gross2),
                        terms,
                        q_id,
                    )
                previous = q_id
                q_id += 1
                day = min(today, day + dt.timedelta(days=rng.randint(2, 12)))
        if len(q_lines) + len(o_lines) >= 200_000:
            flush()
    flush()
    for year, last in q_seq.items():
        Sequence.objects.update_or_create(workspace=ws, key=f"q-{year}", defaults={"last": last})
    for year, last in o_seq.items():
        Sequence.objects.update_or_create(workspace=ws, key=f"pi-{year}", defaults={"last": last})
    return {**counts, "big": big_ids}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every row count (e.g. 0.05)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if not 0 < args.scale <= 10:
        parser.error("--scale must be in (0, 10]")
    rng = random.Random(args.seed)
    ID_RANDOM.seed(f"sales-{args.seed}")
    started = time.monotonic()
    print(f"Database: {database_label()}; scale {args.scale}")
    drop_workspaces((SALES_SLUG,), email_suffix=SALES_EMAIL_SUFFIX)
    now = timezone.now()
    w = Writer()
    built = build(w, rng, FULL.scaled(args.scale), now)
    reset_sequences(
        Customer, Contact, Product, Quotation, Order, QuotationLine, OrderLine, OrderPayment, ExchangeRate,
        ProductPrice,
    )  # fmt: skip
    vacuum_analyze(
        Customer, Contact, CustomerKey, CustomerNameToken, CustomerGrade, CrmSettings, Product, Category,
        PriceList, ProductPrice, ExchangeRate, TradingCurrency, Quotation, QuotationLine, Order, OrderLine,
        OrderPayment, TradeSettings, Membership, User, Workspace, Sequence,
    )  # fmt: skip
    print("Rows written:")
    for table, count in sorted(w.rows.items()):
        print(f"  {table:32} {count:>10,}")
    big = Quotation.objects.filter(id__in=built["big"]).values_list("number", "currency")
    print(f"{BIG_LINES}-line quotations of {SALES_BUSY_EMAIL}: {', '.join(f'{n} ({c})' for n, c in big)}")
    print(
        f"Done in {time.monotonic() - started:.1f}s. Busy rep: {SALES_BUSY_EMAIL}, light rep: "
        f"{SALES_LIGHT_EMAIL}, manager: {SALES_MANAGER_EMAIL}, password {PASSWORD}"
    )


if __name__ == "__main__":
    main()
