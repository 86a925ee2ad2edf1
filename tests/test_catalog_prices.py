"""Price lists (issue 11): who may keep them, what they refuse, and which price a customer is quoted — the
customer's agreed list first, then its grade's, then the list for everyone; valid on the day; the largest
quantity tier not above the quantity."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import CustomerFactory, history_of
from tests.test_catalog_services import kettle
from tradewind.catalog import pricing, services
from tradewind.catalog.models import CustomerPriceList, PriceList, ProductPrice
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.core.money import Money
from tradewind.crm.models import CustomerGrade
from tradewind.workspaces.choices import Role

DAY = dt.date(2027, 3, 15)


def trades_in(actor, *codes):
    from tradewind.fx import services as fx

    for code in codes:
        fx.trading_currency_add(actor=actor, code=code)


@pytest.fixture
def manager(member_factory, owner):
    trades_in(owner, "EUR")
    return member_factory(Role.MANAGER)


@pytest.fixture
def product(manager):
    return kettle(manager)


def eur_list(actor, name="EUR distributors 2027", **extra):
    values = {"currency": "EUR", "valid_from": dt.date(2027, 1, 1), "valid_until": dt.date(2027, 12, 31)}
    values.update(extra)
    return services.price_list_create(actor=actor, name=name, **values)


def test_a_price_list_holds_tiers_and_remembers_who_changed_what(manager, product):
    price_list = eur_list(manager)
    services.product_price_set(actor=manager, price_list=price_list, product=product, unit_price="12.50")
    services.product_price_set(
        actor=manager, price_list=price_list, product=product, unit_price=Decimal("11.8"), min_quantity=1000
    )
    services.product_price_set(
        actor=manager, price_list=price_list, product=product, unit_price="11.75", min_quantity="1000"
    )  # the same tier again: a new price, not a new tier
    tiers = list(ProductPrice.objects.filter(price_list=price_list).order_by("min_quantity"))
    assert [(t.min_quantity, t.unit_price) for t in tiers] == [
        (1, Decimal("12.50")),
        (1000, Decimal("11.75")),
    ]
    kinds = list(history_of("catalog.price_list", price_list).values_list("kind", flat=True))
    assert kinds.count("price_list.price_set") == 3 and "price_list.created" in kinds


@pytest.mark.parametrize(
    "quantity, price, message",
    [
        ("0", "1", "The quantity is a whole number"),
        ("-5", "1", "The quantity is a whole number"),
        ("1.5", "1", "The quantity is a whole number"),
        ("1", "-1", "A unit price is from 0"),
        ("1", "1e12", "A unit price is from 0"),
        ("1", "0.00001", "At most 4 decimal places"),
        ("1", "", "Enter the unit price"),
        ("1", "NaN", "A unit price is from 0"),
    ],
)
def test_a_price_refuses_absurd_numbers_and_changes_nothing(manager, product, quantity, price, message):
    price_list = eur_list(manager)
    with pytest.raises(ValidationFailed) as refused:
        services.product_price_set(
            actor=manager, price_list=price_list, product=product, unit_price=price, min_quantity=quantity
        )
    assert any(message in str(e.message) for e in refused.value.each())
    assert not ProductPrice.objects.exists()


def test_only_managers_and_admins_keep_price_lists(member_factory, manager, product):
    price_list = eur_list(manager)
    for role in (Role.SALES, Role.FINANCE, Role.MARKETING, Role.VIEWER):
        someone = member_factory(role)
        with pytest.raises(PermissionDenied):
            services.price_list_create(actor=someone, name=f"Mine {role}", currency="EUR")
        with pytest.raises(PermissionDenied):
            services.product_price_set(actor=someone, price_list=price_list, product=product, unit_price="1")
    assert PriceList.objects.count() == 1 and not ProductPrice.objects.exists()


def test_list_rules_names_periods_and_currencies(manager, product):
    eur_list(manager)
    with pytest.raises(Conflict):
        eur_list(manager, name="eur DISTRIBUTORS 2027")  # names are unique whatever the case
    with pytest.raises(ValidationFailed) as refused:
        services.price_list_create(
            actor=manager, name="Backwards", currency="EUR", valid_from=DAY, valid_until=DAY - dt.timedelta(1)
        )
    assert refused.value.field == "valid_until"
    with pytest.raises(ValidationFailed) as refused:
        services.price_list_create(actor=manager, name="Yen", currency="JPY")
    assert refused.value.field == "currency"  # the workspace does not trade in yen
    with pytest.raises(ValidationFailed):
        services.price_list_create(actor=manager, name="", currency="XXX")
    assert PriceList.objects.count() == 1


def test_a_lists_currency_changes_only_while_it_has_no_prices(manager, product):
    price_list = eur_list(manager)
    services.price_list_update(actor=manager, price_list=price_list, currency="USD")
    services.product_price_set(actor=manager, price_list=price_list, product=product, unit_price="3")
    with pytest.raises(Conflict):
        services.price_list_update(actor=manager, price_list=price_list, currency="EUR")
    price_list.refresh_from_db()
    assert price_list.currency == "USD"


def test_a_discontinued_product_gets_no_new_price(manager, product):
    price_list = eur_list(manager)
    services.product_set_status(actor=manager, product=product, status="discontinued")
    with pytest.raises(Conflict):
        services.product_price_set(actor=manager, price_list=price_list, product=product, unit_price="3")


def test_a_copy_raises_every_price_and_rounds_to_cents(manager, product):
    source = eur_list(manager)
    services.product_price_set(actor=manager, price_list=source, product=product, unit_price="12.345")
    services.product_price_set(
        actor=manager, price_list=source, product=product, unit_price="10", min_quantity=500
    )
    copy = services.price_list_copy(
        actor=manager, source=source, name="EUR distributors 2028", change_percent="5",
        valid_from=dt.date(2028, 1, 1), valid_until=None,
    )  # fmt: skip
    prices = list(copy.prices.order_by("min_quantity").values_list("min_quantity", "unit_price"))
    assert prices == [(1, Decimal("12.96")), (500, Decimal("10.50"))]  # 12.345 × 1.05 = 12.96225
    assert copy.currency == "EUR" and copy.valid_from == dt.date(2028, 1, 1)
    with pytest.raises(ValidationFailed):
        services.price_list_copy(actor=manager, source=source, name="Too cheap", change_percent="-95")
    assert not PriceList.objects.filter(name="Too cheap").exists()


def test_the_quoted_price_follows_agreement_grade_validity_and_tiers(manager, product, owner):
    grade_a = CustomerGrade.objects.get(workspace=manager.workspace, code="A")
    buyer = CustomerFactory(actor=manager, name="Hausmann GmbH", country="DE", grade=grade_a)
    stranger = CustomerFactory(actor=manager, name="Neu GmbH", country="DE")
    everyone = eur_list(manager, name="EUR everyone 2027")
    grade_list = eur_list(manager, name="EUR A-grade 2027", grade=grade_a)
    agreed = eur_list(manager, name="Hausmann 2027")
    old = eur_list(
        manager, name="EUR 2026", valid_from=dt.date(2026, 1, 1), valid_until=dt.date(2026, 12, 31)
    )
    for price_list, price in ((everyone, "14"), (grade_list, "13"), (old, "9")):
        services.product_price_set(actor=manager, price_list=price_list, product=product, unit_price=price)
    services.product_price_set(
        actor=manager, price_list=grade_list, product=product, unit_price="12", min_quantity=1000
    )
    services.customer_price_list_add(actor=manager, price_list=agreed, customer=buyer)

    def quoted(customer, quantity=10, on=DAY, currency="EUR"):
        found = pricing.list_price(
            customer=customer, product=product, currency=currency, quantity=quantity, on=on
        )
        return (found.unit_price, found.price_list.name) if found else None

    # The agreed list does not price the kettle: the grade's list does.
    assert quoted(buyer) == (Money(Decimal("13"), "EUR"), "EUR A-grade 2027")
    assert quoted(buyer, quantity=999)[0] == Money(Decimal("13"), "EUR")
    assert quoted(buyer, quantity=1000)[0] == Money(Decimal("12"), "EUR")  # the tier from 1,000
    services.product_price_set(actor=manager, price_list=agreed, product=product, unit_price="11.5")
    assert quoted(buyer, quantity=5000) == (Money(Decimal("11.5"), "EUR"), "Hausmann 2027")
    assert quoted(stranger) == (Money(Decimal("14"), "EUR"), "EUR everyone 2027")
    assert quoted(None) == (Money(Decimal("14"), "EUR"), "EUR everyone 2027")
    assert quoted(stranger, on=dt.date(2026, 6, 1)) == (Money(Decimal("9"), "EUR"), "EUR 2026")
    assert quoted(stranger, on=dt.date(2029, 1, 1)) is None  # no list is valid then
    assert quoted(stranger, currency="USD") is None


def test_a_quantity_below_a_lists_first_tier_takes_no_price_from_it(manager, product):
    bulk = eur_list(manager, name="EUR bulk")
    services.product_price_set(
        actor=manager, price_list=bulk, product=product, unit_price="10", min_quantity=500
    )
    assert pricing.list_price(customer=None, product=product, currency="EUR", quantity=499, on=DAY) is None
    found = pricing.list_price(customer=None, product=product, currency="EUR", quantity=500, on=DAY)
    assert found.unit_price == Money(Decimal("10"), "EUR") and found.min_quantity == 500


def test_agreeing_a_list_twice_is_one_agreement_and_removal_is_recorded(manager):
    buyer = CustomerFactory(actor=manager, name="Hausmann GmbH", country="DE")
    price_list = eur_list(manager)
    services.customer_price_list_add(actor=manager, price_list=price_list, customer=buyer)
    services.customer_price_list_add(actor=manager, price_list=price_list, customer=buyer)
    assert CustomerPriceList.objects.count() == 1
    services.customer_price_list_remove(actor=manager, price_list=price_list, customer=buyer)
    assert not CustomerPriceList.objects.exists()
    kinds = set(history_of("catalog.price_list", price_list).values_list("kind", flat=True))
    assert {"price_list.customer_added", "price_list.customer_removed"} <= kinds


def test_list_prices_reads_many_lines_in_a_few_queries(manager, django_assert_max_num_queries):
    products = [kettle(manager, sku=f"KT-{n}") for n in range(20)]
    price_list = eur_list(manager)
    for product in products:
        services.product_price_set(actor=manager, price_list=price_list, product=product, unit_price="5")
    buyer = CustomerFactory(actor=manager, name="Hausmann GmbH", country="DE")
    with django_assert_max_num_queries(3):
        found = pricing.list_prices(
            workspace_id=manager.workspace_id, customer=buyer, currency="EUR", on=DAY,
            wanted=[(p.pk, 100) for p in products],
        )  # fmt: skip
    assert len(found) == 20


def test_deleting_a_list_deletes_its_prices_and_agreements(manager, product, member_factory):
    buyer = CustomerFactory(actor=manager, name="Hausmann GmbH", country="DE")
    price_list = eur_list(manager)
    services.product_price_set(actor=manager, price_list=price_list, product=product, unit_price="5")
    services.customer_price_list_add(actor=manager, price_list=price_list, customer=buyer)
    with pytest.raises(PermissionDenied):
        services.price_list_delete(actor=member_factory(Role.SALES), price_list=price_list)
    services.price_list_delete(actor=manager, price_list=price_list)
    assert not ProductPrice.objects.exists() and not CustomerPriceList.objects.exists()


# --- pages ------------------------------------------------------------------------------------------------


def page_url(workspace, path=""):
    return f"/w/{workspace.slug}/products/price-lists/{path}"


def test_a_manager_keeps_a_price_list_from_its_pages(manager, product, client_for):
    client = client_for(manager)
    form = {"name": "EUR distributors 2027", "currency": "EUR", "grade": "", "valid_from": "2027-01-01",
            "valid_until": "2027-12-31", "notes": ""}  # fmt: skip
    response = client.post(page_url(manager.workspace, "new/"), form)
    price_list = PriceList.objects.get()
    assert response.status_code == 302 and price_list.currency == "EUR"
    base = page_url(manager.workspace, f"{price_list.public_id}/")
    client.post(base + "prices/", {"sku": "kt-1700", "min_quantity": "1", "unit_price": "€12.50"})
    client.post(base + "prices/", {"sku": "KT-1700", "min_quantity": "1000", "unit_price": "11.8"})
    refused = client.post(
        base + "prices/", {"sku": "NOPE", "min_quantity": "0", "unit_price": "x"}, follow=True
    )
    body = refused.content.decode()
    assert "No product has the SKU" in body and "The quantity is a whole number" in body
    assert ProductPrice.objects.count() == 2
    page = client.get(base).content.decode()
    assert "€12.50" in page and "€11.80" in page and "≥ 1000" in page
    product_page = client.get(f"/w/{manager.workspace.slug}/products/{product.public_id}/").content.decode()
    assert "EUR distributors 2027" in product_page
    listing = client.get(page_url(manager.workspace), {"currency": "EUR"}).content.decode()
    assert "EUR distributors 2027" in listing
    copy = client.post(
        base + "copy/", {"name": "EUR 2028", "change_percent": "5", "valid_from": "", "valid_until": ""}
    )
    assert copy.status_code == 302 and PriceList.objects.filter(name="EUR 2028").exists()


def test_agreeing_a_list_with_a_customer_from_its_page(manager, client_for):
    buyer = CustomerFactory(actor=manager, name="Hausmann GmbH", country="DE")
    price_list = eur_list(manager)
    client = client_for(manager)
    base = page_url(manager.workspace, f"{price_list.public_id}/")
    found = client.get(base + "customers/", {"q": "hausm"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Hausmann GmbH" in found
    client.post(base + f"customers/{buyer.public_id}/add/")
    assert CustomerPriceList.objects.filter(price_list=price_list, customer=buyer).exists()
    client.post(base + f"customers/{buyer.public_id}/remove/")
    assert not CustomerPriceList.objects.exists()


def test_reps_read_price_lists_but_their_forms_do_not_exist_for_them(manager, member_factory, client_for):
    price_list = eur_list(manager)
    rep = member_factory(Role.SALES)
    client = client_for(rep)
    assert client.get(page_url(rep.workspace)).status_code == 200
    page = client.get(page_url(rep.workspace, f"{price_list.public_id}/")).content.decode()
    assert "Save price" not in page
    assert client.get(page_url(rep.workspace, "new/")).status_code == 404
    assert client.post(page_url(rep.workspace, f"{price_list.public_id}/delete/")).status_code == 404
    assert PriceList.objects.exists()
