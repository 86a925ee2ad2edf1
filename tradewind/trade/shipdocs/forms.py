"""Forms of the document pages: they parse what people type and hand it to the services (the rules)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from tradewind.core.forms import StyledFormMixin
from tradewind.core.geo import country_choices
from tradewind.core.trade import PaymentMethod, incoterm_choices
from tradewind.trade.shipdocs.choices import DocumentKind, DocumentStatus, OriginType, RuleTrigger

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


class FilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"), required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[
            ("", gettext_lazy("All")),
            ("open", gettext_lazy("Not with the buyer yet")),
            *DocumentStatus.choices,
        ],
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("Show"),
        required=False,
        choices=[("", gettext_lazy("All I may see")), ("mine", gettext_lazy("Mine"))],
    )
    due = forms.ChoiceField(
        label=gettext_lazy("Due"),
        required=False,
        choices=[
            ("", gettext_lazy("Any time")),
            ("overdue", gettext_lazy("Overdue")),
            ("week", gettext_lazy("In the next seven days")),
        ],
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Document"),
        required=False,
        choices=[("", gettext_lazy("All")), *DocumentKind.choices],
    )


class RuleForm(StyledFormMixin, forms.Form):
    trigger = forms.ChoiceField(label=gettext_lazy("When"), choices=RuleTrigger.choices)
    incoterms = forms.MultipleChoiceField(
        label=gettext_lazy("Incoterms"), required=False, widget=forms.CheckboxSelectMultiple
    )
    payment_methods = forms.MultipleChoiceField(
        label=gettext_lazy("Payment methods"),
        required=False,
        choices=PaymentMethod.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    countries = forms.MultipleChoiceField(
        label=gettext_lazy("Destination countries"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    category = forms.ChoiceField(label=gettext_lazy("Product category"), required=False)
    keywords = forms.CharField(
        label=gettext_lazy("Words in the goods or packing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One a line, e.g. wood, pallet, 木."),
    )
    kind = forms.ChoiceField(label=gettext_lazy("The shipment needs"), choices=DocumentKind.choices)
    name = forms.CharField(
        label=gettext_lazy("Name on the checklist"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Empty: the document's usual name."),
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    is_active = forms.BooleanField(label=gettext_lazy("Active"), required=False, initial=True)

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = {str(c.public_id): c for c in categories}
        self.fields["incoterms"].choices = incoterm_choices()
        self.fields["countries"].choices = list(country_choices())
        self.fields["category"].choices = [("", "—"), *((k, c.name) for k, c in self.categories.items())]

    @staticmethod
    def initial_for(rule) -> dict:
        values = list(rule.values or [])
        by_trigger = {
            RuleTrigger.INCOTERM: "incoterms",
            RuleTrigger.PAYMENT_METHOD: "payment_methods",
            RuleTrigger.DESTINATION: "countries",
        }
        initial = {
            "trigger": rule.trigger,
            "kind": rule.kind,
            "name": rule.name,
            "notes": rule.notes,
            "is_active": rule.is_active,
            "category": str(rule.category.public_id) if rule.category else "",
        }
        if rule.trigger in by_trigger:
            initial[by_trigger[rule.trigger]] = values
        if rule.trigger == RuleTrigger.PACKING_KEYWORD:
            initial["keywords"] = "\n".join(values)
        return initial

    def service_values(self) -> dict:
        data = self.cleaned_data
        trigger = data["trigger"]
        values = {
            RuleTrigger.INCOTERM: data["incoterms"],
            RuleTrigger.PAYMENT_METHOD: data["payment_methods"],
            RuleTrigger.DESTINATION: data["countries"],
            RuleTrigger.PACKING_KEYWORD: [w for w in (data["keywords"] or "").splitlines() if w.strip()],
        }.get(trigger, [])
        return {
            "trigger": trigger,
            "kind": data["kind"],
            "values": values,
            "name": data["name"],
            "notes": data["notes"],
            "is_active": data["is_active"],
            "category": self.categories.get(data.get("category") or ""),
        }


class OriginForm(StyledFormMixin, forms.Form):
    country = forms.ChoiceField(label=gettext_lazy("Destination country"), required=False)
    origin_type = forms.ChoiceField(label=gettext_lazy("Certificate of origin"), choices=OriginType.choices)
    notes = forms.CharField(label=gettext_lazy("Notes"), required=False, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", gettext_lazy("Every other country")), *country_choices()]


class LetterOfCreditForm(StyledFormMixin, forms.Form):
    number = forms.CharField(label=gettext_lazy("L/C number"), max_length=60)
    issuing_bank = forms.CharField(label=gettext_lazy("Issuing bank"), max_length=200)
    advising_bank = forms.CharField(label=gettext_lazy("Advising bank"), max_length=200, required=False)
    issued_on = forms.DateField(label=gettext_lazy("Issued on"), required=False, **DATE)
    expiry_date = forms.DateField(label=gettext_lazy("Expiry date"), **DATE)
    latest_shipment_date = forms.DateField(label=gettext_lazy("Latest shipment date"), required=False, **DATE)
    presentation_days = forms.IntegerField(
        label=gettext_lazy("Presentation days after the B/L date"), initial=21, min_value=1, max_value=90
    )
    amount = forms.DecimalField(
        label=gettext_lazy("Amount"),
        required=False,
        min_value=0,
        max_digits=18,
        decimal_places=4,
        help_text=gettext_lazy("In the order's currency; empty: the order's total."),
    )
    documents_required = forms.MultipleChoiceField(
        label=gettext_lazy("Documents required"),
        required=False,
        choices=DocumentKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=gettext_lazy("Special conditions"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DocumentForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200, required=False)
    owner = forms.ChoiceField(label=gettext_lazy("Owner"), required=False)
    due_on = forms.DateField(label=gettext_lazy("Due"), required=False, **DATE)
    courier = forms.CharField(label=gettext_lazy("Courier"), max_length=60, required=False)
    tracking_number = forms.CharField(label=gettext_lazy("Tracking number"), max_length=60, required=False)
    notes = forms.CharField(
        label=gettext_lazy("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, holders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.holders = {str(m.public_id): m for m in holders}
        self.fields["owner"].choices = [
            ("", "—"),
            *((k, m.user.display_name) for k, m in self.holders.items()),
        ]

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data["owner"] = self.holders.get(data.get("owner") or "")
        return data


class AddDocumentForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Document"), choices=DocumentKind.choices)
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200, required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=DocumentStatus.choices)
    courier = forms.CharField(max_length=60, required=False)
    tracking_number = forms.CharField(max_length=60, required=False)
    sent_on = forms.DateField(required=False)
    override_reason = forms.CharField(max_length=2000, required=False)


class UploadForm(forms.Form):
    file = forms.FileField()
    note = forms.CharField(max_length=300, required=False)
