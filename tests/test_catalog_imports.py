"""Products and prices in and out of spreadsheets (issue 11): the worker checks every row before anything
is imported, the import goes through the catalog's services, an exported file imports again unchanged,
and importing the same file twice creates nothing new."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.test_catalog_prices import eur_list, trades_in
from tests.test_catalog_services import kettle
from tradewind.catalog.models import CatalogImport, Category, Product, ProductPrice
from tradewind.catalog.services import imports
from tradewind.catalog.spreadsheets import exports
from tradewind.core.errors import Conflict, PermissionDenied
from tradewind.core.money import Money
from tradewind.workspaces.audit import AuditEntry
from tradewind.workspaces.choices import Role

Status = CatalogImport.Status
PRODUCT_HEADER = ["SKU", "Name in English", "中文名称", "Category", "Specifications", "HS code", "Unit",
                  "MOQ",
                  "Units per carton", "Carton length (cm)", "Carton width (cm)", "Carton height (cm)",
                  "Gross weight per carton (kg)", "Notes"]  # fmt: skip


@pytest.fixture
def manager(member_factory, owner):
    trades_in(owner, "EUR")
    return member_factory(Role.MANAGER)


def xlsx(rows, name="products.xlsx") -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def checked(actor, upload, worker, **options) -> CatalogImport:
    with worker():
        job = imports.catalog_import_upload(actor=actor, upload=upload, **options)
    job.refresh_from_db()
    return job


def imported(actor, job, worker) -> CatalogImport:
    with worker():
        imports.catalog_import_start(actor=actor, job=job)
    job.refresh_from_db()
    return job


ROWS = [
    PRODUCT_HEADER,
    ["TB-200", "Toaster 2 slices", "两片式烤面包机", "Small appliances", "Power: 800 W\nColour：white",
     "8516.72", "pcs", "1,000", 8, 48, 30, 25, 12.5, "ignored"],
    ["TB-400", "Toaster 4 slices", "", "small appliances", "", "85167200", "件", 500, 4, 52, 40, 28, 14, ""],
    ["", "No SKU", "", "", "", "", "", "", "", "", "", "", "", ""],
    ["TB-500", "Toaster", "", "", "", "12", "boxes", "", "", "", "", "", "", ""],
    ["tb-200", "Toaster again", "", "", "", "", "", "", "", "", "", "", "", ""],
]  # fmt: skip


def test_the_check_says_what_each_row_would_do_and_writes_nothing(manager, worker):
    job = checked(manager, xlsx(ROWS), worker, kind="products")
    assert job.status == Status.CHECKED
    assert (job.new_rows, job.changed_rows, job.unchanged_rows, job.failed_rows) == (2, 0, 0, 3)
    assert not Product.objects.filter(workspace=manager.workspace).exists()
    by_row = {}
    for error in job.errors:
        by_row.setdefault(error["row"], []).append(error["column"])
    assert {row: sorted(columns) for row, columns in by_row.items()} == {
        4: ["SKU"],
        5: ["HS code", "Unit"],
        6: ["SKU"],
    }
    assert any("Notes" in note for note in job.notes)  # a column we do not know is named, not fatal
    assert any("Small appliances" in note for note in job.notes)  # one new category, whatever its case
    assert [p["action"] for p in job.preview] == ["new", "new", "error", "error", "error"]


def test_import_adds_the_rows_and_the_same_file_again_changes_nothing(manager, worker):
    job = imported(manager, checked(manager, xlsx(ROWS), worker, kind="products"), worker)
    assert job.status == Status.DONE
    assert (job.new_rows, job.failed_rows) == (2, 3)
    toaster = Product.objects.get(workspace=manager.workspace, sku="TB-200")
    assert toaster.specs == [["Power", "800 W"], ["Colour", "white"]]
    assert toaster.moq == 1000 and toaster.hs_code == "851672" and toaster.carton_gross_kg == Decimal("12.5")
    assert toaster.category.name == "Small appliances"
    assert toaster.name_zh == "两片式烤面包机"  # the Chinese header 中文名称 is the Chinese name
    assert Product.objects.get(sku="TB-400").category == toaster.category
    assert Product.objects.get(sku="TB-400").unit == "pcs"  # 件 is the Chinese for pieces
    assert Category.objects.filter(workspace=manager.workspace).count() == 1

    again = checked(manager, xlsx(ROWS), worker, kind="products")
    assert (again.new_rows, again.changed_rows, again.unchanged_rows) == (0, 0, 2)
    with pytest.raises(Conflict):
        imports.catalog_import_start(actor=manager, job=again)
    assert Product.objects.filter(workspace=manager.workspace).count() == 2


def test_a_known_sku_changes_only_the_cells_the_file_fills(manager, worker):
    product = kettle(manager)
    rows = [["sku", "moq", "hs_code", "name_en"], ["kt-1700", "600", "", ""]]
    job = checked(manager, xlsx(rows), worker, kind="products")
    assert (job.changed_rows, job.new_rows) == (1, 0)
    assert job.preview[0]["fields"] == ["moq"]
    imported(manager, job, worker)
    product.refresh_from_db()
    assert product.moq == 600 and product.hs_code == "85167990" and product.name_en == "Electric kettle 1.7 L"


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_export_imports_again_unchanged(manager, worker, fmt):
    category = Category.objects.create(workspace=manager.workspace, name="Kettles")
    kettle(manager, cost=Money(Decimal("85.5"), "CNY"), category=category, description="-20 °C to 40 °C")
    products = Product.objects.filter(workspace=manager.workspace)
    exported = exports.products_export(manager, products, fmt)
    content = exported.read() if fmt == "xlsx" else "".join(exported).encode("utf-8")
    job = checked(manager, SimpleUploadedFile(f"export.{fmt}", content), worker, kind="products")
    assert job.status == Status.CHECKED, job.errors
    assert (job.new_rows, job.changed_rows, job.unchanged_rows, job.failed_rows) == (0, 0, 1, 0)
    assert not job.notes  # CBM is written for the reader and quietly not read back


def test_cost_columns_need_a_role_that_sees_costs(member_factory, manager, worker):
    merchandiser = member_factory(Role.MERCHANDISER)
    rows = [["SKU", "Name in English", "Cost price", "Cost currency"], ["BL-1", "Blender", "120", "CNY"]]
    job = imported(merchandiser, checked(merchandiser, xlsx(rows), worker, kind="products"), worker)
    assert any("Cost price" in note for note in job.notes)
    assert Product.objects.get(sku="BL-1").cost_amount is None
    job = imported(manager, checked(manager, xlsx(rows, "b.xlsx"), worker, kind="products"), worker)
    assert Product.objects.get(sku="BL-1").cost == Money(Decimal("120"), "CNY")


def test_a_file_without_the_needed_columns_is_refused_and_not_kept(manager, worker):
    job = checked(manager, xlsx([["Name", "Price"], ["Kettle", "12"]]), worker, kind="products")
    assert job.status == Status.REFUSED and job.file is None
    assert "SKU" in job.errors[0]["message"]


def test_who_may_import_what(member_factory, manager, worker):
    sales = member_factory(Role.SALES)
    with pytest.raises(PermissionDenied):
        imports.catalog_import_upload(actor=sales, upload=xlsx(ROWS), kind="products")
    merchandiser = member_factory(Role.MERCHANDISER)
    with pytest.raises(PermissionDenied):
        imports.catalog_import_upload(
            actor=merchandiser, upload=xlsx(ROWS), kind="prices", price_list=eur_list(manager)
        )


def test_prices_go_into_one_list_by_sku_and_tier(manager, worker):
    product = kettle(manager)
    price_list = eur_list(manager)
    rows = [
        ["SKU", "From quantity", "Unit price", "Currency"],
        ["KT-1700", "", "12.50", "EUR"],
        ["kt-1700", "1,000", "11.80", ""],
        ["KT-1700", "1000", "11.70", ""],  # the same tier twice: the second is refused
        ["KT-9999", "1", "3", ""],
        ["KT-1700", "5000", "10", "USD"],
        ["KT-1700", "2000", "-1", ""],
    ]
    job = checked(manager, xlsx(rows, "prices.xlsx"), worker, kind="prices", price_list=price_list)
    assert (job.new_rows, job.failed_rows) == (2, 4), job.errors
    job = imported(manager, job, worker)
    tiers = ProductPrice.objects.filter(price_list=price_list, product=product).order_by("min_quantity")
    assert [(t.min_quantity, t.unit_price) for t in tiers] == [
        (1, Decimal("12.50")),
        (1000, Decimal("11.80")),
    ]
    assert AuditEntry.objects.filter(action="catalog_import_started").exists()

    rows[1][2] = "12.40"
    again = checked(manager, xlsx(rows, "prices.xlsx"), worker, kind="prices", price_list=price_list)
    assert (again.new_rows, again.changed_rows, again.unchanged_rows) == (0, 1, 1)
    imported(manager, again, worker)
    assert tiers.all().first().unit_price == Decimal("12.40")
    handle = exports.prices_export(price_list, "xlsx")
    job = checked(
        manager, SimpleUploadedFile("p.xlsx", handle.read()), worker, kind="prices", price_list=price_list
    )
    assert (job.unchanged_rows, job.failed_rows, job.new_rows) == (2, 0, 0)


def test_an_import_carries_on_after_the_last_batch_it_committed(manager, worker, monkeypatch):
    rows = [["SKU", "Name in English"]] + [[f"P-{i:03d}", f"Product {i}"] for i in range(7)]
    job = checked(manager, xlsx(rows), worker, kind="products")
    monkeypatch.setattr(imports, "BATCH_SIZE", 3)
    calls = {"n": 0}
    real = imports.product_create

    def flaky(**kwargs):
        calls["n"] += 1
        if calls["n"] == 5:
            raise RuntimeError("worker killed")
        return real(**kwargs)

    monkeypatch.setattr(imports, "product_create", flaky)
    job = imported(manager, job, worker)
    assert job.status == Status.FAILED and job.processed_rows == 3
    assert Product.objects.filter(workspace=manager.workspace).count() == 3
    job = imported(manager, job, worker)
    assert job.status == Status.DONE and job.new_rows == 7
    assert Product.objects.filter(workspace=manager.workspace).count() == 7


# --- the API ------------------------------------------------------------------------------------------


def test_the_api_uploads_checks_starts_and_exports(manager, member_factory, worker):
    from tests.test_catalog_api import Api

    api = Api(manager)
    price_list = eur_list(manager)
    with worker():
        answer = api.client.post(api.base + "/catalog-imports", {"file": xlsx(ROWS), "kind": "products"})
    assert answer.status_code == 201, answer.content
    job_id = answer.json()["id"]
    job = api.get(f"/catalog-imports/{job_id}").json()
    assert job["status"] == "checked" and job["new_rows"] == 2 and job["preview"][0]["action"] == "new"
    assert {e["row"] for e in job["errors"]} == {4, 5, 6}
    with worker():
        answer = api.post(f"/catalog-imports/{job_id}/start")
    assert answer.status_code == 202
    assert api.get(f"/catalog-imports/{job_id}").json()["status"] == "done"
    assert api.get("/catalog-imports").json()["count"] == 1
    assert api.post(f"/catalog-imports/{job_id}/discard").status_code == 409  # done: kept as a record

    export = api.get("/product-export", {"format": "csv", "q": "TB-4"})
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "TB-400" in text and "TB-200" not in text
    export = api.get(f"/price-lists/{price_list.public_id}/export")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEntry.objects.filter(action="catalog_exported").count() == 2

    # A price import names its list; a viewer imports nothing; another workspace's import is a 404.
    answer = api.client.post(api.base + "/catalog-imports", {"file": xlsx(ROWS), "kind": "prices"})
    assert answer.status_code == 422
    viewer = Api(member_factory(Role.VIEWER))
    answer = viewer.client.post(viewer.base + "/catalog-imports", {"file": xlsx(ROWS), "kind": "products"})
    assert answer.status_code == 403
    assert viewer.get(f"/catalog-imports/{job_id}").status_code == 404
    assert viewer.get("/catalog-imports").json()["count"] == 0


# --- the pages -----------------------------------------------------------------------------------------


def test_the_pages_upload_check_and_import(manager, client_for, worker):
    client = client_for(manager)
    base = f"/w/{manager.workspace.slug}/products/imports/"
    page = client.get(base)
    assert page.status_code == 200 and "products template" in page.content.decode()
    with worker():
        answer = client.post(base, {"kind": "products", "file": xlsx(ROWS)})
    assert answer.status_code == 302
    job = CatalogImport.objects.get()
    detail = client.get(answer.url).content.decode()
    assert "Import 2 rows" in detail and "TB-500" in detail
    with worker():
        client.post(f"{base}{job.public_id}/start/")
    job.refresh_from_db()
    assert job.status == Status.DONE
    assert "See the products" in client.get(answer.url).content.decode()

    template = client.get(f"{base}template/products/")
    assert template.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(template.streaming_content))).active
    assert [c.value for c in sheet[1]][:2] == ["SKU", "Name in English"]
    export = client.get(f"/w/{manager.workspace.slug}/products/export/?format=xlsx&q=TB-2")
    rows = list(openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content))).active.values)
    assert [r[0] for r in rows] == ["SKU", "TB-200"]


def test_a_bad_upload_says_why_and_keeps_nothing(manager, client_for):
    client = client_for(manager)
    base = f"/w/{manager.workspace.slug}/products/imports/"
    answer = client.post(base, {"kind": "products", "file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 nothing")})
    assert answer.status_code == 400 and "is not a CSV or Excel" in answer.content.decode()
    answer = client.post(base, {"kind": "prices", "file": xlsx(ROWS)})
    assert answer.status_code == 400 and "Choose the price list" in answer.content.decode()
    assert not CatalogImport.objects.exists()


def test_a_sales_rep_has_no_import_page_but_may_export(member_factory, client_for):
    rep = member_factory(Role.SALES)
    client = client_for(rep)
    slug = rep.workspace.slug
    assert client.get(f"/w/{slug}/products/imports/").status_code == 404
    assert client.get(f"/w/{slug}/products/imports/template/products/").status_code == 404
    assert client.get(f"/w/{slug}/products/export/?format=csv").status_code == 200
