import re

import pytest
from django.core import mail
from django.test import Client

from tests.factories import MembershipFactory, UserFactory, WorkspaceFactory
from tradewind.accounts.models import ApiToken
from tradewind.accounts.services import api_token_create
from tradewind.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tradewind.workspaces import services
from tradewind.workspaces.choices import AuditAction, Role
from tradewind.workspaces.models import AuditEntry, Invitation, Membership, Workspace

PROFILE = {"name": "Yiwu Gifts", "country": "CN", "time_zone": "Asia/Shanghai", "currency": "USD"}


# --- creating a workspace ---------------------------------------------------------------------------


def test_creating_a_workspace_makes_the_creator_its_owner(user, client_for):
    r = client_for(user).post("/workspaces/new/", {**PROFILE, "slug": "yiwu-gifts"})
    assert r.status_code == 302 and r["Location"] == "/w/yiwu-gifts/invitations/"
    workspace = Workspace.objects.get(slug="yiwu-gifts")
    assert Membership.objects.get(workspace=workspace).role == Role.OWNER
    assert AuditEntry.objects.filter(workspace=workspace, action=AuditAction.WORKSPACE_CREATED).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"slug": "Bad Slug!"}, "slug"),
        ({"slug": "api"}, "slug"),
        ({"slug": "haitian"}, "slug"),
        ({"country": "XX"}, "country"),
        ({"time_zone": "Mars/Base"}, "time_zone"),
        ({"currency": "ABC"}, "currency"),
        ({"name": "   "}, "name"),
    ],
)
def test_workspace_create_refuses_bad_input_and_changes_nothing(workspace, user, change, field):
    before = Workspace.objects.count()
    with pytest.raises(ValidationFailed) as err:
        services.workspace_create(user=user, **{**PROFILE, "slug": "fine-slug", **change})
    assert err.value.field == field
    assert Workspace.objects.count() == before


def test_workspace_form_shows_the_error_in_the_users_language(workspace, user, client_for):
    client = client_for(user)
    r = client.post("/workspaces/new/", {**PROFILE, "slug": "haitian"}, HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 400 and "This URL name is taken" in r.content.decode()


def test_settings_are_for_admins_and_saved_with_an_audit_entry(workspace, owner, sales, client_for):
    assert client_for(sales).get(f"/w/{workspace.slug}/settings/").status_code == 404
    r = client_for(owner).post(
        f"/w/{workspace.slug}/settings/",
        {**PROFILE, "name": "Haitian Trading", "currency": "EUR", "task_reminder_lead_hours": 24},
    )
    assert r.status_code == 302
    workspace.refresh_from_db()
    assert (workspace.name, workspace.currency) == ("Haitian Trading", "EUR")
    entry = AuditEntry.objects.get(action=AuditAction.WORKSPACE_UPDATED)
    assert entry.data["changed"] == ["currency", "name"]


# --- invitations ------------------------------------------------------------------------------------


def test_invitation_is_emailed_in_both_languages_and_accepted_by_a_new_person(
    workspace, owner, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        r = client_for(owner).post(
            f"/w/{workspace.slug}/invitations/", {"email": "Sun.Min@Example.com", "role": "merchandiser"}
        )
    assert r.status_code == 200
    shown = re.search(r'value="(http[^"]+/invitations/[^"]+/)"', r.content.decode()).group(1)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sun.min@example.com"]
    assert "邀请" in message.body and "invites you to join" in message.body  # zh and en
    url = re.search(r"http://\S+/invitations/\S+/", message.body).group(0)
    assert url == shown, "the link shown to the inviter is the one e-mailed"
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]

    invitee = Client()
    page = invitee.get(path)
    assert page.status_code == 200 and workspace.name in page.content.decode()
    r = invitee.post(path, {"full_name": "Sun Min", "password": "Merchandise-2026"})
    assert r.status_code == 302 and r["Location"] == f"/w/{workspace.slug}/"
    member = Membership.objects.get(workspace=workspace, user__email="sun.min@example.com")
    assert member.role == Role.MERCHANDISER and member.is_active
    assert invitee.get(f"/w/{workspace.slug}/").status_code == 200
    assert invitee.get(path).status_code == 404, "an invitation works once"
    assert AuditEntry.objects.filter(
        action=AuditAction.INVITATION_ACCEPTED, target="sun.min@example.com"
    ).exists()


def test_an_existing_account_signs_in_then_accepts(workspace, owner, client_for):
    existing = MembershipFactory(user=UserFactory(email="kevin@example.com")).user
    _inv, raw = services.invitation_create(actor=owner, email="kevin@example.com", role=Role.SALES)
    anonymous = Client()
    r = anonymous.get(f"/invitations/{raw}/")
    assert r.status_code == 302 and r["Location"].startswith("/accounts/sign-in/?next=/invitations/")
    r = client_for(existing).post(f"/invitations/{raw}/")
    assert r.status_code == 302
    assert Membership.objects.filter(workspace=workspace, user=existing, role=Role.SALES).exists()


def test_an_invitation_cannot_be_used_by_another_account(workspace, owner, user, client_for):
    _inv, raw = services.invitation_create(actor=owner, email="intended@example.com", role=Role.SALES)
    r = client_for(user).post(f"/invitations/{raw}/")
    assert r.status_code == 404
    assert workspace.name not in r.content.decode()
    assert not Membership.objects.filter(workspace=workspace, user=user).exists()


def test_expired_revoked_and_unknown_links_are_404(workspace, owner):
    inv, raw = services.invitation_create(actor=owner, email="late@example.com", role=Role.SALES)
    services.invitation_revoke(actor=owner, invitation=inv)
    assert Client().get(f"/invitations/{raw}/").status_code == 404
    assert Client().get("/invitations/not-a-token/").status_code == 404
    inv2, raw2 = services.invitation_create(actor=owner, email="late@example.com", role=Role.SALES)
    from django.utils import timezone

    Invitation.objects.filter(pk=inv2.pk).update(expires_at=timezone.now())
    assert Client().get(f"/invitations/{raw2}/").status_code == 404


def test_reinviting_replaces_the_open_invitation(workspace, owner):
    first, _ = services.invitation_create(actor=owner, email="a@example.com", role=Role.SALES)
    second, _ = services.invitation_create(actor=owner, email="A@example.com", role=Role.LOGISTICS)
    first.refresh_from_db()
    assert first.status == "revoked" and second.status == "open"


def test_who_may_invite_whom(workspace, owner, member_factory):
    manager, sales = member_factory(Role.MANAGER), member_factory(Role.SALES)
    services.invitation_create(actor=manager, email="rep@example.com", role=Role.SALES)
    with pytest.raises(PermissionDenied):
        services.invitation_create(actor=manager, email="boss@example.com", role=Role.ADMIN)
    with pytest.raises(PermissionDenied):
        services.invitation_create(actor=sales, email="friend@example.com", role=Role.SALES)
    with pytest.raises(Conflict):
        services.invitation_create(actor=owner, email=sales.user.email, role=Role.SALES)
    with pytest.raises(ValidationFailed):
        services.invitation_create(actor=owner, email="not-an-email", role=Role.SALES)
    with pytest.raises(ValidationFailed):
        services.invitation_create(actor=owner, email="x@example.com", role="emperor")


def test_invitations_page_is_hidden_from_roles_that_cannot_invite(workspace, sales, client_for):
    assert client_for(sales).get(f"/w/{workspace.slug}/invitations/").status_code == 404


# --- roles and deactivation -------------------------------------------------------------------------


def test_admin_changes_a_role_and_it_is_audited(workspace, admin, sales, client_for):
    r = client_for(admin).post(f"/w/{workspace.slug}/members/{sales.public_id}/role/", {"role": "manager"})
    assert r.status_code == 302
    sales.refresh_from_db()
    assert sales.role == Role.MANAGER
    entry = AuditEntry.objects.get(action=AuditAction.ROLE_CHANGED)
    assert entry.data == {"from": "sales", "to": "manager"} and entry.actor == admin.user


def test_role_rules(workspace, owner, admin, sales, member_factory):
    with pytest.raises(PermissionDenied):  # a rep cannot change roles
        services.membership_change_role(actor=sales, target=admin, role=Role.VIEWER)
    with pytest.raises(PermissionDenied):  # an admin cannot touch an owner
        services.membership_change_role(actor=admin, target=owner, role=Role.VIEWER)
    with pytest.raises(PermissionDenied):  # an admin cannot make owners
        services.membership_change_role(actor=admin, target=sales, role=Role.OWNER)
    with pytest.raises(PermissionDenied):  # nobody changes their own role
        services.membership_change_role(actor=owner, target=owner, role=Role.ADMIN)
    second_owner = member_factory(Role.OWNER)
    services.membership_change_role(actor=owner, target=second_owner, role=Role.ADMIN)
    assert Membership.objects.get(pk=second_owner.pk).role == Role.ADMIN


def test_deactivation_stops_sessions_tokens_and_is_audited(workspace, admin, sales, client_for):
    client = client_for(sales)
    _token, raw = api_token_create(membership=sales, name="script", expires_at=None, ip=None)
    api = Client()
    assert (
        api.get(
            f"/api/v1/workspaces/{workspace.slug}/members", HTTP_AUTHORIZATION=f"Bearer {raw}"
        ).status_code
        == 200
    )
    assert client.get(f"/w/{workspace.slug}/").status_code == 200

    r = client_for(admin).post(f"/w/{workspace.slug}/members/{sales.public_id}/deactivate/")
    assert r.status_code == 302

    assert client.get(f"/w/{workspace.slug}/").status_code == 404
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    assert ApiToken.objects.get(membership=sales).revoked_at is not None
    assert AuditEntry.objects.filter(action=AuditAction.MEMBER_DEACTIVATED, target=sales.user.email).exists()


def test_an_owner_cannot_remove_themselves_so_a_workspace_keeps_an_owner(workspace, owner, member_factory):
    other_owner = member_factory(Role.OWNER)
    services.membership_deactivate(actor=other_owner, target=owner)
    with pytest.raises(PermissionDenied):
        services.membership_deactivate(actor=other_owner, target=other_owner)


def test_reactivation_restores_access(workspace, admin, sales, client_for):
    services.membership_deactivate(actor=admin, target=sales)
    client_for(admin).post(f"/w/{workspace.slug}/members/{sales.public_id}/reactivate/")
    assert client_for(sales).get(f"/w/{workspace.slug}/").status_code == 200


def test_a_refused_action_shows_a_message_and_changes_nothing(workspace, admin, owner, client_for):
    client = client_for(admin)
    r = client.post(f"/w/{workspace.slug}/members/{owner.public_id}/deactivate/", follow=True)
    assert "You cannot deactivate this member" in r.content.decode()
    owner.refresh_from_db()
    assert owner.is_active


# --- member list, switching, audit log ---------------------------------------------------------------


def test_member_list_filters_and_searches(workspace, owner, member_factory, client_for):
    member_factory(Role.LOGISTICS, user=UserFactory(full_name="Zhao Lei", email="zhao@example.com"))
    member_factory(Role.SALES, user=UserFactory(full_name="Amy Liu", email="amy@example.com"))
    client = client_for(owner)
    html = client.get(f"/w/{workspace.slug}/", {"role": "logistics"}).content.decode()
    assert "Zhao Lei" in html and "Amy Liu" not in html
    html = client.get(f"/w/{workspace.slug}/", {"q": "amy"}).content.decode()
    assert "Amy Liu" in html and "Zhao Lei" not in html
    fragment = client.get(f"/w/{workspace.slug}/", {"q": "amy"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Amy Liu" in fragment and "<html" not in fragment


def test_member_list_query_count_does_not_grow_with_members(
    workspace, owner, member_factory, client_for, django_assert_max_num_queries
):
    client = client_for(owner)
    client.get(f"/w/{workspace.slug}/")
    for _ in range(30):
        member_factory()
    with django_assert_max_num_queries(12):
        assert client.get(f"/w/{workspace.slug}/").status_code == 200


def test_switching_workspace_remembers_the_last_one(user, client_for):
    a = MembershipFactory(user=user, workspace=WorkspaceFactory(slug="alpha"))
    b = MembershipFactory(user=user, workspace=WorkspaceFactory(slug="bravo"))
    client = client_for(user)
    client.get("/w/bravo/")
    assert client.get("/")["Location"] == "/w/bravo/"
    client.get("/w/alpha/")
    assert client.get("/")["Location"] == "/w/alpha/"
    html = client.get("/w/alpha/").content.decode()
    assert 'hx-get="/workspaces/?current=alpha"' in html  # the switcher loads its menu when it opens
    menu = client.get("/workspaces/?current=alpha", headers={"HX-Request": "true"}).content.decode()
    assert a.workspace.name in menu and b.workspace.name in menu and "<html" not in menu
    current = re.search(r'<a href="/w/(\w+)/" aria-current="page">', menu)
    assert current and current.group(1) == "alpha"


def test_audit_log_is_for_admins_and_filters(workspace, owner, admin, sales, client_for):
    services.membership_change_role(actor=owner, target=sales, role=Role.MARKETING)
    services.invitation_create(actor=owner, email="new@example.com", role=Role.SALES)
    assert client_for(sales).get(f"/w/{workspace.slug}/audit/").status_code == 404
    client = client_for(admin)
    html = client.get(f"/w/{workspace.slug}/audit/", {"action": "role_changed"}).content.decode()
    assert sales.user.email in html and "new@example.com" not in html
    html = client.get(f"/w/{workspace.slug}/audit/", {"since": "not-a-date"}).content.decode()
    assert "Enter a valid date" in html


def test_audit_entries_cannot_be_changed_through_any_url(workspace, owner, client_for):
    entry = services.invitation_create(actor=owner, email="new@example.com", role=Role.SALES)[0]
    assert entry is not None
    client = client_for(owner)
    before = list(AuditEntry.objects.values())
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)(f"/w/{workspace.slug}/audit/").status_code == 405
    assert list(AuditEntry.objects.values()) == before


def test_home_without_a_workspace_goes_to_the_workspace_list(user, client_for):
    assert client_for(user).get("/")["Location"] == "/workspaces/"
    html = client_for(user).get("/workspaces/").content.decode()
    assert "Create a workspace" in html


def test_anonymous_visitors_are_sent_to_sign_in(workspace):
    r = Client().get(f"/w/{workspace.slug}/")
    assert r.status_code == 302 and r["Location"].startswith("/accounts/sign-in/")


def test_not_found_services(workspace):
    with pytest.raises(NotFound):
        services.invitation_find("nope")
