"""Customer import at scale: 100,000 generated rows through the whole import, beside a raw bulk INSERT.

    TRADEWIND_DATA_DIR=/tmp/bench-import-sqlite .venv/bin/python bench/bench_crm_import.py [--rows 100000]
    TRADEWIND_DATABASE_URL=postgres://postgres@127.0.0.1:5432/tradewind_bench_import \\
        .venv/bin/python bench/bench_crm_import.py

(migrate the bench database first: `.venv/bin/tradewind migrate` with the same variables.)

What is measured, in one run:
- the file: a CSV as Alibaba.com exports it (company, country name, contact, e-mail, tel, mobile, website),
  UTF-8, written to a temporary folder; --xlsx writes an .xlsx instead;
- the workspace already holds --existing customers (a colleague's, the rep's own, the pool's), so the
  duplicate check has something to find: 1% of the rows are a colleague's customers (skipped), 1% the
  rep's own (their contact is merged in), 1% repeat a company named earlier in the file, 0.5% carry a
  bad e-mail address (row errors);
- "check": mapping the columns and the whole-file check the preview shows (nothing written);
- "import": the worker's job, rows per second over the whole file, and the process's memory (RSS)
  sampled every 100 ms: at 10%, 50% and 90% of the import and its peak — flat means the 90% figure is
  not above the 10% one by more than a few MB;
- "floor": the same customers and their contacts written with each database's fastest raw bulk INSERT
  (executemany on SQLite, COPY on PostgreSQL) in batches of 1,000, values prepared beforehand: no
  validation, no duplicate check, no keys, name tokens or history.
Target: import ≥ 2,000 rows/s with duplicate checking, memory flat.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import shutil
import tempfile
import threading
import time
import uuid
from pathlib import Path

from _common import database_label
from django.core.files import File
from django.db import connection, transaction
from huey.contrib.djhuey import HUEY

from tradewind.accounts.models import User
from tradewind.core.bulk import insert_rows, insert_with_ids
from tradewind.crm.imports import services as imports
from tradewind.crm.imports.batch import customers_import_batch
from tradewind.crm.imports.models import ImportJob
from tradewind.crm.imports.rows import RowReader
from tradewind.crm.models import Contact, Customer
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import Membership, Workspace

SLUG = "bench-import"
EMAIL_DOMAIN = "bench-import.invalid"
HEADERS = ["Company Name", "Country/Region", "Contact Name", "Email", "Tel", "Mobile", "Website"]

WORDS = [
    "Acme",
    "Apex",
    "Atlas",
    "Aurora",
    "Beacon",
    "Blue",
    "Bright",
    "Cedar",
    "Citadel",
    "Coastal",
    "Condor",
    "Crown",
    "Delta",
    "Eagle",
    "Echo",
    "Emerald",
    "Evergreen",
    "Falcon",
    "Fortune",
    "Frontier",
    "Galaxy",
    "Global",
    "Golden",
    "Granite",
    "Harbor",
    "Harmony",
    "Horizon",
    "Imperial",
    "Iron",
    "Jade",
    "Keystone",
    "Liberty",
    "Lion",
    "Lotus",
    "Maple",
    "Meridian",
    "Metro",
    "Nordic",
    "Northern",
    "Oak",
    "Ocean",
    "Orient",
    "Pacific",
    "Peak",
    "Phoenix",
    "Pioneer",
    "Prime",
    "Royal",
    "Sapphire",
    "Silver",
    "Sky",
    "Solar",
    "Star",
    "Summit",
    "Sun",
    "Titan",
    "Union",
    "Vertex",
    "Vista",
    "Zenith",
]
TRADES = [
    "Trading",
    "Imports",
    "Supplies",
    "Distribution",
    "Hardware",
    "Textiles",
    "Home",
    "Kitchen",
    "Lighting",
    "Tools",
    "Packaging",
    "Garden",
    "Electronics",
    "Furniture",
    "Ceramics",
    "Apparel",
    "Plastics",
    "Machinery",
    "Auto",
    "Parts",
    "Logistics",
    "Retail",
    "Wholesale",
    "Foods",
]
FORMS = ["GmbH", "LLC", "Ltd", "Inc", "S.A.", "S.r.l.", "B.V.", "Pty Ltd", "LLC FZ", "Sp. z o.o.", "", "Co."]
CN_CITIES = ["宁波", "义乌", "深圳", "广州", "上海", "青岛", "厦门", "苏州", "杭州", "东莞"]
CN_WORDS = ["海天", "华信", "金达", "恒通", "宏远", "新世纪", "鑫源", "盛达", "永泰", "博远", "天成", "万隆"]
CN_TRADES = ["贸易", "实业", "进出口", "五金", "家居", "电子", "纺织", "包装"]
FIRST = [
    "Anna",
    "Ben",
    "Carla",
    "David",
    "Emma",
    "Felix",
    "Grace",
    "Hans",
    "Ivan",
    "Julia",
    "Karim",
    "Laura",
    "Marco",
    "Nina",
    "Omar",
    "Paul",
    "Rosa",
    "Sam",
]
LAST = [
    "Smith",
    "Müller",
    "Rossi",
    "Garcia",
    "Silva",
    "Kowalski",
    "Nowak",
    "Ivanov",
    "Haddad",
    "Khan",
    "Dubois",
    "Jensen",
    "Costa",
    "Novak",
]
# Country as an Alibaba.com export writes it, the code, and a phone that is valid there ({} -> digits).
COUNTRIES = [
    ("Germany", "DE", "+49 40 {7}"),
    ("United States", "US", "+1 212 {3}{4}"),
    ("United Kingdom", "GB", "+44 20 7{3} {4}"),
    ("France", "FR", "+33 1 {2} {2} {2} {2}"),
    ("United Arab Emirates", "AE", "+971 50 {3} {4}"),
    ("India", "IN", "+91 98{3} {5}"),
    ("Brazil", "BR", "+55 11 9{4} {4}"),
    ("Spain", "ES", "+34 91 {3} {2} {2}"),
    ("Poland", "PL", "+48 22 {3} {2} {2}"),
    ("Australia", "AU", "+61 2 {4} {4}"),
    ("中国", "CN", "138{8}"),
]


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def phone(rng: random.Random, template: str) -> str:
    out, i = [], 0
    while i < len(template):
        if template[i] == "{":
            end = template.index("}", i)
            out.append(digits(rng, int(template[i + 1 : end])))
            i = end + 1
        else:
            out.append(template[i])
            i += 1
    return "".join(out)


def company(rng: random.Random, n: int) -> tuple[str, str, str, str]:
    """(name, country as written, code, phone template) of the n-th generated company: unique names."""
    country, code, template = COUNTRIES[n % len(COUNTRIES)]
    if code == "CN":
        city, word, trade = CN_CITIES[n % 10], CN_WORDS[(n // 10) % 12], CN_TRADES[(n // 120) % 8]
        name = f"{city}{word}{trade}有限公司{n // 960 or ''}"
    else:
        a, b = WORDS[n % len(WORDS)], WORDS[(n // len(WORDS)) % len(WORDS)]
        trade = TRADES[(n // len(WORDS) ** 2) % len(TRADES)]
        suffix = n // (len(WORDS) ** 2 * len(TRADES))
        name = f"{a} {b} {trade}{' ' + str(suffix + 1) if suffix else ''} {rng.choice(FORMS)}".strip()
    return name, country, code, template


def domain_of(name: str, n: int) -> str:
    base = "".join(ch for ch in name.lower() if ch.isascii() and ch.isalnum())[:24] or "firma"
    return f"{base}{n}.example"


def make_row(rng: random.Random, n: int, *, bad_email: bool = False) -> list[str]:
    name, country, _code, template = company(rng, n)
    domain = domain_of(name, n)
    first, last = rng.choice(FIRST), rng.choice(LAST)
    email = f"{first.lower()}@" if bad_email else f"{first.lower()}.{n}@{domain}"
    tel = phone(rng, template)
    mobile = phone(rng, template) if rng.random() < 0.3 else ""
    return [name, country, f"{first} {last}", email, tel, mobile, f"www.{domain}"]


def write_file(path: Path, rows: int, existing: int, rng: random.Random, *, xlsx: bool) -> dict:
    """The import file. Companies 0..existing-1 are in the workspace already; the file's own start after."""
    plan = {"foreign": 0, "own": 0, "repeat": 0, "bad": 0}
    lines = []

    def generate():
        for i in range(rows):
            roll = rng.random()
            if roll < 0.01 and existing:
                plan["foreign"] += 1
                yield make_row(rng, rng.randrange(0, existing // 2))  # the colleague's half
            elif roll < 0.02 and existing:
                plan["own"] += 1
                yield make_row(rng, rng.randrange(existing // 2, existing))
            elif roll < 0.03 and i > 10:
                plan["repeat"] += 1
                yield make_row(rng, existing + rng.randrange(0, i))
            elif roll < 0.035:
                plan["bad"] += 1
                yield make_row(rng, existing + i, bad_email=True)
            else:
                yield make_row(rng, existing + i)

    if xlsx:
        import openpyxl

        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append(HEADERS)
        for row in generate():
            sheet.append(row)
        workbook.save(path)
    else:
        with open(path, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(HEADERS)
            for row in generate():
                writer.writerow(row)
    del lines
    return plan


def fresh_workspace(run: str) -> tuple[Workspace, Membership, Membership]:
    slug = f"{SLUG}-{run}"
    Workspace.objects.filter(slug__startswith=SLUG).delete()
    User.objects.filter(email__endswith=EMAIL_DOMAIN).delete()
    workspace = Workspace.objects.create(
        name="Bench Import Co", slug=slug, country="CN", time_zone="Asia/Shanghai", currency="USD"
    )
    rep = Membership.objects.create(
        workspace=workspace,
        user=User.objects.create(email=f"rep@{EMAIL_DOMAIN}", full_name="Bench Rep"),
        role=Role.SALES,
    )
    colleague = Membership.objects.create(
        workspace=workspace,
        user=User.objects.create(email=f"colleague@{EMAIL_DOMAIN}", full_name="Bench Colleague"),
        role=Role.SALES,
    )
    return workspace, rep, colleague


def vacuum() -> None:
    """PostgreSQL: clear what earlier runs deleted and refresh the statistics, as autovacuum would have
    done by the time a real import comes (SQLite is left as the application leaves it)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def seed_existing(rep, colleague, existing: int, rng: random.Random) -> None:
    """Customers already in the workspace (the colleague's half, then the rep's), through the bulk path."""
    targets = [
        "name",
        "country",
        "contact_name",
        "contact_emails",
        "contact_phones",
        "contact_phones",
        "website",
    ]
    reader = RowReader(workspace=rep.workspace, mapping={str(i): t for i, t in enumerate(targets)})
    for owner, numbers in ((colleague, range(0, existing // 2)), (rep, range(existing // 2, existing))):
        batch = []
        for n in numbers:
            row = reader.read(n + 2, make_row(rng, n))
            if row is not None and row.ok:
                batch.append(row)
            if len(batch) == 500:
                customers_import_batch(
                    actor=owner, rows=batch, choices={str(r.number): {"action": "create"} for r in batch}
                )
                batch = []
        if batch:
            customers_import_batch(
                actor=owner, rows=batch, choices={str(r.number): {"action": "create"} for r in batch}
            )


class RssSampler(threading.Thread):
    """Resident memory every 100 ms: this process (the worker) and its children together (the import
    reader process, multiprocessing's resource tracker), with the time each sample was taken."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples: list[tuple[float, int, int]] = []  # (time, this process, its children)
        self.running = True

    @staticmethod
    def rss(pid: int | str = "self") -> int:
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) * 1024
        except OSError:  # the child ended meanwhile
            pass
        return 0

    @staticmethod
    def children() -> list[int]:
        me, found = os.getpid(), []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as f:
                        if int(f.read().rsplit(")", 1)[1].split()[1]) == me:
                            found.append(int(entry))
                except (OSError, ValueError, IndexError):
                    continue
        return found

    def run(self):
        while self.running:
            children = sum(self.rss(pid) for pid in self.children())
            self.samples.append((time.perf_counter(), self.rss(), children))
            time.sleep(0.1)

    def at(self, moment: float) -> tuple[int, int]:
        sample = min(self.samples, key=lambda s: abs(s[0] - moment))
        return sample[1], sample[2]


def floor_insert(workspace, rep, path: Path, *, xlsx: bool) -> tuple[float, int]:
    """The same customers and their contacts written with the fastest raw bulk INSERT each database has
    (executemany on SQLite, COPY on PostgreSQL): no validation, no duplicate check, no keys, no history.
    The rows are read and prepared before the clock starts."""
    if xlsx:
        import openpyxl

        sheet = openpyxl.load_workbook(path, read_only=True).active
        source = [[str(v or "") for v in r] for r in sheet.iter_rows(min_row=2, values_only=True)]
    else:
        with open(path, newline="", encoding="utf-8") as f:
            source = list(csv.reader(f))[1:]
    codes = {country: code for country, code, _t in COUNTRIES}
    now = dt.datetime.now(dt.UTC)
    customers = [
        {
            "workspace_id": workspace.pk,
            "public_id": uuid.uuid4(),
            "name": name,
            "country": codes.get(country, "DE"),
            "website": website,
            "owner_id": rep.pk,
            "owned_since": now,
        }
        for name, country, _contact, _email, _tel, _mobile, website in source
    ]
    start = time.perf_counter()
    for i in range(0, len(customers), 1000):
        chunk = customers[i : i + 1000]
        if connection.vendor == "postgresql" and i in (1000, 5000, 20000, 50000):
            # As the import does (and any bulk load must): statistics of an emptied table make every
            # foreign-key check scan the table.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE crm_customer, crm_contact")
        with transaction.atomic():
            ids = insert_with_ids(Customer, chunk)
            insert_rows(
                Contact,
                [
                    {
                        "workspace_id": workspace.pk,
                        "customer_id": pk,
                        "name": row[2],
                        "emails": [row[3]],
                        "phones": [],
                        "is_primary": True,
                    }
                    for pk, row in zip(ids, source[i : i + 1000], strict=True)
                ],
            )
    return time.perf_counter() - start, len(customers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--existing", type=int, default=10_000, help="customers in the workspace beforehand")
    parser.add_argument("--xlsx", action="store_true", help="an Excel file instead of a CSV")
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    HUEY.immediate = True  # the worker's jobs run here, in this process, where they are timed

    print(f"Tradewind customer import bench — {database_label()}")
    kind = "XLSX" if options.xlsx else "CSV"
    print(f"{options.rows:,} rows ({kind}), {options.existing:,} customers already there")
    rng = random.Random(options.seed)
    folder = Path(tempfile.mkdtemp(prefix="tw-bench-import-"))
    try:
        path = folder / ("customers.xlsx" if options.xlsx else "customers.csv")
        plan = write_file(path, options.rows, options.existing, rng, xlsx=options.xlsx)
        print(f"file: {path.stat().st_size / 1048576:.1f} MB; planned: {plan}")

        workspace, rep, colleague = fresh_workspace("a")
        t = time.perf_counter()
        seed_existing(rep, colleague, options.existing, random.Random(options.seed))
        vacuum()
        seeded = Customer.objects.filter(workspace=workspace).count()
        print(f"seeded {seeded:,} customers in {time.perf_counter() - t:.1f} s")

        with open(path, "rb") as f:
            t = time.perf_counter()
            job = imports.import_upload(actor=rep, upload=File(f, name=path.name))  # read on commit
            upload_s = time.perf_counter() - t
        job.refresh_from_db()
        assert job.status == ImportJob.Status.UPLOADED, job.errors
        t = time.perf_counter()
        with transaction.atomic():
            job = imports.import_map(actor=rep, job=job, mapping=job.mapping)  # the check runs on commit
        check_s = time.perf_counter() - t
        job.refresh_from_db()
        print(f"upload and reading (hash, type, limits, encoding, layout, row count): {upload_s:.2f} s")
        print(f"check (whole file, nothing written): {check_s:.1f} s, {options.rows / check_s:,.0f} rows/s")
        print(f"  {job.summary}")

        sampler = RssSampler()
        sampler.start()
        rss_before = sampler.rss()
        t = time.perf_counter()
        with transaction.atomic():
            imports.import_start(actor=rep, job=job)  # the import runs on commit
        end = time.perf_counter()
        sampler.running = False
        sampler.join()
        import_s = end - t
        job.refresh_from_db()
        span = end - t
        rss = {p: sampler.at(t + span * p / 100) for p in (10, 50, 90)}
        peak = max(s[1] for s in sampler.samples)
        peak_children = max(s[2] for s in sampler.samples)
        assert job.status == ImportJob.Status.DONE, job.errors[-3:]
        rate = options.rows / import_s
        print(
            f"import: {import_s:.1f} s, {rate:,.0f} rows/s — created {job.created:,}, merged {job.merged:,}, "
            f"skipped {job.skipped:,}, repeated {job.repeated:,}, failed {job.failed_rows:,}"
        )
        mb = 1048576
        print(
            f"memory (RSS) of the worker: before {rss_before / mb:.0f} MB; at 10% {rss[10][0] / mb:.0f} MB, "
            f"50% {rss[50][0] / mb:.0f} MB, 90% {rss[90][0] / mb:.0f} MB; peak {peak / mb:.0f} MB"
        )
        print(
            f"memory (RSS) of its children (reader, resource tracker): at 10% {rss[10][1] / mb:.0f} MB, "
            f"50% {rss[50][1] / mb:.0f} MB, 90% {rss[90][1] / mb:.0f} MB; peak {peak_children / mb:.0f} MB"
        )

        # A sanity check of the bulk path against the rules: created customers have their keys and text.
        sample = Customer.objects.filter(workspace=workspace).order_by("-pk").first()
        assert sample.keys.exists() and sample.name_tokens.exists() and sample.search_text

        floor_ws, floor_rep, _c = fresh_workspace("floor")
        vacuum()
        floor_s, floor_rows = floor_insert(floor_ws, floor_rep, path, xlsx=options.xlsx)
        print(
            f"floor (raw bulk INSERT of {floor_rows:,} customers + contacts): {floor_s:.1f} s, "
            f"{floor_rows / floor_s:,.0f} rows/s"
        )
        print(f"ratio import / floor: {import_s / floor_s:.1f}×")
        print(
            f"target ≥ 2,000 rows/s: {'met' if rate >= 2000 else 'MISSED'}; memory growth 10%→90%: worker "
            f"{(rss[90][0] - rss[10][0]) / mb:+.0f} MB, children {(rss[90][1] - rss[10][1]) / mb:+.0f} MB"
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        Workspace.objects.filter(slug__startswith=SLUG).delete()
        User.objects.filter(email__endswith=EMAIL_DOMAIN).delete()


if __name__ == "__main__":
    main()
