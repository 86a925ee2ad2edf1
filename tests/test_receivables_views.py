"""The receivables pages: the order's panel (who reads it, who gets the form), recording and reversing a
receipt from the page, the receivables list with ageing and its CSV, the receipts, the finance settings —
with the role checks and the outsider's 404."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, WorkspaceFactory, workspace_today
from tests.receivables_helpers import confirmed, days_ago, due, finance_of, milestones, pay
from tradewind.trade.receivables.choices import ReceiptStatus
from tradewind.trade.receivables.models import Receipt
from tradewind.workspaces.choices import Role


@pytest.fixture
def finance(setup, member_factory):
    return finance_of(setup, member_factory)


@pytest.fixture
def order(setup):
    return confirmed(setup)


def order_page(client, order):
    return client.get(reverse("trade:order", args=[order.workspace.slug, order.public_id])).content.decode()


def url(name, *args, slug="haitian"):
    return reverse(f"receivables:{name}", args=[slug, *args])


def form_data(**extra) -> dict:
    values = {"received_on": workspace_today().isoformat(), "amount": "3,750.00", "currency": "EUR",
              "allocation": "oldest"}  # fmt: skip
    values.update(extra)
    return values


def test_the_order_page_shows_the_money_to_whoever_sees_the_order(setup, order, finance, client_for,
                                                                    member_factory):  # fmt: skip
    due(milestones(order)[0], days_ago(2))
    pay(finance, order, "1000", reference="FT-1")
    html = order_page(client_for(setup["rep"]), order)
    assert 'data-testid="receivables-panel"' in html and "FT-1" in html
    assert 'data-testid="overdue"' in html and "€2,750.00" in html  # the deposit's rest, overdue
    assert 'data-testid="receipt-form"' not in html  # the rep reads, finance books
    html = order_page(client_for(finance), order)
    assert 'data-testid="receipt-form"' in html
    html = order_page(client_for(member_factory(Role.MERCHANDISER)), order)
    assert 'data-testid="receivables-panel"' in html and 'data-testid="receipt-form"' not in html


def test_no_panel_on_a_proforma(setup, finance, client_for):
    from tests.sales import quote
    from tradewind.trade import services as trade

    quotation = quote(setup)
    trade.quotation_mark_sent(actor=setup["rep"], quotation=quotation)
    trade.quotation_accept(actor=setup["rep"], quotation=quotation)
    proforma = trade.order_create_from_quotation(actor=setup["rep"], quotation=quotation)
    assert 'data-testid="receivables-panel"' not in order_page(client_for(finance), proforma)


def test_finance_records_a_receipt_from_the_page(setup, order, finance, client_for):
    client = client_for(finance)
    r = client.post(url("receipt_create", order.public_id), form_data(bank_charges="15", reference="SWIFT 1"))
    assert r.status_code == 302 and r.url.endswith("#receivables")
    receipt = Receipt.objects.get()
    assert receipt.amount == Decimal("3750.00") and receipt.bank_charges == Decimal("15")
    assert milestones(order)[0].received == Decimal("3750.00")
    assert "Receipt RC-" in client.get(r.url).content.decode()


def test_chosen_milestones_from_the_page(setup, order, finance, client_for):
    balance = milestones(order)[1]
    r = client_for(finance).post(
        url("receipt_create", order.public_id),
        form_data(amount="500", allocation="chosen", **{f"alloc_{balance.public_id}": "500"}),
    )
    assert r.status_code == 302
    assert [p.received for p in milestones(order)] == [Decimal("0"), Decimal("500.00")]


def test_a_refused_receipt_shows_the_form_again_with_its_errors(setup, order, finance, client_for):
    client = client_for(finance)
    r = client.post(url("receipt_create", order.public_id), form_data(amount="13,000"))
    assert r.status_code == 400
    html = r.content.decode()
    assert "Confirm the over-payment" in html and 'name="amount" value="13,000"' in html
    r = client.post(url("receipt_create", order.public_id), form_data(currency="USD"))
    assert r.status_code == 400 and "give the rate" in r.content.decode()
    r = client.post(url("receipt_create", order.public_id), form_data(amount="12.345"))
    assert r.status_code == 400 and "at most 2 decimal places" in r.content.decode()
    assert not Receipt.objects.exists()
    r = client.post(
        url("receipt_create", order.public_id), form_data(amount="13,000", confirm_overpayment="on")
    )
    assert r.status_code == 302 and Receipt.objects.get().credit == Decimal("500.00")


def test_only_finance_and_the_leads_reach_the_receipt_form(setup, order, finance, client_for):
    rep = client_for(setup["rep"])
    assert rep.get(url("receipt_create", order.public_id)).status_code == 404
    assert rep.post(url("receipt_create", order.public_id), form_data()).status_code == 404
    assert client_for(setup["manager"]).get(url("receipt_create", order.public_id)).status_code == 200
    assert not Receipt.objects.exists()


def test_a_receipt_page_and_its_reversal(setup, order, finance, client_for):
    receipt = pay(finance, order, "3750", payer="Hausmann GmbH")
    page = url("receipt", order.public_id, receipt.public_id)
    rep = client_for(setup["rep"])
    html = rep.get(page).content.decode()
    assert "Hausmann GmbH" in html and 'data-testid="reverse-receipt"' not in html
    rep.post(url("receipt_reverse", order.public_id, receipt.public_id), {"reason": "mine"})
    receipt.refresh_from_db()
    assert receipt.status == ReceiptStatus.RECORDED
    client = client_for(finance)
    assert 'data-testid="reverse-receipt"' in client.get(page).content.decode()
    r = client.post(url("receipt_reverse", order.public_id, receipt.public_id), {"reason": ""})
    receipt.refresh_from_db()
    assert r.status_code == 302 and receipt.status == ReceiptStatus.RECORDED
    client.post(url("receipt_reverse", order.public_id, receipt.public_id), {"reason": "Bounced"})
    receipt.refresh_from_db()
    assert receipt.status == ReceiptStatus.REVERSED and milestones(order)[0].received == 0
    assert "Bounced" in client.get(page).content.decode()


def test_the_receivables_list_with_ageing(setup, order, finance, client_for, member_factory):
    usd = confirmed(setup, currency="USD")
    due(milestones(usd)[0], days_ago(35))
    client = client_for(finance)
    r = client.get(url("list"))
    html = r.content.decode()
    assert r.status_code == 200 and html.count('data-testid="receivable"') == 2
    assert html.count('data-testid="currency-total"') == 2 and 'data-testid="reporting-total"' in html
    assert html.index(usd.number) < html.index(order.number)  # the most overdue first
    partial = client.get(url("list"), {"overdue": "on"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and usd.number in partial and order.number not in partial
    assert (
        client.get(url("list"), {"bucket": "over_90"}).content.decode().count('data-testid="receivable"') == 0
    )
    assert client.get(url("list"), {"customer": str(setup["customer"].public_id)}).status_code == 200
    assert client_for(setup["rep"]).get(url("list")).status_code == 200
    assert client_for(member_factory(Role.LOGISTICS)).get(url("list")).status_code == 404


def test_the_export_is_the_filtered_list(setup, order, finance, client_for):
    due(milestones(order)[0], days_ago(95))
    confirmed(setup, currency="USD")
    r = client_for(finance).get(url("export"), {"currency": "EUR"})
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(r.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["Order", "Customer", "Sales rep", "Currency"]
    assert len(rows) == 2 and rows[1][0] == order.number and rows[1][3] == "EUR"
    header = rows[0]
    assert rows[1][header.index("Over 90 days")] == "3750.00" and rows[1][header.index("Open")] == "12500.00"


def test_the_receipts_list(setup, order, finance, client_for, member_factory):
    pay(finance, order, "100", reference="SWIFT-42")
    html = client_for(finance).get(url("receipts"), {"q": "SWIFT"}).content.decode()
    assert html.count('data-testid="receipt"') == 1
    assert client_for(member_factory(Role.DOCUMENTS)).get(url("receipts")).status_code == 404


def test_the_finance_settings_page(setup, finance, client_for):
    client = client_for(finance)
    assert client.get(url("settings")).status_code == 200
    assert client.post(url("settings"), {"escalation_days": "0"}).status_code == 400
    assert client.post(url("settings"), {"escalation_days": "10"}).status_code == 302
    from tradewind.trade.receivables.services import receivables_settings

    assert receivables_settings(finance.workspace).escalation_days == 10
    assert client_for(setup["rep"]).get(url("settings")).status_code == 404


def test_an_outsider_gets_404(setup, order, finance, client_for):
    receipt = pay(finance, order, "100")
    outsider = MembershipFactory(role=Role.OWNER, workspace=WorkspaceFactory(slug="elsewhere"))
    client = client_for(outsider)
    for target in (
        url("list"), url("receipts"), url("settings"), url("export"), url("receipt_create", order.public_id),
        url("receipt", order.public_id, receipt.public_id),
    ):  # fmt: skip
        assert client.get(target).status_code == 404, target
    assert (
        client.post(url("receipt_reverse", order.public_id, receipt.public_id), {"reason": "x"}).status_code
        == 404
    )
    # Inside the outsider's own workspace, A's ids name nothing.
    own = reverse("receivables:receipt", args=["elsewhere", order.public_id, receipt.public_id])
    assert client.get(own).status_code == 404
    assert Receipt.objects.get().status == ReceiptStatus.RECORDED
