"""After-sales cases (issue 12): opening one about an order, its statuses, its resolution and the credit note
it leaves until a later order uses it, photos, and what is refused."""

from decimal import Decimal

import pytest

from tests.aftersales_helpers import confirmed_order, make_world, photo, shipment
from tests.factories import CustomerFactory, history_of, timeline_of
from tests.sales import quote
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.notifications.models import Notification
from tradewind.trade import services as trade
from tradewind.trade.aftersales import selectors, services
from tradewind.trade.aftersales.choices import CaseStatus, Resolution
from tradewind.trade.aftersales.models import AftersalesCase, CasePhoto, CreditNote
from tradewind.trade.lines import LineInput
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import AuditEntry


@pytest.fixture
def world(setup, member_factory):
    return make_world(setup, member_factory)


def _open(world, actor=None, **extra):
    values = {"case_type": "damage", "description": "12 cartons crushed", "claimed_amount": Decimal("120")}
    values.update(extra)
    return services.case_create(actor=actor or world.service, order=world.order, **values)


def test_a_case_is_about_the_order_its_customer_and_currency_and_goes_to_customer_service(world):
    case = _open(world, actor=world.rep)
    assert case.number.startswith("AS-") and case.number.endswith("-0001")
    assert (case.customer, case.currency, case.claimed_amount) == (world.customer, "EUR", Decimal("120"))
    assert case.owner == world.service and case.status == CaseStatus.OPEN and case.opened_by == world.rep
    told = Notification.objects.get(recipient=world.service)
    assert told.kind == "aftersales.case_assigned" and case.number in told.title
    for subject, record in (
        ("aftersales.case", case),
        ("trade.order", world.order),
        ("crm.customer", world.customer),
    ):
        assert "aftersales.case.opened" in set(history_of(subject, record).values_list("kind", flat=True))


def test_the_orders_rep_opens_a_case_but_only_customer_service_and_managers_work_it(world, member_factory):
    case = _open(world, actor=world.rep)
    with pytest.raises(PermissionDenied):
        services.case_set_status(actor=world.rep, case=case, status=CaseStatus.INVESTIGATING)
    with pytest.raises(PermissionDenied):
        services.case_resolve(
            actor=world.rep, case=case, resolution=Resolution.REFUND, agreed_amount=Decimal(1)
        )
    for role in (Role.FINANCE, Role.MERCHANDISER, Role.VIEWER):
        with pytest.raises(PermissionDenied):
            _open(world, actor=member_factory(role))
    colleague = member_factory(Role.SALES)
    with pytest.raises(PermissionDenied):  # another rep's order (of a customer they may not see)
        _open(world, actor=colleague)
    services.case_set_status(actor=world.manager, case=case, status=CaseStatus.INVESTIGATING)
    with pytest.raises(ValidationFailed) as refused:  # a rep opens; customer service chooses the owner
        _open(world, actor=world.rep, owner=world.manager)
    assert refused.value.field == "owner"


def test_an_open_case_moves_between_open_statuses_and_closes_only_with_its_resolution(world):
    case = _open(world)
    for status in (CaseStatus.INVESTIGATING, CaseStatus.AWAITING_BUYER, CaseStatus.INVESTIGATING):
        case = services.case_set_status(actor=world.service, case=case, status=status)
        assert case.status == status
    with pytest.raises(ValidationFailed) as refused:
        services.case_set_status(actor=world.service, case=case, status=CaseStatus.RESOLVED)
    assert "resolution" in str(refused.value.message)
    services.case_resolve(
        actor=world.service, case=case, resolution=Resolution.REPLACEMENT, note="Sent 12 new"
    )
    case.refresh_from_db()
    assert (
        case.status == CaseStatus.RESOLVED
        and case.resolved_by == world.service
        and case.agreed_amount is None
    )
    with pytest.raises(Conflict):
        services.case_set_status(actor=world.service, case=case, status=CaseStatus.OPEN)
    with pytest.raises(Conflict):
        services.case_update(actor=world.service, case=case, description="later")
    kinds = list(history_of("aftersales.case", case).values_list("kind", flat=True))
    assert kinds.count("aftersales.case.status") == 3 and "aftersales.case.resolved" in kinds
    assert "aftersales.case.resolved" in set(timeline_of(world.customer).values_list("kind", flat=True))


@pytest.mark.parametrize("amount", [Decimal(0), Decimal("-5"), Decimal("10.005")])
def test_a_claim_of_zero_less_or_too_fine_is_refused_and_nothing_is_opened(world, amount):
    with pytest.raises(ValidationFailed) as refused:
        _open(world, claimed_amount=amount)
    assert refused.value.field == "claimed"
    assert not AftersalesCase.objects.exists()


def test_a_shipment_of_another_order_is_refused_with_every_other_problem_at_once(world):
    other = confirmed_order(world)
    theirs = shipment(other)
    with pytest.raises(ValidationFailed) as refused:
        _open(world, shipment=theirs, claimed_amount=Decimal(0), description="  ", case_type="broken")
    assert set(refused.value.fields) == {"shipment", "claimed", "description", "case_type"}
    assert world.order.number in refused.value.fields["shipment"][0]
    assert not AftersalesCase.objects.exists()
    case = _open(world, shipment=shipment(world.order))
    assert case.shipment.order == world.order
    with pytest.raises(ValidationFailed):
        services.case_update(actor=world.service, case=case, shipment=theirs)
    case.refresh_from_db()
    assert case.shipment.order == world.order


def test_a_case_is_opened_only_on_a_confirmed_order(world):
    quotation = trade.quotation_mark_sent(actor=world.rep, quotation=quote(world.setup))
    trade.quotation_accept(actor=world.rep, quotation=quotation)
    proforma = trade.order_create_from_quotation(actor=world.rep, quotation=quotation)
    with pytest.raises(Conflict):
        services.case_create(actor=world.service, order=proforma, case_type="delay", description="Late")


def test_agreeing_more_than_the_claim_needs_confirmation_and_is_audited(world):
    case = _open(world)
    with pytest.raises(ValidationFailed) as refused:
        services.case_resolve(
            actor=world.service, case=case, resolution=Resolution.CREDIT_NOTE, agreed_amount=Decimal("150")
        )
    assert (refused.value.field, refused.value.code) == ("agreed_amount", "above_claim")
    assert "€120.00" in str(refused.value.message)
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and not CreditNote.objects.exists()
    services.case_resolve(
        actor=world.service,
        case=case,
        resolution=Resolution.CREDIT_NOTE,
        agreed_amount=Decimal("150"),
        confirm_above_claim=True,
    )
    assert CreditNote.objects.get().amount == Decimal("150")
    assert AuditEntry.objects.filter(action="aftersales_above_claim", target=case.number).exists()


def test_money_agreed_on_a_case_that_claimed_none_needs_confirmation_too(world):
    case = _open(world, claimed_amount=None, case_type="delay")
    with pytest.raises(ValidationFailed) as refused:
        services.case_resolve(
            actor=world.service, case=case, resolution=Resolution.REFUND, agreed_amount=Decimal(50)
        )
    assert refused.value.code == "above_claim"


def test_each_resolution_says_what_it_needs(world):
    case = _open(world)
    for resolution, amount, note, field in (
        (Resolution.CREDIT_NOTE, None, "", "agreed_amount"),
        (Resolution.REFUND, None, "", "agreed_amount"),
        (Resolution.REJECTED, Decimal(10), "No damage on the photos", "agreed_amount"),
        (Resolution.REJECTED, None, "", "note"),
        (Resolution.REFUND, Decimal("-1"), "", "agreed_amount"),
        ("discount", Decimal(1), "", "resolution"),
    ):
        with pytest.raises(ValidationFailed) as refused:
            services.case_resolve(
                actor=world.service, case=case, resolution=resolution, agreed_amount=amount, note=note
            )
        assert refused.value.field == field, (resolution, amount)
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.resolution == ""
    services.case_resolve(
        actor=world.service, case=case, resolution=Resolution.REJECTED, note="Damage after delivery"
    )
    case.refresh_from_db()
    assert (case.status, case.resolution) == (CaseStatus.REJECTED, Resolution.REJECTED)
    notice = Notification.objects.get(recipient=world.rep, kind="aftersales.case_resolved")
    assert case.number in notice.title


def test_a_credit_note_stays_open_on_the_customer_until_a_later_order_uses_it(world, member_factory):
    case = _open(world)
    services.case_resolve(
        actor=world.service, case=case, resolution=Resolution.CREDIT_NOTE, agreed_amount=Decimal("100")
    )
    credit = CreditNote.objects.get()
    assert (
        credit.number.startswith("CN-") and credit.money.amount == Decimal(100) and credit.currency == "EUR"
    )
    assert selectors.open_credits(world.customer) == [credit]
    # Not the order it was given for, not another buyer's, not another currency, not a smaller order.
    other_buyer = CustomerFactory(actor=world.rep, name="Lyon Textiles SA", country="FR")
    refusals = {
        world.order: "later order",
        confirmed_order(world, customer=other_buyer): "Hausmann",
        confirmed_order(world, currency="USD"): "EUR",
        confirmed_order(world, lines=[LineInput(product=world.product, quantity="1", unit_price="50")]): (
            "more than the total"
        ),
    }
    for order, words in refusals.items():
        with pytest.raises(ValidationFailed) as refused:
            services.credit_apply(actor=world.service, credit=credit, order=order)
        assert refused.value.field == "order" and words in str(refused.value.message), order.number
    credit.refresh_from_db()
    assert credit.is_open
    with pytest.raises(PermissionDenied):
        services.credit_apply(actor=world.rep, credit=credit, order=world.order)
    next_order = confirmed_order(world)
    assert next_order in selectors.orders_for_credit(credit)
    services.credit_apply(actor=world.service, credit=credit, order=next_order)
    credit.refresh_from_db()
    assert credit.applied_to == next_order and credit.applied_by == world.service
    assert selectors.open_credits(world.customer) == [] and selectors.credits_applied_to(next_order) == [
        credit
    ]
    assert "aftersales.credit.applied" in set(
        history_of("trade.order", next_order).values_list("kind", flat=True)
    )
    assert "aftersales.credit.applied" in set(timeline_of(world.customer).values_list("kind", flat=True))
    assert AuditEntry.objects.filter(action="aftersales_credit_applied", target=credit.number).exists()
    with pytest.raises(Conflict):
        services.credit_apply(actor=world.service, credit=credit, order=confirmed_order(world))


def test_changing_a_case_tells_a_new_owner_and_rechecks_the_claim_in_a_new_currency(world, member_factory):
    case = _open(world, claimed_amount=Decimal("120.50"))
    colleague = member_factory(Role.SERVICE)
    services.case_update(actor=world.service, case=case, owner=colleague, case_type="shortage")
    case.refresh_from_db()
    assert (case.owner, case.case_type) == (colleague, "shortage")
    assert Notification.objects.filter(recipient=colleague, kind="aftersales.case_assigned").exists()
    with pytest.raises(ValidationFailed) as refused:  # JPY has no decimals
        services.case_update(actor=world.service, case=case, currency="JPY")
    assert refused.value.field == "claimed"
    with pytest.raises(ValidationFailed) as refused:
        services.case_update(actor=world.service, case=case, owner=world.rep)
    assert refused.value.field == "owner"
    case.refresh_from_db()
    assert (case.currency, case.owner) == ("EUR", colleague)


def test_photos_come_with_a_thumbnail_and_only_images_are_kept(world, member_factory):
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = _open(world)
    added = services.case_photo_add(actor=world.rep, case=case, upload=photo(size=(1200, 900)))
    assert added.thumbnail.content_type == "image/jpeg" and added.thumbnail.size < added.file.size
    with pytest.raises(ValidationFailed):
        services.case_photo_add(
            actor=world.service, case=case, upload=SimpleUploadedFile("claim.pdf", b"%PDF-1.4 not a photo")
        )
    with pytest.raises(PermissionDenied):
        services.case_photo_add(actor=member_factory(Role.FINANCE), case=case, upload=photo())
    with pytest.raises(PermissionDenied):  # the rep adds, customer service removes
        services.case_photo_remove(actor=world.rep, photo=added)
    services.case_photo_remove(actor=world.service, photo=added)
    assert not CasePhoto.objects.exists()
    kinds = set(history_of("aftersales.case", case).values_list("kind", flat=True))
    assert {"aftersales.case.photo_added", "aftersales.case.photo_removed"} <= kinds


def test_a_merged_customers_cases_and_credits_move_to_the_survivor(world):
    from tradewind.crm.services import customer_merge

    duplicate = CustomerFactory(actor=world.rep, name="Hausmann GmbH & Co", country="DE")
    order = confirmed_order(world, customer=duplicate)
    case = services.case_create(
        actor=world.service, order=order, case_type="shortage", description="2 cartons short"
    )
    customer_merge(actor=world.manager, survivor=world.customer, merged=duplicate)
    case.refresh_from_db()
    assert case.customer == world.customer


def test_the_demo_opens_a_damage_case_and_leaves_a_credit_note_once(world):
    from tradewind.trade.aftersales.demo import SERVICE, demo_aftersales

    confirmed_order(world)
    members = {SERVICE: world.service}
    demo_aftersales(workspace=world.order.workspace, members_by_email=members)
    demo_aftersales(workspace=world.order.workspace, members_by_email=members)  # made once
    damaged, quality = AftersalesCase.objects.order_by("id")
    assert (damaged.case_type, damaged.status, damaged.photos.count()) == ("damage", "investigating", 1)
    assert quality.status == CaseStatus.RESOLVED and quality.agreed_amount < quality.claimed_amount
    assert CreditNote.objects.get().is_open
