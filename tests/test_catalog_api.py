"""The catalog's API: products, photos and categories through the same services as the pages — who may
read and write what, cost prices only for those who may see them, and the refusals, each checked for
what it left behind."""

import io
import json
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import BOUNDARY
from PIL import Image

from tests.factories import MembershipFactory, WorkspaceFactory
from tradewind.accounts.services import api_token_create
from tradewind.catalog import services
from tradewind.catalog.models import Category, Product, ProductPhoto
from tradewind.core.money import Money
from tradewind.files.limits import body_limit_for
from tradewind.files.models import StoredFile
from tradewind.workspaces.choices import Role

MB = 1024 * 1024
KETTLE = {
    "sku": "KT-100",
    "name_en": "Electric kettle 1.7 L",
    "name_zh": "电热水壶 1.7升",
    "names": {"es": "Hervidor eléctrico", "pt_br": "Chaleira elétrica"},
    "description": "Double wall, boil-dry protection.",
    "specs": [["Material", "304 stainless steel"], ["Voltage", "220–240 V"], ["", ""]],
    "hs_code": "8516.79.90",
    "unit": "pcs",
    "moq": 500,
    "lead_time_days": 35,
    "units_per_carton": 6,
    "carton_length_cm": "60.5",
    "carton_width_cm": "40",
    "carton_height_cm": "35",
    "carton_net_kg": "9.6",
    "carton_gross_kg": "10.85",
}


class Api:
    """A token's client for one workspace: api.get("/products"), api.post("/products", {...})."""

    def __init__(self, member, slug=None):
        _t, raw = api_token_create(membership=member, name="script", expires_at=None, ip=None)
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
        self.base = f"/api/v1/workspaces/{slug or member.workspace.slug}"

    def get(self, path, params=None):
        return self.client.get(self.base + path, params or {})

    def post(self, path, data=None):
        return self.client.post(self.base + path, json.dumps(data or {}), content_type="application/json")

    def patch(self, path, data):
        return self.client.patch(self.base + path, json.dumps(data), content_type="application/json")

    def put(self, path, data):
        return self.client.put(self.base + path, json.dumps(data), content_type="application/json")

    def delete(self, path):
        return self.client.delete(self.base + path)

    def upload(self, path, name, data):
        return self.client.post(self.base + path, {"file": SimpleUploadedFile(name, data)})


def png(size=(800, 600)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def manager(member_factory):
    return member_factory(Role.MANAGER)


@pytest.fixture
def kettle(manager):
    category = services.category_create(actor=manager, name="Kitchen appliances")
    return services.product_create(
        actor=manager,
        sku="KT-100",
        name_en="Electric kettle",
        name_zh="电热水壶",
        category=category,
        specs=[["Material", "304 stainless steel"]],
        cost=Money(Decimal("12.3456"), "USD"),
    )


def test_a_manager_creates_reads_and_changes_a_product(manager):
    api = Api(manager)
    category = api.post("/categories", {"name": "Kitchen appliances"}).json()
    r = api.post(
        "/products", {**KETTLE, "category": category["id"], "cost": {"amount": "12.50", "currency": "USD"}}
    )
    assert r.status_code == 201, r.json()
    product = r.json()
    assert product["hs_code"] == "85167990" and product["unit"] == "pcs" and product["status"] == "active"
    assert product["category"] == category["id"] and product["category_name"] == "Kitchen appliances"
    assert product["names"] == {"es": "Hervidor eléctrico", "pt-br": "Chaleira elétrica"}
    assert product["specs"] == [["Material", "304 stainless steel"], ["Voltage", "220–240 V"]]
    # Decimals are strings with the column's places, on creation as on every later read.
    assert (product["carton_length_cm"], product["carton_width_cm"], product["carton_net_kg"]) == (
        "60.5",
        "40.0",
        "9.60",
    )
    assert product["cbm_per_carton"] == "0.0847"  # 60.5 × 40 × 35 cm
    assert product["cost"] == {"amount": "12.5000", "currency": "USD"}
    assert api.get(f"/products/{product['id']}").json() == product

    r = api.patch(f"/products/{product['id']}", {"moq": None, "name_zh": None, "carton_width_cm": "41.5"})
    assert r.status_code == 200, r.json()
    changed = r.json()
    assert changed["moq"] is None and changed["name_zh"] == "" and changed["carton_width_cm"] == "41.5"
    assert changed["sku"] == "KT-100" and changed["lead_time_days"] == 35  # what was not sent stays
    stored = Product.objects.get(public_id=product["id"])
    assert stored.moq is None and stored.carton_width_cm == Decimal("41.5") and stored.name_zh == ""
    r = api.patch(f"/products/{product['id']}", {"category": None, "cost": None})
    assert r.json()["category"] is None and r.json()["cost"] is None
    stored.refresh_from_db()
    assert stored.category is None and stored.cost is None


def test_a_cost_keeps_every_decimal_and_is_never_a_json_number(manager):
    api = Api(manager)
    r = api.post("/products", {"sku": "A-1", "name_en": "A", "cost": {"amount": "0.0125", "currency": "EUR"}})
    assert r.json()["cost"] == {"amount": "0.0125", "currency": "EUR"}
    assert Product.objects.get(sku="A-1").cost == Money(Decimal("0.0125"), "EUR")
    for cost in (
        {"amount": 12.5, "currency": "USD"},
        {"amount": "12.34567", "currency": "USD"},
        {"amount": "-1", "currency": "USD"},
    ):
        r = api.post("/products", {"sku": "B-1", "name_en": "B", "cost": cost})
        assert r.status_code == 422 and "cost.amount" in r.json()["fields"], cost
    r = api.post("/products", {"sku": "B-1", "name_en": "B", "cost": {"amount": "1", "currency": "XAU"}})
    assert r.status_code == 422 and "cost.currency" in r.json()["fields"]
    assert not Product.objects.filter(sku="B-1").exists()


# --- who may see and do what ------------------------------------------------------------------------------


def test_sales_reads_the_catalog_but_never_a_cost_and_changes_nothing(kettle, member_factory):
    rep = Api(member_factory(Role.SALES))
    pid = kettle.public_id
    listed = rep.get("/products")
    detail = rep.get(f"/products/{pid}")
    assert listed.status_code == 200 and detail.status_code == 200
    assert listed.json()["items"][0]["cost"] is None and detail.json()["cost"] is None
    for response in (listed, detail):
        assert b"12.3456" not in response.content and b"12.34" not in response.content
    assert rep.get("/categories").json()[0]["products"] == 1

    refusals = [
        rep.post("/products", {"sku": "X-1", "name_en": "X"}),
        rep.patch(f"/products/{pid}", {"name_en": "Renamed"}),
        rep.patch(f"/products/{pid}", {"cost": {"amount": "1", "currency": "USD"}}),
        rep.post(f"/products/{pid}/status", {"status": "discontinued"}),
        rep.upload(f"/products/{pid}/photos", "kettle.png", png()),
        rep.post("/categories", {"name": "Bathroom"}),
        rep.patch(f"/categories/{kettle.category.public_id}", {"name": "Kitchen"}),
        rep.delete(f"/categories/{kettle.category.public_id}"),
    ]
    for r in refusals:
        assert r.status_code == 403 and r.json()["code"] == "permission_denied", r.json()
        assert b"12.34" not in r.content
    kettle.refresh_from_db()
    assert (kettle.name_en, kettle.status, kettle.cost) == (
        "Electric kettle",
        "active",
        Money(Decimal("12.3456"), "USD"),
    )
    assert Product.objects.count() == 1 and not ProductPhoto.objects.exists()
    assert list(Category.objects.values_list("name", flat=True)) == ["Kitchen appliances"]


def test_a_viewer_may_not_remove_a_photo(kettle, manager, member_factory):
    photo = services.product_photo_add(
        actor=manager, product=kettle, upload=SimpleUploadedFile("k.png", png())
    )
    viewer = Api(member_factory(Role.VIEWER))
    assert viewer.get(f"/products/{kettle.public_id}/photos").status_code == 200
    r = viewer.delete(f"/products/{kettle.public_id}/photos/{photo.public_id}")
    assert r.status_code == 403 and ProductPhoto.objects.filter(pk=photo.pk).exists()


def test_marketing_edits_products_but_neither_sees_nor_sets_costs(kettle, member_factory):
    marketing = Api(member_factory(Role.MARKETING))
    r = marketing.patch(f"/products/{kettle.public_id}", {"description": "For the Amazon listing"})
    assert r.status_code == 200 and r.json()["description"] == "For the Amazon listing"
    assert r.json()["cost"] is None and b"12.34" not in r.content
    r = marketing.patch(f"/products/{kettle.public_id}", {"cost": {"amount": "1", "currency": "USD"}})
    assert r.status_code == 403
    r = marketing.post(
        "/products", {"sku": "M-1", "name_en": "M", "cost": {"amount": "1", "currency": "USD"}}
    )
    assert r.status_code == 403 and not Product.objects.filter(sku="M-1").exists()
    kettle.refresh_from_db()
    assert kettle.cost == Money(Decimal("12.3456"), "USD")


def test_finance_sees_costs_and_changes_only_them(kettle, member_factory):
    finance = Api(member_factory(Role.FINANCE))
    assert finance.get(f"/products/{kettle.public_id}").json()["cost"] == {
        "amount": "12.3456",
        "currency": "USD",
    }
    r = finance.patch(f"/products/{kettle.public_id}", {"cost": {"amount": "13.10", "currency": "CNY"}})
    assert r.status_code == 200 and r.json()["cost"] == {"amount": "13.1000", "currency": "CNY"}
    r = finance.patch(
        f"/products/{kettle.public_id}", {"cost": {"amount": "99", "currency": "USD"}, "name_en": "Kettle"}
    )
    assert r.status_code == 403 and r.json()["code"] == "permission_denied"
    assert finance.patch(f"/products/{kettle.public_id}", {"moq": 10}).status_code == 403
    assert finance.post("/products", {"sku": "F-1", "name_en": "F"}).status_code == 403
    kettle.refresh_from_db()
    assert (kettle.cost, kettle.name_en, kettle.moq) == (
        Money(Decimal("13.1"), "CNY"),
        "Electric kettle",
        None,
    )
    assert Product.objects.count() == 1


def _every_endpoint(product_id, photo_id, category_id):
    p = f"/products/{product_id}"
    photo = f"{p}/photos/{photo_id}"
    c = f"/categories/{category_id}"
    return [
        ("get", "/products", None),
        ("post", "/products", {"sku": "Z-1", "name_en": "Z"}),
        ("get", p, None),
        ("patch", p, {"name_en": "Stolen"}),
        ("post", f"{p}/status", {"status": "discontinued"}),
        ("get", f"{p}/photos", None),
        ("upload", f"{p}/photos", None),
        ("delete", photo, None),
        ("get", f"{photo}/file", None),
        ("get", f"{photo}/thumbnail", None),
        ("get", "/categories", None),
        ("post", "/categories", {"name": "Stolen"}),
        ("patch", c, {"name": "Stolen"}),
        ("delete", c, None),
    ]


def _send(api, method, path, data):
    if method == "upload":
        return api.upload(path, "x.png", png((10, 10)))
    if method in ("get", "delete"):
        return getattr(api, method)(path)
    return getattr(api, method)(path, data)


def test_an_outsider_gets_404_from_every_endpoint_and_changes_nothing(kettle, manager):
    photo = services.product_photo_add(
        actor=manager, product=kettle, upload=SimpleUploadedFile("k.png", png())
    )
    outsider = MembershipFactory(role=Role.OWNER, workspace=WorkspaceFactory(slug="outsider-co"))
    ids = (kettle.public_id, photo.public_id, kettle.category.public_id)
    # Their token with this workspace's slug, and with their own slug and this workspace's ids.
    for api in (Api(outsider, slug=kettle.workspace.slug), Api(outsider)):
        for method, path, data in _every_endpoint(*ids):
            if api.base.endswith("outsider-co") and path in ("/products", "/categories"):
                continue  # their own lists
            r = _send(api, method, path, data)
            assert r.status_code == 404, (api.base, method, path, r.status_code)
            assert b"Electric kettle" not in r.content and b"KT-100" not in r.content
    kettle.refresh_from_db()
    assert kettle.name_en == "Electric kettle" and kettle.status == "active"
    assert (
        ProductPhoto.objects.count() == 1 and Category.objects.filter(workspace=kettle.workspace).count() == 1
    )
    assert list(Product.objects.values_list("sku", flat=True)) == ["KT-100"]
    assert not Category.objects.filter(name="Stolen").exists()


# --- refusals ---------------------------------------------------------------------------------------------


def test_a_duplicate_sku_in_any_case_is_a_409_and_nothing_is_created(kettle, manager):
    api = Api(manager)
    r = api.post("/products", {"sku": "kt-100", "name_en": "Another kettle"})
    assert r.status_code == 409 and r.json()["code"] == "conflict" and "sku" in r.json()["fields"]
    assert Product.objects.count() == 1
    other = api.post("/products", {"sku": "KT-200", "name_en": "Big kettle"}).json()
    r = api.patch(f"/products/{other['id']}", {"sku": "Kt-100", "name_en": "Renamed"})
    assert r.status_code == 409
    assert Product.objects.get(public_id=other["id"]).name_en == "Big kettle"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"hs_code": "8516.7"}, "hs_code"),
        ({"hs_code": "85AB79"}, "hs_code"),
        ({"unit": "barrels"}, "unit"),
        ({"moq": -5}, "moq"),
        ({"moq": 0}, "moq"),
        ({"carton_net_kg": "12.00", "carton_gross_kg": "11.50"}, "carton_gross_kg"),
        ({"carton_length_cm": "0"}, "carton_length_cm"),
        ({"carton_length_cm": 45.5}, "carton_length_cm"),
        ({"name_en": "  ", "name_zh": ""}, "name_en"),
        ({"name_en": "", "name_zh": None}, "name_zh"),
        ({"names": {"en": "Kettle"}}, "names"),
        ({"names": {"xx": "Kettle"}}, "names"),
        ({"specs": [["", "304 stainless"]]}, "specs"),
        ({"specs": [["Material"]]}, "specs.0.1"),
        ({"sku": "KT 100"}, "sku"),
        ({"lead_time_days": 1000}, "lead_time_days"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_input_is_a_422_naming_the_field_and_creates_nothing(manager, changes, field):
    r = Api(manager).post("/products", {"sku": "KT-100", "name_en": "Kettle", **changes})
    assert r.status_code == 422, r.json()
    assert r.json()["code"] == "validation_error" and field in r.json()["fields"], r.json()
    assert not Product.objects.exists()


def test_every_problem_of_a_product_is_answered_at_once(manager):
    r = Api(manager).post(
        "/products", {"sku": "KT-100", "name_en": "Kettle", "names": {"xx": "?"}, "specs": [["", "v"]]}
    )
    assert r.status_code == 422 and {"names", "specs"} <= r.json()["fields"].keys()


def test_a_change_that_breaks_a_rule_across_fields_changes_nothing(kettle, manager):
    api = Api(manager)
    r = api.patch(f"/products/{kettle.public_id}", {"name_en": "", "name_zh": ""})
    assert r.status_code == 422 and "name_en" in r.json()["fields"]
    services.product_update(actor=manager, product=kettle, carton_net_kg=Decimal("10"))
    r = api.patch(f"/products/{kettle.public_id}", {"carton_gross_kg": "9.5", "moq": 100})
    assert r.status_code == 422 and "carton_gross_kg" in r.json()["fields"]
    kettle.refresh_from_db()
    assert (kettle.name_en, kettle.carton_gross_kg, kettle.moq) == ("Electric kettle", None, None)
    r = api.patch(f"/products/{kettle.public_id}", {"sku": None})
    assert r.status_code == 422 and "sku" in r.json()["fields"]


def test_the_status_takes_a_product_off_the_list_and_back(kettle, manager):
    api = Api(manager)
    r = api.post(f"/products/{kettle.public_id}/status", {"status": "discontinued"})
    assert r.status_code == 200 and r.json()["status"] == "discontinued"
    assert api.get("/products").json() == {"items": [], "count": 0}
    assert [p["sku"] for p in api.get("/products", {"status": "discontinued"}).json()["items"]] == ["KT-100"]
    assert api.post(f"/products/{kettle.public_id}/status", {"status": "gone"}).status_code == 422
    assert api.post(f"/products/{kettle.public_id}/status", {"status": "active"}).json()["status"] == "active"
    kettle.refresh_from_db()
    assert kettle.status == "active"


# --- lists and search -------------------------------------------------------------------------------------


@pytest.fixture
def catalog(manager, kettle):
    towels = services.category_create(actor=manager, name="Textiles")
    services.product_create(
        actor=manager, sku="TW-7", name_en="Bath towel", category=towels, specs=[["Fabric", "Bamboo fibre"]],
        unit="dozens",
    )  # fmt: skip
    services.product_create(actor=manager, sku="MG-1", name_zh="马克杯")
    old = services.product_create(actor=manager, sku="OLD-1", name_en="Old kettle")
    services.product_set_status(actor=manager, product=old, status="discontinued")
    return {"kitchen": kettle.category, "textiles": towels}


def _skus(api, **params):
    r = api.get("/products", params)
    assert r.status_code == 200, r.json()
    return [p["sku"] for p in r.json()["items"]]


def test_search_finds_sku_chinese_names_and_specification_values(catalog, member_factory):
    api = Api(member_factory(Role.SALES))
    assert _skus(api, q="kt-1") == ["KT-100"]
    assert _skus(api, q="水壶") == ["KT-100"]
    assert _skus(api, q="马克杯") == ["MG-1"]
    assert _skus(api, q="bamboo") == ["TW-7"]
    assert _skus(api, q="304 stainless") == ["KT-100"]
    assert _skus(api, q="kettle") == ["KT-100"]  # the discontinued one only with status=all
    assert _skus(api, q="kettle", status="all") == ["KT-100", "OLD-1"]
    assert _skus(api, q="nothing like it") == []


def test_filters_and_sorts(catalog, member_factory):
    api = Api(member_factory(Role.SALES))
    assert _skus(api) == ["KT-100", "MG-1", "TW-7"]
    assert _skus(api, category=str(catalog["textiles"].public_id)) == ["TW-7"]
    assert _skus(api, uncategorised="true") == ["MG-1"]
    assert _skus(api, unit="dozens") == ["TW-7"]
    assert _skus(api, status="discontinued") == ["OLD-1"]
    assert _skus(api, sort="created") == ["MG-1", "TW-7", "KT-100"]
    assert api.get("/products", {"unit": "barrels"}).status_code == 422
    assert api.get("/products", {"sort": "price"}).status_code == 422
    assert api.get("/products", {"category": "not-a-uuid"}).status_code == 422
    elsewhere = services.category_create(actor=MembershipFactory(role=Role.OWNER), name="Someone else's")
    assert api.get("/products", {"category": str(elsewhere.public_id)}).status_code == 404


def test_the_list_is_paged_with_a_count(manager):
    for n in range(7):
        services.product_create(actor=manager, sku=f"P-{n}", name_en=f"Product {n}")
    api = Api(manager)
    page = api.get("/products", {"limit": 3, "offset": 3}).json()
    assert page["count"] == 7 and [p["sku"] for p in page["items"]] == ["P-3", "P-4", "P-5"]
    assert [p["sku"] for p in api.get("/products", {"limit": 3, "offset": 6}).json()["items"]] == ["P-6"]
    assert api.get("/products", {"limit": 500}).status_code == 422


# --- photos -------------------------------------------------------------------------------------------------


def _storage_names():
    return set(StoredFile.objects.values_list("storage_name", flat=True))


def _storage_content(workspace) -> set[str]:
    """Every file in the workspace's storage folder (rows or not)."""
    root = f"w/{workspace.pk}/files"
    if not default_storage.exists(root):
        return set()
    return {
        f"{folder}/{name}" for folder in default_storage.listdir(root)[0]
        for name in default_storage.listdir(f"{root}/{folder}")[1]
    }  # fmt: skip


def test_a_photo_is_stored_with_a_jpeg_thumbnail_and_served_as_a_download(kettle, manager, member_factory):
    api = Api(manager)
    base = f"/products/{kettle.public_id}/photos"
    r = api.upload(base, "kettle.png", png((1200, 900)))
    assert r.status_code == 201, r.json()
    photo = r.json()
    assert (photo["name"], photo["content_type"]) == ("kettle.png", "image/png")
    stored = ProductPhoto.objects.select_related("file", "thumbnail").get(public_id=photo["id"])
    assert stored.file.size == photo["size"] and stored.thumbnail.content_type == "image/jpeg"

    rep = Api(member_factory(Role.SALES))  # everyone who reads the catalog sees its photos
    assert [p["id"] for p in rep.get(base).json()] == [photo["id"]]
    thumbnail = rep.client.get(photo["thumbnail_url"])
    assert thumbnail.status_code == 200 and thumbnail["Content-Type"] == "image/jpeg"
    assert thumbnail["Content-Disposition"].startswith("attachment;")
    with Image.open(io.BytesIO(b"".join(thumbnail.streaming_content))) as image:
        assert image.format == "JPEG" and max(image.size) <= 320 and image.size == (320, 240)
    original = rep.client.get(photo["url"])
    assert original.status_code == 200 and original["X-Content-Type-Options"] == "nosniff"
    assert b"".join(original.streaming_content) == png((1200, 900))


def test_what_is_not_a_readable_image_is_a_422_and_leaves_nothing_behind(kettle, manager):
    api = Api(manager)
    base = f"/products/{kettle.public_id}/photos"
    before = _storage_names(), _storage_content(kettle.workspace)
    for name, data in [
        ("kettle.png", b"A price list, not a picture.\n" * 20),  # a text file renamed .png
        ("broken.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200),  # says PNG, is not one
        ("setup.png", b"MZ\x90\x00" + b"\x00" * 200),  # a program
    ]:
        r = api.upload(base, name, data)
        assert r.status_code == 422 and "file" in r.json()["fields"], (name, r.json())
    # No row, and no content either: an image refused after its bytes were stored stayed on the disk.
    assert not ProductPhoto.objects.exists()
    assert (_storage_names(), _storage_content(kettle.workspace)) == before


def test_a_thirteenth_photo_is_a_409(kettle, manager):
    for n in range(12):
        services.product_photo_add(
            actor=manager, product=kettle, upload=SimpleUploadedFile(f"{n}.png", png((16, 16)))
        )
    files = StoredFile.objects.count()
    r = Api(manager).upload(f"/products/{kettle.public_id}/photos", "13.png", png((16, 16)))
    assert r.status_code == 409 and r.json()["code"] == "conflict"
    assert kettle.photos.count() == 12 and StoredFile.objects.count() == files


def test_removing_a_photo_deletes_both_files_after_the_commit(kettle, manager, worker):
    api = Api(manager)
    photo = api.upload(f"/products/{kettle.public_id}/photos", "kettle.png", png()).json()
    stored = ProductPhoto.objects.select_related("file", "thumbnail").get(public_id=photo["id"])
    names = [stored.file.storage_name, stored.thumbnail.storage_name]
    assert all(default_storage.exists(n) for n in names)
    with worker():
        r = api.delete(f"/products/{kettle.public_id}/photos/{photo['id']}")
        assert r.status_code == 204
        assert all(default_storage.exists(n) for n in names)  # until the commit
    assert not ProductPhoto.objects.exists() and not StoredFile.objects.exists()
    assert not any(default_storage.exists(n) for n in names)
    assert api.get(f"/products/{kettle.public_id}/photos").json() == []
    assert api.client.get(photo["url"]).status_code == 404


def test_the_photo_upload_has_the_photo_size_limit(kettle, manager, settings):
    path = f"/api/v1/workspaces/{kettle.workspace.slug}/products/{kettle.public_id}/photos"
    settings.PRODUCT_PHOTO_MAX_BYTES = 20 * MB
    _body, files, is_upload = body_limit_for(path)
    assert is_upload and files == 20 * MB  # not the 5 MB of a form: the name registered is this path's
    settings.PRODUCT_PHOTO_MAX_BYTES = 1 * MB
    api = Api(manager)
    r = api.client.generic(
        "POST",
        path,
        b"",
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(3 * MB),
    )
    assert r.status_code == 413 and r.json()["code"] == "too_large"
    assert not ProductPhoto.objects.exists()


# --- categories -----------------------------------------------------------------------------------------


def test_categories_are_listed_renamed_and_deleted_keeping_their_products(kettle, manager):
    api = Api(manager)
    kitchen = kettle.category
    r = api.post("/categories", {"name": "Bathroom"})
    assert r.status_code == 201 and r.json()["products"] == 0
    assert api.post("/categories", {"name": "KITCHEN APPLIANCES"}).status_code == 409
    assert api.post("/categories", {"name": "   "}).status_code == 422
    assert Category.objects.count() == 2
    assert [(c["name"], c["products"]) for c in api.get("/categories").json()] == [
        ("Bathroom", 0),
        ("Kitchen appliances", 1),
    ]
    assert api.patch(f"/categories/{kitchen.public_id}", {"name": "bathroom"}).status_code == 409
    r = api.patch(f"/categories/{kitchen.public_id}", {"name": "Kitchen"})
    assert r.status_code == 200 and r.json() == {
        "id": str(kitchen.public_id),
        "name": "Kitchen",
        "products": 1,
    }
    assert api.get(f"/products/{kettle.public_id}").json()["category_name"] == "Kitchen"
    assert _skus(api, q="kitchen") == ["KT-100"]  # search reads the new name
    r = api.delete(f"/categories/{kitchen.public_id}")
    assert r.status_code == 200 and r.json() == {"uncategorised": 1}
    kettle.refresh_from_db()
    assert kettle.category is None and not Category.objects.filter(pk=kitchen.pk).exists()
    assert api.delete(f"/categories/{kitchen.public_id}").status_code == 404
