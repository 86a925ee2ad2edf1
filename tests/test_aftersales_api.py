"""After-sales over the API: cases with filters, status, resolution and photos; credit notes; the settings;
refusals in the caller's language that change nothing; what a member may not see is a 404."""

import pytest

from tests.aftersales_helpers import api_client, confirmed_order, make_world, photo, shipment
from tradewind.trade.aftersales.models import AftersalesCase, CasePhoto, CreditNote
from tradewind.workspaces.choices import Role


@pytest.fixture
def world(setup, member_factory):
    return make_world(setup, member_factory)


def _url(member, *rest):
    return "/".join([f"/api/v1/workspaces/{member.workspace.slug}/after-sales", *rest])


def _json(client, method, url, body=None):
    return getattr(client, method)(url, body or {}, content_type="application/json")


def test_a_case_from_opening_to_a_credit_note_deducted_from_the_next_order(world):
    rep, service = api_client(world.rep), api_client(world.service)
    first = shipment(world.order)
    body = {
        "order": str(world.order.public_id),
        "shipment": str(first.public_id),
        "case_type": "damage",
        "description": "12 cartons crushed",
        "claimed": {"amount": "120.00"},
    }
    created = _json(rep, "post", _url(world.rep, "cases"), body)
    assert created.status_code == 201, created.content
    case = created.json()
    assert case["claimed"] == {"amount": "120.00", "currency": "EUR"} and case["status"] == "open"
    assert case["owner"]["id"] == str(world.service.public_id) and case["shipment"]["name"] == first.number
    listed = service.get(
        _url(world.service, "cases"), {"owner": "mine", "status": "open", "case_type": "damage"}
    )
    assert [c["number"] for c in listed.json()["items"]] == [case["number"]] and listed.json()["count"] == 1
    assert service.get(_url(world.service, "cases"), {"case_type": "quality"}).json()["count"] == 0
    by_customer = rep.get(
        _url(world.rep, "cases"), {"customer": str(world.customer.public_id), "open": "true"}
    )
    assert by_customer.json()["count"] == 1
    one = _url(world.service, "cases", case["id"])
    changed = _json(service, "patch", one, {"description": "14 cartons crushed", "shipment": None})
    assert changed.status_code == 200 and changed.json()["shipment"] is None
    assert (
        _json(service, "post", one + "/status", {"status": "investigating"}).json()["status"]
        == "investigating"
    )
    above = _json(service, "post", one + "/resolve", {"resolution": "credit_note", "agreed_amount": "150"})
    assert above.status_code == 422 and above.json()["fields"]["agreed_amount"]
    resolved = _json(
        service,
        "post",
        one + "/resolve",
        {"resolution": "credit_note", "agreed_amount": "150", "confirm_above_claim": True, "note": "Agreed"},
    )
    assert resolved.status_code == 200, resolved.content
    data = resolved.json()
    assert data["status"] == "resolved" and data["agreed"] == {"amount": "150.00", "currency": "EUR"}
    credit = data["credit_note"]
    assert credit["open"] and credit["amount"]["amount"] == "150.00"
    open_credits = rep.get(_url(world.rep, "credits"), {"open": "true"}).json()
    assert [c["number"] for c in open_credits["items"]] == [credit["number"]]
    apply = _url(world.service, "credits", credit["id"], "apply")
    same = _json(service, "post", apply, {"order": str(world.order.public_id)})
    assert same.status_code == 422 and same.json()["fields"]["order"]
    assert _json(rep, "post", apply, {"order": str(world.order.public_id)}).status_code == 403
    later = confirmed_order(world)
    applied = _json(service, "post", apply, {"order": str(later.public_id)})
    assert applied.status_code == 200 and applied.json()["applied_to"]["name"] == later.number
    assert _json(service, "post", apply, {"order": str(later.public_id)}).status_code == 409
    assert rep.get(_url(world.rep, "credits"), {"open": "true"}).json()["count"] == 0
    assert _json(service, "post", one + "/status", {"status": "open"}).status_code == 409


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"claimed": {"amount": "0"}}, "claimed"),
        ({"claimed": {"amount": "-5"}}, "claimed"),
        ({"claimed": {"amount": "10.005"}}, "claimed"),
        ({"description": "   "}, "description"),
        ({"case_type": "broken"}, "case_type"),
    ],
)
def test_bad_input_is_a_422_naming_the_field_and_opens_nothing(world, change, field):
    body = {
        "order": str(world.order.public_id),
        "case_type": "damage",
        "description": "Wet cartons",
        **change,
    }
    answer = _json(api_client(world.service), "post", _url(world.service, "cases"), body)
    assert answer.status_code == 422, answer.content
    assert any(key.startswith(field) for key in answer.json()["fields"]), answer.json()
    assert not AftersalesCase.objects.exists()


def test_a_shipment_of_another_order_is_refused_in_the_callers_language(world):
    world.service.user.language = "zh-hans"
    world.service.user.save()
    other = shipment(confirmed_order(world))
    body = {
        "order": str(world.order.public_id),
        "shipment": str(other.public_id),
        "case_type": "shortage",
        "description": "2 cartons short",
    }
    answer = _json(api_client(world.service), "post", _url(world.service, "cases"), body)
    assert answer.status_code == 422 and answer.json()["fields"]["shipment"]
    assert not AftersalesCase.objects.exists()


def test_who_reads_and_who_works_a_case(world, member_factory):
    from tradewind.trade.aftersales import services

    case = services.case_create(
        actor=world.rep, order=world.order, case_type="delay", description="3 weeks late"
    )
    one = _url(world.rep, "cases", str(case.public_id))
    colleague, finance, viewer = (member_factory(r) for r in (Role.SALES, Role.FINANCE, Role.VIEWER))
    assert api_client(colleague).get(one).status_code == 404  # another rep's customer: as if missing
    assert api_client(colleague).get(_url(colleague, "cases")).json()["count"] == 0
    assert api_client(finance).get(one).status_code == 200  # who sees the order reads its cases
    assert _json(api_client(finance), "post", one + "/status", {"status": "investigating"}).status_code == 403
    assert _json(api_client(world.rep), "patch", one, {"description": "4 weeks"}).status_code == 403
    body = {"order": str(world.order.public_id), "case_type": "delay", "description": "Late"}
    assert (
        _json(api_client(viewer), "post", _url(viewer, "cases"), body).status_code == 404
    )  # not theirs to see
    merchandiser = member_factory(Role.MERCHANDISER)  # sees every order, opens no case
    assert _json(api_client(merchandiser), "post", _url(viewer, "cases"), body).status_code == 403
    assert api_client(world.rep).get(_url(world.rep, "cases"), {"owner": "nobody"}).status_code == 422


def test_photos_over_the_api(world):
    from tradewind.trade.aftersales import services

    case = services.case_create(actor=world.rep, order=world.order, case_type="damage", description="Crushed")
    photos = _url(world.rep, "cases", str(case.public_id), "photos")
    added = api_client(world.rep).post(photos, {"file": photo()})
    assert added.status_code == 201, added.content
    data = added.json()
    thumbnail = api_client(world.rep).get(data["thumbnail_url"])
    assert thumbnail.status_code == 200 and thumbnail["Content-Type"] == "image/jpeg"
    assert api_client(world.rep).get(photos).json()[0]["name"] == "carton.png"
    refused = api_client(world.rep).post(photos, {"file": _not_an_image()})
    assert refused.status_code == 422 and refused.json()["fields"]["file"]
    assert api_client(world.rep).delete(f"{photos}/{data['id']}").status_code == 403
    assert api_client(world.service).delete(f"{photos}/{data['id']}").status_code == 204
    assert not CasePhoto.objects.exists()


def _not_an_image():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("claim.pdf", b"%PDF-1.4 a letter", content_type="application/pdf")


def test_the_settings_over_the_api(world):
    assert api_client(world.rep).get(_url(world.rep, "settings")).json() == {"follow_up_days": 14}
    assert (
        _json(api_client(world.rep), "patch", _url(world.rep, "settings"), {"follow_up_days": 7}).status_code
        == 403
    )
    assert (
        _json(
            api_client(world.service), "patch", _url(world.rep, "settings"), {"follow_up_days": 0}
        ).status_code
        == 422
    )
    answer = _json(api_client(world.service), "patch", _url(world.rep, "settings"), {"follow_up_days": 7})
    assert answer.json() == {"follow_up_days": 7}
    assert not CreditNote.objects.exists()
