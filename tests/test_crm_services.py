import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import MembershipFactory, UserFactory, timeline_of, workspace_today
from tradewind.activity.kinds import activity_text
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.crm import selectors, services
from tradewind.crm.choices import CrmAuditAction
from tradewind.crm.duplicates import duplicate_check
from tradewind.crm.models import (
    Contact,
    Cooldown,
    Customer,
    CustomerKey,
    CustomerMerge,
    CustomerNameToken,
    Tag,
)
from tradewind.crm.normalize import name_key
from tradewind.crm.selectors import CustomerFilters, crm_settings, customer_list, grades
from tradewind.notifications.models import Notification
from tradewind.tasks import services as task_services
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import AuditEntry


@pytest.fixture
def rep(member_factory):
    return member_factory(Role.SALES, user=UserFactory(full_name="Amy Liu"))


@pytest.fixture
def rep2(member_factory):
    return member_factory(Role.SALES, user=UserFactory(full_name="Kevin Zhou"))


@pytest.fixture
def manager(member_factory):
    return member_factory(Role.MANAGER)


def make(actor, name="Müller GmbH", country="DE", contacts=(), **kw):
    return services.customer_create(
        actor=actor,
        data={"name": name, "country": country, **kw.pop("data", {})},
        contacts=list(contacts),
        **kw,
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Müller GmbH", "MULLER G.m.b.H."),
        ("ACME Co., Ltd.", "Acme Corporation"),
        ("宁波海天贸易有限公司", "宁波海天贸易股份有限公司"),
        ("Ｓｕｎｓｈｉｎｅ Ｔｒａｄｉｎｇ", "Sunshine Trading LLC"),
        ("Rossi S.r.l.", "ROSSI SRL"),
        ("Polska Sp. z o.o.", "POLSKA"),
    ],
)
def test_name_normalisation(a, b):
    assert name_key(a) == name_key(b)


def test_create_with_contacts_in_e164(rep):
    customer = make(
        rep,
        contacts=[
            {
                "name": "Hans Müller",
                "emails": ["Hans@Mueller-Haushalt.de"],
                "phones": ["040 1234567"],
                "whatsapp": "+49 151 23456789",
            }
        ],
    )
    contact = Contact.objects.get()
    assert contact.phones == ["+49401234567"] and contact.whatsapp == "+4915123456789" and contact.is_primary
    assert customer.owner == rep and customer.zone == "Europe/Berlin"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"country": "XX"}, "country"),
        ({"contacts": [{"name": "A", "phones": ["12"]}]}, "contacts.0.phones"),
        ({"contacts": [{"name": "A", "emails": ["hans@"]}]}, "contacts.0.emails"),
        ({"grade": "Z"}, "grade"),
        ({"name": " "}, "name"),
    ],
)
def test_bad_input_is_refused_and_nothing_created(rep, kwargs, field):
    with pytest.raises(ValidationFailed) as err:
        make(rep, **kwargs)
    assert err.value.field == field
    assert not Customer.objects.exists()


def test_duplicates_by_name_domain_phone_and_fuzzy(rep, rep2):
    grades(rep.workspace)
    make(
        rep,
        "Müller GmbH",
        contacts=[{"name": "Hans", "emails": ["hans@mueller.de"], "phones": ["+49 40 1234567"]}],
    )
    by_name = duplicate_check(workspace=rep.workspace, name="MULLER G.m.b.H")
    assert by_name and by_name[0].reasons[0][0] == "name"
    by_domain = duplicate_check(workspace=rep.workspace, name="Other", emails=["buyer@mueller.de"])
    assert by_domain[0].reasons == [("domain", "mueller.de")]
    assert duplicate_check(workspace=rep.workspace, name="Other", emails=["x@gmail.com"]) == []
    by_phone = duplicate_check(workspace=rep.workspace, name="Other", phones=["+49401234567"])
    assert by_phone[0].reasons == [("phone", "+49401234567")]
    by_site = duplicate_check(workspace=rep.workspace, name="Other", website="https://www.mueller.de/shop")
    assert by_site[0].reasons == [("domain", "mueller.de")]
    fuzzy = duplicate_check(workspace=rep.workspace, name="Mueller GmbH")
    assert fuzzy and fuzzy[0].reasons[0][0] == "fuzzy" and not fuzzy[0].exact
    # One person's free-mail address names one buyer, though gmail.com names no company.
    make(rep, "Lagos Home", contacts=[{"name": "Ade", "emails": ["Ade.Lagos@gmail.com"]}])
    by_address = duplicate_check(workspace=rep.workspace, name="Other", emails=["ade.lagos@gmail.com"])
    assert by_address[0].customer.name == "Lagos Home"
    assert by_address[0].reasons == [("email", "ade.lagos@gmail.com")]


def test_a_colleagues_exact_duplicate_warns_or_blocks(rep, rep2):
    make(rep, "ACME Co., Ltd.", country="US")
    with pytest.raises(services.DuplicatesFound) as err:
        make(rep2, "Acme Corporation", country="US")
    assert not err.value.blocked and err.value.matches[0].customer.owner == rep
    make(rep2, "Acme Corporation", country="US", confirm_duplicates=True)
    settings = crm_settings(rep.workspace)
    settings.duplicate_policy = "block"
    settings.save()
    with pytest.raises(services.DuplicatesFound) as err:
        make(rep2, "ACME inc", country="US", confirm_duplicates=True)
    assert err.value.blocked and "Amy Liu" in str(err.value.message)


def test_logging_a_call_sets_the_next_follow_up_by_grade(rep):
    grade_a = {g.code: g for g in grades(rep.workspace)}["A"]
    customer = make(rep, grade=grade_a)
    services.timeline_log(actor=rep, customer=customer, channel="call", summary="Discussed 40HQ price")
    customer.refresh_from_db()
    assert customer.next_follow_up_on == workspace_today() + dt.timedelta(days=7)
    assert customer.last_contact_at is not None
    with pytest.raises(ValidationFailed):
        services.timeline_log(
            actor=rep,
            customer=customer,
            channel="call",
            summary="x",
            at=timezone.now() + dt.timedelta(days=1),
        )


def test_visibility_and_editing_rules(rep, rep2, manager, member_factory):
    customer = make(rep)
    from tradewind.crm.permissions import can_edit, can_see_details

    documents = member_factory(Role.DOCUMENTS)
    assert can_see_details(rep, customer) and not can_see_details(rep2, customer)
    assert can_see_details(manager, customer) and can_see_details(documents, customer)
    assert not can_edit(rep2, customer)
    with pytest.raises(PermissionDenied):
        services.timeline_log(actor=rep2, customer=customer, channel="note", summary="sneaky")


def test_claim_release_cooldown_and_limits(rep, rep2, manager):
    customer = make(manager, "Pool Co", owner=None)
    services.customer_claim(actor=rep, customer=customer)
    with pytest.raises(Conflict):
        services.customer_claim(actor=rep2, customer=customer)
    with pytest.raises(ValidationFailed):
        services.customer_release(actor=rep, customer=customer, reason="")
    services.customer_release(actor=rep, customer=customer, reason="No reply in 3 months")
    with pytest.raises(Conflict) as err:
        services.customer_claim(actor=rep, customer=customer)
    assert "claim it again from" in str(err.value.message)
    settings = crm_settings(rep.workspace)
    settings.max_private_customers = 0
    settings.save()
    with pytest.raises(Conflict):
        services.customer_claim(actor=rep2, customer=customer)
    settings.max_private_customers = None
    settings.save()
    services.customer_claim(actor=rep2, customer=customer)
    kinds = list(timeline_of(customer).filter(data__channel="ownership").values_list("kind", flat=True))
    assert len(kinds) == 3
    assert AuditEntry.objects.filter(action=CrmAuditAction.CUSTOMER_RELEASED).exists()


def test_per_grade_limit(rep, manager):
    grade_a = {g.code: g for g in grades(rep.workspace)}["A"]
    grade_a.max_private = 1
    grade_a.save()
    make(rep, "First A", grade=grade_a)
    second = make(manager, "Second A", grade=grade_a, owner=None)
    with pytest.raises(Conflict) as err:
        services.customer_claim(actor=rep, customer=second)
    assert "grade A" in str(err.value.message)


def test_auto_return_warns_then_returns_and_cools_down(rep):
    grade_a = {g.code: g for g in grades(rep.workspace)}["A"]  # back to the pool after 30 days
    customer = make(rep, grade=grade_a)
    start = customer.owned_since
    assert services.customers_auto_return(now=start + dt.timedelta(days=26)) == {"returned": 0, "warned": 0}
    assert services.customers_auto_return(now=start + dt.timedelta(days=28)) == {"returned": 0, "warned": 1}
    assert services.customers_auto_return(now=start + dt.timedelta(days=28, hours=1)) == {
        "returned": 0,
        "warned": 0,
    }
    assert Notification.objects.filter(recipient=rep, kind="crm.return_warning").count() == 1
    assert services.customers_auto_return(now=start + dt.timedelta(days=31)) == {"returned": 1, "warned": 0}
    customer.refresh_from_db()
    assert customer.owner is None
    assert Cooldown.objects.filter(customer=customer, membership=rep).exists()
    assert Notification.objects.filter(recipient=rep, kind="crm.returned").count() == 1


def test_removing_a_contact_is_kept_in_the_history_and_its_keys_go(rep, rep2):
    customer = make(rep, contacts=[{"name": "Hans", "emails": ["hans@mueller.de"]}, {"name": "Petra"}])
    hans = customer.contacts.get(name="Hans")
    with pytest.raises(PermissionDenied):
        services.contact_delete(actor=rep2, contact=hans)
    services.contact_delete(actor=rep, contact=hans)
    assert list(customer.contacts.values_list("name", flat=True)) == ["Petra"]
    entry = timeline_of(customer).get(kind="crm.contact_removed")
    assert entry.data["name"] == "Hans" and entry.actor == rep
    assert activity_text(entry.kind, entry.data) == "Contact removed: Hans"
    assert not CustomerKey.objects.filter(customer=customer, kind="domain").exists()


def test_a_logged_contact_keeps_the_customer(rep):
    grade_a = {g.code: g for g in grades(rep.workspace)}["A"]
    customer = make(rep, grade=grade_a)
    Customer.objects.filter(pk=customer.pk).update(owned_since=timezone.now() - dt.timedelta(days=29))
    services.timeline_log(actor=rep, customer=customer, channel="whatsapp", summary="Sent new catalogue")
    assert services.customers_auto_return(now=timezone.now() + dt.timedelta(days=2))["returned"] == 0


def test_handover_moves_customers_and_their_open_tasks(rep, rep2, manager, member_factory):
    a, b = make(rep, "A Co"), make(rep, "B Co", country="FR")
    task = task_services.task_create(
        actor=rep, title="Send PI", assignee=rep, subject=("crm.customer", a.public_id)
    )
    other = task_services.task_create(actor=rep, title="Unrelated", assignee=rep)
    result = services.customers_handover(actor=manager, from_member=rep, to_member=rep2)
    assert result == {"customers": 2, "tasks": 1}
    assert set(Customer.objects.values_list("owner", flat=True)) == {rep2.pk}
    task.refresh_from_db()
    other.refresh_from_db()
    assert task.assignee == rep2 and other.assignee == rep
    with pytest.raises(PermissionDenied):
        services.customers_handover(actor=rep, from_member=rep2, to_member=None)
    assert b is not None
    # Only to someone who may hold customers: not a viewer, not the documents clerk.
    for role in (Role.VIEWER, Role.DOCUMENTS):
        with pytest.raises(ValidationFailed):
            services.customers_handover(actor=manager, from_member=rep2, to_member=member_factory(role))
    assert set(Customer.objects.values_list("owner", flat=True)) == {rep2.pk}


def test_merge_moves_everything_and_is_recorded(rep, manager):
    survivor = make(rep, "Müller GmbH", contacts=[{"name": "Hans"}], tags=["VIP"])
    merged = make(
        rep, "Mueller Haushaltswaren", contacts=[{"name": "Petra"}], tags=["kitchen"], confirm_duplicates=True
    )
    services.timeline_log(actor=rep, customer=merged, channel="email", summary="Sent catalogue")
    task = task_services.task_create(actor=rep, title="Quote", subject=("crm.customer", merged.public_id))
    with pytest.raises(ValidationFailed):
        services.customer_merge(actor=manager, survivor=survivor, merged=survivor)
    with pytest.raises(PermissionDenied):
        services.customer_merge(actor=rep, survivor=survivor, merged=merged)
    record = services.customer_merge(actor=manager, survivor=survivor, merged=merged)
    assert record.moved["contacts"] == 1 and record.moved["tasks"] == 1
    assert set(survivor.contacts.values_list("name", flat=True)) == {"Hans", "Petra"}
    assert set(survivor.tags.values_list("name", flat=True)) == {"VIP", "kitchen"}
    assert timeline_of(survivor).filter(data__summary="Sent catalogue").exists()
    assert timeline_of(survivor).filter(kind="crm.created_as", data__name=merged.name).exists()
    assert not timeline_of(merged).exists()
    task.refresh_from_db()
    assert task.subject_id == survivor.public_id
    assert not Customer.objects.filter(pk=merged.pk).exists()
    assert selectors.merged_into(manager, merged.public_id) == survivor
    assert CustomerMerge.objects.get().merged_name == "Mueller Haushaltswaren"
    # Keys and name tokens have no database constraint: Django's cascade must have removed them.
    assert not CustomerKey.objects.filter(customer_id=merged.pk).exists()
    assert not CustomerNameToken.objects.filter(customer_id=merged.pk).exists()
    found = duplicate_check(workspace=survivor.workspace, name="Mueller Haushaltswaren")
    assert merged.pk not in {m.customer.pk for m in found}
    # Merged again: the first merge's record follows, so old links still lead somewhere.
    last = make(rep, "Müller Haushalt GmbH", confirm_duplicates=True)
    services.customer_merge(actor=manager, survivor=last, merged=survivor)
    assert selectors.merged_into(manager, merged.public_id) == last
    assert set(last.merges.values_list("merged_name", flat=True)) == {"Mueller Haushaltswaren", "Müller GmbH"}


def test_search_finds_chinese_and_accents(rep):
    make(rep, "宁波海天贸易有限公司", country="CN")
    make(rep, "Müller GmbH", contacts=[{"name": "Hans", "phones": ["+49 40 1234567"]}])

    def names(q):
        return [c.name for c in customer_list(membership=rep, filters=CustomerFilters(q=q))]

    assert names("宁波") == ["宁波海天贸易有限公司"]
    assert names("muller") == ["Müller GmbH"]
    assert names("MÜLLER gmbh") == ["Müller GmbH"]
    assert names("+49401234567") == ["Müller GmbH"]
    assert names("040 1234567") == names("(040) 123-4567") == ["Müller GmbH"]


def test_a_colleagues_private_customer_is_found_only_as_the_duplicate_check_finds_it(rep, rep2, manager):
    make(
        rep2,
        "Casa Bella S.r.l.",
        country="IT",
        data={"city": "Milano", "website": "casabella.it"},
        contacts=[
            {"name": "Giulia Rossi", "emails": ["giulia@casabella.it"], "phones": ["+39 02 8734 1122"]}
        ],
    )
    make(rep, "Casa Mia", country="IT", data={"city": "Milano"})

    def names(member, **filters):
        return [c.name for c in customer_list(membership=member, filters=CustomerFilters(**filters))]

    # By its name, owner or one exact identifier: it exists and is rep2's (查重 from the list).
    for q in ("casa bella", "bella srl", "giulia@casabella.it", "www.casabella.it", "+390287341122"):
        assert "Casa Bella S.r.l." in names(rep, q=q), q
    assert names(rep, owner=str(rep2.public_id)) == ["Casa Bella S.r.l."]
    # Not by what the rep may not see: contacts, city, grade, country …
    for q in ("giulia", "milano", "rossi", "8734"):
        assert "Casa Bella S.r.l." not in names(rep, q=q), q
    assert names(rep, q="milano") == ["Casa Mia"]
    assert names(rep, country="IT") == ["Casa Mia"]
    assert names(rep, country="IT", q="casa") == ["Casa Mia"]
    # Who sees every customer finds it by anything.
    assert names(manager, q="giulia") == ["Casa Bella S.r.l."]
    assert names(manager, country="IT") == ["Casa Bella S.r.l.", "Casa Mia"]


def test_outsiders_customers_stay_out(rep):
    make(rep)
    stranger = MembershipFactory(role=Role.OWNER)
    assert list(customer_list(membership=stranger, filters=CustomerFilters())) == []
    assert duplicate_check(workspace=stranger.workspace, name="Müller GmbH") == []


def test_old_system_entries_get_their_code_back():
    import importlib

    migration = importlib.import_module("tradewind.crm.migrations.0007_timeline_event_codes")
    assert migration._code("Customer created") == {"event": "created"}
    assert migration._code("退回公海：未按时记录跟进") == {"event": "returned"}
    assert migration._code("Merged with Casa S.r.l.") == {"event": "merged", "name": "Casa S.r.l."}
    assert migration._code("从 客户.xlsx 导入") == {"event": "imported", "file": "客户.xlsx"}
    assert migration._code("Called about the 40HQ price") is None


def test_system_entry_text_follows_the_readers_language():
    from django.utils import translation

    data = {"channel": "merge", "name": "Casa S.r.l."}
    with translation.override("en"):
        assert activity_text("crm.merged", data) == "Merged with Casa S.r.l."
    with translation.override("zh-hans"):
        assert activity_text("crm.merged", data) == "已将 Casa S.r.l. 合并到此客户"
    # A kind this version does not know shows the English text stored with it, or nothing.
    assert activity_text("crm.unknown", {"text": "Old entry"}) == "Old entry"
    assert activity_text("crm.unknown", []) == ""


def test_customers_saved_before_get_the_national_digits_of_their_phones(rep):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("tradewind.crm.migrations.0009_search_text_national_phones")
    customer = make(
        rep,
        contacts=[
            {"name": "Hans", "phones": ["040 1234567"], "whatsapp": "+49 151 23456789", "is_primary": True}
        ],
    )
    plain = make(rep, "Casa S.r.l.", country="IT", contacts=[{"name": "Giulia"}])
    expected = Customer.objects.get(pk=customer.pk).search_text
    assert "0401234567" in expected
    Customer.objects.filter(pk=customer.pk).update(search_text="mueller gmbh hans +49401234567")
    untouched = Customer.objects.get(pk=plain.pk).search_text
    migration.add_national_digits(apps, None)
    assert Customer.objects.get(pk=customer.pk).search_text == expected
    assert Customer.objects.get(pk=plain.pk).search_text == untouched


def test_the_private_limit_holds_for_new_customers_too(rep, manager):
    settings = crm_settings(rep.workspace)
    settings.max_private_customers = 1
    settings.save()
    make(rep, "First GmbH")
    with pytest.raises(Conflict, match="You hold 1 private customers; the workspace allows 1"):
        make(rep, "Second GmbH")
    assert make(rep, "Second GmbH", owner=None).owner is None  # into the pool is always possible
    # A manager giving the rep a customer decides for the team: not bound by the rep's limit.
    third = make(manager, "Third GmbH", owner=None)
    services.customer_assign(actor=manager, customer=third, to=rep)
    assert Customer.objects.filter(owner=rep).count() == 2


def test_local_time_business_hours_and_holidays_in_the_readers_language():
    from django.utils import translation

    from tradewind.crm.localtime import local_time, next_holiday, zone_for, zones_in_business_hours
    from tradewind.crm.models import CrmSettings

    assert zone_for("US") == "America/New_York" and zone_for("US", "America/Chicago") == "America/Chicago"
    assert zone_for("DE") == "Europe/Berlin" and zone_for("") == "UTC"
    settings = CrmSettings(business_start=dt.time(9), business_end=dt.time(18), business_days="0,1,2,3,4")
    # Wednesday 25 Nov 2026, 15:00 UTC: 10:00 in New York (open), 23:00 in Shanghai (closed).
    now = dt.datetime(2026, 11, 25, 15, 0, tzinfo=dt.UTC)
    assert local_time(country="US", zone="America/New_York", settings=settings, now=now).business_hours
    assert not local_time(country="CN", zone="Asia/Shanghai", settings=settings, now=now).business_hours
    # Christmas in Berlin is a holiday: not business hours although a Friday at 10:00.
    christmas = dt.datetime(2026, 12, 25, 9, 0, tzinfo=dt.UTC)
    assert not local_time(country="DE", zone="Europe/Berlin", settings=settings, now=christmas).business_hours
    # Sunday 29 Nov 2026, 07:00 UTC: 10:00 in Riyadh, a working day there; Friday is their weekend.
    sunday = dt.datetime(2026, 11, 29, 7, 0, tzinfo=dt.UTC)
    assert local_time(country="SA", zone="Asia/Riyadh", settings=settings, now=sunday).business_hours
    friday = sunday - dt.timedelta(days=2)
    assert not local_time(country="SA", zone="Asia/Riyadh", settings=settings, now=friday).business_hours
    assert zones_in_business_hours(zones=["Asia/Riyadh", "Europe/Berlin"], settings=settings, now=sunday) == {
        "Asia/Riyadh"
    }
    day = dt.date(2026, 11, 27)
    with translation.override("en"):
        assert next_holiday("DE", day) == (
            dt.date(2026, 12, 25),
            "Christmas Day",
        )  # not "Erster Weihnachtstag"
        assert next_holiday("CN", day) == (dt.date(2027, 1, 1), "New Year's Day")
    with translation.override("zh-hans"):
        assert next_holiday("CN", day) == (dt.date(2027, 1, 1), "元旦")


def test_letters_without_an_accent_to_drop_fold_as_buyers_type_them(rep):
    import importlib

    from django.apps import apps

    customer = make(rep, "Yılmaz Tekstil A.Ş.", country="TR", contacts=[{"name": "Mehmet Yılmaz"}])
    make(rep, "Łódź Handel Sp. z o.o.", country="PL")

    def names(q):
        return [c.name for c in customer_list(membership=rep, filters=CustomerFilters(q=q))]

    assert names("yilmaz") == ["Yılmaz Tekstil A.Ş."] and names("lodz") == ["Łódź Handel Sp. z o.o."]
    assert [m.customer.pk for m in duplicate_check(workspace=rep.workspace, name="Yilmaz Tekstil AS")] == [
        customer.pk
    ]
    # Saved before fold knew these letters: the migration computes them again.
    fresh = Customer.objects.values("name_key", "search_text").get(pk=customer.pk)
    keys = set(CustomerKey.objects.filter(customer=customer).values_list("kind", "value"))
    tokens = set(CustomerNameToken.objects.filter(customer=customer).values_list("token", flat=True))
    Customer.objects.filter(pk=customer.pk).update(
        name_key="yılmaz tekstil", search_text="yılmaz tekstil a.ş."
    )
    CustomerKey.objects.filter(customer=customer, kind="name").update(value="yılmaz tekstil")
    CustomerNameToken.objects.filter(customer=customer).delete()
    importlib.import_module("tradewind.crm.migrations.0010_fold_undecomposed_letters").refold(apps, None)
    assert Customer.objects.values("name_key", "search_text").get(pk=customer.pk) == fresh
    assert set(CustomerKey.objects.filter(customer=customer).values_list("kind", "value")) == keys
    assert set(CustomerNameToken.objects.filter(customer=customer).values_list("token", flat=True)) == tokens


def test_an_old_interaction_noted_late_leaves_the_planned_follow_up(rep):
    grade_b = {g.code: g for g in grades(rep.workspace)}["B"]  # 14 days
    customer = make(rep, grade=grade_b)
    today = workspace_today()
    services.timeline_log(actor=rep, customer=customer, channel="call", summary="Q1 order")
    planned = today + dt.timedelta(days=2)
    services.follow_up_set(actor=rep, customer=customer, on=planned)
    # A WhatsApp of last week, written down now: history, not a new contact.
    services.timeline_log(
        actor=rep,
        customer=customer,
        channel="whatsapp",
        summary="Photos",
        at=timezone.now() - dt.timedelta(days=6),
    )
    customer.refresh_from_db()
    assert customer.next_follow_up_on == planned
    # A visit ten days ago that is the latest contact: the clock runs from the visit, not from today.
    other = make(rep, "Other GmbH", grade=grade_b)
    services.timeline_log(
        actor=rep, customer=other, channel="visit", summary="Fair", at=timezone.now() - dt.timedelta(days=10)
    )
    other.refresh_from_db()
    assert other.next_follow_up_on == timezone.localdate(
        timezone.now() - dt.timedelta(days=10)
    ) + dt.timedelta(days=14)


def test_a_managers_moves_tell_the_owner_and_lock_nobody_out(rep, rep2, manager):
    customer = make(rep, "Casa Bella S.r.l.", country="IT")
    services.customer_assign(actor=manager, customer=customer, to=rep2)
    taken = Notification.objects.get(recipient=rep, kind="crm.taken")
    assert "gave your customer Casa Bella S.r.l. to" in taken.title
    services.customer_release(actor=rep2, customer=customer, reason="Not our market")
    customer.refresh_from_db()
    assert customer.next_follow_up_on is None  # nobody's to follow up in the pool
    services.customer_claim(actor=rep, customer=customer)  # the manager's move did not lock Amy out
    # A merge that removes a rep's customer tells them where it went.
    theirs = make(rep2, "Casa Bella Srl", country="IT", confirm_duplicates=True)
    services.customer_merge(actor=manager, survivor=customer, merged=theirs)
    note = Notification.objects.filter(recipient=rep2, kind="crm.taken").latest("id")
    assert "merged your customer Casa Bella Srl into Casa Bella S.r.l." in note.title


def test_tags_are_one_vocabulary_whatever_their_case(rep):
    first = make(rep, "Alpha GmbH", tags=["VIP", "kitchen"])
    second = make(rep, "Beta GmbH", tags=["vip", " Vip ", "Fair"])
    assert sorted(Tag.objects.filter(workspace=rep.workspace).values_list("name", flat=True)) == [
        "Fair",
        "VIP",
        "kitchen",
    ]
    assert sorted(second.tags.values_list("name", flat=True)) == ["Fair", "VIP"]
    assert first.tags.count() == 2


def test_a_task_about_a_private_customer_goes_to_someone_who_can_open_it(rep, rep2, manager):
    customer = make(rep, "Casa Bella S.r.l.", country="IT")
    about = ("crm.customer", customer.public_id)
    with pytest.raises(ValidationFailed) as err:
        task_services.task_create(actor=rep, title="Send the PI", assignee=rep2, subject=about)
    assert err.value.field == "assignee" and "cannot open what this task is about" in str(err.value.message)
    task = task_services.task_create(actor=rep, title="Send the PI", assignee=manager, subject=about)
    with pytest.raises(ValidationFailed):
        task_services.task_update(actor=rep, task=task, assignee=rep2)
    # Nor may a colleague link a task to it: for them it is a name and an owner, not a record to work on.
    with pytest.raises(ValidationFailed):
        task_services.task_create(actor=rep2, title="Call them", assignee=rep2, subject=about)
