"""After-sales pages (issue 12): a case opened from the order's page, worked to a credit note through the
buttons of its page, the credit deducted from a later order; the list with its filters; the panels on the
order and the customer's profile; the settings; and who may do what."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.aftersales_helpers import confirmed_order, make_world, photo, shipment
from tradewind.trade.aftersales import services
from tradewind.trade.aftersales.models import AftersalesCase, AftersalesSettings, CreditNote
from tradewind.workspaces.choices import Role


@pytest.fixture
def world(setup, member_factory):
    return make_world(setup, member_factory)


def url(world, path=""):
    return f"/w/{world.order.workspace.slug}/{path}"


def _case(world, **extra):
    values = {"case_type": "damage", "description": "12 cartons crushed", "claimed_amount": Decimal("120")}
    return services.case_create(actor=world.service, order=world.order, **{**values, **extra})


def test_a_rep_opens_a_case_from_the_order_page(world, client_for):
    client = client_for(world.rep)
    order_page = client.get(url(world, f"orders/{world.order.public_id}/")).content.decode()
    assert 'data-testid="new-case"' in order_page
    new = url(world, f"after-sales/new/?order={world.order.public_id}")
    first = shipment(world.order)
    form = client.get(new).content.decode()
    assert first.number in form and 'name="owner"' not in form  # customer service chooses the owner
    data = {
        "order": str(world.order.public_id),
        "case_type": "shortage",
        "shipment": str(first.public_id),
        "description": "2 cartons short on arrival",
        "claimed": "1,250.50",
        "currency": "EUR",
    }
    response = client.post(new, data)
    assert response.status_code == 302
    case = AftersalesCase.objects.get()
    assert (case.claimed_amount, case.shipment, case.owner) == (Decimal("1250.50"), first, world.service)
    assert case.number in client.get(url(world, f"orders/{world.order.public_id}/")).content.decode()


@pytest.mark.parametrize(
    ("claimed", "words"), [("0", "more than zero"), ("-5", "negative"), ("abc", "not an amount")]
)
def test_a_bad_claim_is_shown_on_the_form_and_opens_nothing(world, client_for, claimed, words):
    new = url(world, f"after-sales/new/?order={world.order.public_id}")
    data = {
        "case_type": "damage",
        "description": "Wet",
        "claimed": claimed,
        "currency": "EUR",
        "shipment": "",
    }
    response = client_for(world.service).post(new, data)
    assert response.status_code == 400 and words in response.content.decode()
    assert not AftersalesCase.objects.exists()


def test_who_may_open_a_case_from_an_order(world, client_for, member_factory):
    new = url(world, f"after-sales/new/?order={world.order.public_id}")
    assert client_for(member_factory(Role.FINANCE)).get(new).status_code == 404
    assert client_for(member_factory(Role.SALES)).get(new).status_code == 404  # another rep's order
    page = client_for(member_factory(Role.FINANCE)).get(url(world, f"orders/{world.order.public_id}/"))
    assert 'data-testid="new-case"' not in page.content.decode()
    assert client_for(world.manager).get(new).status_code == 200


def test_a_case_is_worked_to_a_credit_note_that_a_later_order_uses(world, client_for):
    case = _case(world)
    client = client_for(world.service)
    detail = url(world, f"after-sales/{case.public_id}/")
    page = client.get(detail).content.decode()
    assert 'data-testid="resolve-form"' in page and 'data-testid="status-investigating"' in page
    assert client.post(detail + "status/", {"status": "investigating"}).status_code == 302
    refused = client.post(detail + "resolve/", {"resolution": "credit_note", "agreed": "150"})
    assert refused.status_code == 400 and "more than the buyer claimed" in refused.content.decode()
    assert not CreditNote.objects.exists()
    done = client.post(
        detail + "resolve/", {"resolution": "credit_note", "agreed": "100", "note": "By phone"}
    )
    assert done.status_code == 302
    credit = CreditNote.objects.get()
    page = client.get(detail).content.decode()
    assert credit.number in page and 'data-testid="credit-open"' in page
    profile = client.get(url(world, f"customers/{world.customer.public_id}/")).content.decode()
    assert 'data-testid="open-credit"' in profile and credit.number in profile
    later = confirmed_order(world)
    order_page = client.get(url(world, f"orders/{later.public_id}/")).content.decode()
    assert 'data-testid="apply-credit-here"' in order_page
    applied = client.post(
        url(world, f"after-sales/credits/{credit.public_id}/apply/"),
        {"order": str(later.public_id), "back": "order"},
    )
    assert applied.status_code == 302 and applied["Location"].endswith(f"/orders/{later.public_id}/")
    credit.refresh_from_db()
    assert credit.applied_to == later
    assert (
        'data-testid="credit-applied"'
        in client.get(url(world, f"orders/{later.public_id}/")).content.decode()
    )
    assert (
        'data-testid="open-credit"'
        not in client.get(url(world, f"customers/{world.customer.public_id}/")).content.decode()
    )


def test_the_rep_reads_the_case_and_adds_photos_but_does_not_work_it(world, client_for):
    case = _case(world)
    client = client_for(world.rep)
    detail = url(world, f"after-sales/{case.public_id}/")
    page = client.get(detail).content.decode()
    assert 'data-testid="resolve-form"' not in page and 'data-testid="add-photo"' in page
    assert client.post(detail + "photos/", {"file": photo()}).status_code == 302
    picture = case.photos.get()
    thumbnail = client.get(detail + f"photos/{picture.public_id}/thumbnail/")
    assert thumbnail.status_code == 200 and thumbnail["Content-Type"] == "image/jpeg"
    client.post(detail + "status/", {"status": "investigating"})
    case.refresh_from_db()
    assert case.status == "open"
    assert client.get(detail + "edit/").status_code == 404
    assert client_for(world.service).get(detail + "edit/").status_code == 200


def test_a_member_who_may_not_see_the_order_gets_404(world, client_for, member_factory):
    case = _case(world)
    colleague = client_for(member_factory(Role.SALES))
    assert colleague.get(url(world, f"after-sales/{case.public_id}/")).status_code == 404
    assert case.number not in colleague.get(url(world, "after-sales/")).content.decode()


def test_the_list_filters_searches_and_pages_with_a_steady_number_of_queries(
    world, client_for, member_factory
):
    client = client_for(world.service)
    empty = client.get(url(world, "after-sales/")).content.decode()
    assert "No after-sales cases yet" in empty
    damage = _case(world)
    quality = _case(world, case_type="quality", description="Lid colour differs", owner=world.manager)
    services.case_resolve(actor=world.service, case=quality, resolution="refund", agreed_amount=Decimal(80))

    def numbers(**query):
        page = client.get(url(world, "after-sales/"), query).content.decode()
        return [n for n in (damage.number, quality.number) if n in page]

    assert numbers() == [damage.number, quality.number]
    assert numbers(status="resolved") == [quality.number]
    assert numbers(case_type="damage") == [damage.number]
    assert numbers(owner="mine") == [damage.number]
    assert numbers(owner=str(world.manager.public_id)) == [quality.number]
    assert numbers(open="1") == [damage.number]
    assert numbers(q="colour") == [quality.number]
    assert numbers(customer=str(world.customer.public_id)) == [damage.number, quality.number]
    assert (
        "No case matches" in client.get(url(world, "after-sales/"), {"q": "nothing-like-it"}).content.decode()
    )
    assert "past the last one" in client.get(url(world, "after-sales/"), {"page": "2"}).content.decode()
    partial = client.get(url(world, "after-sales/"), headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="case-table"')
    with CaptureQueriesContext(connection) as two:
        client.get(url(world, "after-sales/"))
    for _ in range(3):
        _case(world, shipment=shipment(world.order))
    with CaptureQueriesContext(connection) as five:
        client.get(url(world, "after-sales/"))
    assert len(five) == len(two)


def test_the_settings_page_is_for_customer_service_and_the_leads(world, client_for):
    page = url(world, "after-sales/settings/")
    assert client_for(world.rep).get(page).status_code == 404
    client = client_for(world.service)
    assert client.get(page).status_code == 200
    assert client.post(page, {"follow_up_days": "0"}).status_code == 400
    assert client.post(page, {"follow_up_days": "10"}).status_code == 302
    assert AftersalesSettings.objects.get(workspace=world.order.workspace).follow_up_days == 10
