"""Production and QC pages: the supplier list and forms, the order page's production panel, a production
with its progress and photos, an inspection with its result and the risk accepted — with role checks and
the 404 of what a member may not see."""

from django.urls import reverse

from tests.factories import CustomerFactory, MembershipFactory, WorkspaceFactory
from tests.production_helpers import confirmed_order, days, pdf_named_png, png
from tradewind.trade.production import services
from tradewind.trade.production.choices import InspectionResult
from tradewind.trade.production.models import Inspection, Production, ProgressUpdate, Supplier
from tradewind.workspaces.choices import Role


def page(name, member, *args):
    return reverse(f"production:{name}", args=[member.workspace.slug, *args])


# --- suppliers ----------------------------------------------------------------------------------------


def test_the_supplier_list_searches_pages_and_says_when_it_is_empty(client_for, merch, sales):
    client = client_for(sales)
    empty = client.get(page("suppliers", sales))
    assert empty.status_code == 200 and "No suppliers yet" in empty.text and "New supplier" not in empty.text
    for n in range(55):
        Supplier.objects.create(
            workspace=merch.workspace, name=f"Factory {n:02d}", city="Cixi" if n == 7 else ""
        )
    first = client.get(page("suppliers", sales))
    assert "Factory 00" in first.text and "Factory 54" not in first.text and "?page=2" in first.text
    assert "Factory 54" in client.get(page("suppliers", sales), {"page": 2}).text
    found = client.get(page("suppliers", sales), {"q": "cixi"}, headers={"HX-Request": "true"})
    assert "Factory 07" in found.text and "Factory 08" not in found.text and "<html" not in found.text
    assert "No supplier matches" in client.get(page("suppliers", sales), {"q": "zzz"}).text
    assert "New supplier" in client_for(merch).get(page("suppliers", merch)).text


def test_a_merchandiser_adds_edits_and_archives_a_supplier(client_for, merch):
    client = client_for(merch)
    refused = client.post(page("supplier_create", merch), {"name": "Cixi Appliance Factory", "email": "x@"})
    assert refused.status_code == 400 and "complete e-mail address" in refused.text
    created = client.post(
        page("supplier_create", merch), {"name": "Cixi Appliance Factory", "city": "Cixi", "country": "CN"}
    )
    supplier = Supplier.objects.get()
    assert created.status_code == 302 and created.url == page("supplier", merch, supplier.public_id)
    detail = client.get(created.url)
    assert "Cixi Appliance Factory" in detail.text and "Supplier added" in detail.text
    client.post(
        page("supplier_edit", merch, supplier.public_id),
        {"name": "Cixi Appliance Factory", "phone": "0574-6300 1234"},
    )
    client.post(page("supplier_archive", merch, supplier.public_id), {"archived": "1"})
    supplier.refresh_from_db()
    assert supplier.archived and supplier.phone == "0574-6300 1234"
    link = page("supplier", merch, supplier.public_id)
    assert link not in client.get(page("suppliers", merch)).text
    assert link in client.get(page("suppliers", merch), {"archived": "archived"}).text


def test_a_rep_reads_suppliers_but_cannot_change_them(client_for, sales, supplier):
    client = client_for(sales)
    assert client.get(page("supplier", sales, supplier.public_id)).status_code == 200
    assert client.get(page("supplier_create", sales)).status_code == 404
    assert client.post(page("supplier_edit", sales, supplier.public_id), {"name": "Mine"}).status_code == 404
    client.post(page("supplier_archive", sales, supplier.public_id), {"archived": "1"})
    supplier.refresh_from_db()
    assert supplier.name != "Mine" and not supplier.archived


def test_another_workspace_gets_404(client_for, merch, supplier, order):
    outsider = MembershipFactory(role=Role.OWNER, workspace=WorkspaceFactory(slug="elsewhere"))
    production = services.production_create(actor=merch, order=order, supplier=supplier)
    client = client_for(outsider)
    for name, args in [
        ("supplier", [supplier.public_id]),
        ("production", [order.public_id, production.public_id]),
        ("production_create", [order.public_id]),
    ]:
        assert client.get(page(name, outsider, *args)).status_code == 404  # in their own workspace's URLs
        assert client.get(page(name, merch, *args)).status_code == 404  # in ours


# --- the order's production ----------------------------------------------------------------------------


def test_the_order_page_shows_production_and_qc_with_links_for_those_who_may(
    setup, client_for, merch, supplier, order
):
    order_url = reverse("trade:order", args=[order.workspace.slug, order.public_id])
    assert "No production placed yet" in client_for(merch).get(order_url).text
    production = services.production_create(
        actor=merch, order=order, supplier=supplier, goods="KT-1700 × 1,000", planned_ready=days(30)
    )
    services.production_progress_add(
        actor=merch,
        production=production,
        progress=60,
        note="Assembly line 2 running",
        expected_ready=days(45),
    )
    inspection = services.inspection_book(
        actor=merch, order=order, production=production, inspected_on=days(0)
    )
    services.inspection_record_result(
        actor=merch, inspection=inspection, result="fail", defects="Leaking spouts"
    )
    shown = client_for(merch).get(order_url).text
    assert supplier.name in shown and "60 %" in shown and "Assembly line 2 running" in shown
    assert (
        "after the delivery date" in shown and "Fail" in shown and 'data-testid="qc-blocks-booking"' in shown
    )
    assert 'data-testid="place-production"' in shown and 'data-testid="book-inspection"' in shown
    rep_view = client_for(setup["rep"]).get(order_url).text
    assert supplier.name in rep_view and 'data-testid="place-production"' not in rep_view
    assert "Production at Ningbo Haishu Kitchenware Factory: 60 % done" in rep_view  # the history


def test_placing_production_from_the_page(setup, client_for, merch, supplier, order):
    client = client_for(merch)
    form = client.get(page("production_create", merch, order.public_id))
    assert form.status_code == 200 and supplier.name in form.text
    values = {"supplier": str(supplier.public_id), "status": "planned", "planned_start": str(days(10)),
              "planned_ready": str(days(2))}  # fmt: skip
    refused = client.post(page("production_create", merch, order.public_id), values)
    assert refused.status_code == 400 and "cannot be before the planned start" in refused.text
    assert not Production.objects.exists()
    done = client.post(
        page("production_create", merch, order.public_id), {**values, "planned_ready": str(days(30))}
    )
    assert done.status_code == 302 and Production.objects.get().planned_ready == days(30)
    assert client_for(setup["rep"]).get(page("production_create", merch, order.public_id)).status_code == 404


def test_recording_progress_with_photos_shows_thumbnails(client_for, merch, supplier, order):
    production = services.production_create(actor=merch, order=order, supplier=supplier)
    client = client_for(merch)
    url = page("progress_add", merch, order.public_id, production.public_id)
    refused = client.post(url, {"progress": "140"})
    assert refused.status_code == 400 and "from 0 to 100" in refused.text
    refused = client.post(url, {"progress": "20", "photos": [png(), pdf_named_png()]})
    assert (
        refused.status_code == 400
        and "is not a photo" in refused.text
        and not ProgressUpdate.objects.exists()
    )
    done = client.post(
        url, {"progress": "20", "note": "Moulds ready", "photos": [png("a.png"), png("b.png")]}
    )
    assert done.status_code == 302
    detail = client.get(page("production", merch, order.public_id, production.public_id))
    photo = ProgressUpdate.objects.get().photos.first()
    thumb = page("progress_photo", merch, order.public_id, production.public_id, photo.public_id, "thumbnail")
    assert thumb in detail.text and "Moulds ready" in detail.text
    answer = client.get(thumb)
    assert answer.status_code == 200 and answer["Content-Type"] == "image/jpeg"
    wrong = page("progress_photo", merch, order.public_id, production.public_id, photo.public_id, "huge")
    assert client.get(wrong).status_code == 404


def test_a_rep_cannot_record_progress(setup, client_for, merch, supplier, order):
    production = services.production_create(actor=merch, order=order, supplier=supplier)
    client = client_for(setup["rep"])
    detail = client.get(page("production", merch, order.public_id, production.public_id))
    assert detail.status_code == 200 and 'data-testid="record-progress"' not in detail.text
    answer = client.post(
        page("progress_add", merch, order.public_id, production.public_id), {"progress": "50"}
    )
    assert answer.status_code == 404 and not ProgressUpdate.objects.exists()


# --- inspections --------------------------------------------------------------------------------------


def test_an_inspection_from_booking_to_a_manager_accepting_the_risk(
    setup, client_for, merch, supplier, order
):
    production = services.production_create(actor=merch, order=order, supplier=supplier)
    client = client_for(merch)
    create = page("inspection_create", merch, order.public_id)
    assert str(production.public_id) in client.get(create).text
    refused = client.post(create, {"agency": "other", "kind": "pre_shipment", "inspected_on": str(days(0))})
    assert refused.status_code == 400 and "Name the inspection company" in refused.text
    booked = client.post(create, {"agency": "bv", "kind": "pre_shipment", "inspected_on": str(days(0)),
                                  "production": str(production.public_id)})  # fmt: skip
    inspection = Inspection.objects.get()
    assert booked.status_code == 302 and booked.url == page("inspection", merch, inspection.public_id)
    result = page("inspection_result", merch, inspection.public_id)
    refused = client.post(result, {"result": "fail", "defects": ""})
    assert refused.status_code == 400 and "Say which defects" in refused.text
    client.post(result, {"result": "fail", "defects": "Handles loose", "photos": [png()]})
    inspection.refresh_from_db()
    assert inspection.result == InspectionResult.FAIL and inspection.photos.count() == 1
    detail = client.get(page("inspection", merch, inspection.public_id)).text
    assert 'data-testid="booking-blocked"' in detail and 'data-testid="accept-risk"' not in detail
    assert 'data-testid="book-reinspection"' in detail
    client.post(page("inspection_accept_risk", merch, inspection.public_id), {"reason": "Buyer agrees"})
    inspection.refresh_from_db()
    assert inspection.risk_accepted_at is None  # a merchandiser may not
    manager = client_for(setup["manager"])
    assert 'data-testid="accept-risk"' in manager.get(page("inspection", merch, inspection.public_id)).text
    manager.post(
        page("inspection_accept_risk", merch, inspection.public_id), {"reason": "Reworked in Ningbo"}
    )
    inspection.refresh_from_db()
    assert inspection.risk_reason == "Reworked in Ningbo"
    assert (
        'data-testid="booking-blocked"'
        not in manager.get(page("inspection", merch, inspection.public_id)).text
    )
    listed = client.get(page("inspections", merch), {"result": "fail"}).text
    assert order.number in listed and "risk accepted" in listed


def test_the_report_is_downloaded_and_photos_attached_later(client_for, merch, order):
    from django.core.files.uploadedfile import SimpleUploadedFile

    inspection = services.inspection_book(actor=merch, order=order, inspected_on=days(0))
    services.inspection_record_result(actor=merch, inspection=inspection, result="pass")
    client = client_for(merch)
    attach = page("inspection_attach", merch, inspection.public_id)
    client.post(attach, {"report": SimpleUploadedFile("Intertek.pdf", b"%PDF-1.4 fine"), "photos": [png()]})
    inspection.refresh_from_db()
    assert inspection.report.original_name == "Intertek.pdf" and inspection.photos.count() == 1
    download = client.get(page("inspection_report", merch, inspection.public_id))
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    photo = inspection.photos.get()
    assert (
        client.get(
            page("inspection_photo", merch, inspection.public_id, photo.public_id, "image")
        ).status_code
        == 200
    )


def test_inspections_of_orders_a_member_may_not_see_are_404(setup, client_for, merch, member_factory):
    theirs = CustomerFactory(actor=setup["rep"], name="Lyon Textiles", country="FR", owner=setup["rep"])
    order = confirmed_order(setup, customer=theirs)
    inspection = services.inspection_book(actor=merch, order=order, inspected_on=days(0))
    production = services.production_create(
        actor=merch, order=order, supplier=services.supplier_create(actor=merch, name="Cixi Factory")
    )
    other_rep = client_for(member_factory(Role.SALES))
    assert other_rep.get(page("inspection", merch, inspection.public_id)).status_code == 404
    assert other_rep.get(page("production", merch, order.public_id, production.public_id)).status_code == 404
    assert order.number not in other_rep.get(page("inspections", merch)).text
    assert client_for(setup["rep"]).get(page("inspection", merch, inspection.public_id)).status_code == 200
