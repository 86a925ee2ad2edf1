"""Demo sales: the letterhead, price lists in USD and EUR with quantity tiers, quotations in USD, EUR, GBP
and JPY in every state (one awaiting approval), and proforma invoices and orders — all made through the
services, so the demo shows what the rules produce."""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from tradewind.catalog import services as catalog
from tradewind.catalog.models import PriceList, Product
from tradewind.crm.models import Customer, CustomerGrade
from tradewind.trade import services
from tradewind.trade.lines import LineInput
from tradewind.trade.models import Quotation
from tradewind.trade.payment_terms import preset_terms

LETTERHEAD = {
    "legal_name": "Ningbo Haichao Import & Export Co., Ltd.",
    "legal_name_zh": "宁波海潮进出口有限公司",
    "address": "18F, Haichao Tower, 666 Zhongshan East Road\nHaishu District, Ningbo 315000, China",
    "phone": "+86 574 8736 5500",
    "email": "sales@haichao.example",
    "website": "www.haichao.example",
    "bank_details": (
        "Beneficiary: Ningbo Haichao Import & Export Co., Ltd.\n"
        "Bank: Bank of China, Ningbo Branch, 139 Yaohang Street, Ningbo, China\n"
        "Account (USD/EUR): 3587 5812 9931\nSWIFT: BKCHCNBJ92A"
    ),
}
# Which currency each buyer country is quoted in.
CURRENCY_BY_COUNTRY = {"DE": "EUR", "FR": "EUR", "IT": "EUR", "ES": "EUR", "NL": "EUR", "PL": "EUR",
                       "GB": "GBP", "JP": "JPY"}  # fmt: skip
USD_PER_CNY = Decimal("0.1385")


def _price(cost: Decimal, markup: str, per_usd: Decimal, places: int = 2) -> Decimal:
    return (cost * USD_PER_CNY * Decimal(markup) / per_usd).quantize(
        Decimal(1).scaleb(-places), ROUND_HALF_UP
    )


def _price_lists(manager, products) -> None:
    grade_a = CustomerGrade.objects.filter(workspace=manager.workspace, code="A").first()
    lists = [
        ("USD list 2026", "USD", None, "1.42", Decimal(1)),
        ("USD distributors 2026", "USD", grade_a, "1.32", Decimal(1)),
        ("EUR distributors 2026", "EUR", grade_a, "1.32", Decimal("1.08")),
        ("EUR list 2026", "EUR", None, "1.42", Decimal("1.08")),
    ]
    year = timezone.localdate().year
    for name, currency, grade, markup, per_usd in lists:
        price_list = catalog.price_list_create(
            actor=manager, name=name, currency=currency, grade=grade,
            valid_from=dt.date(year, 1, 1), valid_until=dt.date(year, 12, 31),
        )  # fmt: skip
        for product in products:
            base = _price(product.cost_amount, markup, per_usd)
            catalog.product_price_set(actor=manager, price_list=price_list, product=product, unit_price=base)
            if product.moq and product.moq < 2000:  # a tier for a full order
                tier = (base * Decimal("0.95")).quantize(Decimal("0.01"), ROUND_HALF_UP)
                catalog.product_price_set(
                    actor=manager, price_list=price_list, product=product, unit_price=tier, min_quantity=2000
                )


def _lines(rng, products, currency) -> list[LineInput]:
    places = 0 if currency == "JPY" else 2
    per_usd = {"USD": Decimal(1), "EUR": Decimal("1.08"), "GBP": Decimal("1.27"), "JPY": Decimal("0.0067")}[
        currency
    ]
    lines = []
    for product in rng.sample(products, rng.randint(2, 6)):
        quantity = max(product.moq or 100, 100) * rng.choice((1, 1, 2, 3))
        lines.append(
            LineInput(
                product=product,
                quantity=str(quantity),
                unit_price=str(
                    _price(product.cost_amount, rng.choice(("1.30", "1.35", "1.40")), per_usd, places)
                ),
            )
        )
    return lines


def _quote(rep, customer, currency, lines, *, days_ago: int, **extra):
    issued = timezone.localdate() - dt.timedelta(days=days_ago)
    return services.quotation_create(
        actor=rep,
        customer=customer,
        currency=currency,
        incoterm=extra.pop("incoterm", "FOB"),
        incoterm_place=extra.pop("incoterm_place", "Ningbo"),
        payment_terms=extra.pop("payment_terms", preset_terms("tt_30_70_bl")),
        lines=lines,
        issued_on=issued,
        valid_until=issued + dt.timedelta(days=extra.pop("validity", 30)),
        lead_time_days=35,
        **extra,
    )


def demo_trade(*, workspace, members_by_email) -> None:
    """Once: nothing is added to a workspace that has quotations already."""
    if (
        Quotation.objects.filter(workspace=workspace).exists()
        or PriceList.objects.filter(workspace=workspace).exists()
    ):
        return
    rng = random.Random(11)  # noqa: S311 - demo data, not secrets
    manager = members_by_email["zhang.wei@haichao.example"]
    reps = [members_by_email["amy.liu@haichao.example"], members_by_email["kevin.zhou@haichao.example"]]
    services.trade_settings_update(actor=manager, **LETTERHEAD)
    products = list(
        Product.objects.filter(workspace=workspace, status="active", cost_amount__isnull=False)[:30]
    )
    if not products:
        return
    _price_lists(manager, products)
    _british_buyer(reps[1])
    customers = list(
        Customer.objects.filter(workspace=workspace, owner__in=reps)
        .select_related("owner", "grade")
        .order_by("name")
    )
    # Buyers of every currency early in the rotation: the demo shows USD, EUR, GBP and JPY side by side.
    customers.sort(key=lambda c: (CURRENCY_BY_COUNTRY.get(c.country, "USD") == "USD", c.name))
    made = []
    # (state, days ago): a sales pipeline of the last three months.
    plan = [
        ("draft", 1), ("draft", 3), ("pending", 2), ("pending", 4), ("approved", 2), ("sent", 5), ("sent", 9),
        ("sent", 12), ("sent", 20), ("accepted", 25), ("accepted", 34), ("accepted", 41), ("accepted", 50),
        ("declined", 30), ("declined", 45), ("expired", 70), ("expired", 80), ("revised", 18),
    ]  # fmt: skip
    for number, (state, days_ago) in enumerate(plan):
        customer = customers[number % len(customers)]
        rep = customer.owner
        currency = CURRENCY_BY_COUNTRY.get(customer.country, "USD")
        lines = _lines(rng, products, currency)
        if state == "pending":  # a discount beyond the 10 % a rep may give alone
            lines[0].discount_percent = "15"
        # Valid when it was sent and answered (an expired one is made to expire below).
        validity = days_ago + 5 if state == "expired" else max(30, days_ago + 15)
        inquiry = _answered_inquiry(customer) if state in ("sent", "accepted", "declined") else None
        quotation = _quote(
            rep, customer, currency, lines, days_ago=days_ago, validity=validity, inquiry=inquiry
        )
        made.append((state, quotation))
        if state == "draft":
            continue
        quotation = services.quotation_submit(actor=rep, quotation=quotation)
        if state in ("pending", "approved"):
            continue
        if state == "expired":  # sent while valid, then nobody answered
            _backdate_validity(quotation)
            continue
        quotation = services.quotation_mark_sent(actor=rep, quotation=quotation)
        if state == "accepted":
            services.quotation_accept(actor=rep, quotation=quotation)
        elif state == "declined":
            services.quotation_decline(
                actor=rep, quotation=quotation, reason="Found a cheaper supplier in Vietnam"
            )
        elif state == "revised":
            revision = services.quotation_revise(actor=rep, quotation=quotation)
            services.quotation_update(actor=rep, quotation=revision, remarks="Revised: prices for 2 × 40HQ.")
    services.quotations_expire(today=timezone.localdate())
    _orders(manager, [q for state, q in made if state == "accepted"], rng, products, customers)


def _answered_inquiry(customer):
    """A demo inquiry of the customer that says it was quoted, for the quotation that answered it."""
    from tradewind.trade.inquiries.models import Inquiry

    return (
        Inquiry.objects.filter(customer=customer, status__in=("quoted", "won"), quotations__isnull=True)
        .order_by("received_at")
        .first()
    )


def _british_buyer(rep) -> None:
    """A UK buyer, so the demo quotes in pounds too."""
    from tradewind.crm.services import customer_create

    customer_create(
        actor=rep,
        data={"name": "Brighton Cookshop Supplies Ltd", "country": "GB", "city": "Brighton",
              "stage": "customer", "source": "trade_fair", "source_detail": "Canton Fair, autumn",
              "currency": "GBP", "incoterm": "FOB", "named_place": "Ningbo", "destination_port": "GBFXT"},
        contacts=[{"name": "Oliver Hughes", "emails": ["oliver.hughes@brighton-cookshop.example"]}],
        confirm_duplicates=True,
    )  # fmt: skip


def _backdate_validity(quotation) -> None:
    """Demo only: a quotation sent long ago whose validity ran out (the services refuse to send an expired
    one, so it is sent first and its dates are moved back)."""
    services.quotation_mark_sent(actor=quotation.owner, quotation=quotation)
    Quotation.objects.filter(pk=quotation.pk).update(valid_until=timezone.localdate() - dt.timedelta(days=10))


def _orders(manager, accepted, rng, products, customers) -> None:
    today = timezone.localdate()
    documents = manager.workspace.memberships.filter(user__email="li.na@haichao.example").first() or manager
    for index, quotation in enumerate(accepted):
        quotation.refresh_from_db()
        if index == len(accepted) - 1:
            continue  # the newest acceptance still waits for its PI
        order = services.order_create_from_quotation(
            actor=documents,
            quotation=quotation,
            port_of_loading="Ningbo, China",
            port_of_discharge=quotation.customer.destination_port or "Hamburg, Germany",
            shipping_marks=f"{quotation.customer.name.upper()[:30]}\nPO {quotation.number}\nMADE IN CHINA",
            delivery_date=today + dt.timedelta(days=45 - index * 5),
        )
        if index < 2:
            services.order_confirm(actor=quotation.owner, order=order, confirmed_on=today)
    repeat = next((c for c in customers if c.grade and c.grade.code == "A"), customers[0])
    order = services.order_create(
        actor=repeat.owner,
        customer=repeat,
        currency=CURRENCY_BY_COUNTRY.get(repeat.country, "USD"),
        incoterm="CIF",
        incoterm_place="Rotterdam",
        payment_terms=preset_terms("lc_sight"),
        lines=_lines(rng, products, CURRENCY_BY_COUNTRY.get(repeat.country, "USD")),
        buyer_name=repeat.name,
        port_of_loading="Ningbo, China",
        port_of_discharge="Rotterdam, Netherlands",
        remarks="Repeat order: same packing and marks as last time.",
    )
    services.order_confirm(actor=repeat.owner, order=order)
