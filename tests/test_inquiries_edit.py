"""Changing an inquiry on its edit page: the create form filled in, saved by the service the API's PATCH and
PUT …/items call; who may open it, and what a refused or unchanged form changes (nothing)."""

import datetime as dt
import zoneinfo
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CustomerFactory, MembershipFactory, WorkspaceFactory, history_of
from tradewind.catalog import services as catalog
from tradewind.core.errors import Conflict, PermissionDenied
from tradewind.core.money import Money
from tradewind.trade.inquiries import services
from tradewind.trade.inquiries.choices import InquiryStatus
from tradewind.trade.inquiries.models import Inquiry
from tradewind.workspaces.choices import Role

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")  # the workspace's zone: what a user without one sees


@pytest.fixture
def manager(member_factory):
    return member_factory(Role.MANAGER)


@pytest.fixture
def rep(member_factory):
    return member_factory(Role.SALES)


@pytest.fixture
def inquiry(manager, rep):
    """An inquiry of the rep's customer (so theirs), with a catalog product and a free-text one, received
    at a time with seconds."""
    kettle = catalog.product_create(actor=manager, sku="KT-100", name_en="Kettle")
    customer = CustomerFactory(
        actor=rep,
        name="Hamburg Küchen GmbH",
        country="DE",
        contacts=[{"name": "Anna Schulz"}, {"name": "Bernd Vogel"}],
    )
    return services.inquiry_create(
        actor=manager,
        customer=customer,
        contact=customer.contacts.get(name="Anna Schulz"),
        source="alibaba",
        platform_ref="ALI-1001",
        received_at=timezone.now().replace(second=37, microsecond=120) - dt.timedelta(days=1),
        message="Please quote 2,000 pcs of KT-100.\nFOB Ningbo.",
        items=[
            {"product": kettle, "quantity": "2000", "target_price": Money(Decimal("8.5"), "USD")},
            {"description": "Glass teapot 1.2 l", "quantity": "500", "unit": "sets"},
        ],
    )


def _edit(inquiry):
    return reverse("inquiries:edit", args=[inquiry.workspace.slug, inquiry.public_id])


def _detail(inquiry):
    return reverse("inquiries:detail", args=[inquiry.workspace.slug, inquiry.public_id])


class _FormValues(HTMLParser):
    """What a browser would send for the page's form as shown (inputs, selected options, textareas)."""

    def __init__(self):
        super().__init__()
        self.values, self._select, self._first, self._textarea = {}, None, False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and name not in ("csrfmiddlewaretoken", "customer_q"):
            self.values[name] = attrs.get("value") or ""
        elif tag == "select":
            self._select, self._first = name, True
        elif tag == "option" and self._select:
            if self._first or "selected" in attrs:
                self.values[self._select] = attrs.get("value", "")
            self._first = False
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            # A browser drops the newline right after <textarea> and sends line breaks as CRLF.
            self.values[self._textarea] += data.removeprefix("\n").replace("\n", "\r\n")


def _shown(page) -> dict:
    parser = _FormValues()
    parser.feed(page.content.decode())
    return parser.values


# --- the service ---------------------------------------------------------------------------------------


def test_the_same_products_again_change_nothing(inquiry, rep):
    items = [
        {"product": i.product, "description": i.description, "quantity": str(i.quantity), "unit": i.unit,
         "target_price": i.target_price}
        for i in inquiry.items.all()
    ]  # fmt: skip
    ids = list(inquiry.items.values_list("pk", flat=True))
    services.inquiry_update(actor=rep, inquiry=inquiry, items=items)
    assert list(inquiry.items.values_list("pk", flat=True)) == ids
    assert not history_of("inquiries.inquiry", inquiry).filter(kind="inquiry.changed").exists()
    services.inquiry_update(actor=rep, inquiry=inquiry, items=items[:1])
    assert inquiry.items.count() == 1
    changed = history_of("inquiries.inquiry", inquiry).get(kind="inquiry.changed")
    assert changed.data == {"fields": ["items"]}


def test_who_may_edit(inquiry, rep, member_factory):
    services.inquiry_check_editable(actor=rep, inquiry=inquiry)
    with pytest.raises(PermissionDenied):
        services.inquiry_check_editable(actor=member_factory(Role.VIEWER), inquiry=inquiry)
    with pytest.raises(PermissionDenied):
        services.inquiry_check_editable(actor=member_factory(Role.SALES), inquiry=inquiry)
    services.inquiry_close(actor=rep, inquiry=inquiry, closing="spam")
    inquiry.refresh_from_db()
    with pytest.raises(Conflict):
        services.inquiry_check_editable(actor=rep, inquiry=inquiry)


# --- the page ------------------------------------------------------------------------------------------


def test_the_form_shows_the_inquiry_and_saving_it_unchanged_changes_nothing(inquiry, rep, client_for):
    client = client_for(rep)
    detail = client.get(_detail(inquiry)).content.decode()
    assert 'data-testid="edit-inquiry"' in detail and _edit(inquiry) in detail
    page = client.get(_edit(inquiry))
    assert page.status_code == 200
    shown = _shown(page)
    local = inquiry.received_at.astimezone(SHANGHAI)
    assert shown["received_at"] == local.strftime("%Y-%m-%dT%H:%M")
    assert (shown["source"], shown["platform_ref"]) == ("alibaba", "ALI-1001")
    assert shown["contact"] == str(inquiry.contact.public_id)
    assert (shown["item-0-sku"], shown["item-0-quantity"], shown["item-0-price"]) == ("KT-100", "2000", "8.5")
    assert (shown["item-1-description"], shown["item-1-unit"]) == ("Glass teapot 1.2 l", "sets")
    assert shown["item-2-description"] == "" and "item-4-description" in shown  # rows to add more
    before = Inquiry.objects.get(pk=inquiry.pk)
    saved = client.post(_edit(inquiry), shown)
    assert saved.status_code == 302 and saved["Location"] == _detail(inquiry)
    after = Inquiry.objects.get(pk=inquiry.pk)
    assert (after.received_at, after.response_due_at, after.message) == (
        before.received_at, before.response_due_at, before.message
    )  # fmt: skip
    assert not history_of("inquiries.inquiry", inquiry).filter(kind="inquiry.changed").exists()


def test_the_rep_changes_the_fields_the_contact_and_the_products(inquiry, rep, client_for):
    client = client_for(rep)
    form = _shown(client.get(_edit(inquiry)))
    received = (timezone.now() - dt.timedelta(days=2)).astimezone(SHANGHAI).replace(second=0, microsecond=0)
    bernd = inquiry.customer.contacts.get(name="Bernd Vogel")
    form.update({
        "contact": str(bernd.public_id), "source": "made_in_china", "platform_ref": "MIC-77",
        "received_at": received.strftime("%Y-%m-%dT%H:%M"), "destination_country": "DE",
        "destination_port": "deham", "incoterm": "CIF", "message": "Now 3,000 pcs, CIF Hamburg.",
        "item-0-quantity": "3000", "item-1-sku": "", "item-1-description": "", "item-1-quantity": "",
        "item-1-unit": "", "item-2-description": "Tea cups", "item-2-quantity": "1200",
        "item-2-price": "0.45", "item-2-currency": "EUR",
    })  # fmt: skip
    saved = client.post(_edit(inquiry), form)
    assert saved.status_code == 302, saved.content.decode()[:3000]
    inquiry.refresh_from_db()
    assert (inquiry.contact, inquiry.source, inquiry.platform_ref) == (bernd, "made_in_china", "MIC-77")
    assert (inquiry.destination_country, inquiry.destination_port, inquiry.incoterm) == ("DE", "DEHAM", "CIF")
    assert inquiry.received_at == received and inquiry.message == "Now 3,000 pcs, CIF Hamburg."
    assert inquiry.response_due_at == services.clock.response_due(inquiry.workspace, received)
    kettle, cups = inquiry.items.all()
    assert (kettle.product.sku, kettle.quantity, kettle.target_price) == (
        "KT-100", 3000, Money(Decimal("8.5"), "USD")
    )  # fmt: skip
    assert (cups.description, cups.quantity, cups.target_price) == (
        "Tea cups", Decimal("1200"), Money(Decimal("0.45"), "EUR")
    )  # fmt: skip
    changed = history_of("inquiries.inquiry", inquiry).get(kind="inquiry.changed").data["fields"]
    assert {"contact", "source", "received_at", "message", "items"} <= set(changed)


def test_more_products_than_the_blank_rows_are_all_kept(manager, client_for):
    many = services.inquiry_create(
        actor=manager,
        buyer_company="Santos Casa Ltda",
        items=[{"description": f"Model {n}", "quantity": str(n + 1)} for n in range(7)],
    )
    client = client_for(manager)
    form = _shown(client.get(_edit(many)))
    assert form["item-6-description"] == "Model 6" and form["item-8-description"] == ""
    form["item-8-description"] = "Model 8"
    assert client.post(_edit(many), form).status_code == 302
    assert list(many.items.values_list("description", flat=True)) == [
        *(f"Model {n}" for n in range(7)),
        "Model 8",
    ]


def test_bad_input_shows_in_the_users_language_and_changes_nothing(inquiry, rep, client_for):
    rep.user.language = "zh-hans"
    rep.user.save()
    client = client_for(rep)
    form = _shown(client.get(_edit(inquiry)))
    form.update({"buyer_email": "not-an-address", "destination_port": "HAM", "item-0-quantity": "3000"})
    answer = client.post(_edit(inquiry), form)
    assert answer.status_code == 400
    body = answer.content.decode()
    assert "不是完整的邮箱地址" in body and "UN/LOCODE 由五个字符组成" in body
    assert 'value="not-an-address"' in body  # what was typed is shown again
    fresh = Inquiry.objects.get(pk=inquiry.pk)
    assert (fresh.buyer_email, fresh.destination_port) == ("", "")
    assert fresh.items.first().quantity == 2000
    assert not history_of("inquiries.inquiry", inquiry).filter(kind="inquiry.changed").exists()


def test_a_viewer_and_a_colleague_are_told_why_and_change_nothing(
    inquiry, manager, member_factory, client_for
):
    viewer, finance, colleague = (member_factory(r) for r in (Role.VIEWER, Role.FINANCE, Role.SALES))
    unlinked = services.inquiry_create(actor=manager, buyer_company="Lagos Imports Ltd")  # seen by all
    services.inquiry_assign(actor=manager, inquiry=unlinked, assignee=member_factory(Role.SALES))
    for member, target, message in (
        (viewer, unlinked, "Your role cannot work on inquiries."),
        (finance, inquiry, "Your role cannot work on inquiries."),  # sees every customer, answers none
        (colleague, unlinked, "This inquiry is assigned to someone else"),
    ):
        client = client_for(member)
        detail = client.get(_detail(target)).content.decode()
        assert 'data-testid="edit-inquiry"' not in detail
        for answer in (client.get(_edit(target)), client.post(_edit(target), {"message": "Mine now"})):
            assert answer.status_code == 302 and answer["Location"] == _detail(target)
        assert message in client.get(_detail(target)).content.decode()
        assert Inquiry.objects.get(pk=target.pk).message != "Mine now"


def test_an_outsider_and_those_who_may_not_see_it_get_404(inquiry, member_factory, client_for):
    # The customer is the rep's private one: a colleague or a viewer may not see it, nor its inquiries.
    colleague, viewer = member_factory(Role.SALES), member_factory(Role.VIEWER)
    outsider = MembershipFactory(role=Role.OWNER, workspace=WorkspaceFactory())
    for member in (colleague, viewer, outsider):
        client = client_for(member)
        assert client.get(_edit(inquiry)).status_code == 404
        assert client.post(_edit(inquiry), {"message": "x"}).status_code == 404
    assert Inquiry.objects.get(pk=inquiry.pk).message != "x"


def test_a_closed_inquiry_is_reopened_before_it_is_edited(inquiry, rep, client_for):
    services.inquiry_close(actor=rep, inquiry=inquiry, closing="spam")
    client = client_for(rep)
    assert 'data-testid="edit-inquiry"' not in client.get(_detail(inquiry)).content.decode()
    answer = client.get(_edit(inquiry))
    assert answer.status_code == 302
    assert "reopen it first" in client.get(_detail(inquiry)).content.decode()
    assert Inquiry.objects.get(pk=inquiry.pk).status == InquiryStatus.SPAM


def test_a_rep_answering_a_colleagues_customer_edits_without_seeing_its_contacts(
    manager, rep, member_factory, client_for
):
    other = member_factory(Role.SALES)
    customer = CustomerFactory(actor=other, name="Osaka Trading", country="JP", contacts=[{"name": "Ken"}])
    inquiry = services.inquiry_create(
        actor=manager, customer=customer, contact=customer.contacts.get(), message="Price?"
    )
    services.inquiry_assign(actor=manager, inquiry=inquiry, assignee=rep)
    client = client_for(rep)
    page = client.get(_edit(inquiry))
    assert page.status_code == 200
    form = _shown(page)
    assert "contact" not in form and ">Ken<" not in page.content.decode()
    form["platform_ref"] = "ALI-42"
    assert client.post(_edit(inquiry), form).status_code == 302
    inquiry.refresh_from_db()
    assert (inquiry.platform_ref, inquiry.contact.name) == ("ALI-42", "Ken")


def test_an_inquiry_without_a_customer_is_linked_to_an_existing_one_from_its_page(manager, client_for):
    """A website inquiry arrives without a customer; the buyer is one we know: find and link it."""
    inquiry = services.inquiry_create(
        actor=manager, buyer_name="Anna Schulz", buyer_company="Hamburg Kuechen", message="Price list please."
    )
    known = CustomerFactory(actor=manager, name="Hamburg Küchen GmbH", country="DE")
    client = client_for(manager)
    slug = manager.workspace.slug
    page = client.get(reverse("inquiries:detail", args=[slug, inquiry.public_id])).content.decode()
    assert 'data-testid="link-customer"' in page
    found = client.get(reverse("inquiries:customer_search", args=[slug]), {"customer_q": "Hamburg"})
    assert str(known.public_id) in found.content.decode()
    answer = client.post(
        reverse("inquiries:link_customer", args=[slug, inquiry.public_id]), {"customer": known.public_id}
    )
    assert answer.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.customer == known
    page = client.get(reverse("inquiries:detail", args=[slug, inquiry.public_id])).content.decode()
    assert 'data-testid="link-customer"' not in page


def test_creating_the_customer_of_an_inquiry_names_the_duplicates_it_found(manager, client_for):
    CustomerFactory(actor=manager, name="Hamburg Küchen GmbH", country="DE")
    inquiry = services.inquiry_create(
        actor=manager, buyer_name="Anna Schulz", buyer_company="Hamburg Küchen GmbH", buyer_country="DE",
        message="Price list please.",
    )  # fmt: skip
    client = client_for(manager)
    url = reverse("inquiries:create_customer", args=[manager.workspace.slug, inquiry.public_id])
    page = client.post(url, follow=True).content.decode()
    assert "Possible duplicate: Hamburg Küchen GmbH" in page
    inquiry.refresh_from_db()
    assert inquiry.customer is None
