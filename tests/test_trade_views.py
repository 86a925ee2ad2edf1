"""Sales pages (issue 11): the quotation form with its lines, a quotation's way from draft to order through
the buttons of its page, the lists with their per-currency totals, the PDFs, the settings; and who may do
what."""

import datetime as dt
from decimal import Decimal

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CustomerFactory, workspace_today
from tests.sales import TT_30_70, quote
from tradewind.trade import services
from tradewind.trade.choices import OrderStatus, QuotationStatus
from tradewind.trade.lines import LineInput
from tradewind.trade.models import Order, Quotation
from tradewind.workspaces.choices import Role


def url(workspace, path=""):
    return f"/w/{workspace.slug}/{path}"


def form_data(customer, **extra):
    today = workspace_today()
    data = {
        "customer": str(customer.public_id),
        "contact": "",
        "currency": "EUR",
        "incoterm": "FOB",
        "incoterm_place": "Ningbo",
        "issued_on": today.isoformat(),
        "valid_until": (today + dt.timedelta(days=30)).isoformat(),
        "payment_preset": "tt_30_70_bl",
        "lead_time_days": "35",
        "language": "en",
        "remarks": "Prices include export cartons.",
        "line-sku": ["KT-1700", ""],
        "line-name": ["", "Tooling"],
        "line-spec": ["", ""],
        "line-qty": ["1000", "1"],
        "line-unit": ["", "sets"],
        "line-price": ["12.50", "350"],
        "line-discount": ["", ""],
    }
    data.update(extra)
    return data


def test_a_rep_picks_a_customer_and_saves_a_quotation_from_the_form(setup, client_for):
    rep, customer = setup["rep"], setup["customer"]
    client = client_for(rep)
    page = client.get(url(rep.workspace, "quotations/new/"), {"q": "Hausm"})
    assert page.status_code == 200 and "Hausmann GmbH" in page.content.decode()
    form = client.get(url(rep.workspace, f"quotations/new/?customer={customer.public_id}"))
    assert form.status_code == 200 and 'name="line-sku"' in form.content.decode()
    response = client.post(url(rep.workspace, "quotations/new/"), form_data(customer))
    assert response.status_code == 302
    quotation = Quotation.objects.get()
    assert quotation.total == Decimal("12850.00") and quotation.lines.count() == 2
    assert quotation.payment_terms[0]["percent"] == "30"
    detail = client.get(response["Location"]).content.decode()
    assert quotation.number in detail and "FOB Ningbo" in detail and "Ready to send" in detail


def test_the_form_says_every_problem_and_keeps_what_was_typed(setup, client_for):
    rep, customer = setup["rep"], setup["customer"]
    data = form_data(customer, incoterm_place="", **{"line-qty": ["-3", "1"], "line-price": ["12.50", "abc"]})
    response = client_for(rep).post(url(rep.workspace, "quotations/new/"), data)
    body = response.content.decode()
    assert response.status_code == 400 and not Quotation.objects.exists()
    assert "Name the place of the Incoterm" in body and "Line 1: the quantity" in body and "Line 2:" in body
    assert 'value="Tooling"' in body  # the rows come back as typed


def test_from_draft_to_order_through_the_pages(setup, client_for, django_capture_on_commit_callbacks):
    rep, manager, customer = setup["rep"], setup["manager"], setup["customer"]
    quotation = quote(setup, lines=None)
    rep_client, manager_client = client_for(rep), client_for(manager)
    base = url(rep.workspace, f"quotations/{quotation.public_id}/")
    # A 15 % discount needs the manager.
    quotation_lines = form_data(customer, **{"line-discount": ["15", ""], "line-price": ["14", "350"]})
    assert rep_client.post(base + "edit/", quotation_lines).status_code == 302
    rep_client.post(base + "submit/")
    quotation.refresh_from_db()
    assert quotation.status == QuotationStatus.PENDING_APPROVAL
    assert rep_client.post(base + "approve/").status_code == 302  # refused, said on the page
    quotation.refresh_from_db()
    assert quotation.status == QuotationStatus.PENDING_APPROVAL
    page = manager_client.get(base).content.decode()
    assert "a discount of 15 %" in page and 'data-testid="approve"' in page
    manager_client.post(base + "approve/", {"comment": "Fine for a first order"})
    quotation.refresh_from_db()
    assert quotation.status == QuotationStatus.APPROVED
    with django_capture_on_commit_callbacks(execute=True):
        rep_client.post(
            base + "send/", {"to": "einkauf@hausmann.de", "subject": "", "message": "Dear Mr Vogel"}
        )
    quotation.refresh_from_db()
    assert quotation.status == QuotationStatus.SENT and mail.outbox[0].to == ["einkauf@hausmann.de"]
    rep_client.post(base + "accept/")
    quotation.refresh_from_db()
    assert quotation.status == QuotationStatus.ACCEPTED
    pi_page = rep_client.get(base + "pi/")
    assert pi_page.status_code == 200 and "Hausmann GmbH" in pi_page.content.decode()
    response = rep_client.post(
        base + "pi/",
        {"buyer_name": "Hausmann Haushaltswaren GmbH", "buyer_address": "Industriestr. 5, Köln",
         "port_of_loading": "Ningbo", "port_of_discharge": "Hamburg", "delivery_date": "",
         "shipping_marks": "HAUSMANN", "bank_details": "Bank of China Ningbo, SWIFT BKCHCNBJ92A"},
    )  # fmt: skip
    order = Order.objects.get()
    assert response.status_code == 302 and order.number.startswith("PI-") and order.lines.count() == 2
    order_url = url(rep.workspace, f"orders/{order.public_id}/")
    rep_client.post(order_url + "confirm/", {"confirmed_on": workspace_today().isoformat()})
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    payments = list(order.payments.values_list("percent", "amount"))
    assert sum(amount for _p, amount in payments) == order.total  # the split adds up to the cent
    page = rep_client.get(order_url).content.decode()
    assert "receivables-panel" in page and "against copy of B/L" in page
    pdf = rep_client.get(order_url + "pdf/")
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"


def test_lists_show_one_subtotal_per_currency_and_the_converted_sum(setup, client_for):
    rep = setup["rep"]
    quote(setup)  # EUR 12,500
    quote(setup, currency="GBP")  # GBP 12,500
    page = client_for(rep).get(url(rep.workspace, "quotations/")).content.decode()
    assert "€12,500.00" in page and "£12,500.00" in page
    assert "$29,375.00" in page  # 12,500 × 1.08 + 12,500 × 1.27, each at its recorded rate


def test_the_quotation_list_reads_a_fixed_number_of_queries(setup, client_for):
    rep = setup["rep"]
    for _n in range(3):
        quote(setup)
    client = client_for(rep)
    client.get(url(rep.workspace, "quotations/"))  # warm: the first request of a process caches a little
    with CaptureQueriesContext(connection) as few:
        client.get(url(rep.workspace, "quotations/"))
    for _n in range(10):
        quote(setup)
    with CaptureQueriesContext(connection) as many:
        client.get(url(rep.workspace, "quotations/"))
    assert len(many) == len(few)


def test_a_rep_sees_neither_a_colleagues_quotations_nor_costs(setup, client_for, member_factory):
    quotation = quote(setup)
    other_rep = member_factory(Role.SALES)
    client = client_for(other_rep)
    assert client.get(url(other_rep.workspace, f"quotations/{quotation.public_id}/")).status_code == 404
    assert quotation.number not in client.get(url(other_rep.workspace, "quotations/")).content.decode()
    rep_page = client_for(setup["rep"]).get(url(other_rep.workspace, f"quotations/{quotation.public_id}/"))
    assert 'data-testid="margin"' not in rep_page.content.decode()
    manager_page = client_for(setup["manager"]).get(
        url(other_rep.workspace, f"quotations/{quotation.public_id}/")
    )
    assert 'data-testid="margin"' in manager_page.content.decode()


def test_a_viewer_reads_but_changes_nothing(setup, client_for, member_factory):
    pool_customer = CustomerFactory(actor=setup["rep"], name="Pool Buyer SA", country="FR", owner=None)
    quotation = quote(setup, customer=pool_customer)
    viewer = member_factory(Role.VIEWER)
    client = client_for(viewer)
    base = url(viewer.workspace, f"quotations/{quotation.public_id}/")
    assert client.get(base).status_code == 200
    assert client.get(base + "edit/").status_code == 404
    assert client.get(url(viewer.workspace, "quotations/new/")).status_code == 404
    client.post(base + "mark-sent/")
    quotation.refresh_from_db()
    assert quotation.status == QuotationStatus.DRAFT


def test_pdf_and_preview_of_a_quotation(setup, client_for):
    quotation = quote(setup)
    client = client_for(setup["rep"])
    base = url(quotation.workspace, f"quotations/{quotation.public_id}/pdf/")
    pdf = client.get(base)
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"
    assert f'filename="{quotation.number}.pdf"' in pdf["Content-Disposition"]
    html = client.get(base, {"html": "1"}).content.decode()
    assert "QUOTATION" in html and "FOB Ningbo" in html
    chinese = client.get(base, {"html": "1", "language": "zh-hans"}).content.decode()
    assert "报价单" in chinese


def test_sales_settings_are_for_managers(setup, client_for):
    manager, rep = setup["manager"], setup["rep"]
    assert client_for(rep).get(url(rep.workspace, "sales/settings/")).status_code == 404
    client = client_for(manager)
    data = {
        "legal_name": "Ningbo Haitian Trading Co., Ltd.", "legal_name_zh": "宁波海天贸易有限公司",
        "address": "No. 1 Haitian Road, Ningbo", "phone": "+86 574 1234 5678", "email": "sales@haitian.cn",
        "website": "haitian.cn", "bank_details": "Bank of China", "approval_discount_percent": "8",
        "approval_margin_percent": "12", "approval_total_amount": "", "fx_risk_percent": "3",
        "validity_days": "20", "expiry_reminder_days": "2",
    }  # fmt: skip
    assert client.post(url(manager.workspace, "sales/settings/"), data).status_code == 302
    from tradewind.trade.services import trade_settings

    settings = trade_settings(manager.workspace)
    assert settings.validity_days == 20 and settings.approval_discount_percent == Decimal("8")
    bad = client.post(url(manager.workspace, "sales/settings/"), {**data, "validity_days": "0"})
    assert bad.status_code == 400


def test_a_direct_order_for_a_repeat_buyer(setup, client_for):
    rep, customer = setup["rep"], setup["customer"]
    client = client_for(rep)
    data = form_data(customer)
    data.update({"pi-buyer_name": "Hausmann GmbH", "pi-buyer_address": "", "pi-port_of_loading": "Ningbo",
                 "pi-port_of_discharge": "Hamburg", "pi-delivery_date": "", "pi-shipping_marks": "",
                 "pi-bank_details": ""})  # fmt: skip
    response = client.post(url(rep.workspace, f"orders/new/?customer={customer.public_id}"), data)
    assert response.status_code == 302
    order = Order.objects.get()
    assert (
        order.quotation is None
        and order.status == OrderStatus.PROFORMA
        and order.total == Decimal("12850.00")
    )


def test_a_customer_owned_by_another_rep_cannot_be_quoted_from_the_form(setup, client_for, member_factory):
    other = member_factory(Role.SALES)
    theirs = CustomerFactory(actor=other, name="Private Buyer Ltd", country="GB", owner=other)
    response = client_for(setup["rep"]).get(
        url(other.workspace, f"quotations/new/?customer={theirs.public_id}")
    )
    assert response.status_code == 404


def test_the_list_finds_a_customer_in_any_spelling_and_a_number(setup, client_for):
    muller = CustomerFactory(actor=setup["rep"], name="Müller Küchen GmbH", country="DE", owner=setup["rep"])
    theirs = quote(setup, customer=muller)
    other = quote(setup)
    client = client_for(setup["rep"])
    found = client.get(url(theirs.workspace, "quotations/"), {"q": "muller kuchen"}).content.decode()
    assert theirs.number in found and other.number not in found
    by_number = client.get(url(theirs.workspace, "quotations/"), {"q": other.number[-4:]}).content.decode()
    assert other.number in by_number and theirs.number not in by_number


def test_the_customer_profile_shows_its_quotations(setup, client_for):
    quotation = quote(setup)
    page = client_for(setup["rep"]).get(
        f"/w/{quotation.workspace.slug}/customers/{setup['customer'].public_id}/"
    )
    body = page.content.decode()
    assert "Quotations and orders" in body and quotation.number in body


def test_a_quotations_lines_show_each_lines_facts(setup, client_for):
    """Per line: the product's link, the list price the rep moved away from, quantity and unit, discount,
    amount; the margin to those who see costs, "no cost" for a line without one."""
    product = setup["product"]
    quotation = quote(
        setup,
        lines=[
            LineInput(product=product, quantity="1200", unit_price="12.50", discount_percent="5"),
            LineInput(name="Tooling", quantity="1", unit="sets", unit_price="350"),
        ],
    )
    quotation.lines.filter(product=product).update(list_price=Decimal("13.2"))
    path = url(quotation.workspace, f"quotations/{quotation.public_id}/")
    page = client_for(setup["manager"]).get(path).content.decode()
    link = f'<a class="mono" href="/w/{quotation.workspace.slug}/products/{product.public_id}/">KT-1700</a>'
    assert link in page and "list price €13.20" in page
    assert "1,200 pieces" in page and "€12.50" in page and "5%" in page and "€14,250.00" in page
    assert "1 sets" in page and "€350.00" in page and "no cost" in page
    rep = setup["rep"].user
    rep.language = "zh-hans"
    rep.save(update_fields=["language"])
    chinese = client_for(rep).get(path).content.decode()
    assert "价目表价 €13.20" in chinese and "1,200 件" in chinese and 'data-testid="margin"' not in chinese


def test_a_quotation_page_reads_the_same_queries_with_one_line_and_with_many(setup, client_for):
    client = client_for(setup["rep"])
    one = quote(setup)
    many = quote(setup, lines=[LineInput(product=setup["product"], quantity="10", unit_price="12")] * 12)
    client.get(url(one.workspace, f"quotations/{one.public_id}/"))  # warm
    counts = []
    for quotation in (one, many):
        with CaptureQueriesContext(connection) as queries:
            client.get(url(quotation.workspace, f"quotations/{quotation.public_id}/"))
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_order_list_links_each_pi_and_its_quotation(setup, client_for):
    rep = setup["rep"]
    quotation = services.quotation_mark_sent(actor=rep, quotation=quote(setup))
    quotation = services.quotation_accept(actor=rep, quotation=quotation)
    pi = services.order_create_from_quotation(actor=setup["manager"], quotation=quotation)
    client = client_for(rep)
    client.get(url(rep.workspace, "orders/"))  # warm
    with CaptureQueriesContext(connection) as few:
        page = client.get(url(rep.workspace, "orders/")).content.decode()
    prefix = f"/w/{rep.workspace.slug}"
    assert f'href="{prefix}/orders/{pi.public_id}/">{pi.number}</a>' in page
    assert f'href="{prefix}/quotations/{quotation.public_id}/">{quotation.number}</a>' in page
    for _n in range(3):
        services.order_create(
            actor=setup["manager"],
            customer=setup["customer"],
            incoterm="FOB",
            incoterm_place="Ningbo",
            payment_terms=TT_30_70,
            lines=[LineInput(product=setup["product"], quantity="10", unit_price="12")],
        )
    with CaptureQueriesContext(connection) as many:
        page = client.get(url(rep.workspace, "orders/")).content.decode()
    assert page.count('data-testid="status"') == 4 and page.count(">direct</span>") == 3
    assert len(many) == len(few)


def test_the_pdf_sent_to_the_buyer_is_the_one_downloaded_next(
    setup, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    from tradewind.trade import pdf

    quotation = services.quotation_submit(actor=setup["rep"], quotation=quote(setup))
    with django_capture_on_commit_callbacks(execute=True):
        services.quotation_send(actor=setup["rep"], quotation=quotation, to="buyer@hausmann.de")
    rendered = []
    monkeypatch.setattr(pdf, "_render", lambda html: rendered.append(html) or b"%PDF-again")
    path = url(quotation.workspace, f"quotations/{quotation.public_id}/pdf/")
    download = client_for(setup["rep"]).get(path)
    assert download.content == mail.outbox[0].attachments[0][1] and rendered == []
