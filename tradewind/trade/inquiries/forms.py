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

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("customer")
        if data.get("received_at") is None:
            data.pop("received_at")
        return data


def item_rows(data=None, *, currency: str) -> list[dict]:
    """The product rows of the inquiry form as typed (for showing it again)."""
    rows = []
    for i in range(ITEM_ROWS):
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
