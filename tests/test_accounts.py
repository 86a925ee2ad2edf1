import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from tests.factories import PASSWORD, MembershipFactory, UserFactory
from tradewind.accounts.choices import AccountAuditAction
from tradewind.accounts.models import SignInAttempt, User
from tradewind.workspaces.models import AuditEntry

SIGN_IN = "/accounts/sign-in/"


def sign_in(client, email, password=PASSWORD, ip="10.0.0.1"):
    return client.post(SIGN_IN, {"email": email, "password": password}, REMOTE_ADDR=ip)


def is_signed_in(client) -> bool:
    return client.get("/accounts/preferences/").status_code == 200


@pytest.fixture
def member(workspace, member_factory):
    return member_factory()


def test_sign_in_with_email_and_password_is_audited_in_each_workspace(member):
    second = MembershipFactory(user=member.user)
    client = Client()
    response = sign_in(client, member.user.email.upper(), ip="203.0.113.9")  # e-mail is case-insensitive
    assert response.status_code == 302
    assert is_signed_in(client)
    entries = AuditEntry.objects.filter(action=AccountAuditAction.SIGN_IN, actor=member.user)
    assert {e.workspace_id for e in entries} == {member.workspace_id, second.workspace_id}
    assert {e.ip for e in entries} == {"203.0.113.9"}


def test_wrong_password_is_refused_recorded_and_audited(member):
    client = Client()
    response = sign_in(client, member.user.email, "wrong-password")
    assert response.status_code == 400
    assert "not correct" in response.content.decode()
    assert not is_signed_in(client)
    assert SignInAttempt.objects.filter(email=member.user.email, succeeded=False).count() == 1
    entry = AuditEntry.objects.get(action=AccountAuditAction.SIGN_IN_FAILED)
    assert entry.workspace_id == member.workspace_id and entry.data["reason"] == "bad_credentials"


def test_five_failures_for_an_account_lock_it_for_the_window_even_with_the_right_password(member):
    client = Client()
    for i in range(5):
        assert sign_in(client, member.user.email, "nope", ip=f"10.0.0.{i}").status_code == 400
    response = sign_in(client, member.user.email, PASSWORD, ip="10.9.9.9")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert not is_signed_in(client)
    throttled = AuditEntry.objects.filter(action=AccountAuditAction.SIGN_IN_FAILED, data__reason="throttled")
    assert throttled.count() == 1


def test_failures_older_than_the_window_do_not_count(member):
    old = timezone.now() - timedelta(minutes=16)
    SignInAttempt.objects.bulk_create(
        SignInAttempt(email=member.user.email, ip="10.0.0.1", succeeded=False, at=old) for _ in range(10)
    )
    assert sign_in(Client(), member.user.email).status_code == 302


def test_twenty_failures_from_one_ip_block_that_ip_for_every_account(member):
    for i in range(20):
        sign_in(Client(), f"nobody{i}@example.com", "nope", ip="198.51.100.7")
    assert sign_in(Client(), member.user.email, ip="198.51.100.7").status_code == 429
    assert sign_in(Client(), member.user.email, ip="198.51.100.8").status_code == 302


def test_sign_out_is_post_only_and_ends_the_session(member, client_for):
    client = client_for(member)
    assert client.get("/accounts/sign-out/").status_code == 405
    assert client.post("/accounts/sign-out/").status_code == 302
    assert not is_signed_in(client)


def test_password_change_signs_out_other_devices_but_not_this_one(member):
    laptop, phone = Client(), Client()
    sign_in(laptop, member.user.email)
    sign_in(phone, member.user.email)
    response = laptop.post(
        "/accounts/password/", {"old_password": PASSWORD, "new_password": "a-new-Passphrase-42"}
    )
    assert response.status_code == 302
    assert is_signed_in(laptop)
    assert not is_signed_in(phone)
    assert AuditEntry.objects.filter(action=AccountAuditAction.PASSWORD_CHANGED).exists()


def test_password_change_rejects_a_wrong_current_password_and_a_weak_new_one(member, client_for):
    client = client_for(member)
    r = client.post("/accounts/password/", {"old_password": "wrong", "new_password": "a-new-Passphrase-42"})
    assert r.status_code == 400 and "current password is not correct" in r.content.decode()
    r = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password": "12345678901"})
    assert r.status_code == 400
    member.user.refresh_from_db()
    assert member.user.check_password(PASSWORD)


def test_sign_out_everywhere_ends_every_session(member):
    laptop, phone = Client(), Client()
    sign_in(laptop, member.user.email)
    sign_in(phone, member.user.email)
    assert laptop.post("/accounts/sign-out-everywhere/").status_code == 302
    assert not is_signed_in(laptop)
    assert not is_signed_in(phone)


def test_password_reset_by_emailed_link(member):
    phone = Client()
    sign_in(phone, member.user.email)
    response = Client().post("/accounts/password/reset/", {"email": member.user.email})
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/password/reset/\S+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    browser = Client()
    assert browser.get("/" + path).status_code == 200
    assert browser.post("/" + path, {"new_password": "Fresh-harbour-2026"}).status_code == 302
    assert sign_in(Client(), member.user.email, "Fresh-harbour-2026").status_code == 302
    assert not is_signed_in(phone), "a reset ends the other sessions"
    assert Client().get("/" + path).status_code == 404, "the link works once"


def test_password_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(db):
    response = Client().post("/accounts/password/reset/", {"email": "ghost@example.com"})
    assert response.status_code == 200
    assert mail.outbox == []


def test_preferences_store_language_and_time_zone(member, client_for):
    client = client_for(member)
    r = client.post(
        "/accounts/preferences/",
        {"full_name": "Amy Liu", "language": "zh-hans", "time_zone": "Europe/Berlin"},
    )
    assert r.status_code == 302
    member.user.refresh_from_db()
    assert (member.user.language, member.user.time_zone) == ("zh-hans", "Europe/Berlin")
    page = client.get(f"/w/{member.workspace.slug}/")
    assert 'lang="zh-Hans"' in page.content.decode()


def test_preferences_reject_an_unknown_time_zone(member, client_for):
    client = client_for(member)
    r = client.post(
        "/accounts/preferences/", {"full_name": "X", "language": "en", "time_zone": "Mars/Olympus"}
    )
    assert r.status_code == 400
    member.user.refresh_from_db()
    assert member.user.time_zone == ""


def test_language_switch_before_sign_in_sets_a_cookie(db):
    client = Client()
    r = client.post("/accounts/language/", {"language": "zh-hans", "next": SIGN_IN})
    assert r.status_code == 302 and r["Location"] == SIGN_IN
    assert 'lang="zh-Hans"' in client.get(SIGN_IN).content.decode()


def test_the_first_account_of_an_empty_installation_may_sign_up_later_ones_need_an_invitation(db, settings):
    settings.OPEN_SIGNUP = False
    client = Client()
    r = client.post(
        "/accounts/sign-up/", {"full_name": "First", "email": "first@example.com", "password": PASSWORD}
    )
    assert r.status_code == 302 and r["Location"] == "/workspaces/new/"
    assert User.objects.count() == 1
    assert Client().get("/accounts/sign-up/").status_code == 404


def test_sign_up_refuses_a_taken_address(db, settings):
    settings.OPEN_SIGNUP = True
    UserFactory(email="taken@example.com")
    r = Client().post(
        "/accounts/sign-up/", {"full_name": "Dup", "email": "TAKEN@example.com", "password": PASSWORD}
    )
    assert r.status_code == 400 and "already exists" in r.content.decode()
    assert User.objects.count() == 1


def test_a_deactivated_account_loses_its_sessions(member, client_for):
    client = client_for(member)
    User.objects.filter(pk=member.user.pk).update(is_active=False)
    assert not is_signed_in(client)
