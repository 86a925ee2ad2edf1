"""Inquiries over the API and on the pages: roles, visibility, the public intake endpoint."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.factories import CustomerFactory
from tradewind.accounts.services import api_token_create
from tradewind.trade.inquiries import services
from tradewind.trade.inquiries.models import Inquiry, InquirySettings
from tradewind.workspaces.choices import Role


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _api(member):
    _t, raw = api_token_create(membership=member, name="t", expires_at=None, ip=None)
    return Client(headers={"Authorization": f"Bearer {raw}"})


def _url(member, *rest):
    return "/".join([f"/api/v1/workspaces/{member.workspace.slug}/inquiries", *rest])


def test_create_list_and_detail_over_the_api(member_factory):
    rep = member_factory(Role.SALES)
    client = _api(rep)
    body = {
        "buyer_company": "Lagos Imports Ltd",
        "buyer_email": "ade@lagos.ng",
        "source": "alibaba",
        "platform_ref": "ALI-889900",
        "destination_port": "ngapp",
        "incoterm": "CIF",
        "items": [
            {
                "description": "Kettle 1.7 l",
                "quantity": "2000",
                "target_price": {"amount": "8.50", "currency": "USD"},
            }
        ],
    }
    created = client.post(_url(rep), body, content_type="application/json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert (data["status"], data["destination_port"], data["clock"]["state"]) == ("new", "NGAPP", "due")
    assert data["items"][0]["target_price"] == {"amount": "8.5000", "currency": "USD"}
    listed = client.get(_url(rep), {"scope": "pool"}).json()
    assert [i["number"] for i in listed["items"]] == [data["number"]]
    claimed = client.post(_url(rep, data["id"], "claim"))
    assert claimed.json()["status"] == "assigned"
    responded = client.post(_url(rep, data["id"], "respond"), {}, content_type="application/json")
    assert responded.json()["clock"]["state"] == "answered"


def test_bad_input_is_a_422_in_the_users_language_and_changes_nothing(member_factory):
    rep = member_factory(Role.SALES)
    rep.user.language = "zh-hans"
    rep.user.save()
    answer = _api(rep).post(_url(rep), {"buyer_email": "nope"}, content_type="application/json")
    assert answer.status_code == 422
    assert answer.json()["fields"]["buyer_email"]
    assert not Inquiry.objects.exists()


def test_a_viewer_writes_nothing_and_reps_see_only_what_they_may(member_factory):
    rep, colleague, viewer = (
        member_factory(Role.SALES),
        member_factory(Role.SALES),
        member_factory(Role.VIEWER),
    )
    theirs = CustomerFactory(actor=colleague, name="Lyon Textiles", country="FR")
    inquiry = services.inquiry_create(actor=colleague, customer=theirs, message="Price?")
    answer = _api(viewer).post(_url(viewer), {"buyer_name": "X"}, content_type="application/json")
    assert answer.status_code == 403
    assert _api(rep).get(_url(rep, str(inquiry.public_id))).status_code == 404
    assert _api(colleague).get(_url(colleague, str(inquiry.public_id))).status_code == 200
    assert _api(rep).get(_url(rep)).json()["count"] == 0


def test_lost_and_close_over_the_api(member_factory):
    manager = member_factory(Role.MANAGER)
    InquirySettings.objects.filter(workspace=manager.workspace).update(assignment_mode="pool")
    client = _api(manager)
    one = services.inquiry_create(actor=manager, buyer_name="A")
    two = services.inquiry_create(actor=manager, buyer_name="B")
    reasons = client.get(f"/api/v1/workspaces/{manager.workspace.slug}/lost-reasons").json()
    rival = client.post(
        f"/api/v1/workspaces/{manager.workspace.slug}/competitors",
        {"name": "Rival"},
        content_type="application/json",
    ).json()
    lost = client.post(
        _url(manager, str(one.public_id), "lost"),
        {"reason": reasons[0]["id"], "competitor": rival["id"]},
        content_type="application/json",
    )
    assert lost.json()["status"] == "lost" and lost.json()["lost_competitor"] == rival["id"]
    missing = client.post(
        _url(manager, str(two.public_id), "close"), {"closing": "duplicate"}, content_type="application/json"
    )
    assert missing.status_code == 422
    closed = client.post(
        _url(manager, str(two.public_id), "close"),
        {"closing": "duplicate", "duplicate_of": str(one.public_id)},
        content_type="application/json",
    )
    assert closed.json()["duplicate_of"] == one.number


# --- the public intake --------------------------------------------------------------------------------


@pytest.fixture
def intake(member_factory):
    manager = member_factory(Role.MANAGER)
    services.inquiry_settings_update(actor=manager, intake_origins="https://www.haichao.example")
    raw = services.intake_token_regenerate(actor=manager)
    return f"/api/v1/intake/{raw}/inquiries"


def test_intake_takes_json_without_signing_in(intake):
    answer = Client(enforce_csrf_checks=True).post(
        intake,
        {"email": "buyer@example.com", "message": "Need kettles", "company": "Acme"},
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    inquiry = Inquiry.objects.get(number=answer.json()["reference"])
    assert (inquiry.source, inquiry.buyer_company) == ("website", "Acme")


def test_intake_takes_a_plain_form_and_sends_the_visitor_back_to_a_listed_origin(intake):
    client = Client(enforce_csrf_checks=True)
    form = {
        "email": "buyer@example.com",
        "message": "Hello",
        "quantity": "",
        "next": "https://www.haichao.example/thanks",
    }
    answer = client.post(intake, form)
    assert (answer.status_code, answer["Location"]) == (303, "https://www.haichao.example/thanks")
    elsewhere = client.post(intake, {**form, "next": "https://evil.example/"})
    assert elsewhere.status_code == 201


def test_intake_refuses_strictly(intake):
    client = Client()
    unknown = client.post(
        intake, {"email": "a@b.co", "message": "x", "colour": "red"}, content_type="application/json"
    )
    assert unknown.status_code == 422
    bad_email = client.post(intake, {"email": "nope", "message": "x"}, content_type="application/json")
    assert bad_email.status_code == 422 and "email" in bad_email.json()["fields"]
    nobody = client.post(
        "/api/v1/intake/twi_nothing/inquiries",
        {"email": "a@b.co", "message": "x"},
        content_type="application/json",
    )
    assert nobody.status_code == 404
    assert not Inquiry.objects.exists()


def test_intake_is_throttled_with_retry_after(intake, settings):
    settings.INQUIRY_INTAKE_MAX_PER_IP = 2
    client = Client()
    body = {"email": "a@b.co", "message": "x"}
    statuses = [client.post(intake, body, content_type="application/json").status_code for _ in range(3)]
    assert statuses == [201, 201, 429]
    answer = client.post(intake, body, content_type="application/json")
    assert int(answer["Retry-After"]) > 0 and answer.json()["code"] == "throttled"


# --- the pages ----------------------------------------------------------------------------------------


def test_the_pages_for_a_rep(member_factory, client_for):
    rep = member_factory(Role.SALES)
    slug = rep.workspace.slug
    client = client_for(rep)
    form = {
        "buyer_company": "Santos Casa Ltda", "buyer_country": "BR", "source": "made_in_china",
        "message": "Cotação para 1.000 chaleiras", "item-0-description": "Kettle", "item-0-quantity": "1000",
        "item-0-unit": "pcs", "item-0-price": "7.9", "item-0-currency": "USD",
    }  # fmt: skip
    created = client.post(reverse("inquiries:create", args=[slug]), form)
    assert created.status_code == 302, created.content.decode()[:2000]
    inquiry = Inquiry.objects.get()
    assert inquiry.items.get().quantity == 1000
    page = client.get(reverse("inquiries:list", args=[slug])).content.decode()
    assert inquiry.number in page and "due in" in page
    detail = client.get(reverse("inquiries:detail", args=[slug, inquiry.public_id])).content.decode()
    assert "Santos Casa Ltda" in detail and "Claim" in detail
    assert client.get(reverse("inquiries:settings", args=[slug])).status_code == 404
    assert client.get(reverse("inquiries:competitors", args=[slug])).status_code == 200
    client.post(reverse("inquiries:claim", args=[slug, inquiry.public_id]))
    client.post(reverse("inquiries:respond", args=[slug, inquiry.public_id]))
    inquiry.refresh_from_db()
    assert inquiry.assignee == rep and inquiry.first_response_at


def test_the_settings_page_shows_a_new_token_once(member_factory, client_for):
    manager = member_factory(Role.MANAGER)
    slug = manager.workspace.slug
    client = client_for(manager)
    assert client.get(reverse("inquiries:settings", args=[slug])).status_code == 200
    client.post(reverse("inquiries:token", args=[slug]))
    first = client.get(reverse("inquiries:settings", args=[slug])).content.decode()
    assert 'data-testid="new-token"' in first
    again = client.get(reverse("inquiries:settings", args=[slug])).content.decode()
    assert 'data-testid="new-token"' not in again


def test_a_viewer_cannot_open_the_new_inquiry_form(member_factory, client_for):
    viewer = member_factory(Role.VIEWER)
    assert (
        client_for(viewer).get(reverse("inquiries:create", args=[viewer.workspace.slug])).status_code == 404
    )
