"""Catalog rules (issue 11): products, categories, photos — each rule with what it refuses and changes."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import history_of
from tradewind.catalog import services
from tradewind.catalog.models import Category, Product, ProductPhoto
from tradewind.catalog.rules import hs_code_clean, hs_code_display
from tradewind.core.errors import ApplicationError, Conflict, PermissionDenied
from tradewind.core.money import Money
from tradewind.core.text import fold
from tradewind.files.models import StoredFile
from tradewind.workspaces.choices import Role


@pytest.fixture
def manager(member_factory):
    return member_factory(Role.MANAGER)


def kettle(actor, **extra):
    values = {
        "sku": "KT-1700",
        "name_en": "Electric kettle 1.7 L",
        "name_zh": "电热水壶 1.7升",
        "unit": "pcs",
        "moq": 500,
        "hs_code": "8516.79.90",
        "specs": [["Material", "304 stainless steel"], ["Voltage", "220–240 V"]],
        "names": {"es": "Hervidor eléctrico", "ru": "Электрочайник"},
        "units_per_carton": 6,
        "carton_length_cm": Decimal("52.0"),
        "carton_width_cm": Decimal("35.5"),
        "carton_height_cm": Decimal("28.0"),
        "carton_net_kg": Decimal("7.20"),
        "carton_gross_kg": Decimal("8.40"),
    }
    values.update(extra)
    return services.product_create(actor=actor, **values)


def png(width=800, height=600, color=(200, 30, 30)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, "PNG")
    return SimpleUploadedFile("kettle.png", out.getvalue(), content_type="image/png")


def test_a_product_keeps_its_facts_cbm_and_a_search_text_in_every_language(manager):
    product = kettle(manager, category=services.category_create(actor=manager, name="Kitchen appliances"))
    product.refresh_from_db()
    assert product.hs_code == "85167990" and hs_code_display(product.hs_code) == "8516.79.90"
    assert product.cbm_per_carton == Decimal("0.0517")  # 52 × 35.5 × 28 cm = 0.05168 m³
    for word in ("kt-1700", "电热水壶", "hervidor", "электрочайник", "304", "kitchen", "85167990"):
        assert fold(word) in product.search_text, word  # searched as folded: й as и, é as e
    assert product.name_in("zh-hans") == "电热水壶 1.7升" and product.name_in("es") == "Hervidor eléctrico"
    assert product.name_in("de") == "Electric kettle 1.7 L"
    assert [e.kind for e in history_of("catalog.product", product)] == ["catalog.created"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"sku": ""}, "sku"),
        ({"sku": "KT 17"}, "sku"),
        ({"name_en": "", "name_zh": ""}, "name_en"),
        ({"hs_code": "8516"}, "hs_code"),
        ({"hs_code": "85167990123"}, "hs_code"),
        ({"hs_code": "8516.7A"}, "hs_code"),
        ({"unit": "bottles"}, "unit"),
        ({"moq": 0}, "moq"),
        ({"moq": Decimal("2.5")}, "moq"),
        ({"lead_time_days": 5000}, "lead_time_days"),
        ({"carton_length_cm": Decimal("0")}, "carton_length_cm"),
        ({"carton_height_cm": Decimal("12.34")}, "carton_height_cm"),
        ({"carton_gross_kg": Decimal("5.00")}, "carton_gross_kg"),  # less than the net 7.20
        ({"names": {"xx-notalanguage": "a"}}, "names"),
        ({"names": {"zh": "水壶"}}, "names"),
        ({"specs": [["", "only a value"]]}, "specs"),
        ({"specs": [["a", "b", "c"]]}, "specs"),
    ],
)
def test_bad_input_is_refused_with_the_field_named_and_nothing_saved(manager, changes, field):
    with pytest.raises(ApplicationError) as refused:
        kettle(manager, **changes)
    assert field in refused.value.fields
    assert not Product.objects.exists()


def test_several_problems_are_all_told_at_once(manager):
    with pytest.raises(ApplicationError) as refused:
        kettle(manager, hs_code="12", moq=0, unit="bottles")
    assert set(refused.value.fields) == {"hs_code", "moq", "unit"}


def test_the_sku_is_unique_whatever_its_case(manager):
    kettle(manager)
    with pytest.raises(Conflict) as refused:
        kettle(manager, sku="kt-1700")
    assert "sku" in refused.value.fields and Product.objects.count() == 1


def test_who_may_change_the_catalog_and_its_costs(member_factory, manager):
    product = kettle(manager, cost=Money(Decimal("41.50"), "CNY"))
    sales, finance, merchandiser = (member_factory(r) for r in (Role.SALES, Role.FINANCE, Role.MERCHANDISER))
    with pytest.raises(PermissionDenied):
        kettle(sales, sku="KT-2")
    with pytest.raises(PermissionDenied):
        services.product_update(actor=sales, product=product, name_en="Kettle")
    with pytest.raises(PermissionDenied):  # a merchandiser keeps specs and packing, not costs
        services.product_update(actor=merchandiser, product=product, cost=Money(Decimal("1"), "CNY"))
    services.product_update(actor=merchandiser, product=product, moq=1000)
    with pytest.raises(PermissionDenied):  # finance: the cost, nothing else
        services.product_update(actor=finance, product=product, moq=1, cost=Money(Decimal("39"), "CNY"))
    services.product_update(actor=finance, product=product, cost=Money(Decimal("39.0125"), "CNY"))
    product.refresh_from_db()
    assert product.moq == 1000 and product.cost == Money(Decimal("39.0125"), "CNY")
    changes = [
        e.data["fields"] for e in history_of("catalog.product", product) if e.kind == "catalog.changed"
    ]
    assert changes == [["cost"], ["moq"]]


def test_an_update_that_changes_nothing_writes_no_history(manager):
    product = kettle(manager)
    services.product_update(actor=manager, product=product, moq=500, name_en="Electric kettle 1.7 L")
    assert [e.kind for e in history_of("catalog.product", product)] == ["catalog.created"]


def test_discontinue_and_offer_again(manager):
    product = kettle(manager)
    services.product_set_status(actor=manager, product=product, status="discontinued")
    services.product_set_status(actor=manager, product=product, status="discontinued")  # no second entry
    services.product_set_status(actor=manager, product=product, status="active")
    kinds = [e.kind for e in history_of("catalog.product", product)]
    assert kinds == ["catalog.reactivated", "catalog.discontinued", "catalog.created"]


def test_categories_are_unique_and_deleting_one_keeps_its_products(manager):
    kitchen = services.category_create(actor=manager, name="Kitchen")
    with pytest.raises(Conflict):
        services.category_create(actor=manager, name="kitchen")
    product = kettle(manager, category=kitchen)
    services.category_rename(actor=manager, category=kitchen, name="Small appliances")
    product.refresh_from_db()
    assert "small appliances" in product.search_text
    assert services.category_delete(actor=manager, category=kitchen) == 1
    product.refresh_from_db()
    assert product.category is None and "small appliances" not in product.search_text
    assert not Category.objects.exists()


def test_a_photo_gets_a_thumbnail_and_removing_it_removes_both_files(
    manager, django_capture_on_commit_callbacks
):
    product = kettle(manager)
    photo = services.product_photo_add(actor=manager, product=product, upload=png(1600, 1200))
    assert photo.file.content_type == "image/png" and photo.thumbnail.content_type == "image/jpeg"
    from tradewind.files.services import stored_file_open

    with stored_file_open(photo.thumbnail) as f, Image.open(f) as thumb:
        assert max(thumb.size) == services.THUMBNAIL_PIXELS and thumb.size == (320, 240)
    with django_capture_on_commit_callbacks(execute=True):
        services.product_photo_remove(actor=manager, photo=photo)
    assert not ProductPhoto.objects.exists() and not StoredFile.objects.exists()
    kinds = [e.kind for e in history_of("catalog.product", product)]
    assert kinds[:2] == ["catalog.photo_removed", "catalog.photo_added"]


def test_a_file_that_is_no_image_is_refused_and_nothing_kept(manager):
    product = kettle(manager)
    fake = SimpleUploadedFile("kettle.png", b"this is text, not a picture", content_type="image/png")
    with pytest.raises(ApplicationError) as refused:
        services.product_photo_add(actor=manager, product=product, upload=fake)
    assert "file" in refused.value.fields
    assert not ProductPhoto.objects.exists() and not StoredFile.objects.exists()


def test_a_broken_image_is_refused_and_nothing_kept(manager, django_capture_on_commit_callbacks):
    product = kettle(manager)
    broken = SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ApplicationError):
        services.product_photo_add(actor=manager, product=product, upload=broken)
    assert not ProductPhoto.objects.exists() and not StoredFile.objects.exists()


def test_at_most_twelve_photos(manager, settings):
    product = kettle(manager)
    for _ in range(services.MAX_PHOTOS):
        services.product_photo_add(actor=manager, product=product, upload=png(40, 40))
    with pytest.raises(Conflict):
        services.product_photo_add(actor=manager, product=product, upload=png(40, 40))
    assert product.photos.count() == services.MAX_PHOTOS


def test_hs_codes_are_read_as_written():
    assert hs_code_clean(" 8516 79 90 ") == "85167990" and hs_code_clean("8516.79-9000") == "8516799000"
    assert hs_code_display("851679") == "8516.79" and hs_code_display("8516799000") == "8516.79.9000"
    assert hs_code_clean("") == ""
