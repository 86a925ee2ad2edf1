"""Production and QC rules (issue 12): suppliers, an order's production and its dates, the at-risk flag and
the rep told, QC inspections and the booking gate — each refusal a clear message and no change."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import history_of
from tests.production_helpers import confirmed_order, days, pdf_named_png, png
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.files.models import StoredFile
from tradewind.notifications.models import Notification
from tradewind.trade import services as trade
from tradewind.trade.production import selectors, services
from tradewind.trade.production.choices import InspectionResult, ProductionAuditAction, ProductionStatus
from tradewind.trade.production.models import Inspection, Production, ProgressUpdate, Supplier
from tradewind.trade.workflow.gates import stage_blockers
from tradewind.trade.workflow.models import Fulfilment
from tradewind.trade.workflow.services import fulfilment_flags_set
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import AuditEntry


def kinds(order):
    return list(history_of("trade.order", order).values_list("kind", flat=True))


# --- suppliers ----------------------------------------------------------------------------------------


def test_suppliers_are_kept_by_the_merchandiser_and_the_leads(setup, merch):
    supplier = services.supplier_create(
        actor=merch, name=" Yuyao Plastics Co. ", email="Sales@YuyaoPlastic.cn", city="Yuyao", country="cn"
    )
    assert (supplier.name, supplier.email, supplier.country) == (
        "Yuyao Plastics Co.",
        "sales@yuyaoplastic.cn",
        "CN",
    )
    services.supplier_update(actor=setup["manager"], supplier=supplier, contact_person="Ms Chen")
    with pytest.raises(PermissionDenied):
        services.supplier_create(actor=setup["rep"], name="Cixi Appliance Factory")
    with pytest.raises(PermissionDenied):
        services.supplier_update(actor=setup["rep"], supplier=supplier, notes="cheap")
    assert list(history_of("production.supplier", supplier).values_list("kind", flat=True)) == [
        "production.supplier_changed",
        "production.supplier_created",
    ]


def test_a_supplier_needs_a_unique_name_a_real_email_and_a_known_country(merch):
    services.supplier_create(actor=merch, name="Cixi Appliance Factory")
    with pytest.raises(Conflict) as duplicate:
        services.supplier_create(actor=merch, name="CIXI appliance factory")
    assert duplicate.value.field == "name"
    with pytest.raises(ValidationFailed) as refused:
        services.supplier_create(actor=merch, name="  ", email="wang@", country="XX")
    assert set(refused.value.fields) == {"name", "email", "country"}
    assert Supplier.objects.count() == 1


def test_an_archived_supplier_takes_no_new_production_and_comes_back(setup, merch, supplier, order):
    services.supplier_archive(actor=merch, supplier=supplier)
    with pytest.raises(ValidationFailed) as refused:
        services.production_create(actor=merch, order=order, supplier=supplier)
    assert refused.value.field == "supplier" and "archived" in str(refused.value.message)
    services.supplier_restore(actor=merch, supplier=supplier)
    assert services.production_create(actor=merch, order=order, supplier=supplier).pk


# --- production ---------------------------------------------------------------------------------------


def test_production_is_placed_for_confirmed_orders_by_those_who_keep_it(setup, merch, supplier):
    from tests.sales import quote

    proforma = trade.order_create_from_quotation(
        actor=setup["rep"],
        quotation=trade.quotation_accept(
            actor=setup["rep"],
            quotation=trade.quotation_mark_sent(actor=setup["rep"], quotation=quote(setup)),
        ),
    )
    with pytest.raises(Conflict):
        services.production_create(actor=merch, order=proforma, supplier=supplier)
    order = trade.order_confirm(actor=setup["rep"], order=proforma)
    with pytest.raises(PermissionDenied):
        services.production_create(actor=setup["rep"], order=order, supplier=supplier)
    production = services.production_create(
        actor=merch, order=order, supplier=supplier, goods="KT-100 × 1,000", planned_start=days(2),
        planned_ready=days(30),
    )  # fmt: skip
    assert production.status == ProductionStatus.PLANNED and production.ready_date == days(30)
    assert "production.added" in kinds(order)
    trade.order_cancel(actor=setup["rep"], order=order, reason="Buyer went bankrupt")
    with pytest.raises(Conflict):
        services.production_progress_add(actor=merch, production=production, progress=10)


def test_a_ready_date_cannot_come_before_the_start(merch, supplier, order):
    with pytest.raises(ValidationFailed) as refused:
        services.production_create(
            actor=merch, order=order, supplier=supplier, planned_start=days(10), planned_ready=days(5),
            actual_start=days(-2), actual_ready=days(-5), expected_ready=days(-4),
        )  # fmt: skip
    assert set(refused.value.fields) == {"planned_ready", "actual_ready", "expected_ready"}
    assert "before" in refused.value.fields["planned_ready"][0]
    assert not Production.objects.exists()
    production = services.production_create(
        actor=merch, order=order, supplier=supplier, planned_start=days(1), planned_ready=days(20)
    )
    with pytest.raises(ValidationFailed) as refused:
        services.production_update(actor=merch, production=production, planned_ready=days(0))
    assert refused.value.field == "planned_ready"
    with pytest.raises(ValidationFailed) as refused:
        services.production_progress_add(
            actor=merch, production=production, progress=5, expected_ready=days(0)
        )
    assert refused.value.field == "expected_ready"
    production.refresh_from_db()
    assert production.planned_ready == days(20) and not ProgressUpdate.objects.exists()


def test_actual_dates_are_not_in_the_future_and_set_the_status(merch, supplier, order):
    with pytest.raises(ValidationFailed) as refused:
        services.production_create(actor=merch, order=order, supplier=supplier, actual_start=days(3))
    assert refused.value.field == "actual_start"
    production = services.production_create(
        actor=merch, order=order, supplier=supplier, actual_start=days(-3)
    )
    assert production.status == ProductionStatus.IN_PROGRESS
    production = services.production_update(actor=merch, production=production, actual_ready=days(0))
    assert (production.status, production.progress) == (ProductionStatus.READY, 100)
    assert {"production.changed", "production.status"} <= set(kinds(order))


@pytest.mark.parametrize("progress", [-1, 101, 250, "50", None, True])
def test_progress_is_a_whole_percent(merch, supplier, order, progress):
    production = services.production_create(actor=merch, order=order, supplier=supplier)
    with pytest.raises(ValidationFailed) as refused:
        services.production_progress_add(actor=merch, production=production, progress=progress)
    assert refused.value.field == "progress" and "0 to 100" in str(refused.value.message)
    with pytest.raises(ValidationFailed):
        services.production_create(actor=merch, order=order, supplier=supplier, progress=progress or 101)
    assert not ProgressUpdate.objects.exists() and Production.objects.count() == 1


def test_a_progress_update_moves_the_production_along_with_its_photos(merch, supplier, order):
    production = services.production_create(
        actor=merch, order=order, supplier=supplier, planned_ready=days(30)
    )
    update = services.production_progress_add(
        actor=merch, production=production, progress=35, note="Moulds done, assembly started",
        expected_ready=days(32), photos=[png("line.png"), png("moulds.png", size=(900, 700))],
    )  # fmt: skip
    production.refresh_from_db()
    assert (production.progress, production.status, production.expected_ready) == (
        35, ProductionStatus.IN_PROGRESS, days(32),
    )  # fmt: skip
    photos = list(update.photos.select_related("thumbnail"))
    assert len(photos) == 2 and photos[1].thumbnail.content_type == "image/jpeg"
    assert "production.progress" in kinds(order)


def test_a_photo_that_is_not_an_image_is_refused_and_nothing_is_stored(merch, supplier, order):
    production = services.production_create(actor=merch, order=order, supplier=supplier)
    files = StoredFile.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        services.production_progress_add(
            actor=merch, production=production, progress=20, photos=[png(), pdf_named_png()]
        )
    assert refused.value.field == "photos" and "defect.png" in str(refused.value.message)
    assert StoredFile.objects.count() == files and not ProgressUpdate.objects.exists()
    program = SimpleUploadedFile("setup.jpg", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64)
    with pytest.raises(ValidationFailed):
        services.production_progress_add(actor=merch, production=production, progress=20, photos=[program])
    production.refresh_from_db()
    assert production.progress == 0


# --- at risk ------------------------------------------------------------------------------------------


def test_a_ready_date_past_delivery_flags_the_order_and_tells_the_rep_until_it_is_back(
    setup, merch, supplier
):
    order = confirmed_order(setup, delivery_in_days=40)
    fulfilment = Fulfilment.objects.get(order=order)
    production = services.production_create(
        actor=merch, order=order, supplier=supplier, planned_start=days(1), planned_ready=days(35)
    )
    fulfilment.refresh_from_db()
    assert not fulfilment.at_risk and not production.late
    services.production_progress_add(actor=merch, production=production, progress=30, expected_ready=days(46))
    fulfilment.refresh_from_db()
    assert fulfilment.at_risk and supplier.name in fulfilment.risk_reason
    told = Notification.objects.filter(recipient=setup["rep"], kind="production.at_risk")
    assert told.count() == 1 and order.number in told.get().title and supplier.name in told.get().message
    services.production_progress_add(actor=merch, production=production, progress=40, expected_ready=days(48))
    assert told.count() == 1  # still late: said once
    services.production_progress_add(actor=merch, production=production, progress=60, expected_ready=days(39))
    fulfilment.refresh_from_db()
    assert (fulfilment.at_risk, fulfilment.risk_reason) == (False, "")
    assert Notification.objects.filter(recipient=setup["rep"], kind="production.on_time").count() == 1
    assert kinds(order).count("production.at_risk") == 1 and "production.on_time" in kinds(order)


def test_one_late_factory_of_two_is_enough_and_the_actual_date_counts(setup, merch, supplier):
    order = confirmed_order(setup, delivery_in_days=30)
    other = services.supplier_create(actor=merch, name="Cixi Appliance Factory")
    services.production_create(actor=merch, order=order, supplier=supplier, planned_ready=days(20))
    late = services.production_create(actor=merch, order=order, supplier=other, planned_ready=days(31))
    assert Fulfilment.objects.get(order=order).at_risk and "Cixi" in selectors.order_production_risk(order)
    services.production_update(actor=merch, production=late, status=ProductionStatus.CANCELLED)
    assert not Fulfilment.objects.get(order=order).at_risk


def test_production_does_not_clear_a_risk_it_did_not_raise(setup, merch, supplier):
    order = confirmed_order(setup, delivery_in_days=40)
    fulfilment_flags_set(order=order, at_risk=True, risk_reason="Vessel rolled over")
    services.production_create(actor=merch, order=order, supplier=supplier, planned_ready=days(20))
    assert Fulfilment.objects.get(order=order).at_risk


def test_an_order_without_a_delivery_date_is_never_late(setup, merch, supplier):
    order = confirmed_order(setup, delivery_in_days=None)
    services.production_create(actor=merch, order=order, supplier=supplier, planned_ready=days(300))
    assert not Fulfilment.objects.get(order=order).at_risk


# --- inspections and the booking gate ----------------------------------------------------------------


def _failed(merch, order, production=None, *, on=0):
    inspection = services.inspection_book(
        actor=merch, order=order, production=production, agency="sgs", inspected_on=days(on)
    )
    return services.inspection_record_result(
        actor=merch, inspection=inspection, result="fail", defects="12 of 200 kettles leak at the spout"
    )


def test_a_failed_inspection_blocks_booking_until_a_reinspection_passes(setup, merch, supplier, order):
    production = services.production_create(actor=merch, order=order, supplier=supplier)
    assert stage_blockers("booking", order) == [] and selectors.inspection_blocks_booking(order) is None
    failed = _failed(merch, order, production, on=-3)
    reason = selectors.inspection_blocks_booking(order)
    assert reason and "SGS" in reason and stage_blockers("booking", order) == [reason]
    assert Notification.objects.filter(recipient=setup["rep"], kind="production.inspection_failed").exists()
    again = services.inspection_book(actor=merch, order=order, production=production, inspected_on=days(0))
    assert selectors.inspection_blocks_booking(order)  # booked, not decided yet
    services.inspection_record_result(actor=merch, inspection=again, result="pass")
    assert selectors.inspection_blocks_booking(order) is None and stage_blockers("booking", order) == []
    assert failed.result == InspectionResult.FAIL
    assert {"production.inspection_booked", "production.inspection_result"} <= set(kinds(order))


def test_each_factory_needs_its_own_pass(merch, supplier, order):
    other = services.supplier_create(actor=merch, name="Cixi Appliance Factory")
    first = services.production_create(actor=merch, order=order, supplier=supplier)
    second = services.production_create(actor=merch, order=order, supplier=other)
    _failed(merch, order, first, on=-2)
    passed = services.inspection_book(actor=merch, order=order, production=second, inspected_on=days(0))
    services.inspection_record_result(actor=merch, inspection=passed, result="pass")
    assert selectors.inspection_blocks_booking(order)


def test_a_manager_accepts_the_risk_with_a_reason_audited_and_in_the_history(setup, merch, order):
    failed = _failed(merch, order)
    with pytest.raises(PermissionDenied):
        services.inspection_accept_risk(actor=merch, inspection=failed, reason="Buyer agrees")
    with pytest.raises(ValidationFailed) as refused:
        services.inspection_accept_risk(actor=setup["manager"], inspection=failed, reason="   ")
    assert refused.value.field == "reason" and selectors.inspection_blocks_booking(order)
    services.inspection_accept_risk(
        actor=setup["manager"], inspection=failed, reason="Buyer accepts a 3% discount for the leaks"
    )
    assert selectors.inspection_blocks_booking(order) is None
    entry = AuditEntry.objects.get(action=ProductionAuditAction.QC_RISK_ACCEPTED)
    assert entry.target == order.number and "3% discount" in entry.data["reason"]
    assert "production.inspection_risk_accepted" in kinds(order)
    with pytest.raises(Conflict):
        services.inspection_accept_risk(actor=setup["manager"], inspection=failed, reason="again")
    _failed(merch, order, on=0)  # a later failure blocks again
    assert selectors.inspection_blocks_booking(order)


def test_only_a_failed_inspection_is_accepted(setup, merch, order):
    inspection = services.inspection_book(actor=merch, order=order, inspected_on=days(0))
    with pytest.raises(Conflict):
        services.inspection_accept_risk(actor=setup["manager"], inspection=inspection, reason="Why not")


def test_a_result_needs_its_words_and_a_date_that_has_come(merch, order):
    inspection = services.inspection_book(actor=merch, order=order, inspected_on=days(0))
    for result in ("fail", "pass_remarks"):
        with pytest.raises(ValidationFailed) as refused:
            services.inspection_record_result(actor=merch, inspection=inspection, result=result)
        assert refused.value.field == "defects"
    with pytest.raises(ValidationFailed) as refused:
        services.inspection_record_result(actor=merch, inspection=inspection, result="pending")
    assert refused.value.field == "result"
    later = services.inspection_book(actor=merch, order=order, inspected_on=days(5))
    with pytest.raises(Conflict):
        services.inspection_record_result(actor=merch, inspection=later, result="pass")
    inspection.refresh_from_db()
    assert inspection.result == InspectionResult.PENDING


def test_a_booking_names_another_company_and_a_factory_of_the_order(setup, merch, supplier, order):
    with pytest.raises(ValidationFailed) as refused:
        services.inspection_book(actor=merch, order=order, inspected_on=days(2), agency="other")
    assert refused.value.field == "agency_name"
    elsewhere = confirmed_order(setup)
    foreign = services.production_create(actor=merch, order=elsewhere, supplier=supplier)
    with pytest.raises(ValidationFailed) as refused:
        services.inspection_book(actor=merch, order=order, inspected_on=days(2), production=foreign)
    assert refused.value.field == "production"
    with pytest.raises(PermissionDenied):
        services.inspection_book(actor=setup["rep"], order=order, inspected_on=days(2))
    booked = services.inspection_book(
        actor=merch, order=order, inspected_on=days(2), agency="other", agency_name="QIMA", inspector="Li"
    )
    assert booked.agency_label == "QIMA"
    services.inspection_update(actor=merch, inspection=booked, agency="intertek")
    booked.refresh_from_db()
    assert (booked.agency, booked.agency_name) == ("intertek", "")
    assert Inspection.objects.count() == 1


def test_the_report_is_a_document_and_the_photos_images(merch, order):
    inspection = services.inspection_book(actor=merch, order=order, inspected_on=days(0))
    with pytest.raises(ValidationFailed) as refused:
        services.inspection_report_attach(
            actor=merch,
            inspection=inspection,
            upload=SimpleUploadedFile("report.exe", b"MZ\x90\x00" + b"\x00" * 60),
        )
    assert refused.value.field == "report"
    with pytest.raises(ValidationFailed) as refused:
        services.inspection_photos_add(actor=merch, inspection=inspection, uploads=[pdf_named_png()])
    assert refused.value.field == "photos"
    with pytest.raises(ValidationFailed):
        services.inspection_record_result(
            actor=merch, inspection=inspection, result="pass", photos=[png(), pdf_named_png()]
        )
    inspection.refresh_from_db()
    assert inspection.result == InspectionResult.PENDING and not inspection.photos.exists()
    services.inspection_record_result(
        actor=merch, inspection=inspection, result="pass_remarks", defects="Carton marks smudged",
        report=SimpleUploadedFile("SGS-report.pdf", b"%PDF-1.4 report"), photos=[png()],
    )  # fmt: skip
    old = inspection.__class__.objects.get(pk=inspection.pk).report
    services.inspection_report_attach(
        actor=merch, inspection=inspection, upload=SimpleUploadedFile("SGS-report-v2.pdf", b"%PDF-1.4 v2")
    )
    inspection.refresh_from_db()
    assert inspection.report.original_name == "SGS-report-v2.pdf" and inspection.photos.count() == 1
    assert not StoredFile.objects.filter(pk=old.pk).exists()


def test_roles_that_may_record_production_and_qc(setup, member_factory, order):
    from tradewind.trade.production import permissions

    for role, may in [
        (Role.MERCHANDISER, True), (Role.MANAGER, True), (Role.ADMIN, True), (Role.OWNER, True),
        (Role.SALES, False), (Role.DOCUMENTS, False), (Role.LOGISTICS, False), (Role.FINANCE, False),
        (Role.VIEWER, False),
    ]:  # fmt: skip
        member = member_factory(role)
        assert permissions.can_work_production(member, order) is may, role
        assert permissions.can_manage_suppliers(member) is may, role
    leaving = member_factory(Role.MERCHANDISER)
    leaving.is_active = False
    assert not permissions.can_work_production(leaving, order) and not permissions.can_read_suppliers(leaving)
    assert permissions.can_accept_qc_risk(setup["manager"], order)
    assert not permissions.can_accept_qc_risk(member_factory(Role.MERCHANDISER), order)


def test_the_demo_places_production_with_one_order_at_risk_and_a_reinspection(setup, member_factory):
    from tests.factories import UserFactory
    from tradewind.trade.production.demo import demo_production

    sun_min = member_factory(Role.MERCHANDISER, user=UserFactory(email="sun.min@haichao.example"))
    orders = [confirmed_order(setup, delivery_in_days=40), confirmed_order(setup, delivery_in_days=35)]
    demo_production(workspace=sun_min.workspace, members_by_email={"sun.min@haichao.example": sun_min})
    assert sorted(Supplier.objects.values_list("city", flat=True)) == ["Cixi", "Ningbo", "Yuyao"]
    first, second = (Fulfilment.objects.get(order=o) for o in orders)
    assert not first.at_risk and second.at_risk
    results = list(
        Inspection.objects.filter(order=orders[0]).order_by("inspected_on").values_list("result", flat=True)
    )
    assert results == ["fail", "pass_remarks"] and selectors.inspection_blocks_booking(orders[0]) is None
    demo_production(workspace=sun_min.workspace, members_by_email={"sun.min@haichao.example": sun_min})
    assert Supplier.objects.count() == 3  # once
