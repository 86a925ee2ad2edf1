"""Quotation rules (issue 11): totals and rounding per currency, the recorded rate, approval, the states a
quotation goes through, revisions and copies — each with what it refuses and leaves unchanged."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from tests.factories import CustomerFactory, history_of
from tests.sales import quote
from tradewind.catalog import services as catalog
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.tasks.models import Task
from tradewind.trade import services
from tradewind.trade.choices import QuotationStatus
from tradewind.trade.figures import container_estimate, document_margins
from tradewind.trade.lines import LineInput
from tradewind.trade.models import Quotation
from tradewind.trade.payment_terms import payment_terms_clean, payment_terms_text, preset_terms
from tradewind.workspaces.choices import Role

TT_30_70 = preset_terms("tt_30_70_bl")


def test_a_quotation_has_a_number_lines_totals_packing_and_the_days_rate(setup, today):
    quotation = quote(
        setup,
        lines=[
            LineInput(product=setup["product"], quantity="1000", unit_price="12.50", discount_percent="5"),
            LineInput(name="Tooling for the logo", quantity="1", unit="sets", unit_price="350"),
        ],
    )
    assert quotation.number == f"Q-{today.year}-0001" and quotation.status == QuotationStatus.DRAFT
    assert quotation.total == Decimal("12225.00")  # 1000 × 12.50 × 0.95 + 350
    assert quotation.rate == Decimal("1.08") and quotation.total_reporting == Decimal("13203.00")
    assert quotation.cartons == 167  # 1000 kettles, 6 a carton: 166.7 -> 167
    assert quotation.cbm == Decimal("8.6339")  # 167 × 0.0517 m³ (52 × 35.5 × 28 cm)
    line = quotation.lines.get(position=1)
    assert line.name == "Electric kettle 1.7 L" and line.sku == "KT-1700" and "Material" in line.specification
    assert line.cost_amount == Decimal("70") and line.cost_currency == "CNY"
    assert quote(setup).number == f"Q-{today.year}-0002"
    assert "trade.quotation.created" in set(
        history_of("crm.customer", setup["customer"]).values_list("kind", flat=True)
    )


@pytest.mark.parametrize(
    "currency, price, quantity, total",
    [
        ("JPY", "1234.5", "3", Decimal("3704")),  # JPY: no decimals; 3703.5 rounds half up
        ("EUR", "0.125", "3", Decimal("0.38")),  # 0.375 -> 0.38
        ("GBP", "9.999", "1", Decimal("10.00")),
    ],
)
def test_line_amounts_round_to_the_currencys_minor_units(setup, currency, price, quantity, total):
    quotation = quote(
        setup, currency=currency, lines=[LineInput(name="Part", quantity=quantity, unit_price=price)]
    )
    assert quotation.total == total


def test_a_line_without_a_price_takes_the_customers_list_price(setup):
    price_list = catalog.price_list_create(actor=setup["manager"], name="EUR 2027", currency="EUR")
    catalog.product_price_set(
        actor=setup["manager"], price_list=price_list, product=setup["product"], unit_price="13"
    )
    catalog.product_price_set(
        actor=setup["manager"],
        price_list=price_list,
        product=setup["product"],
        unit_price="12",
        min_quantity=1000,
    )
    quotation = quote(setup, lines=[LineInput(product=setup["product"], quantity="1200")])
    line = quotation.lines.get()
    assert (
        line.unit_price == Decimal("12")
        and line.list_price == Decimal("12")
        and line.price_list == price_list
    )
    with pytest.raises(ValidationFailed) as refused:
        quote(setup, currency="GBP", lines=[LineInput(product=setup["product"], quantity="10")])
    assert "no price list prices this" in str(refused.value.message)


@pytest.mark.parametrize(
    "change, words",
    [
        ({"lines": []}, "Add at least one line"),
        ({"lines": [LineInput(name="X", quantity="-1", unit_price="1")]}, "Line 1: the quantity"),
        ({"lines": [LineInput(name="X", quantity="2.5", unit_price="1")]}, "counted whole"),
        ({"lines": [LineInput(name="X", quantity="1e12", unit_price="1")]}, "Line 1: the quantity"),
        ({"lines": [LineInput(name="X", quantity="1", unit_price="-3")]}, "Line 1: a unit price"),
        (
            {"lines": [LineInput(name="X", quantity="1", unit_price="1", discount_percent="100")]},
            "a discount",
        ),
        ({"lines": [LineInput(quantity="1", unit_price="1")]}, "describe the goods"),
        ({"currency": "CHF"}, "does not trade in CHF"),
        ({"incoterm_place": ""}, "Name the place of the Incoterm"),
        ({"incoterm": "XYZ"}, "Choose an Incoterm"),
        ({"payment_terms": [{"percent": "30", "method": "tt", "event": "deposit"}]}, "must make 100"),
        ({"valid_until": dt.date(2000, 1, 1)}, "cannot expire before its date"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_made(setup, change, words):
    with pytest.raises(ValidationFailed) as refused:
        quote(setup, **change)
    assert any(words in str(e.message) for e in refused.value.each()), [
        str(e.message) for e in refused.value.each()
    ]
    assert not Quotation.objects.exists()


def test_a_missing_rate_for_the_documents_date_is_refused(setup, today):
    with pytest.raises(ValidationFailed) as refused:
        quote(setup, issued_on=today - dt.timedelta(days=60), valid_until=today)
    assert refused.value.code == "rate_missing"
    assert not Quotation.objects.exists()


def test_a_viewer_or_a_documents_clerk_does_not_quote(setup, member_factory):
    for role in (Role.VIEWER, Role.DOCUMENTS, Role.FINANCE):
        with pytest.raises(PermissionDenied):
            quote(setup, actor=member_factory(role))


def test_a_rep_cannot_quote_a_colleagues_private_customer(setup, member_factory):
    with pytest.raises(ValidationFailed):
        quote(setup, actor=member_factory(Role.SALES))


def test_margins_convert_cost_and_price_with_the_days_rates(setup):
    quotation = quote(setup)
    margins = document_margins(quotation, list(quotation.lines.all()))
    # Revenue 12,500 EUR × 1.08 = 13,500 USD; cost 1,000 × 70 CNY × 0.14 = 9,800 USD.
    assert margins.revenue.amount == Decimal("13500.00") and margins.cost.amount == Decimal("9800.00")
    assert margins.percent == Decimal("27.41")


def test_approval_rules_send_it_to_a_manager_with_a_task_and_back(setup):
    services.trade_settings(setup["rep"].workspace)  # defaults: discount > 10 %, margin < 15 %
    quotation = quote(
        setup,
        lines=[LineInput(product=setup["product"], quantity="1000", unit_price="14", discount_percent="15")],
    )
    with pytest.raises(Conflict):
        services.quotation_send(actor=setup["rep"], quotation=quotation, to="buyer@hausmann.de")
    quotation = services.quotation_submit(actor=setup["rep"], quotation=quotation)
    assert quotation.status == QuotationStatus.PENDING_APPROVAL
    assert {r["rule"] for r in quotation.approval_reasons} == {"discount"}
    task = Task.objects.get(subject_kind="trade.quotation", subject_id=quotation.public_id)
    assert task.assignee == setup["manager"]
    with pytest.raises(PermissionDenied):
        services.quotation_approve(actor=setup["rep"], quotation=quotation)
    with pytest.raises(ValidationFailed):
        services.quotation_reject(actor=setup["manager"], quotation=quotation, comment="")
    quotation = services.quotation_reject(
        actor=setup["manager"], quotation=quotation, comment="Max 10 % please"
    )
    assert quotation.status == QuotationStatus.DRAFT and quotation.decision_comment == "Max 10 % please"
    task.refresh_from_db()
    assert task.status == "done"
    quotation = services.quotation_submit(actor=setup["rep"], quotation=quotation)
    quotation = services.quotation_approve(
        actor=setup["manager"], quotation=quotation, comment="OK this once"
    )
    assert quotation.status == QuotationStatus.APPROVED and quotation.decided_by == setup["manager"]


def test_margin_and_total_rules(setup):
    settings = services.trade_settings(setup["rep"].workspace)
    settings.approval_total_amount = Decimal("10000")
    settings.save()
    cheap = quote(setup, lines=[LineInput(product=setup["product"], quantity="1000", unit_price="9.50")])
    reasons = {r["rule"] for r in services.approval_reasons(cheap)}
    assert reasons == {"margin", "total"}  # 9,500 EUR = 10,260 USD; margin 4.5 %
    texts = [services.approval_reason_text(r) for r in services.approval_reasons(cheap)]
    assert any("below 15 %" in t for t in texts) and any("above 10000 USD" in t for t in texts)


def test_a_quotation_without_reasons_is_ready_at_once_and_is_sent_by_email_with_its_pdf(
    setup, django_capture_on_commit_callbacks
):
    quotation = quote(setup)
    quotation = services.quotation_submit(actor=setup["rep"], quotation=quotation)
    assert quotation.status == QuotationStatus.APPROVED
    with django_capture_on_commit_callbacks(execute=True):
        quotation = services.quotation_send(
            actor=setup["rep"], quotation=quotation, to="buyer@hausmann.de", message="Dear Mr Hausmann, …"
        )
    assert quotation.status == QuotationStatus.SENT and quotation.sent_to == "buyer@hausmann.de"
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["buyer@hausmann.de"] and sent.attachments[0][0] == f"{quotation.number}.pdf"
    assert sent.attachments[0][1][:5] == b"%PDF-"
    kinds = list(history_of("crm.customer", setup["customer"]).values_list("kind", "data"))
    assert any(k == "trade.quotation.sent" and d.get("to") == "buyer@hausmann.de" for k, d in kinds)


def test_sent_quotations_are_revised_not_changed_and_every_revision_stays(setup, today):
    quotation = quote(setup)
    services.quotation_mark_sent(actor=setup["rep"], quotation=quotation)
    with pytest.raises(Conflict):
        services.quotation_update(actor=setup["rep"], quotation=quotation, remarks="new")
    revision = services.quotation_revise(actor=setup["rep"], quotation=quotation)
    assert revision.number == f"{quotation.number}-R2" and revision.status == QuotationStatus.DRAFT
    assert revision.lines.count() == 1 and revision.total == quotation.total
    quotation.refresh_from_db()
    assert quotation.status == QuotationStatus.SUPERSEDED
    revision = services.quotation_update(
        actor=setup["rep"],
        quotation=revision,
        lines=[LineInput(product=setup["product"], quantity="500", unit_price="13")],
    )
    assert revision.total == Decimal("6500.00")
    services.quotation_mark_sent(actor=setup["rep"], quotation=revision)
    third = services.quotation_revise(actor=setup["rep"], quotation=revision)
    assert third.number == f"{quotation.number}-R3"


def test_accept_and_decline_and_expiry(setup, today):
    quotation = quote(setup)
    with pytest.raises(Conflict):
        services.quotation_accept(actor=setup["rep"], quotation=quotation)  # not sent yet
    services.quotation_mark_sent(actor=setup["rep"], quotation=quotation)
    with pytest.raises(Conflict) as refused:
        services.quotation_accept(
            actor=setup["rep"], quotation=quotation, on=quotation.valid_until + dt.timedelta(1)
        )
    assert "expired" in str(refused.value.message)
    accepted = services.quotation_accept(actor=setup["rep"], quotation=quotation)
    assert accepted.status == QuotationStatus.ACCEPTED
    other = quote(setup)
    services.quotation_mark_sent(actor=setup["rep"], quotation=other)
    assert services.quotations_expire(today=other.valid_until + dt.timedelta(days=1)) == 1
    other.refresh_from_db()
    assert other.status == QuotationStatus.EXPIRED
    with pytest.raises(Conflict):
        services.quotation_accept(actor=setup["rep"], quotation=other)
    third = quote(setup)
    services.quotation_mark_sent(actor=setup["rep"], quotation=third)
    assert (
        services.quotation_decline(actor=setup["rep"], quotation=third, reason="Too dear").status
        == "declined"
    )


def test_the_rep_is_reminded_once_before_a_quotation_expires(setup, today):
    quotation = quote(setup, valid_until=today + dt.timedelta(days=2))
    services.quotation_mark_sent(actor=setup["rep"], quotation=quotation)
    assert services.quotations_remind_expiry(today=today) == 1
    assert services.quotations_remind_expiry(today=today) == 0
    from tradewind.notifications.models import Notification

    assert Notification.objects.filter(recipient=setup["rep"], kind="trade.quotation_expiring").count() == 1


def test_a_copy_is_a_new_draft_for_any_customer(setup, today):
    quotation = quote(setup)
    services.quotation_mark_sent(actor=setup["rep"], quotation=quotation)
    other = CustomerFactory(actor=setup["rep"], name="Nordic AB", country="SE", owner=setup["rep"])
    copy = services.quotation_copy(actor=setup["rep"], quotation=quotation, customer=other)
    assert copy.customer == other and copy.status == QuotationStatus.DRAFT and copy.number != quotation.number
    assert copy.total == quotation.total


def test_payment_terms_are_checked_and_printed():
    assert payment_terms_text(TT_30_70) == "30% T/T in advance (deposit), 70% T/T against copy of B/L"
    assert payment_terms_text(preset_terms("oa_60")) == "100% O/A 60 days after B/L date"
    with pytest.raises(ValidationFailed):
        payment_terms_clean([{"percent": "100", "method": "oa", "event": "days_after_bl"}])  # how many days?
    with pytest.raises(ValidationFailed):
        payment_terms_clean([{"percent": "100", "method": "bitcoin", "event": "deposit"}])


def test_container_estimate_by_volume_and_weight():
    fits = {f.kind: (f.count, f.fill_percent) for f in container_estimate(Decimal("60"), Decimal("9000"))}
    assert fits == {"20GP": (3, 14), "40GP": (2, 3), "40HQ": (1, 88)}
    heavy = {f.kind: f.count for f in container_estimate(Decimal("10"), Decimal("30000"))}
    assert heavy["20GP"] == 2  # 30 t is more than one 20' takes, whatever the volume
