"""The receivables API: an order's milestones and receipts, recording (with allocations) and reversing,
the receivables list with ageing, the finance settings — roles, refusals, decimals as strings, and the
outsider's 404."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import MembershipFactory, WorkspaceFactory, workspace_today
from tests.receivables_helpers import confirmed, days_ago, due, finance_of, milestones, pay
from tests.test_catalog_api import Api
from tradewind.trade.receivables.models import Receipt
from tradewind.workspaces.choices import Role


@pytest.fixture
def finance(setup, member_factory):
    return finance_of(setup, member_factory)


@pytest.fixture
def order(setup):
    return confirmed(setup)


def body(**extra) -> dict:
    values = {"received_on": workspace_today().isoformat(), "amount": "1000.00", "currency": "EUR"}
    values.update(extra)
    return values


def test_milestones_as_finance_sees_them(setup, order, finance):
    due(milestones(order)[0], days_ago(3))
    r = Api(setup["rep"]).get(f"/orders/{order.public_id}/milestones")
    assert r.status_code == 200
    deposit, balance = r.json()
    assert deposit["amount"] == "3750.00" and deposit["open"] == "3750.00" and deposit["received"] == "0.00"
    assert deposit["state"] == "overdue" and deposit["days_overdue"] == 3 and deposit["bucket"] == "1_30"
    assert (
        balance["due_on"] is None and balance["state"] == "waiting" and balance["event"] == "against_bl_copy"
    )


def test_finance_records_a_receipt_oldest_due_first(setup, order, finance):
    api = Api(finance)
    r = api.post(
        f"/orders/{order.public_id}/receipts", body(amount="4000", bank_charges="20", reference="FT1")
    )
    assert r.status_code == 201, r.content
    data = r.json()
    assert data["amount"] == "4000.00" and data["bank_charges"] == "20.00" and data["credit"] == "0.00"
    assert data["rate"] is None and data["amount_in_order"] == "4000.00" and data["status"] == "recorded"
    assert [(a["position"], a["amount"]) for a in data["allocations"]] == [(0, "3750.00"), (1, "250.00")]
    assert data["recorded_by"]["id"] == str(finance.public_id)
    listed = api.get(f"/orders/{order.public_id}/receipts").json()
    assert [row["id"] for row in listed] == [data["id"]]
    assert api.get(f"/receipts/{data['id']}").json()["number"] == data["number"]


def test_chosen_allocations_and_another_currency(setup, order, finance):
    balance = milestones(order)[1]
    r = Api(finance).post(
        f"/orders/{order.public_id}/receipts",
        body(amount="1080.00", currency="USD", rate="0.9259259259",
             allocations=[{"milestone": str(balance.public_id), "amount": "1000.00"}]),
    )  # fmt: skip
    assert r.status_code == 201, r.content
    data = r.json()
    assert (
        data["currency"] == "USD" and data["rate"] == "0.9259259259" and data["amount_in_order"] == "1000.00"
    )
    assert [(a["position"], a["amount"]) for a in data["allocations"]] == [(1, "1000.00")]


def test_refusals_name_the_field_and_change_nothing(setup, order, finance):
    api = Api(finance)
    r = api.post(f"/orders/{order.public_id}/receipts", body(amount="13000"))
    assert r.status_code == 422 and "confirm_overpayment" in r.json()["fields"]
    r = api.post(f"/orders/{order.public_id}/receipts", body(currency="USD"))
    assert r.status_code == 422 and "rate" in r.json()["fields"]
    r = api.post(f"/orders/{order.public_id}/receipts", body(amount=1000))  # a JSON number: refused
    assert r.status_code == 422
    r = api.post(f"/orders/{order.public_id}/receipts", body(surprise="x"))
    assert r.status_code == 422
    future = (workspace_today() + dt.timedelta(days=1)).isoformat()
    r = api.post(f"/orders/{order.public_id}/receipts", body(received_on=future))
    assert r.status_code == 422 and "received_on" in r.json()["fields"]
    assert not Receipt.objects.exists()
    r = api.post(f"/orders/{order.public_id}/receipts", body(amount="13000", confirm_overpayment=True))
    assert r.status_code == 201 and r.json()["credit"] == "500.00"


def test_the_rep_reads_but_does_not_record(setup, order, finance):
    rep = Api(setup["rep"])
    r = rep.post(f"/orders/{order.public_id}/receipts", body())
    assert r.status_code == 403 and not Receipt.objects.exists()
    receipt = pay(finance, order, "100")
    assert rep.get(f"/orders/{order.public_id}/receipts").status_code == 200
    r = rep.post(f"/receipts/{receipt.public_id}/reverse", {"reason": "no"})
    assert r.status_code == 403


def test_reverse_a_receipt(setup, order, finance):
    receipt = pay(finance, order, "3750")
    api = Api(finance)
    assert api.post(f"/receipts/{receipt.public_id}/reverse", {"reason": " "}).status_code == 422
    r = api.post(f"/receipts/{receipt.public_id}/reverse", {"reason": "Bounced"})
    assert (
        r.status_code == 200 and r.json()["status"] == "reversed" and r.json()["reversal_reason"] == "Bounced"
    )
    assert milestones(order)[0].received == 0
    assert api.post(f"/receipts/{receipt.public_id}/reverse", {"reason": "Again"}).status_code == 409


def test_a_proforma_takes_no_receipt(setup, finance):
    from tests.sales import quote
    from tradewind.trade import services as trade

    quotation = quote(setup)
    trade.quotation_mark_sent(actor=setup["rep"], quotation=quotation)
    trade.quotation_accept(actor=setup["rep"], quotation=quotation)
    proforma = trade.order_create_from_quotation(actor=setup["rep"], quotation=quotation)
    api = Api(finance)
    assert api.get(f"/orders/{proforma.public_id}/milestones").json() == []
    assert api.post(f"/orders/{proforma.public_id}/receipts", body()).status_code == 409


def test_the_receivables_list_and_its_ageing(setup, order, finance, member_factory):
    usd = confirmed(setup, currency="USD")
    due(milestones(usd)[0], days_ago(45))
    api = Api(finance)
    r = api.get("/receivables")
    assert r.status_code == 200
    rows = r.json()["items"]
    assert [row["order"]["id"] for row in rows] == [str(usd.public_id), str(order.public_id)]
    assert rows[0]["buckets"]["days_31_60"] == "3750.00" and rows[0]["currency"] == "USD"
    assert rows[0]["oldest_due_on"] == days_ago(45).isoformat() and r.json()["next_offset"] is None
    overdue = api.get("/receivables", {"overdue": "true"}).json()["items"]
    assert [row["order"]["name"] for row in overdue] == [usd.number]
    assert api.get("/receivables", {"bucket": "over_90"}).json()["items"] == []
    assert api.get("/receivables", {"bucket": "nonsense"}).status_code == 422
    ageing = api.get("/receivables/ageing").json()
    assert [(c["currency"], c["open"]) for c in ageing["currencies"]] == [
        ("EUR", "12500.00"),
        ("USD", "12500.00"),
    ]
    assert ageing["reporting_currency"] == "USD" and ageing["open_reporting"] == "26000.00"  # 13,500 + 12,500
    # A rep: their own orders; "mine" for everyone; logistics: none.
    assert len(Api(setup["rep"]).get("/receivables").json()["items"]) == 2
    assert Api(finance).get("/receivables", {"rep": "mine"}).json()["items"] == []
    assert Api(member_factory(Role.LOGISTICS)).get("/receivables").json()["items"] == []


def test_receipt_list_for_finance(setup, order, finance, member_factory):
    pay(finance, order, "100", reference="SWIFT-778")
    api = Api(finance)
    assert [r["reference"] for r in api.get("/receipts").json()["items"]] == ["SWIFT-778"]
    assert api.get("/receipts", {"q": "778"}).json()["items"]
    assert api.get("/receipts", {"status": "reversed"}).json()["items"] == []
    assert Api(member_factory(Role.MERCHANDISER)).get("/receipts").json()["items"] == []


def test_finance_settings(setup, finance):
    api = Api(finance)
    assert api.get("/receivables/settings").json() == {"escalation_days": 7}
    r = api.client.put(
        api.base + "/receivables/settings", '{"escalation_days": 10}', content_type="application/json"
    )
    assert r.status_code == 200 and r.json() == {"escalation_days": 10}
    rep = Api(setup["rep"])
    assert rep.get("/receivables/settings").status_code == 404
    r = rep.client.put(
        rep.base + "/receivables/settings", '{"escalation_days": 3}', content_type="application/json"
    )
    assert r.status_code == 403


def test_an_outsider_gets_404(setup, order, finance):
    receipt = pay(finance, order, "100")
    outsider = MembershipFactory(role=Role.OWNER, workspace=WorkspaceFactory(slug="elsewhere"))
    api = Api(outsider)
    assert api.get(f"/orders/{order.public_id}/milestones").status_code == 404
    assert api.get(f"/receipts/{receipt.public_id}").status_code == 404
    assert api.post(f"/orders/{order.public_id}/receipts", body()).status_code == 404
    assert api.post(f"/receipts/{receipt.public_id}/reverse", {"reason": "x"}).status_code == 404
    other = Api(outsider, slug=finance.workspace.slug)
    assert other.get("/receivables").status_code == 404
    assert Receipt.objects.count() == 1 and Receipt.objects.get().amount == Decimal("100")
