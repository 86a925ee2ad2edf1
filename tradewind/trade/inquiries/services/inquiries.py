"""Inquiries: the fields' rules, creating one (and assigning it), changing it, linking its customer, its
attachments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.catalog.choices import Unit
from tradewind.catalog.models import Product
from tradewind.core import geo
from tradewind.core.errors import Conflict, PermissionDenied, ValidationFailed
from tradewind.core.money import Money
from tradewind.core.numbers import decimal_number
from tradewind.core.realtime import broadcast_on_commit
from tradewind.core.trade import Incoterm
from tradewind.crm.choices import Source
from tradewind.crm.models import Contact, Customer
from tradewind.crm.permissions import can_own_customers
from tradewind.files.services import clean_file_name, stored_file_delete, stored_file_save
from tradewind.notifications.services import notify
from tradewind.trade.inquiries import permissions
from tradewind.trade.inquiries.choices import CreatedVia, InquiryStatus
from tradewind.trade.inquiries.models import (
    Inquiry,
    InquiryAttachment,
    InquiryItem,
    InquiryRoute,
    InquirySettings,
    RoundRobinMember,
)
from tradewind.trade.inquiries.services.clock import clock_schedule, inquiry_url, response_due
from tradewind.trade.inquiries.services.common import SUBJECT, history, inquiry_settings, role_cannot_work
from tradewind.workspaces.models import Membership
from tradewind.workspaces.sequences import sequence_next

# What a person or a client may set on an inquiry (besides its customer, contact and items).
INQUIRY_FIELDS = (
    "buyer_company", "buyer_name", "buyer_email", "buyer_phone", "buyer_country", "source", "platform_ref",
    "received_at", "message", "destination_country", "destination_port", "incoterm",
)  # fmt: skip
LENGTHS = {
    "buyer_company": 200, "buyer_name": 120, "buyer_email": 254, "buyer_phone": 40, "platform_ref": 100,
    "message": 20_000,
}  # fmt: skip
MAX_ITEMS = 50
QUANTITY_BOUNDS = (Decimal("0.001"), Decimal("9999999999"))
PRICE_BOUNDS = (Decimal(0), Decimal("100000000"))


# --- the fields' rules ----------------------------------------------------------------------------------


def clean_inquiry(data: dict) -> dict:
    """The house rules for an inquiry's fields (those given): trimmed text within its length, a complete
    e-mail address, known countries, source and Incoterm, a UN/LOCODE port, a received time not in the
    future. Every refusal at once."""
    errors: list[ValidationFailed] = []
    clean = {}
    for key, value in data.items():
        if key not in INQUIRY_FIELDS:
            raise TypeError(f"unknown inquiry field: {key}")
        clean[key] = value.strip() if isinstance(value, str) else value
    for key in ("buyer_country", "destination_country", "destination_port", "buyer_email", "incoterm"):
        if key in clean and clean[key] is None:
            clean[key] = ""
    for key, limit in LENGTHS.items():
        if len(clean.get(key) or "") > limit:
            errors.append(ValidationFailed(_("At most %(n)d characters.") % {"n": limit}, field=key))
    if clean.get("buyer_email"):
        clean["buyer_email"] = clean["buyer_email"].lower()
        try:
            validate_email(clean["buyer_email"])
        except ValidationError:
            errors.append(
                ValidationFailed(
                    _("“%(email)s” is not a complete e-mail address (name@domain).")
                    % {"email": clean["buyer_email"]},
                    field="buyer_email",
                )
            )
    for key in ("buyer_country", "destination_country"):
        if clean.get(key):
            clean[key] = clean[key].upper()
            if clean[key] not in geo.country_codes():
                errors.append(
                    ValidationFailed(
                        _("“%(code)s” is not a country code. Use two letters, e.g. DE, US, AE.")
                        % {"code": clean[key]},
                        field=key,
                    )
                )
    if clean.get("destination_port"):
        port = clean["destination_port"].upper().replace(" ", "")
        clean["destination_port"] = port
        if len(port) != 5 or not port.isascii() or not port.isalnum():
            errors.append(
                ValidationFailed(_("A UN/LOCODE has five characters, e.g. DEHAM."), field="destination_port")
            )
    if "incoterm" in clean:
        clean["incoterm"] = (clean["incoterm"] or "").upper()
        if clean["incoterm"] and clean["incoterm"] not in Incoterm.values:
            errors.append(ValidationFailed(_("Choose a value from the list."), field="incoterm"))
    if "source" in clean and clean["source"] not in Source.values:
        errors.append(ValidationFailed(_("Choose a value from the list."), field="source"))
    if "received_at" in clean:
        at = clean["received_at"]
        if not isinstance(at, dt.datetime):
            errors.append(ValidationFailed(_("Enter when the inquiry was received."), field="received_at"))
        else:
            if timezone.is_naive(at):  # typed in a form or sent without an offset: the reader's zone
                at = timezone.make_aware(at)
                clean["received_at"] = at
            if at > timezone.now() + dt.timedelta(minutes=5):
                errors.append(
                    ValidationFailed(_("An inquiry cannot arrive in the future."), field="received_at")
                )
    for key in ("buyer_company", "buyer_name", "buyer_phone", "platform_ref", "message"):
        if key in clean and clean[key] is None:
            clean[key] = ""
    if errors:
        raise ValidationFailed.all_of(errors)
    return clean


def clean_items(workspace, items) -> list[dict]:
    """The products asked for: each a catalog product of the workspace or a description, with an optional
    quantity (more than 0, three decimals), unit and target price (Money)."""
    items = list(items or [])
    if len(items) > MAX_ITEMS:
        raise ValidationFailed(_("At most %(n)d products in one inquiry.") % {"n": MAX_ITEMS}, field="items")
    errors: list[ValidationFailed] = []
    clean = []
    for i, raw in enumerate(items):
        prefix = f"items.{i}."
        product = raw.get("product")
        if product is not None and (not isinstance(product, Product) or product.workspace_id != workspace.pk):
            errors.append(
                ValidationFailed(_("Choose a product of this workspace."), field=f"{prefix}product")
            )
            product = None
        description = (raw.get("description") or "").strip()
        if len(description) > 300:
            errors.append(
                ValidationFailed(_("At most %(n)d characters.") % {"n": 300}, field=f"{prefix}description")
            )
        if product is None and not description:
            errors.append(
                ValidationFailed(
                    _("Choose a product or describe what the buyer asks for."), field=f"{prefix}description"
                )
            )
        quantity = decimal_number(
            raw.get("quantity"),
            f"{prefix}quantity",
            QUANTITY_BOUNDS,
            3,
            _("The quantity is a number more than 0."),
            errors,
        )
        unit = raw.get("unit") or (product.unit if product is not None else Unit.PIECES)
        if unit not in Unit.values:
            errors.append(ValidationFailed(_("Choose a unit from the list."), field=f"{prefix}unit"))
        price = raw.get("target_price")
        if price is not None:
            if not isinstance(price, Money):
                raise TypeError("target_price takes a Money")
            if (
                not PRICE_BOUNDS[0] <= price.amount <= PRICE_BOUNDS[1]
                or -price.amount.as_tuple().exponent > 4
            ):
                errors.append(
                    ValidationFailed(
                        _("A target price is 0 to 100,000,000 with at most four decimals."),
                        field=f"{prefix}target_price",
                    )
                )
        clean.append(
            {
                "product": product,
                "description": description,
                "quantity": quantity,
                "unit": unit,
                "target_price": price,
            }
        )
    if errors:
        raise ValidationFailed.all_of(errors)
    return clean


def _write_items(inquiry: Inquiry, items: list[dict]) -> None:
    inquiry.items.all().delete()
    rows = []
    for position, item in enumerate(items):
        row = InquiryItem(
            workspace_id=inquiry.workspace_id,
            inquiry=inquiry,
            position=position,
            product=item["product"],
            description=item["description"],
            quantity=item["quantity"],
            unit=item["unit"],
        )
        row.target_price = item["target_price"]
        rows.append(row)
    InquiryItem.objects.bulk_create(rows)


def _check_customer(workspace, customer: Customer | None, contact: Contact | None) -> None:
    if customer is not None and customer.workspace_id != workspace.pk:
        raise ValidationFailed(_("Choose a customer of this workspace."), field="customer")
    if contact is not None and (customer is None or contact.customer_id != customer.pk):
        raise ValidationFailed(_("Choose one of the customer's contacts."), field="contact")


def contact_by_email(workspace, email: str, *, customer: Customer | None = None) -> Contact | None:
    """The contact who has this e-mail address (of `customer`, if given); the first one if several do."""
    email = (email or "").strip().lower()
    if not email:
        return None
    # The e-mails are a JSON list: its text narrows the rows on every database, the list decides.
    candidates = Contact.objects.filter(workspace=workspace, emails__icontains=email).select_related(
        "customer"
    )
    if customer is not None:
        candidates = candidates.filter(customer=customer)
    for contact in candidates.order_by("id")[:20]:
        if email in [e.lower() for e in contact.emails]:
            return contact
    return None


# --- assignment -----------------------------------------------------------------------------------------


def _can_take(member: Membership | None, workspace) -> bool:
    return (
        member is not None and member.workspace_id == workspace.pk and permissions.can_work_inquiries(member)
    )


def assignment_for(*, workspace, customer: Customer | None, country: str, items: list[dict]):
    """Who gets a new inquiry, and why: the customer's owner; else the member routed to the buyer's
    country, else to the category of the first product asked for that has a route; else the next of
    the round-robin reps (mode round_robin); else nobody — it waits in the pool. Answers (member, how)."""
    if customer is not None and customer.owner_id:
        owner = Membership.objects.select_related("user", "workspace").get(pk=customer.owner_id)
        if _can_take(owner, workspace):
            return owner, "owner"
    routes = InquiryRoute.objects.filter(workspace=workspace).select_related(
        "member__user", "member__workspace"
    )
    if country:
        route = routes.filter(country=country).first()
        if route is not None and _can_take(route.member, workspace):
            return route.member, "country"
    for item in items:
        product = item.get("product")
        if product is not None and product.category_id:
            route = routes.filter(category_id=product.category_id).first()
            if route is not None and _can_take(route.member, workspace):
                return route.member, "category"
    settings = InquirySettings.objects.select_for_update().get(workspace=workspace)
    if settings.assignment_mode == "round_robin":
        members = [
            r.member
            for r in RoundRobinMember.objects.filter(workspace=workspace).select_related(
                "member__user", "member__workspace"
            )
            if _can_take(r.member, workspace)
        ]
        if members:
            index = settings.round_robin_next % len(members)
            settings.round_robin_next = (index + 1) % len(members)
            settings.save(update_fields=["round_robin_next"])
            return members[index], "round_robin"
    return None, "pool"


def _tell_assignee(inquiry: Inquiry, actor) -> None:
    if inquiry.assignee is None:
        return
    notify(
        recipients=[inquiry.assignee],
        kind="inquiries.assigned",
        title=lambda: _("Inquiry %(inquiry)s is yours to answer") % {"inquiry": str(inquiry)},
        message=lambda: inquiry.message[:300],
        url=inquiry_url(inquiry),
        actor=actor,
        subject=(SUBJECT, inquiry.public_id),
    )


def _set_assignee(inquiry: Inquiry, member: Membership | None, *, now) -> None:
    inquiry.assignee = member
    inquiry.assigned_at = now if member is not None else None
    if member is not None and inquiry.status == InquiryStatus.NEW:
        inquiry.status = InquiryStatus.ASSIGNED
    elif member is None and inquiry.status == InquiryStatus.ASSIGNED:
        inquiry.status = InquiryStatus.NEW


# --- create and change ----------------------------------------------------------------------------------


def _number(workspace) -> str:
    year = timezone.now().astimezone(_zone(workspace)).year
    return f"INQ-{year}-{sequence_next(workspace=workspace, key=f'inquiry-{year}'):04d}"


def _zone(workspace):
    import zoneinfo

    return zoneinfo.ZoneInfo(workspace.time_zone or "UTC")


@transaction.atomic
def inquiry_create(
    *,
    actor: Membership | None,
    workspace=None,
    customer: Customer | None = None,
    contact: Contact | None = None,
    items=(),
    via: str = CreatedVia.APP,
    **fields,
) -> Inquiry:
    """Record an inquiry (from a page, the API, or the public intake with `actor` None and `workspace`).

    It needs a customer, or the buyer's company, name or e-mail. Its number is the workspace's next
    INQ-<year>-NNNN; its first response is due `response_target_hours` business hours after it arrived.
    It is assigned by the workspace's rule (assignment_for) and the assignee told."""
    if actor is not None:
        if not permissions.can_create_inquiries(actor):
            raise PermissionDenied(_("Your role cannot add inquiries."))
        workspace = actor.workspace
    now = timezone.now()
    values = clean_inquiry({"source": Source.OTHER, "received_at": now, **fields})
    _check_customer(workspace, customer, contact)
    if customer is None and not any(values.get(k) for k in ("buyer_company", "buyer_name", "buyer_email")):
        raise ValidationFailed(
            _("Choose the customer, or enter the buyer's company, name or e-mail."), field="customer"
        )
    clean = clean_items(workspace, items)
    if customer is None and values.get("buyer_email"):
        contact = contact_by_email(workspace, values["buyer_email"])
        customer = contact.customer if contact is not None else None
    elif customer is not None and contact is None and values.get("buyer_email"):
        contact = contact_by_email(workspace, values["buyer_email"], customer=customer)
    settings = inquiry_settings(workspace)
    inquiry = Inquiry(
        workspace=workspace,
        number=_number(workspace),
        customer=customer,
        contact=contact,
        created_via=via,
        created_by=actor,
        **values,
    )
    inquiry.response_due_at = response_due(workspace, inquiry.received_at, settings)
    country = (
        (customer.country if customer else "")
        or values.get("buyer_country")
        or values.get("destination_country", "")
    )
    member, how = assignment_for(workspace=workspace, customer=customer, country=country, items=clean)
    _set_assignee(inquiry, member, now=now)
    inquiry.save()
    _write_items(inquiry, clean)
    history(actor, inquiry, "inquiry.created", {"via": via})
    if member is not None:
        history(actor, inquiry, "inquiry.assigned", {"name": member.user.display_name, "how": how})
    _tell_assignee(inquiry, actor)
    clock_schedule(inquiry, settings)
    broadcast_on_commit(workspace, "inquiries", {"inquiry": str(inquiry.public_id)})
    return inquiry


def lock(inquiry: Inquiry) -> Inquiry:
    """The inquiry's row, locked for the rest of the transaction, read afresh."""
    return (
        Inquiry.objects.select_for_update(of=("self",))
        .select_related("workspace", "customer", "assignee__user", "assignee__workspace")
        .get(pk=inquiry.pk)
    )


def require_work(actor, inquiry: Inquiry) -> None:
    if not permissions.can_work_inquiries(actor):
        raise PermissionDenied(role_cannot_work())
    if not permissions.can_work_inquiry(actor, inquiry):
        raise PermissionDenied(_("This inquiry is assigned to someone else; ask a manager to reassign it."))


def require_open(inquiry: Inquiry) -> None:
    if not inquiry.is_open:
        raise Conflict(
            _("The inquiry is %(status)s; reopen it first.")
            % {"status": inquiry.get_status_display().lower()}
        )


def inquiry_check_editable(*, actor, inquiry: Inquiry) -> None:
    """Refuse, as inquiry_update would, a member who may not change this inquiry or a closed inquiry (for
    a page that offers the form only to those who may send it)."""
    require_work(actor, inquiry)
    require_open(inquiry)


def _same_items(inquiry: Inquiry, items: list[dict]) -> bool:
    """Whether the cleaned `items` say what the inquiry's products say already (a form saved unchanged)."""

    def key(product_id, description, quantity, unit, price):
        return product_id, description, quantity, unit, (price.amount, price.currency) if price else None

    current = [
        key(i.product_id, i.description, i.quantity, i.unit, i.target_price) for i in inquiry.items.all()
    ]
    given = [
        key(i["product"].pk if i["product"] else None, i["description"], i["quantity"], i["unit"],
            i["target_price"])
        for i in items
    ]  # fmt: skip
    return current == given


@transaction.atomic
def inquiry_update(*, actor, inquiry: Inquiry, items=None, customer=..., contact=..., **changes) -> Inquiry:
    """Change an open inquiry's fields (and, given, its customer, contact or products; products that are
    what they were change nothing). A new received time moves the response target of an unanswered
    inquiry."""
    inquiry = lock(inquiry)
    inquiry_check_editable(actor=actor, inquiry=inquiry)
    values = clean_inquiry(changes)
    new_customer = inquiry.customer if customer is ... else customer
    new_contact = (inquiry.contact if customer is ... else None) if contact is ... else contact
    _check_customer(inquiry.workspace, new_customer, new_contact)
    if new_customer is None and not any(
        values.get(k, getattr(inquiry, k)) for k in ("buyer_company", "buyer_name", "buyer_email")
    ):
        raise ValidationFailed(
            _("Choose the customer, or enter the buyer's company, name or e-mail."), field="customer"
        )
    changed = [k for k, v in values.items() if getattr(inquiry, k) != v]
    for key in changed:
        setattr(inquiry, key, values[key])
    if new_customer != inquiry.customer:
        inquiry.customer = new_customer
        changed.append("customer")
    if new_contact != inquiry.contact:
        inquiry.contact = new_contact
        changed.append("contact")
    if items is not None:
        clean = clean_items(inquiry.workspace, items)
        if not _same_items(inquiry, clean):
            _write_items(inquiry, clean)
            changed.append("items")
    if not changed:
        return inquiry
    if "received_at" in changed and inquiry.first_response_at is None:
        inquiry.response_due_at = response_due(inquiry.workspace, inquiry.received_at)
        inquiry.reminded_at = inquiry.overdue_notified_at = None
    inquiry.save()
    history(actor, inquiry, "inquiry.changed", {"fields": changed})
    if "received_at" in changed:
        clock_schedule(inquiry)
    broadcast_on_commit(inquiry.workspace, "inquiries", {"inquiry": str(inquiry.public_id)})
    return inquiry


# --- assigning ------------------------------------------------------------------------------------------


@transaction.atomic
def inquiry_assign(*, actor, inquiry: Inquiry, assignee: Membership | None) -> Inquiry:
    """A manager gives an open inquiry to a member who works inquiries, or (None) back to the pool."""
    if not permissions.can_assign_inquiries(actor):
        raise PermissionDenied(
            _("Only managers assign inquiries to others; claim one from the pool instead.")
        )
    inquiry = lock(inquiry)
    require_open(inquiry)
    if assignee is not None and not _can_take(assignee, inquiry.workspace):
        raise ValidationFailed(_("Choose a sales rep or manager of this workspace."), field="assignee")
    if (assignee.pk if assignee else None) == inquiry.assignee_id:
        return inquiry
    _set_assignee(inquiry, assignee, now=timezone.now())
    inquiry.save(update_fields=["assignee", "assigned_at", "status", "updated_at"])
    if assignee is None:
        history(actor, inquiry, "inquiry.unassigned")
    else:
        history(actor, inquiry, "inquiry.assigned", {"name": assignee.user.display_name, "how": "manager"})
        _tell_assignee(inquiry, actor)
    broadcast_on_commit(inquiry.workspace, "inquiries", {"inquiry": str(inquiry.public_id)})
    return inquiry


@transaction.atomic
def inquiry_claim(*, actor, inquiry: Inquiry) -> Inquiry:
    """A rep takes an inquiry from the pool (first come, first served)."""
    if not permissions.can_work_inquiries(actor):
        raise PermissionDenied(role_cannot_work())
    inquiry = lock(inquiry)
    require_open(inquiry)
    if inquiry.assignee_id == actor.pk:
        return inquiry
    if inquiry.assignee_id is not None:
        raise Conflict(_("%(name)s has this inquiry already.") % {"name": inquiry.assignee.user.display_name})
    _set_assignee(inquiry, actor, now=timezone.now())
    inquiry.save(update_fields=["assignee", "assigned_at", "status", "updated_at"])
    history(actor, inquiry, "inquiry.claimed")
    broadcast_on_commit(inquiry.workspace, "inquiries", {"inquiry": str(inquiry.public_id)})
    return inquiry


# --- the customer ---------------------------------------------------------------------------------------


@transaction.atomic
def inquiry_link_customer(
    *, actor, inquiry: Inquiry, customer: Customer, contact: Contact | None = None
) -> Inquiry:
    """Link the inquiry to an existing customer (and contact: given, or the one with the buyer's
    e-mail). An inquiry waiting in the pool goes to the customer's owner."""
    inquiry = lock(inquiry)
    require_work(actor, inquiry)
    _check_customer(inquiry.workspace, customer, contact)
    if contact is None:
        contact = contact_by_email(inquiry.workspace, inquiry.buyer_email, customer=customer)
    inquiry.customer, inquiry.contact = customer, contact
    owner = None
    if inquiry.in_pool and customer.owner_id:
        owner = Membership.objects.select_related("user", "workspace").get(pk=customer.owner_id)
        if _can_take(owner, inquiry.workspace):
            _set_assignee(inquiry, owner, now=timezone.now())
        else:
            owner = None
    inquiry.save()
    history(actor, inquiry, "inquiry.customer_linked", {"name": customer.name})
    if owner is not None:
        history(actor, inquiry, "inquiry.assigned", {"name": owner.user.display_name, "how": "owner"})
        _tell_assignee(inquiry, actor)
    broadcast_on_commit(inquiry.workspace, "inquiries", {"inquiry": str(inquiry.public_id)})
    return inquiry


def customer_data_from(inquiry: Inquiry) -> tuple[dict, dict]:
    """A new customer's profile and first contact from what the buyer typed."""
    data = {
        "name": inquiry.buyer_company or inquiry.buyer_name,
        "country": inquiry.buyer_country,
        "source": inquiry.source,
        "source_detail": inquiry.platform_ref[:120],
        "incoterm": inquiry.incoterm,
        "destination_port": inquiry.destination_port,
    }
    contact = {
        "name": inquiry.buyer_name or inquiry.buyer_company,
        "emails": [inquiry.buyer_email] if inquiry.buyer_email else [],
        "phones": [inquiry.buyer_phone] if inquiry.buyer_phone else [],
    }
    return data, contact


@transaction.atomic
def inquiry_create_customer(
    *,
    actor,
    inquiry: Inquiry,
    data: dict | None = None,
    contact: dict | None = None,
    confirm_duplicates=False,
) -> Customer:
    """Create the inquiry's customer from the buyer's details (overridden by `data` and `contact`) through
    the CRM's own customer_create — its duplicate check (查重) included: possible duplicates refuse with
    crm's DuplicatesFound (409, with the matches) until confirmed, or link the existing customer instead.
    The customer is owned by the inquiry's assignee (else the actor) and linked to the inquiry."""
    from tradewind.crm.services import customer_create

    inquiry = lock(inquiry)
    require_work(actor, inquiry)
    if inquiry.customer_id is not None:
        raise Conflict(_("The inquiry has a customer already."))
    base, first_contact = customer_data_from(inquiry)
    base.update(data or {})
    first_contact.update(contact or {})
    owner = inquiry.assignee if inquiry.assignee and can_own_customers(inquiry.assignee) else "me"
    customer = customer_create(
        actor=actor,
        data=base,
        contacts=[first_contact] if first_contact.get("name") else [],
        owner=owner,
        confirm_duplicates=confirm_duplicates,
    )
    inquiry.customer = customer
    inquiry.contact = customer.contacts.first()
    inquiry.save(update_fields=["customer", "contact", "updated_at"])
    history(actor, inquiry, "inquiry.customer_created", {"name": customer.name})
    broadcast_on_commit(inquiry.workspace, "inquiries", {"inquiry": str(inquiry.public_id)})
    return customer


# --- attachments ----------------------------------------------------------------------------------------


def _require_attach(actor, inquiry: Inquiry) -> None:
    if permissions.can_work_inquiry(actor, inquiry):
        return
    if inquiry.created_by_id == actor.pk and permissions.can_create_inquiries(actor):
        return  # who logged it adds what the buyer sent
    raise PermissionDenied(_("You cannot change this inquiry."))


@transaction.atomic
def inquiry_attachment_add(*, actor, inquiry: Inquiry, upload) -> InquiryAttachment:
    """Attach what the buyer sent (a drawing, a spec sheet): an accepted type within the attachment size
    limit (TRADEWIND_ATTACHMENT_EXTENSIONS, TRADEWIND_ATTACHMENT_MAX_MB); a program never."""
    _require_attach(actor, inquiry)
    name = clean_file_name(getattr(upload, "name", "") or "file")
    extension = PurePath(name).suffix.lower().lstrip(".")
    allowed = [e.lower() for e in django_settings.ATTACHMENT_EXTENSIONS]
    if extension not in allowed:
        raise ValidationFailed(
            _("Files of type “.%(ext)s” are not accepted. Accepted: %(allowed)s.")
            % {"ext": extension or "?", "allowed": ", ".join(allowed)},
            field="file",
        )
    stored = stored_file_save(
        workspace=inquiry.workspace,
        content=upload,
        name=name,
        uploaded_by=actor,
        max_bytes=django_settings.ATTACHMENT_MAX_BYTES,
    )
    attachment = InquiryAttachment.objects.create(
        workspace_id=inquiry.workspace_id, inquiry=inquiry, file=stored, uploaded_by=actor
    )
    history(actor, inquiry, "inquiry.attachment_added", {"name": stored.original_name})
    return attachment


@transaction.atomic
def inquiry_attachment_remove(*, actor, attachment: InquiryAttachment) -> None:
    inquiry = attachment.inquiry
    _require_attach(actor, inquiry)
    stored, name = attachment.file, attachment.file.original_name
    attachment.delete()
    stored_file_delete(stored)
    history(actor, inquiry, "inquiry.attachment_removed", {"name": name})
