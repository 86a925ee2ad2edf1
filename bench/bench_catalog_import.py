"""The catalog import at scale: N generated products (every column) and then N prices for one list, through
the whole import — the worker's check, the import, the same file checked again — beside a bulk insert.

    TRADEWIND_DATA_DIR=/tmp/bench-catalog-sqlite .venv/bin/python bench/bench_catalog_import.py [--rows 20000]
    TRADEWIND_DATABASE_URL=postgres://postgres@127.0.0.1:5432/tradewind_bench_catalog \\
        .venv/bin/python bench/bench_catalog_import.py

(migrate the bench database first: `.venv/bin/tradewind migrate` with the same variables.)

The import calls the catalog's services row by row (validation, the SKU's uniqueness, the search text, the
product's history), so it is slower than a bulk insert by design; what matters is that a 20,000-product
catalog imports in the background in minutes, with the page showing progress, and that a re-import is a
check that finds nothing to do. "floor": the same products with Django's bulk_create, values prepared.
"""

from __future__ import annotations

import argparse
import io
import random
import time

from _common import database_label
from django.core.files.uploadedfile import SimpleUploadedFile
from huey.contrib.djhuey import HUEY

from tradewind.accounts.models import User
from tradewind.catalog.models import CatalogImport, PriceList, Product
from tradewind.catalog.services import imports
from tradewind.catalog.spreadsheets.columns import PRICE_COLUMNS, PRODUCT_COLUMNS
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import Membership, Workspace

SLUG = "bench-catalog-import"
EMAIL = "admin@bench-catalog-import.invalid"
KINDS = ["Kettle", "Toaster", "Blender", "Fan", "Heater", "Lamp", "Mixer", "Iron", "Grill", "Juicer"]
ZH = ["电热水壶", "烤面包机", "搅拌机", "电风扇", "取暖器", "台灯", "打蛋器", "电熨斗", "烤架", "榨汁机"]


def fresh_workspace() -> Membership:
    Workspace.objects.filter(slug=SLUG).delete()
    User.objects.filter(email=EMAIL).delete()
    workspace = Workspace.objects.create(
        name="Bench Catalog Co", slug=SLUG, country="CN", time_zone="Asia/Shanghai", currency="CNY"
    )
    user = User.objects.create(email=EMAIL, full_name="Bench Admin")
    return Membership.objects.create(workspace=workspace, user=user, role=Role.ADMIN)


def product_rows(n: int, rng: random.Random) -> list[list]:
    header = [str(c.label) for c in PRODUCT_COLUMNS if not c.export_only]
    rows = [header]
    for i in range(n):
        k = i % len(KINDS)
        rows.append([
            f"BX-{i:06d}", f"{KINDS[k]} model {i}", f"{ZH[k]} {i}型", "", f"{KINDS[k]}s",
            f"A sturdy {KINDS[k].lower()} for export.",
            f"Power: {rng.randint(300, 2200)} W\nVoltage: 220–240 V",
            f"8516{rng.randint(10, 99)}{rng.randint(10, 99)}", "pcs", rng.choice([100, 500, 1000]),
            rng.randint(15, 60), rng.choice([4, 6, 8, 12]), rng.randint(30, 70), rng.randint(20, 50),
            rng.randint(20, 50), 8, 9.5, "Active", f"{rng.randint(20, 300)}.50", "CNY",
        ])  # fmt: skip
    return rows


def price_rows(n: int, rng: random.Random) -> list[list]:
    rows = [[str(c.label) for c in PRICE_COLUMNS if not c.export_only]]
    for i in range(n):
        rows.append([f"BX-{i:06d}", 1, f"{rng.randint(3, 40)}.{rng.randint(0, 99):02d}", "USD"])
    return rows


def workbook(rows: list[list], name: str) -> SimpleUploadedFile:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Sheet1")
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def timed(label: str, rows: int, action) -> float:
    start = time.perf_counter()
    action()
    seconds = time.perf_counter() - start
    print(f"{label:<38} {rows:>7,} rows {seconds:>8.1f} s {rows / seconds:>9,.0f} rows/s")
    return seconds


def run_job(actor, rows: list[list], name: str, **options) -> CatalogImport:
    job = imports.catalog_import_upload(actor=actor, upload=workbook(rows, name), **options)
    n = len(rows) - 1
    timed(f"{name}: check (nothing written)", n, lambda: imports.catalog_import_check(job.pk))
    job.refresh_from_db()
    assert job.status == "checked" and job.failed_rows == 0, (job.status, job.errors[:3])
    imports.catalog_import_start(actor=actor, job=job)
    timed(f"{name}: import", n, lambda: imports.catalog_import_run(job.pk))
    job.refresh_from_db()
    assert job.status == "done", job.errors[:3]
    again = imports.catalog_import_upload(actor=actor, upload=workbook(rows, name), **options)
    timed(f"{name}: same file again (check)", n, lambda: imports.catalog_import_check(again.pk))
    again.refresh_from_db()
    assert again.new_rows == again.changed_rows == 0 and again.unchanged_rows == n
    return job


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    HUEY.immediate = False  # the jobs are run here, timed, not queued
    rng = random.Random(args.seed)
    print(f"{database_label()} · {args.rows:,} products, then {args.rows:,} prices")
    actor = fresh_workspace()
    products = product_rows(args.rows, rng)
    run_job(actor, products, "products.xlsx", kind="products")
    price_list = PriceList.objects.create(workspace=actor.workspace, name="USD 2027", currency="USD")
    from tradewind.fx import services as fx

    fx.trading_currency_add(actor=actor, code="USD")
    run_job(actor, price_rows(args.rows, rng), "prices.xlsx", kind="prices", price_list=price_list)

    Product.objects.filter(workspace=actor.workspace).delete()
    values = [Product(workspace=actor.workspace, sku=r[0], name_en=r[1], name_zh=r[2]) for r in products[1:]]
    timed("floor: bulk_create of the products", args.rows, lambda: Product.objects.bulk_create(values, 1000))
    Workspace.objects.filter(slug=SLUG).delete()
    User.objects.filter(email=EMAIL).delete()


if __name__ == "__main__":
    main()
