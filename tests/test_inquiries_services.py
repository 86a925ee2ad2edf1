"""Inquiry rules (tradewind/trade/inquiries/services): assignment, the response clock and its reminders,
the state changes, linking or creating the customer, competitors and lost reasons, the public intake."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import CustomerFactory, history_of
from tradewind.catalog import services as catalog
from tradewind.core.errors import Conflict, NotFound, PermissionDenied, Throttled, ValidationFailed
from tradewind.core.money import Money
from tradewind.crm import services as crm_services
from tradewind.crm.services import DuplicatesFound
from tradewind.notifications.models import Notification, Reminder
from tradewind.notifications.reminders import reminders_fire_due
from tradewind.trade.inquiries import services
from tradewind.trade.inquiries.choices import CreatedVia, InquiryStatus
from tradewind.trade.inquiries.models import Inquiry, InquirySettings, LostReason
from tradewind.trade.inquiries.services.clock import DUE_SOON, OVERDUE, remind_due_soon, tell_overdue
from tradewind.workspaces.choices import Role

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def manager(member_factory):
    return member_factory(Role.MANAGER)


@pytest.fixture
def reps(member_factory):
    return [member_factory(Role.SALES) for _ in range(3)]


def _pool_mode(workspace):
    InquirySettings.objects.filter(workspace=workspace).update(assignment_mode="pool")


def _buyer(actor, **fields):
    fields.setdefault("buyer_company", "Hamburg Küchen GmbH")
    fields.setdefault("message", "Please quote 2,000 pcs of KT-100, FOB Ningbo.")
    return services.inquiry_create(actor=actor, **fields)


# --- create and assign -----------------------------------------------------------------------------------


def test_numbers_follow_the_workspace_sequence(manager):
    _pool_mode(manager.workspace)
    first, second = _buyer(manager), _buyer(manager)
    year = timezone.now().astimezone(SHANGHAI).year
    assert (first.number, second.number) == (f"INQ-{year}-0001", f"INQ-{year}-0002")
    assert history_of("inquiries.inquiry", first).filter(kind="inquiry.created").exists()


def test_an_inquiry_of_an_owned_customer_goes_to_its_owner(manager, reps):
    customer = CustomerFactory(actor=reps[1], name="Lyon Textiles", country="FR")
    inquiry = services.inquiry_create(actor=manager, customer=customer, message="Price?")
    assert inquiry.assignee == reps[1]
    assert inquiry.status == InquiryStatus.ASSIGNED
    note = Notification.objects.get(recipient=reps[1], kind="inquiries.assigned")
    assert inquiry.number in note.title


def test_round_robin_takes_turns_in_order(manager, reps):
    services.inquiry_settings_update(actor=manager, round_robin=[reps[2], reps[0]])
    assignees = [_buyer(manager).assignee for _ in range(3)]
    assert assignees == [reps[2], reps[0], reps[2]]


def test_routes_by_country_then_by_product_category(manager, reps):
    kitchen = catalog.category_create(actor=manager, name="Kitchen")
    kettle = catalog.product_create(actor=manager, sku="KT-100", name_en="Kettle", category=kitchen)
    services.inquiry_settings_update(
        actor=manager,
        round_robin=[reps[0]],
        country_routes={"DE": reps[1]},
        category_routes={kitchen: reps[2]},
    )
    assert _buyer(manager, buyer_country="DE").assignee == reps[1]
    assert _buyer(manager, buyer_country="FR", items=[{"product": kettle}]).assignee == reps[2]
    assert _buyer(manager, buyer_country="FR").assignee == reps[0]


def test_pool_mode_leaves_it_in_the_pool_and_a_rep_claims_it(manager, reps):
    _pool_mode(manager.workspace)
    inquiry = _buyer(manager)
    assert (inquiry.assignee, inquiry.status) == (None, InquiryStatus.NEW)
    services.inquiry_claim(actor=reps[0], inquiry=inquiry)
    inquiry.refresh_from_db()
    assert (inquiry.assignee, inquiry.status) == (reps[0], InquiryStatus.ASSIGNED)
    with pytest.raises(Conflict):
        services.inquiry_claim(actor=reps[1], inquiry=inquiry)


def test_round_robin_without_reps_falls_back_to_the_pool(manager):
    assert _buyer(manager).assignee is None


def test_only_leads_assign_to_others(manager, reps, member_factory):
    _pool_mode(manager.workspace)
    inquiry = _buyer(manager)
    with pytest.raises(PermissionDenied):
        services.inquiry_assign(actor=reps[0], inquiry=inquiry, assignee=reps[1])
    with pytest.raises(ValidationFailed):
        services.inquiry_assign(actor=manager, inquiry=inquiry, assignee=member_factory(Role.VIEWER))
    services.inquiry_assign(actor=manager, inquiry=inquiry, assignee=reps[1])
    inquiry.refresh_from_db()
    assert inquiry.assignee == reps[1]
    services.inquiry_assign(actor=manager, inquiry=inquiry, assignee=None)
    inquiry.refresh_from_db()
    assert (inquiry.assignee, inquiry.status) == (None, InquiryStatus.NEW)


def test_bad_input_changes_nothing(manager):
    with pytest.raises(ValidationFailed) as refused:
        services.inquiry_create(
            actor=manager,
            buyer_email="not-an-address",
            buyer_country="XX",
            destination_port="HAMBURG",
            items=[{"description": "", "quantity": "-1"}],
        )
    assert {"buyer_email", "buyer_country", "destination_port"} <= set(refused.value.fields)
    with pytest.raises(ValidationFailed):
        services.inquiry_create(actor=manager, message="Who am I?")  # no customer, no buyer
    with pytest.raises(ValidationFailed):
        _buyer(manager, items=[{"description": "Kettle", "quantity": "-1"}])
    with pytest.raises(ValidationFailed):
        _buyer(manager, received_at=timezone.now() + dt.timedelta(days=1))
    assert not Inquiry.objects.exists()


def test_items_with_product_quantity_unit_and_target_price(manager):
    kettle = catalog.product_create(actor=manager, sku="KT-100", name_en="Kettle")
    inquiry = _buyer(
        manager,
        items=[
            {"product": kettle, "quantity": "2000", "target_price": Money(Decimal("8.5"), "USD")},
            {"description": "Glass teapot 1.2 l", "quantity": Decimal("500"), "unit": "sets"},
        ],
    )
    first, second = inquiry.items.all()
    assert (first.product, first.quantity, first.unit, first.target_price) == (
        kettle, Decimal("2000"), "pcs", Money(Decimal("8.5"), "USD")
    )  # fmt: skip
    assert (second.description, second.unit, second.target_price) == ("Glass teapot 1.2 l", "sets", None)


def test_viewer_and_support_roles_write_nothing(member_factory):
    for role in (Role.VIEWER, Role.FINANCE, Role.LOGISTICS):
        with pytest.raises(PermissionDenied):
            _buyer(member_factory(role))


def test_marketing_logs_an_inquiry_but_does_not_work_it(member_factory, manager):
    _pool_mode(manager.workspace)
    marketing = member_factory(Role.MARKETING)
    inquiry = _buyer(marketing)
    with pytest.raises(PermissionDenied):
        services.inquiry_claim(actor=marketing, inquiry=inquiry)


# --- the clock -------------------------------------------------------------------------------------------


def test_the_response_target_is_in_business_hours(manager):
    _pool_mode(manager.workspace)
    # Friday 13 March 2026, 17:00 in Shanghai + 24 business hours -> Wednesday 18 March, 14:00 (wait: 1 h
    # Friday, 9 Monday, 9 Tuesday, 5 Wednesday).
    friday = dt.datetime(2026, 3, 13, 17, tzinfo=SHANGHAI)
    inquiry = _buyer(manager, received_at=friday)
    assert inquiry.response_due_at == dt.datetime(2026, 3, 18, 14, tzinfo=SHANGHAI)


def test_time_to_first_response_and_the_clock(manager, reps):
    services.inquiry_settings_update(actor=manager, round_robin=[reps[0]])
    monday = dt.datetime(2026, 3, 16, 9, tzinfo=SHANGHAI)
    inquiry = _buyer(manager, received_at=monday)
    clock = services.inquiry_clock(inquiry, now=dt.datetime(2026, 3, 16, 12, tzinfo=SHANGHAI))
    assert (clock.state, clock.hours) == ("due", 21)
    late = services.inquiry_clock(inquiry, now=dt.datetime(2026, 3, 19, 12, tzinfo=SHANGHAI))
    assert (late.state, late.hours) == ("overdue", 6)  # due Wednesday 15:00: 3 h then, 3 h Thursday
    services.inquiry_respond(actor=reps[0], inquiry=inquiry, at=dt.datetime(2026, 3, 17, 10, tzinfo=SHANGHAI))
    inquiry.refresh_from_db()
    assert services.time_to_first_response(inquiry) == dt.timedelta(hours=10)
    assert services.inquiry_clock(inquiry).state == "answered"
    with pytest.raises(Conflict):
        services.inquiry_respond(actor=reps[0], inquiry=inquiry)


def test_a_pool_inquiry_must_be_claimed_before_it_is_answered(manager, reps):
    _pool_mode(manager.workspace)
    inquiry = _buyer(manager)
    with pytest.raises(Conflict):
        services.inquiry_respond(actor=reps[0], inquiry=inquiry)


def test_reminders_are_planned_and_dropped_when_answered(manager, reps):
    services.inquiry_settings_update(actor=manager, round_robin=[reps[0]], reminder_lead_hours=4)
    inquiry = _buyer(manager)
    planned = dict(Reminder.objects.filter(target_id=inquiry.public_id).values_list("kind", "fire_at"))
    assert set(planned) == {DUE_SOON, OVERDUE}
    assert planned[OVERDUE] == inquiry.response_due_at
    assert planned[DUE_SOON] < planned[OVERDUE]
    services.inquiry_mark_responded(inquiry=inquiry, at=timezone.now())
    assert not Reminder.objects.filter(target_id=inquiry.public_id, processed_at__isnull=True).exists()


def test_the_assignee_is_reminded_once_and_the_managers_told_once(manager, reps):
    services.inquiry_settings_update(actor=manager, round_robin=[reps[0]])
    inquiry = _buyer(manager)
    later = inquiry.response_due_at + dt.timedelta(minutes=1)
    assert reminders_fire_due(now=later) == 2
    assert reminders_fire_due(now=later) == 0
    # A second row for the same moment (an older plan, another worker) tells nobody again.
    for kind, handler in ((DUE_SOON, remind_due_soon), (OVERDUE, tell_overdue)):
        handler(Reminder(workspace=manager.workspace, kind=kind, target_id=inquiry.public_id, fire_at=later))
    assert Notification.objects.filter(recipient=reps[0], kind="inquiries.due_soon").count() == 1
    assert Notification.objects.filter(kind="inquiries.overdue").count() == 1
    assert Notification.objects.get(kind="inquiries.overdue").recipient == manager
    inquiry.refresh_from_db()
    assert inquiry.reminded_at and inquiry.overdue_notified_at


def test_an_answered_inquiry_tells_nobody(manager, reps):
    services.inquiry_settings_update(actor=manager, round_robin=[reps[0]])
    inquiry = _buyer(manager)
    services.inquiry_respond(actor=reps[0], inquiry=inquiry)
    tell_overdue(Reminder(workspace=manager.workspace, kind=OVERDUE, target_id=inquiry.public_id))
    assert not Notification.objects.filter(kind="inquiries.overdue").exists()


# --- the states ------------------------------------------------------------------------------------------


def test_quoted_then_won_for_the_quotation_code(manager, reps):
    _pool_mode(manager.workspace)
    inquiry = _buyer(manager)
    services.inquiry_mark_quoted(actor=reps[0], inquiry=inquiry)
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.assignee) == (InquiryStatus.QUOTED, reps[0])
    assert inquiry.first_response_at is not None
    services.inquiry_mark_quoted(actor=reps[0], inquiry=inquiry)  # a second quotation: nothing changes
    services.inquiry_mark_won(actor=reps[0], inquiry=inquiry)
    services.inquiry_mark_won(actor=reps[0], inquiry=inquiry)
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.WON and inquiry.closed_at
    with pytest.raises(Conflict):
        services.inquiry_reopen(actor=manager, inquiry=inquiry)
    with pytest.raises(Conflict):
        services.inquiry_mark_quoted(actor=reps[0], inquiry=inquiry)
    kinds = set(history_of("inquiries.inquiry", inquiry).values_list("kind", flat=True))
    assert {"inquiry.quoted", "inquiry.won", "inquiry.responded"} <= kinds


def test_lost_needs_a_reason_from_the_list_and_may_name_the_competitor(manager, reps):
    services.inquiry_settings_update(actor=manager, round_robin=[reps[0]])
    inquiry = _buyer(manager)
    with pytest.raises(ValidationFailed):
        services.inquiry_mark_lost(actor=reps[0], inquiry=inquiry, reason=None)
    rival = services.competitor_create(actor=manager, name="Zhejiang Rival Appliances", country="CN")
    reason = LostReason.objects.get(workspace=manager.workspace, name="Chose a competitor")
    services.inquiry_mark_lost(
        actor=reps[0], inquiry=inquiry, reason=reason, competitor=rival, note="5% cheaper"
    )
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.lost_reason, inquiry.lost_competitor) == (
        InquiryStatus.LOST,
        reason,
        rival,
    )
    with pytest.raises(Conflict):
        services.inquiry_mark_lost(actor=reps[0], inquiry=inquiry, reason=reason)
    services.inquiry_reopen(actor=reps[0], inquiry=inquiry)
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.lost_reason) == (InquiryStatus.ASSIGNED, None)


def test_a_rep_cannot_work_a_colleagues_inquiry(manager, reps):
    services.inquiry_settings_update(actor=manager, round_robin=[reps[0]])
    inquiry = _buyer(manager)
    reason = LostReason.objects.filter(workspace=manager.workspace).first()
    with pytest.raises(PermissionDenied):
        services.inquiry_mark_lost(actor=reps[1], inquiry=inquiry, reason=reason)


def test_close_as_spam_or_as_a_duplicate_of_another(manager):
    _pool_mode(manager.workspace)
    first, second, junk = _buyer(manager), _buyer(manager), _buyer(manager)
    with pytest.raises(ValidationFailed):
        services.inquiry_close(actor=manager, inquiry=second, closing="duplicate")
    with pytest.raises(ValidationFailed):
        services.inquiry_close(actor=manager, inquiry=second, closing="duplicate", duplicate_of=second)
    services.inquiry_close(actor=manager, inquiry=second, closing="duplicate", duplicate_of=first)
    services.inquiry_close(actor=manager, inquiry=junk, closing="spam")
    second.refresh_from_db()
    junk.refresh_from_db()
    assert (second.status, second.duplicate_of) == (InquiryStatus.DUPLICATE, first)
    assert junk.status == InquiryStatus.SPAM
    assert not Reminder.objects.filter(target_id=junk.public_id, processed_at__isnull=True).exists()


# --- the customer ----------------------------------------------------------------------------------------


def test_link_an_existing_customer_moves_a_pool_inquiry_to_its_owner(manager, reps):
    _pool_mode(manager.workspace)
    customer = CustomerFactory(
        actor=reps[1],
        name="Osaka Trading",
        country="JP",
        contacts=[{"name": "Ken", "emails": ["ken@osaka.jp"]}],
    )
    inquiry = _buyer(manager, buyer_company="Osaka Trading Co.", buyer_email="other@osaka.jp")
    assert inquiry.customer is None
    services.inquiry_link_customer(actor=manager, inquiry=inquiry, customer=customer)
    inquiry.refresh_from_db()
    assert (inquiry.customer, inquiry.assignee) == (customer, reps[1])


def test_create_the_customer_through_the_duplicate_check(manager, reps):
    services.inquiry_settings_update(actor=manager, round_robin=[reps[0]])
    CustomerFactory(actor=reps[1], name="Hamburg Küchen GmbH", country="DE")
    inquiry = _buyer(manager, buyer_name="Anna Schulz", buyer_email="anna@hh-kuechen.de", buyer_country="DE")
    with pytest.raises(DuplicatesFound):
        services.inquiry_create_customer(actor=reps[0], inquiry=inquiry)
    customer = services.inquiry_create_customer(actor=reps[0], inquiry=inquiry, confirm_duplicates=True)
    inquiry.refresh_from_db()
    assert inquiry.customer == customer and customer.owner == reps[0]
    assert inquiry.contact.emails == ["anna@hh-kuechen.de"]
    with pytest.raises(Conflict):
        services.inquiry_create_customer(actor=reps[0], inquiry=inquiry)


def test_a_merged_customers_inquiries_move_to_the_survivor(manager, reps, client_for):
    survivor = CustomerFactory(actor=reps[0], name="Müller GmbH", country="DE")
    merged = CustomerFactory(
        actor=reps[1],
        name="Mueller Haushaltswaren",
        country="DE",
        contacts=[{"name": "Petra", "emails": ["petra@mueller.de"]}],
    )
    waiting = services.inquiry_create(
        actor=manager, customer=merged, buyer_email="petra@mueller.de", message="2,000 kettles"
    )
    closed = services.inquiry_create(actor=manager, customer=merged, message="Teapots")
    services.inquiry_close(actor=manager, inquiry=closed, closing="spam")
    elsewhere = _buyer(manager)
    record = crm_services.customer_merge(actor=manager, survivor=survivor, merged=merged)
    assert record.moved["inquiries"] == 2
    assert Inquiry.objects.count() == 3  # none went with the merged customer
    waiting.refresh_from_db()
    closed.refresh_from_db()
    assert (waiting.customer, closed.customer, closed.status) == (survivor, survivor, InquiryStatus.SPAM)
    # Its contact moved with the customer's contacts; its rep keeps answering it, on the same clock.
    assert (waiting.contact.name, waiting.contact.customer) == ("Petra", survivor)
    assert (waiting.assignee, waiting.status) == (reps[1], InquiryStatus.ASSIGNED)
    assert Reminder.objects.filter(target_id=waiting.public_id, processed_at__isnull=True).exists()
    moved = history_of("inquiries.inquiry", waiting).get(kind="inquiry.customer_merged")
    assert moved.data == {"from": "Mueller Haushaltswaren", "name": "Müller GmbH"}
    assert moved.actor == manager
    assert Inquiry.objects.get(pk=elsewhere.pk).customer is None
    profile = client_for(manager).get(f"/w/{manager.workspace.slug}/customers/{survivor.public_id}/")
    assert waiting.number in profile.content.decode() and closed.number in profile.content.decode()
    # The survivor is a colleague's customer: the inquiry's assignee still opens it.
    page = client_for(reps[1]).get(f"/w/{manager.workspace.slug}/inquiries/{waiting.public_id}/")
    assert page.status_code == 200 and waiting.number in page.content.decode()


# --- answered on the customer's timeline -------------------------------------------------------------------


def test_a_contact_the_assignee_logs_answers_their_waiting_inquiries(manager, reps):
    customer = CustomerFactory(actor=reps[0], name="Lyon Textiles", country="FR")
    other = CustomerFactory(actor=reps[0], name="Porto Casa", country="PT")
    received = timezone.now() - dt.timedelta(hours=5)
    waiting = services.inquiry_create(
        actor=manager, customer=customer, message="Price?", received_at=received
    )
    later = services.inquiry_create(actor=manager, customer=customer, message="And teapots?")
    elsewhere = services.inquiry_create(actor=manager, customer=other, message="Price?", received_at=received)
    assert waiting.assignee == later.assignee == reps[0]
    crm_services.timeline_log(actor=reps[0], customer=customer, channel="note", summary="Read their website")
    crm_services.timeline_log(actor=manager, customer=customer, channel="call", summary="Manager called")
    waiting.refresh_from_db()
    assert waiting.first_response_at is None  # a note is no contact; the manager's call is not the rep's
    replied = received + dt.timedelta(hours=2)
    crm_services.timeline_log(
        actor=reps[0], customer=customer, channel="email", summary="Sent prices", at=replied
    )
    for inquiry in (waiting, later, elsewhere):
        inquiry.refresh_from_db()
    assert waiting.first_response_at == replied
    assert services.inquiry_clock(waiting).state == "answered"
    assert not Reminder.objects.filter(target_id=waiting.public_id, processed_at__isnull=True).exists()
    assert history_of("inquiries.inquiry", waiting).get(kind="inquiry.responded").actor == reps[0]
    assert later.first_response_at is None  # it arrived after that e-mail
    assert elsewhere.first_response_at is None  # another customer's
    crm_services.timeline_log(actor=reps[0], customer=customer, channel="whatsapp", summary="Follow-up")
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert waiting.first_response_at == replied  # only the first response counts
    assert later.first_response_at is not None


def test_a_logged_contact_leaves_closed_and_quoted_inquiries_alone(manager, reps):
    customer = CustomerFactory(actor=reps[0], name="Lyon Textiles", country="FR")
    spam = services.inquiry_create(actor=manager, customer=customer, message="Buy followers")
    quoted = services.inquiry_create(actor=manager, customer=customer, message="Price?")
    services.inquiry_close(actor=reps[0], inquiry=spam, closing="spam")
    services.inquiry_mark_quoted(actor=reps[0], inquiry=quoted)
    quoted.refresh_from_db()
    crm_services.timeline_log(actor=reps[0], customer=customer, channel="call", summary="Talked prices")
    spam.refresh_from_db()
    assert spam.first_response_at is None
    assert Inquiry.objects.get(pk=quoted.pk).first_response_at == quoted.first_response_at


def test_logging_a_reply_on_the_profile_stops_the_clock(manager, reps, client_for):
    customer = CustomerFactory(actor=reps[0], name="Lyon Textiles", country="FR")
    inquiry = services.inquiry_create(actor=manager, customer=customer, message="Price?")
    answer = client_for(reps[0]).post(
        f"/w/{manager.workspace.slug}/customers/{customer.public_id}/log/",
        {"channel": "email", "summary": "Sent the price list"},
    )
    assert answer.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.first_response_at is not None
    assert services.inquiry_clock(inquiry).state == "answered"


# --- attachments, competitors, lost reasons, settings ------------------------------------------------------


def test_attachments(manager):
    _pool_mode(manager.workspace)
    inquiry = _buyer(manager)
    attachment = services.inquiry_attachment_add(
        actor=manager, inquiry=inquiry, upload=SimpleUploadedFile("drawing.pdf", b"%PDF-1.4 drawing")
    )
    assert attachment.file.original_name == "drawing.pdf"
    with pytest.raises(ValidationFailed):
        services.inquiry_attachment_add(
            actor=manager, inquiry=inquiry, upload=SimpleUploadedFile("run.exe", b"MZ\x90\x00")
        )
    services.inquiry_attachment_remove(actor=manager, attachment=attachment)
    assert not inquiry.attachments.exists()


def test_competitors_are_unique_by_name_and_kept_by_leads(manager, reps):
    services.competitor_create(actor=manager, name="Rival Co", website="www.rival.cn")
    with pytest.raises(Conflict):
        services.competitor_create(actor=manager, name="RIVAL CO")
    with pytest.raises(PermissionDenied):
        services.competitor_create(actor=reps[0], name="Other")
    with pytest.raises(ValidationFailed):
        services.competitor_create(actor=manager, name="Bad", website="not a site", country="XX")


def test_default_lost_reasons_and_their_upkeep(manager, reps):
    names = list(LostReason.objects.filter(workspace=manager.workspace).values_list("name", flat=True))
    assert names[0] == "Price too high" and len(names) == 6
    reason = services.lost_reason_create(actor=manager, name="Payment terms")
    services.lost_reason_update(actor=manager, reason=reason, position=0)
    assert LostReason.objects.filter(workspace=manager.workspace).first() == reason
    services.inquiry_settings_update(actor=manager, round_robin=[reps[0]])
    inquiry = _buyer(manager)
    services.inquiry_mark_lost(actor=reps[0], inquiry=inquiry, reason=reason)
    with pytest.raises(Conflict):
        services.lost_reason_delete(actor=manager, reason=reason)


def test_settings_are_checked(manager, reps):
    with pytest.raises(ValidationFailed):
        services.inquiry_settings_update(actor=manager, business_start=dt.time(18), business_end=dt.time(9))
    with pytest.raises(ValidationFailed):
        services.inquiry_settings_update(actor=manager, business_days=[])
    with pytest.raises(ValidationFailed):
        services.inquiry_settings_update(actor=manager, intake_origins="javascript:alert(1)")
    with pytest.raises(PermissionDenied):
        services.inquiry_settings_update(actor=reps[0], response_target_hours=8)
    settings = services.inquiry_settings_update(
        actor=manager, response_target_hours=8, business_days=[0, 1, 2]
    )
    assert (settings.response_target_hours, settings.business_weekdays) == (8, frozenset({0, 1, 2}))


# --- the intake ------------------------------------------------------------------------------------------


def test_the_intake_token_is_shown_once_and_stored_hashed(manager):
    raw = services.intake_token_regenerate(actor=manager)
    settings = InquirySettings.objects.get(workspace=manager.workspace)
    assert raw not in settings.intake_token_hash and settings.intake_token_hash
    assert services.intake_settings_for(raw) == settings
    again = services.intake_token_regenerate(actor=manager)
    with pytest.raises(NotFound):
        services.intake_settings_for(raw)
    services.intake_token_revoke(actor=manager)
    with pytest.raises(NotFound):
        services.intake_settings_for(again)


def test_intake_creates_from_the_website_and_links_the_contact_by_email(manager, reps):
    customer = CustomerFactory(
        actor=reps[1],
        name="Dubai Home LLC",
        country="AE",
        contacts=[{"name": "Omar", "emails": ["omar@dubaihome.ae"]}],
    )
    raw = services.intake_token_regenerate(actor=manager)
    inquiry = services.inquiry_intake(
        settings=services.intake_settings_for(raw),
        email="OMAR@dubaihome.ae",
        message="Need 500 kettles",
        product="Electric kettle",
        quantity="500",
    )
    assert (inquiry.source, inquiry.created_via) == ("website", CreatedVia.INTAKE)
    assert (inquiry.customer, inquiry.contact.name, inquiry.assignee) == (customer, "Omar", reps[1])
    assert inquiry.items.get().description == "Electric kettle"


def test_intake_throttles_per_ip_and_per_token(settings):
    settings.INQUIRY_INTAKE_MAX_PER_IP = 2
    settings.INQUIRY_INTAKE_MAX_PER_TOKEN = 3
    now = 1_000_000.0
    services.intake_throttle(token="twi_a", ip="10.0.0.1", now=now)
    services.intake_throttle(token="twi_a", ip="10.0.0.1", now=now)
    with pytest.raises(Throttled) as refused:
        services.intake_throttle(token="twi_b", ip="10.0.0.1", now=now)
    assert refused.value.extra["retry_after"] > 0
    services.intake_throttle(token="twi_a", ip="10.0.0.2", now=now)
    with pytest.raises(Throttled):
        services.intake_throttle(token="twi_a", ip="10.0.0.3", now=now)  # the token's fourth
    services.intake_throttle(token="twi_a", ip="10.0.0.1", now=now + 3600)  # a new window


def test_intake_redirects_only_to_listed_origins(manager):
    services.inquiry_settings_update(actor=manager, intake_origins="https://www.haichao.example\n")
    settings = services.inquiry_settings(manager.workspace)
    assert (
        services.intake_redirect(settings, "https://www.haichao.example/thanks")
        == "https://www.haichao.example/thanks"
    )
    for bad in (
        "https://evil.example/",
        "//evil.example",
        "javascript:alert(1)",
        "https://www.haichao.example.evil.io/",
    ):
        assert services.intake_redirect(settings, bad) is None


def test_the_customer_profile_lists_its_inquiries(owner, client_for):
    from tests.factories import CustomerFactory
    from tradewind.trade.inquiries import services as inquiry_services

    customer = CustomerFactory(actor=owner, name="Hausmann GmbH", country="DE")
    inquiry = inquiry_services.inquiry_create(actor=owner, customer=customer, message="1,000 kettles, please")
    page = client_for(owner).get(f"/w/{owner.workspace.slug}/customers/{customer.public_id}/")
    assert inquiry.number in page.content.decode()
