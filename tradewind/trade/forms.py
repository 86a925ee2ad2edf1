"""Sales forms: they parse what people type and hand it to the services, which hold the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from tradewind.catalog.choices import Unit
from tradewind.catalog.models import Product
from tradewind.core.forms import StyledFormMixin
from tradewind.core.trade import PaymentMethod, incoterm_choices
from tradewind.trade.choices import DocumentLanguage, PaymentEvent
from tradewind.trade.lines import MAX_LINES, LineInput
from tradewind.trade.payment_terms import PRESETS, preset_terms

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MILESTONE_ROWS = 4


class QuotationForm(StyledFormMixin, forms.Form):
    contact = forms.ChoiceField(label=gettext_lazy("Contact"), required=False)
    currency = forms.ChoiceField(label=gettext_lazy("Currency"))
    incoterm = forms.ChoiceField(label=gettext_lazy("Incoterm"))
    incoterm_place = forms.CharField(
        label=gettext_lazy("Named place"),
        max_length=120,
        required=False,
        help_text=gettext_lazy("A port or a place: Ningbo, CNSHA, Warsaw."),
    )
    issued_on = forms.DateField(label=gettext_lazy("Date"), widget=DATE)
    valid_until = forms.DateField(label=gettext_lazy("Valid until"), widget=DATE)
    payment_preset = forms.ChoiceField(label=gettext_lazy("Payment terms"), required=False)
    lead_time_days = forms.IntegerField(label=gettext_lazy("Lead time (days)"), required=False, min_value=0)
    language = forms.ChoiceField(label=gettext_lazy("Document language"), choices=DocumentLanguage.choices)
    remarks = forms.CharField(
        label=gettext_lazy("Remarks (printed)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, customer, currencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.contacts = {str(c.public_id): c for c in customer.contacts.all()}
        self.fields["contact"].choices = [("", "—")] + [(k, c.name) for k, c in self.contacts.items()]
        self.fields["currency"].choices = [(c, c) for c in currencies]
        self.fields["incoterm"].choices = incoterm_choices()
        self.fields["payment_preset"].choices = [("", _("Custom (below)"))] + [
            (key, label) for key, (label, _terms) in PRESETS.items()
        ]

    def service_values(self, milestones: list[dict]) -> dict:
        data = dict(self.cleaned_data)
        data["contact"] = self.contacts.get(data.get("contact") or "")
        preset = data.pop("payment_preset", "")
        data["payment_terms"] = preset_terms(preset) if preset else milestones
        return data


def initial_for(document) -> dict:
    return {
        "contact": str(document.contact.public_id) if document.contact_id else "",
        "currency": document.currency,
        "incoterm": document.incoterm,
        "incoterm_place": document.incoterm_place,
        "issued_on": document.issued_on,
        "valid_until": getattr(document, "valid_until", None),
        "payment_preset": _preset_of(document.payment_terms),
        "lead_time_days": document.lead_time_days,
        "language": document.language,
        "remarks": document.remarks,
    }


def _preset_of(terms) -> str:
    for key in PRESETS:
        if _same_terms(preset_terms(key), terms or []):
            return key
    return ""


def _same_terms(a: list[dict], b: list[dict]) -> bool:
    def key(m):
        return (str(m.get("percent")).rstrip("0").rstrip("."), m.get("method"), m.get("event"), m.get("days"))

    return [key(m) for m in a] == [key(m) for m in b]


def milestones_from(post) -> list[dict]:
    """The custom payment milestones typed in the form's rows (empty rows left out)."""
    rows = zip(
        post.getlist("pay-percent"),
        post.getlist("pay-method"),
        post.getlist("pay-event"),
        post.getlist("pay-days"),
        strict=False,
    )
    return [
        {"percent": percent.strip(), "method": method, "event": event, "days": days.strip() or None}
        for percent, method, event, days in rows
        if percent.strip()
    ]


def milestone_rows(terms) -> list[dict]:
    rows = [dict(m) for m in terms or []]
    return rows + [{}] * max(1, MILESTONE_ROWS - len(rows))


def payment_choices() -> dict:
    return {"methods": PaymentMethod.choices, "events": PaymentEvent.choices}


def lines_from(post, workspace) -> list[LineInput]:
    """The line rows of a document form: a SKU picks the product (its name, specification, unit and list
    price fill what is left empty); rows with neither a SKU nor a description are left out."""
    columns = ("line-sku", "line-name", "line-spec", "line-qty", "line-unit", "line-price", "line-discount")
    rows = list(zip(*(post.getlist(c) for c in columns), strict=False))[: MAX_LINES + 1]
    skus = {row[0].strip().lower() for row in rows if row[0].strip()}
    products = {
        p.sku.lower(): p for p in Product.objects.filter(workspace=workspace, sku__in=_cased(skus)) if p.sku
    } if skus else {}  # fmt: skip
    lines = []
    for sku, name, spec, qty, unit, price, discount in rows:
        sku = sku.strip()
        if not sku and not name.strip():
            continue
        product = products.get(sku.lower()) if sku else None
        if sku and product is None:
            name = name.strip() or sku  # an unknown SKU: kept as a free line the rep sees and fixes
        lines.append(
            LineInput(
                product=product,
                name=name.strip() or None,
                specification=spec if spec.strip() else None,
                quantity=qty.strip(),
                unit=unit or None,
                unit_price=price.strip() or None,
                discount_percent=discount.strip() or None,
            )
        )
    return lines


def _cased(skus: set[str]) -> list[str]:
    # SKUs are unique whatever the case; an exact-case IN plus the upper-case spelling covers what is typed.
    return sorted(skus | {s.upper() for s in skus})


def line_rows(lines, extra: int = 3) -> list[dict]:
    """Rows for the form: a document's lines (or what was posted), then a few empty ones."""
    rows = [
        {
            "sku": line.sku if hasattr(line, "sku") else "",
            "name": line.name,
            "spec": line.specification,
            "qty": line.quantity.normalize() if line.quantity is not None else "",
            "unit": line.unit,
            "price": line.unit_price.normalize() if line.unit_price is not None else "",
            "discount": line.discount_percent.normalize() if line.discount_percent else "",
        }
        for line in lines
    ]
    return rows + [{"unit": ""}] * extra


def posted_line_rows(post, extra: int = 1) -> list[dict]:
    columns = ("line-sku", "line-name", "line-spec", "line-qty", "line-unit", "line-price", "line-discount")
    keys = ("sku", "name", "spec", "qty", "unit", "price", "discount")
    rows = [
        dict(zip(keys, values, strict=True))
        for values in zip(*(post.getlist(c) for c in columns), strict=False)
    ]
    rows = [r for r in rows if r["sku"].strip() or r["name"].strip()]
    return rows + [{"unit": ""}] * extra


UNITS = Unit.choices


class RejectForm(forms.Form):
    comment = forms.CharField(required=False, max_length=2000)


class SendForm(StyledFormMixin, forms.Form):
    to = forms.EmailField(label=pgettext_lazy("e-mail", "To"))
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=200, required=False)
    message = forms.CharField(
        label=gettext_lazy("Message"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(required=False, max_length=2000)


class PiForm(StyledFormMixin, forms.Form):
    buyer_name = forms.CharField(label=gettext_lazy("Buyer's legal name"), max_length=200)
    buyer_address = forms.CharField(
        label=gettext_lazy("Buyer's address"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    port_of_loading = forms.CharField(label=gettext_lazy("Port of loading"), max_length=120, required=False)
    port_of_discharge = forms.CharField(
        label=gettext_lazy("Port of discharge"), max_length=120, required=False
    )
    delivery_date = forms.DateField(label=gettext_lazy("Delivery date"), required=False, widget=DATE)
    shipping_marks = forms.CharField(
        label=gettext_lazy("Shipping marks"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    bank_details = forms.CharField(
        label=gettext_lazy("Bank details"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ConfirmForm(StyledFormMixin, forms.Form):
    confirmed_on = forms.DateField(label=gettext_lazy("Confirmed by the buyer on"), widget=DATE)
    signed_pi = forms.FileField(label=gettext_lazy("Signed PI (optional)"), required=False)


class CancelForm(forms.Form):
    reason = forms.CharField(required=False, max_length=2000)


class QuotationFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": gettext_lazy("Number or customer")}),
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    currency = forms.ChoiceField(label=gettext_lazy("Currency"), required=False)
    mine = forms.ChoiceField(
        label=gettext_lazy("Whose"),
        required=False,
        choices=[("", gettext_lazy("Everyone's")), ("1", gettext_lazy("Mine"))],
    )

    def __init__(self, *args, statuses, currencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Any status")), ("open", _("Open")), *list(statuses)]
        self.fields["currency"].choices = [("", _("Any currency"))] + [(c, c) for c in currencies]


class SettingsForm(StyledFormMixin, forms.Form):
    legal_name = forms.CharField(
        label=gettext_lazy("Company name on documents"), max_length=200, required=False
    )
    legal_name_zh = forms.CharField(
        label=gettext_lazy("Company name in Chinese"), max_length=200, required=False
    )
    address = forms.CharField(
        label=gettext_lazy("Address"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=60, required=False)
    email = forms.EmailField(label=gettext_lazy("E-mail"), required=False)
    website = forms.CharField(label=gettext_lazy("Website"), max_length=200, required=False)
    bank_details = forms.CharField(
        label=gettext_lazy("Bank details"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    logo = forms.FileField(label=gettext_lazy("Logo (PNG or JPEG)"), required=False)
    approval_discount_percent = forms.DecimalField(
        label=gettext_lazy("Approve discounts above (%)"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
    )
    approval_margin_percent = forms.DecimalField(
        label=gettext_lazy("Approve margins below (%)"),
        required=False,
        min_value=-100,
        max_value=100,
        decimal_places=2,
    )
    approval_total_amount = forms.DecimalField(
        label=gettext_lazy("Approve totals above (reporting currency)"),
        required=False,
        min_value=0,
        max_digits=15,
        decimal_places=2,
    )
    fx_risk_percent = forms.DecimalField(
        label=gettext_lazy("Warn when a currency moved more than (%)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
    )
    validity_days = forms.IntegerField(
        label=gettext_lazy("Quotations valid for (days)"), min_value=1, max_value=365
    )
    expiry_reminder_days = forms.IntegerField(
        label=gettext_lazy("Remind before a quotation expires (days)"), min_value=0, max_value=60
    )
