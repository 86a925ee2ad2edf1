"""The catalog's pages (issue 11): list with search and filters, form, product page, photos, categories."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.test_catalog_services import kettle, png
from tradewind.catalog import selectors, services
from tradewind.catalog.models import Product
from tradewind.core.money import Money
from tradewind.workspaces.choices import Role


@pytest.fixture
def manager(member_factory):
    return member_factory(Role.MANAGER)


def url(workspace, path=""):
    return f"/w/{workspace.slug}/products/{path}"


FORM = {
    "sku": "PAN-28",
    "name_en": "Frying pan 28 cm",
    "name_zh": "煎锅 28厘米",
    "category": "",
    "unit": "pcs",
    "moq": "300",
    "lead_time_days": "35",
    "hs_code": "7323.93",
    "description": "Induction base.",
    "specs": "Material: aluminium\nCoating：ceramic",
    "names": "es: Sartén 28 cm",
    "units_per_carton": "12",
    "carton_length_cm": "60",
    "carton_width_cm": "32",
    "carton_height_cm": "40.5",
    "carton_net_kg": "9.6",
    "carton_gross_kg": "10.8",
    "cost_amount": "23.45",
    "cost_currency": "CNY",
}


def test_a_manager_creates_a_product_from_the_form(workspace, manager, client_for):
    kitchen = services.category_create(actor=manager, name="Cookware")
    client = client_for(manager)
    assert client.get(url(workspace, "new/")).status_code == 200
    r = client.post(url(workspace, "new/"), {**FORM, "category": str(kitchen.public_id)})
    product = Product.objects.get()
    assert r.status_code == 302 and r["Location"] == url(workspace, f"{product.public_id}/")
    assert product.specs == [["Material", "aluminium"], ["Coating", "ceramic"]]
    assert product.names == {"es": "Sartén 28 cm"} and product.hs_code == "732393"
    assert product.cost == Money(Decimal("23.45"), "CNY") and product.category == kitchen
    page = client.get(r["Location"]).content.decode()
    assert "7323.93" in page and "0.0778" in page  # 60 × 32 × 40.5 cm = 0.07776 m³
    assert "Sartén 28 cm" in page and "aluminium" in page and "23.45" in page


def test_bad_input_is_shown_on_the_form_and_saves_nothing(workspace, manager, client_for):
    client = client_for(manager)
    r = client.post(
        url(workspace, "new/"),
        {**FORM, "hs_code": "12", "specs": "no colon here", "carton_gross_kg": "1", "cost_amount": "abc"},
    )
    assert r.status_code == 400 and not Product.objects.exists()
    html = r.content.decode()
    assert "6 to 10 digits" in html and "Line 1" in html
    kettle(manager, sku="PAN-28")
    r = client.post(url(workspace, "new/"), {**FORM, "sku": "pan-28"})
    assert r.status_code == 400 and "already" in r.content.decode() and Product.objects.count() == 1
    r = client.post(url(workspace, "new/"), {**FORM, "sku": "PAN-29", "carton_gross_kg": "1"})
    assert r.status_code == 400 and "less than its net weight" in r.content.decode()


def test_the_list_searches_in_every_language_and_filters(workspace, manager, client_for):
    cookware = services.category_create(actor=manager, name="Cookware")
    kettle(manager)
    kettle(
        manager,
        sku="PAN-28",
        name_en="Frying pan",
        name_zh="煎锅",
        names={},
        specs=[["Coating", "ceramic"]],
        category=cookware,
    )
    old = kettle(manager, sku="OLD-1", name_en="Old kettle", name_zh="")
    services.product_set_status(actor=manager, product=old, status="discontinued")
    client = client_for(manager)

    def skus(query=""):
        html = client.get(url(workspace) + query).content.decode()
        return re.findall(r'class="mono" href="[^"]+">([A-Z0-9-]+)</a>', html)

    assert skus() == ["KT-1700", "PAN-28"]  # active only, by SKU
    assert (
        skus("?q=煎锅") == ["PAN-28"]
        and skus("?q=CERAMIC") == ["PAN-28"]
        and skus("?q=hervidor") == ["KT-1700"]
    )
    assert skus(f"?category={cookware.public_id}") == ["PAN-28"]
    assert skus("?category=none") == ["KT-1700"]
    assert skus("?status=discontinued") == ["OLD-1"] and len(skus("?status=all")) == 3
    assert "No product matches" in client.get(url(workspace) + "?q=nothing-like-this").content.decode()
    fragment = client.get(url(workspace) + "?q=pan", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and "PAN-28" in fragment


def test_an_empty_catalog_says_what_to_do(workspace, manager, client_for):
    html = client_for(manager).get(url(workspace)).content.decode()
    assert "The catalog is empty" in html and "New product" in html


def test_list_queries_do_not_grow_with_the_rows(workspace, manager, client_for):
    client = client_for(manager)
    kettle(manager)
    client.get(url(workspace))
    with CaptureQueriesContext(connection) as one:
        client.get(url(workspace))
    for n in range(30):
        kettle(
            manager,
            sku=f"KT-{n}",
            category=services.category_create(actor=manager, name=f"C{n}"),
            cost=Money(Decimal("1"), "USD"),
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(url(workspace)).status_code == 200
    assert len(many.captured_queries) == len(one.captured_queries)


def test_costs_are_for_managers_finance_and_admins_only(workspace, manager, member_factory, client_for):
    product = kettle(manager, cost=Money(Decimal("41.50"), "CNY"))
    sales, finance = member_factory(Role.SALES), member_factory(Role.FINANCE)
    for who, sees in ((manager, True), (finance, True), (sales, False)):
        client = client_for(who)
        for page in (url(workspace), url(workspace, f"{product.public_id}/")):
            html = client.get(page).content.decode()
            assert ("41.50" in html) is sees and ("Cost price" in html) is sees, (who.role, page)


def test_finance_edits_the_cost_only_and_sales_cannot_edit(workspace, manager, member_factory, client_for):
    product = kettle(manager, cost=Money(Decimal("41.50"), "CNY"))
    finance, sales, viewer = (member_factory(r) for r in (Role.FINANCE, Role.SALES, Role.VIEWER))
    client = client_for(finance)
    form = client.get(url(workspace, f"{product.public_id}/edit/")).content.decode()
    assert 'name="cost_amount"' in form and 'name="sku"' not in form
    r = client.post(
        url(workspace, f"{product.public_id}/edit/"), {"cost_amount": "39.80", "cost_currency": "CNY"}
    )
    product.refresh_from_db()
    assert r.status_code == 302 and product.cost == Money(Decimal("39.80"), "CNY") and product.moq == 500
    for who in (sales, viewer):
        c = client_for(who)
        assert c.get(url(workspace, f"{product.public_id}/edit/")).status_code == 404
        assert c.get(url(workspace, "new/")).status_code == 404
        detail = c.get(url(workspace, f"{product.public_id}/")).content.decode()
        assert 'data-testid="edit-product"' not in detail and 'data-testid="discontinue"' not in detail
        r = c.post(url(workspace, f"{product.public_id}/status/"), {"status": "discontinued"})
        product.refresh_from_db()
        assert product.status == "active"


def test_edit_keeps_what_was_there(workspace, manager, client_for):
    product = kettle(manager)
    client = client_for(manager)
    form = client.get(url(workspace, f"{product.public_id}/edit/")).content.decode()
    assert (
        "Material: 304 stainless steel" in form and "es: Hervidor eléctrico" in form and "8516.79.90" in form
    )
    data = {**FORM, "sku": "KT-1700", "name_en": "Kettle 1.7 L", "specs": "Material: 304 stainless steel"}
    r = client.post(url(workspace, f"{product.public_id}/edit/"), data)
    product.refresh_from_db()
    assert (
        r.status_code == 302
        and product.name_en == "Kettle 1.7 L"
        and product.specs == [["Material", "304 stainless steel"]]
    )
    detail = client.get(url(workspace, f"{product.public_id}/")).content.decode()
    assert "Changed: Name in English" in detail


def test_photos_are_added_shown_and_removed_from_the_page(
    workspace, manager, member_factory, client_for, worker
):
    product = kettle(manager)
    client = client_for(manager)
    r = client.post(url(workspace, f"{product.public_id}/photos/"), {"file": png()})
    assert r.status_code == 302
    photo = product.photos.get()
    html = client.get(url(workspace, f"{product.public_id}/")).content.decode()
    thumb = url(workspace, f"{product.public_id}/photos/{photo.public_id}/thumbnail/")
    assert thumb in html
    sales = client_for(member_factory(Role.SALES))
    image = sales.get(thumb)
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert (
        sales.get(url(workspace, f"{product.public_id}/photos/{photo.public_id}/original/")).status_code
        == 404
    )
    r = client.post(url(workspace, f"{product.public_id}/photos/"), {})
    assert r.status_code == 302 and product.photos.count() == 1  # nothing chosen: told, nothing added
    with worker():
        client.post(url(workspace, f"{product.public_id}/photos/{photo.public_id}/remove/"))
    assert not product.photos.exists()


def test_discontinue_and_offer_again_from_the_page(workspace, manager, client_for):
    product = kettle(manager)
    client = client_for(manager)
    client.post(url(workspace, f"{product.public_id}/status/"), {"status": "discontinued"})
    product.refresh_from_db()
    assert product.status == "discontinued"
    assert 'data-testid="reactivate"' in client.get(url(workspace, f"{product.public_id}/")).content.decode()
    client.post(url(workspace, f"{product.public_id}/status/"), {"status": "active"})
    product.refresh_from_db()
    assert product.status == "active"


def test_categories_are_added_renamed_and_deleted(workspace, manager, member_factory, client_for):
    client = client_for(manager)
    r = client.post(url(workspace, "categories/"), {"name": "Lighting"})
    assert r.status_code == 302
    category = selectors.categories(membership=manager)[0]
    r = client.post(url(workspace, "categories/"), {"name": "lighting"})
    assert r.status_code == 400 and "already" in r.content.decode()
    client.post(url(workspace, f"categories/{category.public_id}/rename/"), {"name": "LED lighting"})
    category.refresh_from_db()
    assert category.name == "LED lighting"
    kettle(manager, category=category)
    page = client.get(url(workspace, "categories/")).content.decode()
    assert "LED lighting" in page and "1 product" in page
    sales = client_for(member_factory(Role.SALES))
    assert sales.post(url(workspace, "categories/"), {"name": "Sneaky"}).status_code == 404
    sales.post(url(workspace, f"categories/{category.public_id}/delete/"))
    assert selectors.categories(membership=manager) == [category]
    client.post(url(workspace, f"categories/{category.public_id}/delete/"))
    assert selectors.categories(membership=manager) == []


def test_pages_in_chinese(workspace, manager, client_for):
    manager.user.language = "zh-hans"
    manager.user.save(update_fields=["language"])
    product = kettle(manager)
    client = client_for(manager)
    html = client.get(url(workspace)).content.decode()
    assert "电热水壶 1.7升" in html and "产品" in html
    detail = client.get(url(workspace, f"{product.public_id}/")).content.decode()
    assert "规格" in detail and "西班牙语" in detail  # "Specifications", the Spanish name's language
