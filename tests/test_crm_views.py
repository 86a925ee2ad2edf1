import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from tests.factories import UserFactory, timeline_of, workspace_today
from tradewind.crm import services
from tradewind.crm.models import Customer
from tradewind.crm.selectors import crm_settings, grades
from tradewind.workspaces.choices import Role


@pytest.fixture
def rep(member_factory):
    return member_factory(Role.SALES, user=UserFactory(full_name="Amy Liu", email="amy.liu@haitian.example"))


@pytest.fixture
def rep2(member_factory):
    return member_factory(Role.SALES, user=UserFactory(full_name="Kevin Zhou"))


def url(workspace, path=""):
    return f"/w/{workspace.slug}/customers/{path}"


def test_create_with_a_contact_and_see_the_profile(workspace, rep, client_for):
    grades(workspace)
    client = client_for(rep)
    r = client.post(
        url(workspace, "new/"),
        {
            "name": "Müller Haushaltswaren GmbH",
            "country": "DE",
            "source": "trade_fair",
            "stage": "prospect",
            "grade": "A",
            "tags": "VIP, kitchenware",
            "contact-name": "Hans Müller",
            "contact-emails": "h.mueller@mueller-haushalt.de",
            "contact-phones": "040 30123456",
        },
    )
    customer = Customer.objects.get()
    assert r.status_code == 302 and r["Location"] == url(workspace, f"{customer.public_id}/")
    html = client.get(r["Location"]).content.decode()
    # A German number of a German customer in national format, dialled as E.164.
    assert "Hans Müller" in html and '<a href="tel:+494030123456"' in html and ">040 30123456</a>" in html
    assert "Europe/Berlin" in html and "Next public holiday" in html
    # Found as written on a business card, too.
    for q in ("040 30123456", "040-30123456", "+49 40 30123456"):
        found = client.get(url(workspace), {"q": q}).content.decode()
        assert "Müller Haushaltswaren GmbH" in found, q


def test_bad_input_on_the_form(workspace, rep, client_for):
    client = client_for(rep)
    r = client.post(
        url(workspace, "new/"),
        {
            "name": "X",
            "country": "DE",
            "source": "other",
            "stage": "lead",
            "contact-name": "A",
            "contact-phones": "12",
        },
    )
    assert r.status_code == 400 and "is not a valid number in" in r.content.decode()
    r = client.post(
        url(workspace, "new/"),
        {
            "name": "X",
            "country": "DE",
            "source": "other",
            "stage": "lead",
            "contact-name": "A",
            "contact-emails": "hans@",
        },
    )
    assert r.status_code == 400
    assert not Customer.objects.exists()


def test_a_colleagues_duplicate_is_shown_and_can_be_confirmed(workspace, rep, rep2, client_for):
    services.customer_create(actor=rep, data={"name": "ACME Co., Ltd.", "country": "US"})
    client = client_for(rep2)
    data = {"name": "Acme Corporation", "country": "US", "source": "other", "stage": "lead"}
    r = client.post(url(workspace, "new/"), data)
    html = r.content.decode()
    assert r.status_code == 409 and "Possible duplicates" in html and "Amy Liu" in html
    r = client.post(url(workspace, "new/"), {**data, "confirm_duplicates": "on"})
    assert r.status_code == 302 and Customer.objects.count() == 2
    settings = crm_settings(workspace)
    settings.duplicate_policy = "block"
    settings.save()
    r = client.post(url(workspace, "new/"), {**data, "name": "ACME inc", "confirm_duplicates": "on"})
    assert r.status_code == 409 and "already belongs to Amy Liu" in r.content.decode()


def test_the_live_duplicate_check_fragment(workspace, rep, rep2, client_for):
    services.customer_create(actor=rep, data={"name": "宁波海天贸易有限公司", "country": "CN"})
    html = (
        client_for(rep2).get(url(workspace, "check/"), {"name": "宁波海天贸易股份有限公司"}).content.decode()
    )
    assert "宁波海天贸易有限公司" in html and "Amy Liu" in html


def test_private_customer_of_a_colleague_shows_only_name_and_owner(workspace, rep, rep2, client_for):
    customer = services.customer_create(
        actor=rep,
        data={"name": "Secret Buyer Ltd", "country": "GB", "notes": "PRICE-LIST-SECRET"},
        contacts=[{"name": "Jane", "emails": ["jane@secretbuyer.co.uk"]}],
    )
    r = client_for(rep2).get(url(workspace, f"{customer.public_id}/"))
    html = r.content.decode()
    assert r.status_code == 200 and "Secret Buyer Ltd" in html and "Amy Liu" in html
    assert "PRICE-LIST-SECRET" not in html and "jane@secretbuyer" not in html
    r = client_for(rep2).post(
        url(workspace, f"{customer.public_id}/log/"), {"channel": "note", "summary": "x"}
    )
    assert r.status_code == 404
    listing = client_for(rep2).get(url(workspace)).content.decode()
    assert "Secret Buyer Ltd" in listing and "jane@" not in listing


def test_log_a_call_and_see_the_next_follow_up(workspace, rep, client_for):
    grade_b = {g.code: g for g in grades(workspace)}["B"]
    customer = services.customer_create(
        actor=rep, data={"name": "Casa Bella S.r.l.", "country": "IT"}, grade=grade_b
    )
    client = client_for(rep)
    r = client.post(
        url(workspace, f"{customer.public_id}/log/"),
        {"channel": "call", "summary": "Discussed the Q1 order", "outcome": "Will send PO"},
    )
    assert r.status_code == 302
    customer.refresh_from_db()
    # "Today" where the rep is: their zone, else the workspace's (the request's, not the test's UTC).
    zone = zoneinfo.ZoneInfo(rep.user.time_zone or workspace.time_zone)
    assert customer.next_follow_up_on == timezone.localdate(timezone=zone) + dt.timedelta(days=14)
    html = client.get(url(workspace, f"{customer.public_id}/")).content.decode()
    assert "Discussed the Q1 order" in html and "Will send PO" in html
    # A log without its summary: the error beside the field, and what was typed still there.
    r = client.post(
        url(workspace, f"{customer.public_id}/log/"),
        {"channel": "meeting", "summary": "", "outcome": "Liked the samples", "next_step": "Send quote"},
    )
    html = r.content.decode()
    assert r.status_code == 200 and "This field is required" in html
    assert 'value="meeting" selected' in html and 'value="Liked the samples"' in html
    assert 'value="Send quote"' in html
    # A refusal of the service (a date in the future) keeps the input too.
    tomorrow = (timezone.now() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    r = client.post(
        url(workspace, f"{customer.public_id}/log/"),
        {"channel": "call", "summary": "Call planned", "at": tomorrow},
    )
    assert r.status_code == 200 and "Call planned" in r.content.decode()
    assert timeline_of(customer).filter(data__channel__in=["call", "meeting"]).count() == 1


def test_pool_claim_release_assign_from_the_page(workspace, rep, rep2, member_factory, client_for):
    manager = member_factory(Role.MANAGER)
    customer = services.customer_create(actor=manager, data={"name": "Pool Co", "country": "FR"}, owner=None)
    client_for(rep).post(url(workspace, f"{customer.public_id}/claim/"))
    customer.refresh_from_db()
    assert customer.owner == rep
    r = client_for(rep2).post(url(workspace, f"{customer.public_id}/claim/"), follow=True)
    assert "belongs to Amy Liu already" in r.content.decode()
    r = client_for(rep).post(url(workspace, f"{customer.public_id}/release/"), {"reason": ""}, follow=True)
    assert "Say why" in r.content.decode()
    client_for(rep).post(url(workspace, f"{customer.public_id}/release/"), {"reason": "Not our market"})
    customer.refresh_from_db()
    assert customer.owner is None
    # In the cool-down the page says until when, instead of a Claim button that will refuse.
    html = client_for(rep).get(url(workspace, f"{customer.public_id}/")).content.decode()
    assert 'data-testid="claim"' not in html and "Can be claimed again from" in html
    assert (
        'data-testid="claim"'
        in client_for(rep2).get(url(workspace, f"{customer.public_id}/")).content.decode()
    )
    client_for(manager).post(url(workspace, f"{customer.public_id}/assign/"), {"owner": str(rep2.public_id)})
    customer.refresh_from_db()
    assert customer.owner == rep2
    r = client_for(rep).post(
        url(workspace, f"{customer.public_id}/assign/"), {"owner": str(rep.public_id)}, follow=True
    )
    assert "Only managers" in r.content.decode()


def test_merge_from_the_page_and_self_merge_refused(workspace, rep, member_factory, client_for):
    manager = member_factory(Role.MANAGER)
    a = services.customer_create(
        actor=rep, data={"name": "Alpha GmbH", "country": "DE", "website": "alpha.de"}
    )
    b = services.customer_create(
        actor=rep,
        data={"name": "Alpha Handels GmbH", "country": "DE", "website": "www.alpha.de"},
        confirm_duplicates=True,
    )
    client = client_for(manager)
    # The profile offers the duplicate check's findings to merge, each with its own button.
    html = client.get(url(workspace, f"{a.public_id}/")).content.decode()
    merge_section = html.split('class="stack merge"')[1]
    assert f'name="merged" value="{b.public_id}"' in merge_section
    assert (
        'data-testid="merge-candidate"'
        not in client_for(rep).get(url(workspace, f"{a.public_id}/")).content.decode()
    )
    r = client.post(url(workspace, f"{a.public_id}/merge/"), {"merged": str(a.public_id)}, follow=True)
    assert "cannot be merged into itself" in r.content.decode()
    r = client.post(url(workspace, f"{a.public_id}/merge/"), {"merged": "not-an-id"}, follow=True)
    assert "No customer of this workspace has that ID" in r.content.decode()
    # A pasted ID in capitals with spaces around it is still that ID.
    client.post(url(workspace, f"{a.public_id}/merge/"), {"merged": f"  {str(b.public_id).upper()} "})
    assert list(Customer.objects.values_list("name", flat=True)) == ["Alpha GmbH"]
    html = client.get(url(workspace, f"{a.public_id}/")).content.decode()
    assert "Alpha Handels GmbH" in html and "Customer created as Alpha Handels GmbH" in html
    # The merged customer's old link leads to the survivor.
    r = client.get(url(workspace, f"{b.public_id}/"))
    assert r.status_code == 302 and r.url == url(workspace, f"{a.public_id}/")


def test_list_filters_search_and_pool(workspace, rep, rep2, member_factory, client_for):
    manager = member_factory(Role.MANAGER)
    services.customer_create(actor=rep, data={"name": "宁波海天贸易有限公司", "country": "CN"})
    services.customer_create(actor=rep2, data={"name": "Müller GmbH", "country": "DE"})
    services.customer_create(actor=manager, data={"name": "Pool Buyer", "country": "BR"}, owner=None)
    client = client_for(rep)

    def names(**params):
        html = client.get(url(workspace), params).content.decode()
        return [n for n in ("宁波海天贸易有限公司", "Müller GmbH", "Pool Buyer") if n in html]

    assert names(q="宁波") == ["宁波海天贸易有限公司"]
    assert names(q="muller") == ["Müller GmbH"]
    row = client.get(url(workspace), {"q": "muller"}).content.decode().split("<tbody>")[1]
    assert "Germany" not in row and "Europe/Berlin" not in row, "a colleague's customer: name and owner only"
    assert names(owner="pool") == ["Pool Buyer"]
    assert names(owner="mine") == ["宁波海天贸易有限公司"]
    assert names(country="BR") == ["Pool Buyer"]
    # On a phone the filters beyond search and owner wait behind "More filters", unless one is set.
    plain = client.get(url(workspace)).content.decode()
    assert 'class="filters"' in plain and "More filters" in plain and 'class="filter extra"' in plain
    assert 'class="filters show-all"' in client.get(url(workspace), {"country": "BR"}).content.decode()
    past = client.get(url(workspace), {"q": "buyer", "page": "9"}).content.decode()
    assert "this page is past the last one" in past and 'href="?q=buyer&amp;page=1"' in past
    # A colleague's private customer: found by its name, not by what the rep may not see (its country).
    assert names(country="DE") == []


def test_follow_ups_page_and_reachable_now(workspace, rep, client_for):
    today = workspace_today()
    for name, country in (("Tokyo Buyer", "JP"), ("Chicago Buyer", "US")):
        c = services.customer_create(actor=rep, data={"name": name, "country": country})
        Customer.objects.filter(pk=c.pk).update(next_follow_up_on=today - dt.timedelta(days=1))
    client = client_for(rep)
    html = client.get(url(workspace, "follow-ups/")).content.decode()
    assert "Tokyo Buyer" in html and "Chicago Buyer" in html
    reachable = client.get(url(workspace, "follow-ups/"), {"reachable": "1"}).content.decode()
    # At most one of Tokyo (UTC+9) and Chicago (UTC−6) is in office hours at any moment.
    assert not ("Tokyo Buyer" in reachable and "Chicago Buyer" in reachable)


def test_follow_ups_show_a_sitting_of_rows_and_more_on_request(workspace, rep, client_for, monkeypatch):
    from tradewind.crm import selectors

    monkeypatch.setattr(selectors, "FOLLOW_UPS_SHOWN", 2)
    today = workspace_today()
    for n in range(5):
        c = services.customer_create(
            actor=rep, data={"name": f"Buyer {n}", "country": "DE"}, confirm_duplicates=True
        )
        Customer.objects.filter(pk=c.pk).update(next_follow_up_on=today - dt.timedelta(days=10 - n))
    client = client_for(rep)
    html = client.get(url(workspace, "follow-ups/")).content.decode()
    assert "Buyer 0" in html and "Buyer 1" in html and "Buyer 2" not in html  # oldest first
    assert 'href="?overdue=4#overdue"' in html and 'data-testid="more-today"' not in html
    html = client.get(url(workspace, "follow-ups/"), {"overdue": "4"}).content.decode()
    assert "Buyer 3" in html and "Buyer 4" not in html and 'href="?overdue=6#overdue"' in html
    html = client.get(url(workspace, "follow-ups/"), {"overdue": "6"}).content.decode()
    assert "Buyer 4" in html and 'data-testid="more-overdue"' not in html
    assert client.get(url(workspace, "follow-ups/"), {"overdue": "junk"}).status_code == 200


def test_handover_page(workspace, rep, rep2, member_factory, client_for):
    manager = member_factory(Role.MANAGER)
    services.customer_create(actor=rep, data={"name": "A", "country": "DE"})
    assert client_for(rep).get(url(workspace, "handover/")).status_code == 404
    r = client_for(manager).post(
        url(workspace, "handover/"),
        {"from_member": str(rep.public_id), "to_member": str(rep2.public_id)},
        follow=True,
    )
    assert "1 customers and 0 open tasks handed over" in r.content.decode()
    assert Customer.objects.get().owner == rep2
    viewer = member_factory(Role.VIEWER, user__full_name="Hans Viewer")
    page = client_for(manager).get(url(workspace, "handover/")).content.decode()
    targets = page.split('name="to_member"')[1].split("</select>")[0]
    assert rep.user.display_name in targets and "Hans Viewer" not in targets
    r = client_for(manager).post(
        url(workspace, "handover/"), {"from_member": str(rep2.public_id), "to_member": str(viewer.public_id)}
    )
    assert Customer.objects.get().owner == rep2
    # No target chosen: nothing moves (the pool must be chosen), and the choice made stays selected.
    r = client_for(manager).post(url(workspace, "handover/"), {"from_member": str(rep2.public_id)})
    html = r.content.decode()
    assert "Choose who takes them over" in html and f'value="{rep2.public_id}" selected' in html
    assert Customer.objects.get().owner == rep2
    client_for(manager).post(
        url(workspace, "handover/"), {"from_member": str(rep2.public_id), "to_member": "pool"}
    )
    assert Customer.objects.get().owner is None


def test_rules_page_for_admins(workspace, rep, admin, client_for):
    grades(workspace)
    assert client_for(rep).get(url(workspace, "settings/")).status_code == 404
    client = client_for(admin)
    grade_a = {g.code: g for g in grades(workspace)}["A"]
    data = {
        "business_start": "08:30",
        "business_end": "17:30",
        "duplicate_policy": "block",
        "max_private_customers": "200",
        "cooldown_days": "15",
        "auto_return_warning_days": "2",
        "business_days": ["0", "1", "2", "3", "4", "5"],
        f"grade-{grade_a.public_id}-follow_up_days": "5",
        f"grade-{grade_a.public_id}-auto_return_days": "20",
        f"grade-{grade_a.public_id}-name": "Key accounts",
    }
    assert client.post(url(workspace, "settings/"), data).status_code == 302
    settings = crm_settings(workspace)
    grade_a.refresh_from_db()
    assert (settings.duplicate_policy, settings.cooldown_days, grade_a.follow_up_days, grade_a.name) == (
        "block",
        15,
        5,
        "Key accounts",
    )
    r = client.post(url(workspace, "settings/"), {**data, "business_end": "08:00"})
    assert r.status_code == 400


def test_profile_shows_the_newest_timeline_entries_and_older_on_request(
    workspace, rep, client_for, monkeypatch
):
    from tradewind.crm.views import customers as views

    monkeypatch.setattr(views, "TIMELINE_SHOWN", 3)
    customer = services.customer_create(actor=rep, data={"name": "Müller GmbH", "country": "DE"})
    for n in range(4):  # with "Customer created": five entries
        services.timeline_log(actor=rep, customer=customer, channel="call", summary=f"Call number {n}")
    client = client_for(rep)
    page = url(workspace, f"{customer.public_id}/")
    html = client.get(page).content.decode()
    assert "Call number 3" in html and "Call number 1" in html and "Call number 0" not in html
    assert 'href="?timeline=6#timeline"' in html
    html = client.get(page, {"timeline": "6"}).content.decode()
    assert "Call number 0" in html and "Customer created" in html and "timeline-older" not in html
    assert client.get(page, {"timeline": "0"}).status_code == 200


def test_system_entries_are_shown_in_the_readers_language(workspace, rep, rep2, client_for, member_factory):
    from django.utils import translation

    from tradewind.crm import services

    manager = member_factory(Role.MANAGER)
    with translation.override("en"):  # written by an English-speaking manager
        customer = services.customer_create(actor=manager, data={"name": "Müller GmbH", "country": "DE"})
        services.customer_assign(actor=manager, customer=customer, to=rep)
    assert timeline_of(customer).filter(kind="crm.created").exists()
    rep.user.language = "zh-hans"
    rep.user.save(update_fields=["language"])
    html = client_for(rep).get(url(workspace, f"{customer.public_id}/")).content.decode()
    assert "创建客户" in html and "分配客户" in html
    assert "Customer created" not in html


def test_a_new_customer_form_says_every_contact_problem_at_once(workspace, rep, client_for):
    r = client_for(rep).post(
        url(workspace, "new/"),
        {
            "name": "Gulf Trading LLC",
            "country": "AE",
            "source": "other",
            "stage": "lead",
            "contact-name": "Omar",
            "contact-emails": "omar@",
            "contact-phones": "12",
            "contact-whatsapp": "+971 4 1234567",
        },
    )
    html = r.content.decode()
    assert r.status_code == 400 and not Customer.objects.exists()
    assert "“omar@” is not a complete e-mail address" in html
    assert "“12” is not a valid number in United Arab Emirates" in html
    assert "“+971 4 1234567” is not a valid number in the country of its code" in html
    assert 'value="Gulf Trading LLC"' in html and 'value="Omar"' in html


def test_a_website_must_be_a_web_address(workspace, rep, client_for):
    r = client_for(rep).post(
        url(workspace, "new/"),
        {"name": "Acme", "country": "US", "source": "other", "stage": "lead", "website": "not a url"},
    )
    assert r.status_code == 400 and "is not a web address" in r.content.decode()
    assert not Customer.objects.exists()


def test_the_timeline_says_the_customers_day_when_it_is_not_the_readers(workspace, rep, client_for):
    from django.utils.formats import date_format

    rep.user.time_zone = "Asia/Shanghai"
    rep.user.save(update_fields=["time_zone"])
    customer = services.customer_create(actor=rep, data={"name": "Acme Corp", "country": "US"})
    # 07:01 on the 24th in Ningbo is 18:01 on the 23rd in New York.
    at = dt.datetime(2026, 11, 23, 23, 1, tzinfo=dt.UTC)
    services.timeline_log(actor=rep, customer=customer, channel="call", summary="Price talk", at=at)
    html = client_for(rep).get(url(workspace, f"{customer.public_id}/")).content.decode()
    entry = html.split("Price talk")[0].rsplit('<li class="timeline-entry', 1)[1]
    assert f"{date_format(dt.date(2026, 11, 23), 'SHORT_DATE_FORMAT')} 18:01" in entry


def test_a_manager_sees_a_reps_follow_ups(workspace, rep, rep2, member_factory, client_for):
    manager = member_factory(Role.MANAGER)
    today = workspace_today()
    for actor, name in ((rep, "Amy Buyer"), (rep2, "Kevin Buyer")):
        c = services.customer_create(actor=actor, data={"name": name, "country": "DE"})
        Customer.objects.filter(pk=c.pk).update(next_follow_up_on=today - dt.timedelta(days=1))
    page = (
        client_for(manager).get(url(workspace, "follow-ups/"), {"rep": str(rep.public_id)}).content.decode()
    )
    assert "Amy Buyer" in page and "Kevin Buyer" not in page and 'name="rep"' in page
    # A rep has no such choice: the parameter changes nothing for them.
    page = client_for(rep2).get(url(workspace, "follow-ups/"), {"rep": str(rep.public_id)}).content.decode()
    assert "Kevin Buyer" in page and "Amy Buyer" not in page and 'name="rep"' not in page


def test_a_time_zone_override_belongs_to_the_country(workspace, rep, client_for):
    data = {"name": "Acme", "country": "US", "source": "other", "stage": "lead", "time_zone": "Asia/Kolkata"}
    r = client_for(rep).post(url(workspace, "new/"), data)
    assert r.status_code == 400 and "is not a time zone of United States" in r.content.decode()
    r = client_for(rep).post(url(workspace, "new/"), {**data, "time_zone": "America/Chicago"})
    assert r.status_code == 302 and Customer.objects.get().zone == "America/Chicago"


def test_a_rep_at_the_limit_can_still_add_a_customer_to_the_pool(workspace, rep, client_for):
    settings = crm_settings(workspace)
    settings.max_private_customers = 0
    settings.save()
    data = {"name": "Acme", "country": "US", "source": "other", "stage": "lead"}
    r = client_for(rep).post(url(workspace, "new/"), data)
    assert r.status_code == 400 and "or put this one in the public pool" in r.content.decode()
    assert "Put it in the public pool" in r.content.decode()
    r = client_for(rep).post(url(workspace, "new/"), {**data, "into_pool": "on"})
    assert r.status_code == 302 and Customer.objects.get().owner is None


def test_the_profile_says_when_an_unfollowed_customer_returns_to_the_pool(workspace, rep, client_for):
    grade = {g.code: g for g in grades(workspace)}["A"]
    grade.auto_return_days = 30
    grade.save()
    customer = services.customer_create(actor=rep, data={"name": "Acme", "country": "US"}, grade=grade)
    html = client_for(rep).get(url(workspace, f"{customer.public_id}/")).content.decode()
    assert "Returns to the pool" in html


def test_a_task_from_the_profile_says_which_customer_and_is_the_reps_own(workspace, rep, client_for):
    customer = services.customer_create(actor=rep, data={"name": "Casa Bella S.r.l.", "country": "IT"})
    html = (
        client_for(rep)
        .get(f"/w/{workspace.slug}/tasks/new/", {"subject": f"crm.customer:{customer.public_id}"})
        .content.decode()
    )
    about = html.split('data-testid="task-about"')[1].split("</p>")[0]
    assert "Casa Bella S.r.l." in about and f"/customers/{customer.public_id}/" in about
    assert f'<option value="{rep.public_id}" selected>' in html
