"""Proforma invoices and orders (issue 11), and the FX-risk warning: what makes a PI, what its confirmation
records, what is refused."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import history_of, workspace_today
from tests.sales import quote
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.fx import services as fx
from tradewind.trade import services
from tradewind.trade.choices import OrderStatus
from tradewind.trade.fx_risk import fx_risk
from tradewind.trade.lines import LineInput
from tradewind.trade.models import Order, OrderPayment
from tradewind.workspaces.choices import Role


def accepted(setup, **extra):
    quotation = quote(setup, **extra)
    services.quotation_mark_sent(actor=setup["rep"], quotation=quotation)
    return services.quotation_accept(actor=setup["rep"], quotation=quotation)


def test_a_pi_is_made_only_from_an_accepted_quotation_and_only_once(setup):
    draft = quote(setup)
    with pytest.raises(Conflict) as refused:
        services.order_create_from_quotation(actor=setup["rep"], quotation=draft)
    assert "accepted quotation" in str(refused.value.message)
    quotation = accepted(setup)
    order = services.order_create_from_quotation(
        actor=setup["rep"], quotation=quotation, port_of_discharge="Hamburg", shipping_marks="HAUSMANN\nKÖLN"
    )
    assert order.number == f"PI-{workspace_today().year}-0001" and order.status == OrderStatus.PROFORMA
    assert order.total == quotation.total and order.lines.count() == quotation.lines.count()
    assert order.buyer_name == "Hausmann GmbH" and order.incoterm_text == "FOB Ningbo"
    with pytest.raises(Conflict):
        services.order_create_from_quotation(actor=setup["rep"], quotation=quotation)


def test_confirmation_makes_an_order_with_payments_that_add_up_to_the_cent(setup):
    quotation = accepted(
        setup,
        lines=[LineInput(name="Part", quantity="3", unit_price="33.33")],  # 99.99 EUR
        payment_terms=[
            {"percent": "30", "method": "tt", "event": "deposit"},
            {"percent": "70", "method": "tt", "event": "against_bl_copy"},
        ],
    )
    order = services.order_create_from_quotation(actor=setup["rep"], quotation=quotation)
    confirmed = services.order_confirm(
        actor=setup["rep"], order=order, signed_pi=SimpleUploadedFile("signed.pdf", b"%PDF-1.4 signed")
    )
    assert confirmed.status == OrderStatus.CONFIRMED and confirmed.signed_pi is not None
    payments = list(OrderPayment.objects.filter(order=order).order_by("position"))
    assert [p.amount for p in payments] == [Decimal("30.00"), Decimal("69.99")]
    assert payments[0].due_on == workspace_today() and payments[1].due_on is None
    assert "trade.order.confirmed" in set(
        history_of("crm.customer", setup["customer"]).values_list("kind", flat=True)
    )
    with pytest.raises(Conflict):
        services.order_confirm(actor=setup["rep"], order=order)


def test_a_confirmation_date_must_be_believable(setup):
    order = services.order_create_from_quotation(actor=setup["rep"], quotation=accepted(setup))
    with pytest.raises(ValidationFailed):
        services.order_confirm(
            actor=setup["rep"], order=order, confirmed_on=workspace_today() + dt.timedelta(1)
        )
    with pytest.raises(ValidationFailed):
        services.order_confirm(
            actor=setup["rep"], order=order, confirmed_on=order.issued_on - dt.timedelta(1)
        )
    order.refresh_from_db()
    assert order.status == OrderStatus.PROFORMA and not OrderPayment.objects.exists()


def test_a_direct_order_for_a_repeat_buyer(setup):
    order = services.order_create(
        actor=setup["rep"],
        customer=setup["customer"],
        currency="EUR",
        incoterm="CIF",
        incoterm_place="Hamburg",
        payment_terms=[{"percent": "100", "method": "lc", "event": "at_sight"}],
        lines=[LineInput(product=setup["product"], quantity="600", unit_price="12")],
        port_of_discharge="Hamburg",
    )
    assert order.quotation is None and order.total == Decimal("7200.00") and order.rate == Decimal("1.08")
    with pytest.raises(ValidationFailed):
        services.order_create(
            actor=setup["rep"], customer=setup["customer"], currency="EUR", incoterm_place="X",
            payment_terms=[], lines=[],
        )  # fmt: skip
    assert Order.objects.count() == 1


def test_who_keeps_orders(setup, member_factory):
    quotation = accepted(setup)
    for role in (Role.VIEWER, Role.FINANCE, Role.LOGISTICS):
        with pytest.raises(PermissionDenied):
            services.order_create_from_quotation(actor=member_factory(role), quotation=quotation)
    clerk = member_factory(Role.DOCUMENTS)  # the documents clerk types PIs
    assert services.order_create_from_quotation(actor=clerk, quotation=quotation).created_by == clerk


def test_cancelling_needs_a_reason(setup):
    order = services.order_create_from_quotation(actor=setup["rep"], quotation=accepted(setup))
    with pytest.raises(ValidationFailed):
        services.order_cancel(actor=setup["rep"], order=order, reason=" ")
    cancelled = services.order_cancel(actor=setup["rep"], order=order, reason="Buyer's bank refused the L/C")
    assert cancelled.status == OrderStatus.CANCELLED
    # A cancelled PI frees its quotation for a new one.
    assert services.order_create_from_quotation(actor=setup["rep"], quotation=order.quotation).pk != order.pk


def test_an_open_quotation_warns_when_its_currency_moved_beyond_the_threshold(setup):
    quotation = quote(setup)  # EUR at 1.08
    assert fx_risk(quotation) is None
    tomorrow = workspace_today() + dt.timedelta(days=1)
    fx.rate_set(actor=setup["owner"], currency="EUR", on=tomorrow, rate="1.03", confirm=True)  # −4.6 %
    risk = fx_risk(quotation, today=tomorrow)
    assert risk is not None and risk.change_percent == Decimal("-4.63")
    assert risk.margins_now.percent < Decimal("27.41")  # less revenue in USD, the same cost
    fx.rate_set(actor=setup["owner"], currency="EUR", on=tomorrow, rate="1.09", confirm=True)  # +0.9 %
    assert fx_risk(quotation, today=tomorrow) is None
    services.quotation_mark_sent(actor=setup["rep"], quotation=quotation)
    quotation = services.quotation_decline(actor=setup["rep"], quotation=quotation)
    fx.rate_set(actor=setup["owner"], currency="EUR", on=tomorrow, rate="1.00", confirm=True)
    assert fx_risk(quotation, today=tomorrow) is None  # declined: nothing at risk any more


def test_merging_a_duplicate_customer_moves_its_quotations_orders_and_price_lists(setup):
    """The documents protect their customer: the merge moves them first, and the agreed price lists."""
    from tests.factories import CustomerFactory
    from tradewind.catalog import services as catalog
    from tradewind.catalog.models import CustomerPriceList
    from tradewind.crm.services import customer_merge

    survivor, duplicate = (
        setup["customer"],
        CustomerFactory(actor=setup["rep"], name="Hausmann", country="DE"),
    )
    setup = {**setup, "customer": duplicate}
    order = services.order_create_from_quotation(actor=setup["rep"], quotation=accepted(setup))
    draft = quote(setup)
    both, one = (
        catalog.price_list_create(actor=setup["manager"], name=name, currency="EUR")
        for name in ("Both", "One")
    )
    for customer, price_list in ((survivor, both), (duplicate, both), (duplicate, one)):
        catalog.customer_price_list_add(actor=setup["manager"], price_list=price_list, customer=customer)
    merge = customer_merge(actor=setup["manager"], survivor=survivor, merged=duplicate)
    assert merge.moved["sales_documents"] == 3  # the accepted quotation, its PI, the draft
    order.refresh_from_db()
    draft.refresh_from_db()
    assert order.customer == survivor and draft.customer == survivor
    assert order.quotation.customer_id == survivor.pk
    agreed = CustomerPriceList.objects.filter(customer=survivor).values_list("price_list__name", flat=True)
    assert sorted(agreed) == ["Both", "One"]
