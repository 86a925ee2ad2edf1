"""Tenancy, enforced once: every URL refuses an outsider, every owned model carries a workspace."""

from __future__ import annotations

import importlib
import pkgutil
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from tests.factories import MembershipFactory, UserFactory, WorkspaceFactory, workspace_today
from tradewind.accounts.services import api_token_create
from tradewind.catalog import services as catalog_services
from tradewind.catalog.services import imports as catalog_imports
from tradewind.crm import services as crm_services
from tradewind.crm.imports import services as crm_imports
from tradewind.fx import services as fx_services
from tradewind.health.services import heartbeat_record
from tradewind.notifications.models import Delivery, Notification, WebhookChannel
from tradewind.tasks import services as task_services
from tradewind.trade.inquiries import services as inquiry_services
from tradewind.workspaces.choices import Role
from tradewind.workspaces.services import invitation_create

MARKER = "ZZ-SECRET-MARKER-7731"

# Models that are not owned by one workspace, and why.
GLOBAL_MODELS = {
    "accounts.User": "a person may belong to several workspaces",
    "accounts.SignInAttempt": "recorded before we know the workspace; audited per workspace separately",
    "workspaces.Workspace": "the tenant itself",
    "health.WorkerHeartbeat": "workers serve every workspace",
    "auth.Permission": "Django's",
    "auth.Group": "Django's",
    "contenttypes.ContentType": "Django's",
    "sessions.Session": "Django's; bound to a user, not a workspace",
}


def test_every_owned_model_has_a_non_null_workspace_key():
    missing = []
    for model in apps.get_models():
        label = model._meta.label
        if label in GLOBAL_MODELS:
            continue
        field = next((f for f in model._meta.concrete_fields if f.name == "workspace"), None)
        if (
            field is None
            or not field.is_relation
            or field.null
            or field.related_model._meta.label != "workspaces.Workspace"
        ):
            missing.append(label)
    assert missing == [], f"models without a non-null workspace FK: {missing}"


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else ""
            for name, route in _walk(entry.url_patterns, prefix + str(entry.pattern)):
                yield (namespace + name if name else name), route
        elif isinstance(entry, URLPattern):
            yield entry.name, prefix + str(entry.pattern)


def _png(name: str) -> SimpleUploadedFile:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 40), (20, 120, 200)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


@pytest.fixture
def victim(db):
    """Workspace A with one object of every kind, each carrying the marker."""
    heartbeat_record(worker="test")  # so /healthz answers 200 like the rest
    workspace = WorkspaceFactory(name=f"Victim {MARKER}", slug="victim-co")
    owner = MembershipFactory(
        workspace=workspace, role=Role.OWNER, user=UserFactory(full_name=f"Owner {MARKER}")
    )
    member = MembershipFactory(
        workspace=workspace, role=Role.SALES, user=UserFactory(full_name=f"Rep {MARKER}")
    )
    invitation, invitation_token = invitation_create(
        actor=owner, email="newbie@victim.example", role=Role.SALES
    )
    token, _raw = api_token_create(
        membership=owner, name=f"Token {MARKER}", expires_at=timezone.now() + timedelta(days=5), ip=None
    )
    board = task_services.board_create(actor=owner, name=f"Board {MARKER}")
    task = task_services.task_create(
        actor=owner, title=f"Task {MARKER}", board=board, assignee=member, description=MARKER
    )
    task_services.task_comment_add(actor=owner, task=task, body=f"Comment {MARKER}")
    item = task_services.checklist_item_add(actor=owner, task=task, text=f"Item {MARKER}")
    attachment = task_services.task_attachment_add(
        actor=owner, task=task, upload=SimpleUploadedFile(f"{MARKER}.pdf", MARKER.encode())
    )
    hook = WebhookChannel.objects.create(
        workspace=workspace, owner=owner, platform="slack", name=f"Hook {MARKER}", url="http://127.0.0.1:9/x"
    )
    notification = Notification.objects.filter(recipient=member).first()
    delivery = Delivery.objects.create(
        workspace=workspace,
        key=f"k-{MARKER}",
        channel="webhook",
        webhook=hook,
        payload={"title": MARKER},
        status="failed",
        last_error=MARKER,
    )
    customer = crm_services.customer_create(
        actor=owner,
        data={"name": f"Customer {MARKER}", "country": "DE", "notes": MARKER},
        contacts=[{"name": f"Contact {MARKER}", "emails": ["buyer@marker-gmbh.de"]}],
    )
    category = catalog_services.category_create(actor=owner, name=f"Category {MARKER}")
    product = catalog_services.product_create(
        actor=owner, sku="ZZ-7731", name_en=f"Product {MARKER}", description=MARKER, category=category
    )
    photo = catalog_services.product_photo_add(actor=owner, product=product, upload=_png(f"{MARKER}.png"))
    price_list = catalog_services.price_list_create(actor=owner, name=f"List {MARKER}", currency="USD")
    price = catalog_services.product_price_set(
        actor=owner, price_list=price_list, product=product, unit_price="9"
    )
    catalog_services.customer_price_list_add(actor=owner, price_list=price_list, customer=customer)
    quotation, order = _sales_documents(owner, customer, product)
    import_job = crm_imports.import_upload(
        actor=owner,
        upload=SimpleUploadedFile(f"{MARKER}.csv", f"Company,Country\nImported {MARKER},DE\n".encode()),
    )
    catalog_import = catalog_imports.catalog_import_upload(
        actor=owner,
        upload=SimpleUploadedFile(f"{MARKER}.csv", f"SKU,Name in English\nZZ-1,{MARKER}\n".encode()),
        kind="products",
    )
    fx_services.trading_currency_add(actor=owner, code="EUR")
    rate = fx_services.rate_set(actor=owner, currency="EUR", on=workspace_today(), rate=Decimal("1.05"))
    inquiry = inquiry_services.inquiry_create(
        actor=owner, customer=customer, message=MARKER, buyer_name=f"Buyer {MARKER}",
        items=[{"description": f"Item {MARKER}", "quantity": "10"}],
    )  # fmt: skip
    inquiry_attachment = inquiry_services.inquiry_attachment_add(
        actor=owner, inquiry=inquiry, upload=SimpleUploadedFile(f"{MARKER}.pdf", MARKER.encode())
    )
    competitor = inquiry_services.competitor_create(actor=owner, name=f"Rival {MARKER}", notes=MARKER)
    lost_reason = inquiry_services.lost_reason_create(actor=owner, name=f"Reason {MARKER}")
    more = {}
    for part in PARTS:  # fulfilment's apps add their objects about the confirmed order
        more.update(part.build(owner=owner, member=member, customer=customer, order=order, product=product))
    return more | {
        "price_list_id": price_list.public_id,
        "price_id": price.public_id,
        "quotation_id": quotation.public_id,
        "order_id": order.public_id,
        "inquiry_id": inquiry.public_id,
        "inquiry_attachment_id": inquiry_attachment.public_id,
        "competitor_id": competitor.public_id,
        "reason_id": lost_reason.public_id,
        "product_id": product.public_id,
        "rate_id": rate.public_id,
        "currency": "EUR",
        "photo_id": photo.public_id,
        "category_id": category.public_id,
        "size": "thumbnail",
        "import_id": import_job.public_id,
        "catalog_import_id": catalog_import.public_id,
        "kind": "products",
        "customer_id": customer.public_id,
        "contact_id": customer.contacts.get().public_id,
        "task_id": task.public_id,
        "board_id": board.public_id,
        "item_id": item.public_id,
        "attachment_id": attachment.public_id,
        "webhook_id": hook.public_id,
        "notification_id": notification.public_id,
        "delivery_id": delivery.public_id,
        "slug": workspace.slug,
        "member_id": member.public_id,
        "invitation_id": invitation.public_id,
        "token_id": token.public_id,
        "token": invitation_token,  # the invitation link's secret: bound to another e-mail address
    }


def _sales_documents(owner, customer, product):
    """A quotation (accepted) and its PI, confirmed with a signed copy: every sales URL has an object."""
    from tradewind.trade import services as trade_services
    from tradewind.trade.lines import LineInput

    quotation = trade_services.quotation_create(
        actor=owner, customer=customer, currency="USD", incoterm="FOB", incoterm_place="Ningbo",
        payment_terms=[{"percent": "100", "method": "tt", "event": "deposit"}],
        lines=[LineInput(product=product, quantity="10", unit_price="9")], remarks=MARKER,
    )  # fmt: skip
    trade_services.quotation_mark_sent(actor=owner, quotation=quotation)
    trade_services.quotation_accept(actor=owner, quotation=quotation)
    order = trade_services.order_create_from_quotation(
        actor=owner, quotation=quotation, shipping_marks=MARKER
    )
    order = trade_services.order_confirm(
        actor=owner,
        order=order,
        signed_pi=SimpleUploadedFile(f"{MARKER}.pdf", b"%PDF-1.4 " + MARKER.encode()),
    )
    return quotation, order


# Every URL name, and what an outsider (signed in, member of another workspace) must get.
# "404": the URL names an object or workspace of A. "own": the URL has no workspace in it — it only
# ever shows the caller's own data (the marker must still not appear). Add each new URL here.
CASES = {
    "home": "own",
    "healthz": "own",
    "accounts:sign_in": "own",
    "accounts:sign_out": "own",
    "accounts:sign_out_everywhere": "own",
    "accounts:sign_up": "own",
    "accounts:password_change": "own",
    "accounts:password_reset": "own",
    "accounts:password_reset_confirm": "own",
    "accounts:preferences": "own",
    "accounts:set_language": "own",
    "workspaces:list": "own",
    "workspaces:create": "own",
    "workspaces:invitation_accept": "404",
    "workspaces:members": "404",
    "workspaces:member_role": "404",
    "workspaces:member_deactivate": "404",
    "workspaces:member_reactivate": "404",
    "workspaces:invitations": "404",
    "workspaces:invitation_revoke": "404",
    "workspaces:settings": "404",
    "workspaces:audit": "404",
    "workspaces:api_tokens": "404",
    "workspaces:api_token_revoke": "404",
    "tasks:my_work": "404",
    "tasks:list": "404",
    "tasks:create": "404",
    "tasks:workload": "404",
    "tasks:detail": "404",
    "tasks:edit": "404",
    "tasks:status": "404",
    "tasks:complete": "404",
    "tasks:move": "404",
    "tasks:comment": "404",
    "tasks:watch": "404",
    "tasks:checklist_add": "404",
    "tasks:checklist_toggle": "404",
    "tasks:checklist_delete": "404",
    "tasks:attachment_upload": "404",
    "tasks:attachment_download": "404",
    "tasks:boards": "404",
    "tasks:board": "404",
    "tasks:board_edit": "404",
    "notifications:list": "404",
    "notifications:read_all": "404",
    "notifications:open": "404",
    "notifications:preferences": "404",
    "notifications:webhooks": "404",
    "notifications:webhook_delete": "404",
    "notifications:webhook_test": "404",
    "notifications:deliveries": "404",
    "notifications:delivery_retry": "404",
    "crm:list": "404",
    "crm:create": "404",
    "crm:check": "404",
    "crm:follow_ups": "404",
    "crm:handover": "404",
    "crm:settings": "404",
    "crm:detail": "404",
    "crm:edit": "404",
    "crm:contact_add": "404",
    "crm:contact_edit": "404",
    "crm:contact_delete": "404",
    "crm:log": "404",
    "crm:follow_up": "404",
    "crm:claim": "404",
    "crm:release": "404",
    "crm:assign": "404",
    "crm:merge": "404",
    "crm_imports:export": "404",
    "crm_imports:list": "404",
    "crm_imports:detail": "404",
    "crm_imports:map": "404",
    "crm_imports:preview": "404",
    "crm_imports:errors": "404",
    "crm_imports:discard": "404",
    "api:customer_list": "404",
    "api:customer_create": "404",
    "api:customer_duplicate_check": "404",
    "api:customer_detail": "404",
    "api:customer_update": "404",
    "api:contact_list": "404",
    "api:contact_add": "404",
    "api:contact_update": "404",
    "api:timeline_list": "404",
    "api:timeline_log": "404",
    "api:customer_claim": "404",
    "api:customer_release": "404",
    "api:customer_assign": "404",
    "api:customer_merge": "404",
    "api:customer_import_list": "404",
    "api:customer_import_create": "404",
    "api:customer_import_detail": "404",
    "api:customer_import_preview": "404",
    "api:customer_import_start": "404",
    "api:customer_import_discard": "404",
    "catalog:list": "404",
    "catalog:create": "404",
    "catalog:categories": "404",
    "catalog:category_rename": "404",
    "catalog:category_delete": "404",
    "catalog:detail": "404",
    "catalog:edit": "404",
    "catalog:status": "404",
    "catalog:photo_add": "404",
    "catalog:photo_remove": "404",
    "catalog:photo_file": "404",
    "catalog:price_lists": "404",
    "catalog:price_list_create": "404",
    "catalog:price_list": "404",
    "catalog:price_list_edit": "404",
    "catalog:price_list_delete": "404",
    "catalog:price_list_copy": "404",
    "catalog:price_set": "404",
    "catalog:price_remove": "404",
    "catalog:price_list_customer_search": "404",
    "catalog:price_list_customer_add": "404",
    "catalog:price_list_customer_remove": "404",
    "catalog:export": "404",
    "catalog:imports": "404",
    "catalog:import_template": "404",
    "catalog:import": "404",
    "catalog:import_start": "404",
    "catalog:import_discard": "404",
    "catalog:price_list_export": "404",
    "trade:quotations": "404",
    "trade:quotation_create": "404",
    "trade:quotation": "404",
    "trade:quotation_edit": "404",
    "trade:quotation_pdf": "404",
    "trade:quotation_submit": "404",
    "trade:quotation_approve": "404",
    "trade:quotation_reject": "404",
    "trade:quotation_send": "404",
    "trade:quotation_mark_sent": "404",
    "trade:quotation_accept": "404",
    "trade:quotation_decline": "404",
    "trade:quotation_revise": "404",
    "trade:quotation_copy": "404",
    "trade:order_from_quotation": "404",
    "trade:orders": "404",
    "trade:order_create": "404",
    "trade:order": "404",
    "trade:order_edit": "404",
    "trade:order_confirm": "404",
    "trade:order_cancel": "404",
    "trade:order_pdf": "404",
    "trade:order_signed_pi": "404",
    "trade:settings": "404",
    "api:product_list": "404",
    "api:product_create": "404",
    "api:product_detail": "404",
    "api:product_update": "404",
    "api:product_status": "404",
    "api:product_photo_add": "404",
    "api:product_photo_list": "404",
    "api:product_photo_remove": "404",
    "api:product_photo_file": "404",
    "api:product_photo_thumbnail": "404",
    "api:category_list": "404",
    "api:category_create": "404",
    "api:category_rename": "404",
    "api:category_delete": "404",
    "api:quotation_list": "404",
    "api:quotation_create": "404",
    "api:quotation_totals": "404",
    "api:quotation_detail": "404",
    "api:quotation_update": "404",
    "api:quotation_submit": "404",
    "api:quotation_approve": "404",
    "api:quotation_reject": "404",
    "api:quotation_send": "404",
    "api:quotation_mark_sent": "404",
    "api:quotation_accept": "404",
    "api:quotation_decline": "404",
    "api:quotation_revise": "404",
    "api:quotation_copy": "404",
    "api:quotation_pdf": "404",
    "api:order_from_quotation": "404",
    "api:order_list": "404",
    "api:order_create": "404",
    "api:order_totals": "404",
    "api:order_detail": "404",
    "api:order_update": "404",
    "api:order_confirm": "404",
    "api:order_cancel": "404",
    "api:order_pdf": "404",
    "api:order_signed_pi": "404",
    "api:sales_settings_detail": "404",
    "api:sales_settings_update": "404",
    "fx:rates": "404",
    "fx:rate_set": "404",
    "fx:import": "404",
    "fx:currency_add": "404",
    "fx:currency_remove": "404",
    "fx:rate_delete": "404",
    "api:rate_list": "404",
    "api:rate_set": "404",
    "api:rates_import": "404",
    "api:rate_lookup": "404",
    "api:rate_delete": "404",
    "api:currency_list": "404",
    "api:currency_add": "404",
    "api:currency_remove": "404",
    "api:price_list_copy": "404",
    "api:price_list_export": "404",
    "api:product_export": "404",
    "api:catalog_import_list": "404",
    "api:catalog_import_create": "404",
    "api:catalog_import_detail": "404",
    "api:catalog_import_start": "404",
    "api:catalog_import_discard": "404",
    "api:price_list_create": "404",
    "api:price_list_customer_add": "404",
    "api:price_list_customer_remove": "404",
    "api:price_list_customers": "404",
    "api:price_list_delete": "404",
    "api:price_list_detail": "404",
    "api:price_list_list": "404",
    "api:price_list_prices": "404",
    "api:price_list_update": "404",
    "api:price_remove": "404",
    "api:price_set": "404",
    "api:product_quoted_price": "404",
    "inquiries:list": "404",
    "inquiries:create": "404",
    "inquiries:customer_search": "404",
    "inquiries:settings": "404",
    "inquiries:token": "404",
    "inquiries:lost_reason_add": "404",
    "inquiries:lost_reason_delete": "404",
    "inquiries:competitors": "404",
    "inquiries:competitor_edit": "404",
    "inquiries:competitor_delete": "404",
    "inquiries:detail": "404",
    "inquiries:edit": "404",
    "inquiries:assign": "404",
    "inquiries:claim": "404",
    "inquiries:respond": "404",
    "inquiries:lost": "404",
    "inquiries:close": "404",
    "inquiries:reopen": "404",
    "inquiries:link_customer": "404",
    "inquiries:create_customer": "404",
    "inquiries:attachment_add": "404",
    "inquiries:attachment_file": "404",
    "inquiries:attachment_remove": "404",
    "api:inquiry_list": "404",
    "api:inquiry_create": "404",
    "api:inquiry_detail": "404",
    "api:inquiry_update": "404",
    "api:inquiry_item_list": "404",
    "api:inquiry_items_replace": "404",
    "api:inquiry_assign": "404",
    "api:inquiry_claim": "404",
    "api:inquiry_respond": "404",
    "api:inquiry_lost": "404",
    "api:inquiry_close": "404",
    "api:inquiry_reopen": "404",
    "api:inquiry_link_customer": "404",
    "api:inquiry_create_customer": "404",
    "api:inquiry_attachment_add": "404",
    "api:inquiry_attachment_list": "404",
    "api:inquiry_attachment_file": "404",
    "api:inquiry_attachment_remove": "404",
    "api:competitor_list": "404",
    "api:competitor_create": "404",
    "api:competitor_update": "404",
    "api:competitor_delete": "404",
    "api:lost_reason_list": "404",
    "api:intake_inquiry_create": "own",  # public: the token in its path is the only credential
    "api:api-root": "own",
    "api:openapi-json": "own",
    "api:openapi-view": "own",
    "api:me": "own",
    "api:me_update": "own",
    "api:workspace_list": "own",
    "api:workspace_detail": "404",
    "api:task_list": "404",
    "api:task_create": "404",
    "api:my_work": "404",
    "api:task_detail": "404",
    "api:task_update": "404",
    "api:task_status": "404",
    "api:task_complete": "404",
    "api:comment_list": "404",
    "api:comment_add": "404",
    "api:task_history": "404",
    "api:task_attachment_list": "404",
    "api:task_attachment_add": "404",
    "api:task_attachment_download": "404",
    "api:activity_list": "404",
    "api:board_list": "404",
    "api:board_create": "404",
    "api:board_detail": "404",
    "api:board_update": "404",
    "api:notification_list": "404",
    "api:notification_unread_count": "404",
    "api:notification_read": "404",
    "api:preferences_get": "404",
    "api:preferences_put": "404",
    "api:webhook_list": "404",
    "api:webhook_create": "404",
    "api:webhook_delete": "404",
    "api:member_list": "404",
}

PARAM_VALUES = {
    "slug": "slug",
    "member_id": "member_id",
    "invitation_id": "invitation_id",
    "token_id": "token_id",
    "token": "token",
    "task_id": "task_id",
    "board_id": "board_id",
    "item_id": "item_id",
    "attachment_id": "attachment_id",
    "webhook_id": "webhook_id",
    "notification_id": "notification_id",
    "delivery_id": "delivery_id",
    "customer_id": "customer_id",
    "contact_id": "contact_id",
    "import_id": "import_id",
    "catalog_import_id": "catalog_import_id",
    "kind": "kind",
    "product_id": "product_id",
    "price_list_id": "price_list_id",
    "price_id": "price_id",
    "quotation_id": "quotation_id",
    "order_id": "order_id",
    "photo_id": "photo_id",
    "category_id": "category_id",
    "rate_id": "rate_id",
    "currency": "currency",
    "inquiry_id": "inquiry_id",
    "inquiry_attachment_id": "inquiry_attachment_id",
    "competitor_id": "competitor_id",
    "reason_id": "reason_id",
    "size": "size",
    "uidb64": None,  # password reset: a link for A's owner is covered below
}


def _fill(route: str, victim: dict) -> str:
    def value(match):
        name = match.group(2)
        if name == "uidb64":
            return "MQ"
        if name == "token" and "reset" in route:
            return "set-password"
        return str(victim[PARAM_VALUES[name]])

    path = re.sub(r"<(?:(\w+):)?(\w+)>", value, route)
    return "/" + path.lstrip("^").rstrip("$")


# Apps may keep their cases beside their objects: tests/tenancy/<app>.py with CASES, PARAMS (URL parameter
# → key of the victim dict) and build(owner, member, customer, order, product) -> dict of ids.
PARTS = [
    importlib.import_module(f"tests.tenancy.{info.name}")
    for info in pkgutil.iter_modules([str(Path(__file__).parent / "tenancy")])
]
for _part in PARTS:
    CASES.update(_part.CASES)
    PARAM_VALUES.update(_part.PARAMS)


def test_every_url_pattern_has_a_case():
    names = {name for name, _route in _walk(get_resolver().url_patterns)}
    unnamed = [route for name, route in _walk(get_resolver().url_patterns) if not name]
    assert unnamed == [], f"URL patterns need names: {unnamed}"
    assert names - CASES.keys() == set(), "add these URLs to CASES in tests/test_tenancy.py"
    assert CASES.keys() - names == set(), "CASES lists URLs that no longer exist"


METHODS = ["get", "post", "put", "patch", "delete"]


# The matrix checks the code's one tenancy rule, whatever the database: one pass runs it.
@pytest.mark.sqlite_pass
@pytest.mark.parametrize("via", ["session", "token"])
def test_outsider_gets_404_for_every_url_of_another_workspace(victim, client, via):
    outsider = MembershipFactory(role=Role.OWNER, workspace=WorkspaceFactory(slug="outsider-co"))
    headers = {}
    if via == "token":
        _t, raw = api_token_create(membership=outsider, name="outsider", expires_at=None, ip=None)
        headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    checked = 0
    for name, route in _walk(get_resolver().url_patterns):
        url = _fill(route, victim)
        expectation = CASES[name]
        if via == "token" and not url.startswith("/api/"):
            continue  # tokens only authenticate the API
        statuses = []
        for method in METHODS:
            if via == "session":
                outsider.user.refresh_from_db()  # the walk signs out (everywhere) too: sign in again
                client.force_login(outsider.user)
            response = getattr(client, method)(url, **headers)
            body = (
                response.content.decode(errors="replace") if not getattr(response, "streaming", False) else ""
            )
            assert MARKER not in body, f"{method.upper()} {url} leaked workspace A's data"
            statuses.append(response.status_code)
            if expectation == "404":
                assert response.status_code in (404, 405), (
                    f"{method.upper()} {url} answered {response.status_code}"
                )
            else:
                assert response.status_code < 500, f"{method.upper()} {url} answered {response.status_code}"
        if expectation == "404":
            assert 404 in statuses, f"{url}: no method answered 404"
        checked += 1
    assert checked >= (25 if via == "session" else 5)


@pytest.mark.sqlite_pass
def test_control_the_owner_of_the_workspace_reaches_the_same_urls(victim, client):
    """The matrix would pass trivially if every URL were broken: A's own owner must get through."""
    from tradewind.workspaces.models import Membership

    owner = Membership.objects.get(workspace__slug=victim["slug"], role=Role.OWNER)
    recipient = Notification.objects.get(public_id=victim["notification_id"]).recipient
    _t, raw = api_token_create(membership=owner, name="control", expires_at=None, ip=None)
    for name, route in _walk(get_resolver().url_patterns):
        if CASES[name] != "404" or name == "workspaces:invitation_accept":  # bound to the invitee's address
            continue
        url = _fill(route, victim)
        # A notification is its recipient's alone, even within the workspace.
        client.force_login(recipient.user if name == "notifications:open" else owner.user)
        headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"} if url.startswith("/api/") else {}
        with transaction.atomic():  # undo each URL's effect (a delete must not hide the next URL's object)
            statuses = {getattr(client, method)(url, **headers).status_code for method in METHODS}
            transaction.set_rollback(True)
        assert statuses - {404, 405}, f"{url}: the workspace's owner got {statuses}"
