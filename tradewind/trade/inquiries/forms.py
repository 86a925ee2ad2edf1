"""Inquiry forms: they parse what people type and hand it to the services, which hold the rules."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tradewind.catalog.choices import Unit
from tradewind.core.forms import StyledFormMixin
from tradewind.core.geo import country_choices
from tradewind.core.money import Money, currency_choices
from tradewind.core.trade import incoterm_choices
from tradewind.crm.choices import Source
from tradewind.trade.inquiries.choices import AssignmentMode, Closing, InquiryStatus
from tradewind.trade.inquiries.services.inquiries import INQUIRY_FIELDS, MAX_ITEMS

ITEM_ROWS = 5
WEEKDAYS = [
    (0, gettext_lazy("Mon")), (1, gettext_lazy("Tue")), (2, gettext_lazy("Wed")), (3, gettext_lazy("Thu")),
    (4, gettext_lazy("Fri")), (5, gettext_lazy("Sat")), (6, gettext_lazy("Sun")),
]  # fmt: skip


def _countries(blank=True):
    return [("", "—")] * blank + list(country_choices())


class FilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"), required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All")), ("open", gettext_lazy("Open")), *InquiryStatus.choices],
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("Show"),
        required=False,
        choices=[
            ("", gettext_lazy("All I may see")),
            ("mine", gettext_lazy("Mine")),
            ("pool", gettext_lazy("Pool")),
            ("overdue", gettext_lazy("Overdue")),
        ],
    )
    source = forms.ChoiceField(label=gettext_lazy("Source"), required=False)
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", gettext_lazy("Any")), *Source.choices]
        self.fields["country"].choices = _countries()


class InquiryForm(StyledFormMixin, forms.Form):
    customer = forms.UUIDField(required=False, widget=forms.HiddenInput)
    buyer_company = forms.CharField(label=gettext_lazy("Company"), max_length=200, required=False)
    buyer_name = forms.CharField(label=gettext_lazy("Contact name"), max_length=120, required=False)
    buyer_email = forms.CharField(label=gettext_lazy("E-mail"), max_length=254, required=False)
    buyer_phone = forms.CharField(label=gettext_lazy("Phone"), max_length=40, required=False)
    buyer_country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)
    source = forms.ChoiceField(label=gettext_lazy("Source"), choices=Source.choices, initial=Source.ALIBABA)
    platform_ref = forms.CharField(label=gettext_lazy("Platform inquiry id"), max_length=100, required=False)
    received_at = forms.DateTimeField(
        label=gettext_lazy("Received"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=gettext_lazy("In your time zone; empty: now."),
    )
    message = forms.CharField(
        label=gettext_lazy("The buyer's message"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    destination_country = forms.ChoiceField(label=gettext_lazy("Destination country"), required=False)
    destination_port = forms.CharField(
        label=gettext_lazy("Destination port (UN/LOCODE)"), max_length=5, required=False
    )
    incoterm = forms.ChoiceField(label=gettext_lazy("Incoterm"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer_country"].choices = _countries()
        self.fields["destination_country"].choices = _countries()
        self.fields["incoterm"].choices = [("", "—"), *incoterm_choices()]

    def clean_message(self) -> str:
        # Browsers send a textarea's line breaks as CRLF: kept as the API's clients send them.
        return self.cleaned_data["message"].replace("\r\n", "\n")

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("customer")
        data.pop("contact", None)
        if data.get("received_at") is None:
            data.pop("received_at")
        return data


class InquiryEditForm(InquiryForm):
    """The same form for an inquiry that exists: filled in with its values, with its customer's contacts
    to choose from (`contacts` None: no contact field); only what was changed goes to the service."""

    contact = forms.ChoiceField(label=gettext_lazy("Contact"), required=False)

    def __init__(self, data=None, *, inquiry, contacts, **kwargs):
        initial = {name: getattr(inquiry, name) for name in INQUIRY_FIELDS}
        # The field shows minutes: the seconds would make an untouched time look changed.
        initial["received_at"] = inquiry.received_at.replace(second=0, microsecond=0)
        initial["customer"] = inquiry.customer.public_id if inquiry.customer_id else None
        initial["contact"] = str(inquiry.contact.public_id) if inquiry.contact_id else ""
        super().__init__(data, initial=initial, **kwargs)
        self.fields["received_at"].help_text = gettext_lazy("In your time zone.")
        if contacts is None:
            del self.fields["contact"]
        else:
            self.fields["contact"].choices = [("", "—"), *((str(c.public_id), c.name) for c in contacts)]

    def service_changes(self) -> dict:
        """The inquiry's fields whose value changed (an emptied "received" keeps the time it had)."""
        return {k: v for k, v in self.service_values().items() if v != self.initial.get(k)}


def item_rows(data=None, *, currency: str) -> list[dict]:
    """The product rows of the inquiry form as typed (for showing it again): ITEM_ROWS, or as many as were
    sent (an inquiry with more products, edited)."""
    count = ITEM_ROWS
    if data:
        sent = [i + 1 for i in range(MAX_ITEMS + ITEM_ROWS) if f"item-{i}-description" in data]
        count = max([count, *sent])
    rows = []
    for i in range(count):
        get = (lambda key, i=i: (data or {}).get(f"item-{i}-{key}", "")) if data else (lambda key: "")
        rows.append(
            {
                "index": i,
                "sku": get("sku"),
                "description": get("description"),
                "quantity": get("quantity"),
                "unit": get("unit") or "",
                "price": get("price"),
                "currency": get("currency") or currency,
            }
        )
    return rows


def _plain(number: Decimal | None) -> str:
    """A stored decimal as a person types it: 2000.000 is "2000", 8.5000 is "8.5"."""
    return "" if number is None else format(number.normalize(), "f")


def item_rows_of(items, *, currency: str) -> list[dict]:
    """The product rows of an inquiry to edit: one a product asked for, then blank ones to add more."""
    rows = [
        {
            "index": i,
            "sku": item.product.sku if item.product_id else "",
            "description": item.description,
            "quantity": _plain(item.quantity),
            "unit": item.unit,
            "price": _plain(item.target_price_amount),
            "currency": item.target_price_currency or currency,
        }
        for i, item in enumerate(items)
    ]
    blank = item_rows(currency=currency)[0]
    spare = max(ITEM_ROWS - len(rows), 2)
    return rows + [{**blank, "index": len(rows) + j} for j in range(spare)]


def items_from(rows: list[dict], *, find_product) -> tuple[list[dict], list[str]]:
    """Service items from the typed rows (empty rows skipped); errors as messages."""
    items, errors = [], []
    for row in rows:
        if not any(str(row[k]).strip() for k in ("sku", "description", "quantity", "price")):
            continue
        product = None
        if row["sku"].strip():
            product = find_product(row["sku"].strip())
            if product is None:
                errors.append(_("No product has the SKU “%(sku)s”.") % {"sku": row["sku"].strip()})
                continue
        price = None
        if str(row["price"]).strip():
            try:
                price = Money(Decimal(str(row["price"]).strip().replace(",", "")), row["currency"] or "USD")
            except (InvalidOperation, ValueError, TypeError):
                errors.append(_("“%(price)s” is not a price.") % {"price": row["price"]})
                continue
        items.append(
            {
                "product": product,
                "description": row["description"],
                "quantity": str(row["quantity"]).strip().replace(",", "") or None,
                "unit": row["unit"] or None,
                "target_price": price,
            }
        )
    return items, errors


UNIT_CHOICES = [("", "—"), *Unit.choices]


def currencies():
    return currency_choices()


class LostForm(forms.Form):
    reason = forms.UUIDField()
    competitor = forms.UUIDField(required=False)
    note = forms.CharField(required=False, max_length=2000)


class CloseForm(forms.Form):
    closing = forms.ChoiceField(choices=Closing.choices)
    duplicate_of = forms.CharField(required=False, max_length=20)  # the other inquiry's number
    note = forms.CharField(required=False, max_length=2000)


class SettingsForm(StyledFormMixin, forms.Form):
    response_target_hours = forms.IntegerField(
        label=gettext_lazy("First response within (business hours)"), min_value=1, max_value=720
    )
    reminder_lead_hours = forms.IntegerField(
        label=gettext_lazy("Remind the assignee (business hours before)"), min_value=0, max_value=720
    )
    business_start = forms.TimeField(
        label=gettext_lazy("Business hours from"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    business_end = forms.TimeField(
        label=gettext_lazy("until"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    business_days = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Business days"), choices=WEEKDAYS, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    assignment_mode = forms.ChoiceField(label=gettext_lazy("Assignment"), choices=AssignmentMode.choices)
    intake_origins = forms.CharField(
        label=gettext_lazy("Websites the intake form may return visitors to"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "https://www.example.com"}),
    )


class CompetitorForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)
    website = forms.CharField(label=gettext_lazy("Website"), max_length=200, required=False)
    notes = forms.CharField(
        label=gettext_lazy("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _countries()
