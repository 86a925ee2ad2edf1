"""Receipts against an order's payment milestones: partial payments, the allocation order, over-payments
refused unless confirmed (then kept as credit), another currency's rate, reversal, who may do it — each
refusal checked for what it left behind."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import history_of, workspace_today
from tests.receivables_helpers import confirmed, days_ago, due, finance_of, milestones, pay, shipment
from tradewind.activity.kinds import activity_text
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.core.money import Money
from tradewind.trade import services as trade
from tradewind.trade.receivables import services
from tradewind.trade.receivables.choices import ReceiptStatus, ReceivablesAuditAction
from tradewind.trade.receivables.models import Allocation, Receipt
from tradewind.trade.receivables.selectors import order_balance_open, order_milestones
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import AuditEntry


@pytest.fixture
def finance(setup, member_factory):
    return finance_of(setup, member_factory)


def received(order) -> list[Decimal]:
    return [p.received for p in milestones(order)]


def test_a_partial_payment_settles_part_of_the_deposit(setup, finance):
    order = confirmed(setup)
    assert [p.amount for p in milestones(order)] == [Decimal("3750.00"), Decimal("8750.00")]
    receipt = pay(finance, order, "1000", reference="FT2612070001", payer="Hausmann GmbH", bank_charges="15")
    assert receipt.number == f"RC-{workspace_today().year}-0001" and receipt.status == ReceiptStatus.RECORDED
    assert receipt.amount_in_order == Decimal("1000.00") and receipt.rate is None and receipt.credit == 0
    assert received(order) == [Decimal("1000.00"), Decimal("0")]
    assert order_balance_open(order) == Money(Decimal("11500"), "EUR")
    deposit = order_milestones(order)[0]
    assert deposit.open == Decimal("2750.00") and deposit.state == "due"  # due today: not overdue yet
    entry = history_of("trade.order", order).get(kind="receivables.receipt_recorded")
    assert activity_text(entry.kind, entry.data) == f"Receipt {receipt.number}: €1,000.00 received"
    assert history_of("crm.customer", setup["customer"]).filter(kind="receivables.receipt_recorded").exists()


def test_the_oldest_due_milestone_is_settled_first(setup, finance):
    # Position 1 falls due 30 days after position 2: the receipt goes to the earlier one first.
    order = confirmed(
        setup,
        terms=[
            {"percent": "50", "method": "oa", "event": "days_after_bl", "days": 30},
            {"percent": "50", "method": "tt", "event": "before_shipment"},
        ],
    )
    shipment(order, etd=days_ago(2), bl_date=days_ago(2))
    services.milestone_due_dates_refresh(order)
    pay(finance, order, "7000")
    assert received(order) == [Decimal("750.00"), Decimal("6250.00")]


def test_milestones_without_a_due_date_come_after_the_dated_ones(setup, finance):
    order = confirmed(setup)  # deposit due today, balance waiting for the B/L
    pay(finance, order, "4000")
    assert received(order) == [Decimal("3750.00"), Decimal("250.00")]


def test_finance_may_choose_the_milestones(setup, finance):
    order = confirmed(setup)
    balance = milestones(order)[1]
    pay(finance, order, "500", allocations=[(balance.public_id, Decimal("500"))])
    assert received(order) == [Decimal("0"), Decimal("500.00")]


def test_a_chosen_allocation_above_what_is_open_is_refused(setup, finance):
    order = confirmed(setup)
    deposit = milestones(order)[0]
    with pytest.raises(ValidationFailed) as refused:
        pay(finance, order, "5000", allocations=[(deposit.public_id, Decimal("5000"))])
    assert refused.value.field == "allocations" and "3,750.00" in str(refused.value.message)
    with pytest.raises(ValidationFailed) as refused:
        pay(
            finance,
            order,
            "100",
            allocations=[(deposit.public_id, Decimal("60")), (deposit.public_id, Decimal(40))],
        )
    assert refused.value.field == "allocations"
    with pytest.raises(ValidationFailed) as refused:
        pay(finance, order, "100", allocations=[(deposit.public_id, Decimal("150"))])
    assert refused.value.field == "allocations" and "more than the receipt" in str(refused.value.message)
    assert not Receipt.objects.exists() and received(order) == [0, 0]


def test_an_over_payment_is_refused_unless_confirmed_then_kept_as_credit(setup, finance):
    order = confirmed(setup)
    with pytest.raises(ValidationFailed) as refused:
        pay(finance, order, "13000")
    assert refused.value.field == "confirm_overpayment" and refused.value.code == "overpayment"
    assert "€500.00" in str(refused.value.message)
    assert not Receipt.objects.exists() and received(order) == [0, 0]
    assert not AuditEntry.objects.filter(action=ReceivablesAuditAction.OVERPAYMENT_KEPT).exists()

    receipt = pay(finance, order, "13000", confirm_overpayment=True)
    assert receipt.credit == Decimal("500.00")
    entry = history_of("trade.order", order).get(kind="receivables.receipt_recorded")
    assert activity_text(entry.kind, entry.data).endswith("€13,000.00 received — €500.00 kept as credit")
    assert received(order) == [Decimal("3750.00"), Decimal("8750.00")] and order_balance_open(order) is None
    assert AuditEntry.objects.filter(action=ReceivablesAuditAction.OVERPAYMENT_KEPT).count() == 1
    # Nothing open any more: any further receipt is all credit, and needs the confirmation too.
    with pytest.raises(ValidationFailed):
        pay(finance, order, "10")


def test_money_left_unallocated_by_a_choice_needs_the_confirmation_too(setup, finance):
    order = confirmed(setup)
    deposit = milestones(order)[0]
    with pytest.raises(ValidationFailed) as refused:
        pay(finance, order, "1000", allocations=[(deposit.public_id, Decimal("600"))])
    assert refused.value.field == "confirm_overpayment" and "400.00" in str(refused.value.message)
    receipt = pay(
        finance, order, "1000", allocations=[(deposit.public_id, Decimal("600"))], confirm_overpayment=True
    )
    assert receipt.credit == Decimal("400.00") and received(order)[0] == Decimal("600.00")


def test_a_receipt_in_another_currency_needs_its_rate(setup, finance):
    order = confirmed(setup)  # EUR
    with pytest.raises(ValidationFailed) as refused:
        pay(finance, order, "1000", currency="USD")
    assert refused.value.field == "rate" and "EUR for 1 USD" in str(refused.value.message)
    for bad in ("0", "-1", "abc", "1.12345678901"):
        with pytest.raises(ValidationFailed) as refused:
            pay(finance, order, "1000", currency="USD", rate=bad)
        assert refused.value.field == "rate", bad
    assert not Receipt.objects.exists()
    receipt = pay(finance, order, "1000.01", currency="USD", rate="0.925")
    # 1000.01 × 0.925 = 925.00925: the order counts it to the cent.
    assert receipt.amount == Decimal("1000.01") and receipt.amount_in_order == Decimal("925.01")
    assert received(order) == [Decimal("925.01"), 0]


def test_a_receipt_in_the_orders_currency_takes_no_rate(setup, finance):
    order = confirmed(setup)
    with pytest.raises(ValidationFailed) as refused:
        pay(finance, order, "100", rate="1.1")
    assert refused.value.field == "rate"
    assert pay(finance, order, "100", rate="1").rate is None


def test_bad_input_names_every_field_and_changes_nothing(setup, finance):
    order = confirmed(setup)
    with pytest.raises(ValidationFailed) as refused:
        pay(
            finance, order, "12.345", received_on=workspace_today() + dt.timedelta(days=1),
            bank_charges="-1", reference="x" * 101,
        )  # fmt: skip
    assert {"received_on", "amount", "bank_charges", "reference"} <= set(refused.value.fields)
    with pytest.raises(ValidationFailed) as refused:
        pay(finance, order, "100", received_on=order.issued_on - dt.timedelta(days=1))
    assert refused.value.field == "received_on"
    with pytest.raises(ValidationFailed) as refused:
        pay(finance, order, "100", bank_charges="100")
    assert refused.value.field == "bank_charges"
    with pytest.raises(ValidationFailed) as refused:
        pay(finance, order, "100", currency="XXX")
    assert refused.value.field == "currency"
    with pytest.raises(ValidationFailed) as refused:
        pay(finance, order, "0")
    assert refused.value.field == "amount"
    assert not Receipt.objects.exists() and received(order) == [0, 0]


def test_jpy_has_no_cents(setup, finance):
    from tradewind.trade.lines import LineInput

    order = confirmed(
        setup, currency="JPY", terms=[{"percent": "100", "method": "tt", "event": "deposit"}],
        lines=[LineInput(product=setup["product"], quantity="1000", unit_price="2500")],
    )  # fmt: skip
    with pytest.raises(ValidationFailed) as refused:
        pay(finance, order, "100.5")
    assert refused.value.field == "amount"
    assert pay(finance, order, "100").amount_in_order == Decimal("100")


def test_only_finance_and_the_leads_record_receipts(setup, finance, member_factory):
    order = confirmed(setup)
    for role in (Role.SALES, Role.MERCHANDISER, Role.DOCUMENTS, Role.VIEWER):
        with pytest.raises(PermissionDenied):
            pay(member_factory(role), order, "100")
    with pytest.raises(PermissionDenied):
        pay(setup["rep"], order, "100")  # the order's own rep reads, but does not book money
    assert pay(setup["manager"], order, "100").recorded_by == setup["manager"]
    assert pay(setup["owner"], order, "100")
    inactive = member_factory(Role.FINANCE, is_active=False)
    with pytest.raises(PermissionDenied):
        pay(inactive, order, "100")


def test_receipts_only_on_confirmed_orders(setup, finance):
    order = confirmed(setup)
    trade.order_cancel(actor=setup["rep"], order=order, reason="Buyer went bankrupt")
    with pytest.raises(Conflict):
        pay(finance, order, "100")


def test_a_reversal_opens_the_milestones_again_and_is_audited(setup, finance):
    order = confirmed(setup)
    first = pay(finance, order, "4000")  # deposit and 250 of the balance
    pay(finance, order, "100")
    assert received(order) == [Decimal("3750.00"), Decimal("350.00")]
    with pytest.raises(ValidationFailed) as refused:
        services.receipt_reverse(actor=finance, receipt=first, reason="  ")
    assert refused.value.field == "reason"
    with pytest.raises(PermissionDenied):
        services.receipt_reverse(actor=setup["rep"], receipt=first, reason="Bounced")
    assert received(order) == [Decimal("3750.00"), Decimal("350.00")]

    reversed_ = services.receipt_reverse(actor=finance, receipt=first, reason="Bounced: wrong beneficiary")
    assert reversed_.status == ReceiptStatus.REVERSED and reversed_.reversed_by == finance
    assert received(order) == [Decimal("0"), Decimal("100.00")]
    assert Allocation.objects.filter(receipt=first).count() == 2  # kept: the history
    entry = AuditEntry.objects.get(action=ReceivablesAuditAction.RECEIPT_REVERSED)
    assert entry.data["reason"] == "Bounced: wrong beneficiary" and first.number in entry.target
    assert history_of("trade.order", order).filter(kind="receivables.receipt_reversed").exists()
    with pytest.raises(Conflict):
        services.receipt_reverse(actor=finance, receipt=first, reason="again")
    # The money can be booked again, oldest due first.
    pay(finance, order, "3750")
    assert received(order) == [Decimal("3750.00"), Decimal("100.00")]


def test_the_rep_hears_of_a_receipt_on_their_order(setup, finance):
    from tradewind.notifications.models import Notification

    order = confirmed(setup)
    pay(finance, order, "3750")
    note = Notification.objects.get(recipient=setup["rep"], kind="receivables.receipt_recorded")
    assert "Hausmann GmbH paid €3,750.00" in note.title


def test_the_balance_before_release(setup, finance):
    order = confirmed(setup)
    assert order_balance_open(order) == Money(Decimal("12500"), "EUR")
    pay(finance, order, "12500")
    assert order_balance_open(order) is None
    due(milestones(order)[1], days_ago(3))  # a due date does not change what is owed
    assert order_balance_open(order) is None
