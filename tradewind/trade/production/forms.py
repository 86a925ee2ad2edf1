"""Production and QC forms: they parse what people type and hand it to the services, which hold the rules
(a date order, a percentage, a named inspection company are checked there, once for the pages and the
API)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from tradewind.core.forms import StyledFormMixin
from tradewind.core.geo import country_choices
from tradewind.trade.production.choices import (
    InspectionAgency,
    InspectionKind,
    InspectionResult,
    ProductionStatus,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date(label, **kwargs):
    return forms.DateField(label=label, required=False, widget=DATE, **kwargs)


class SupplierFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    archived = forms.ChoiceField(
        label=gettext_lazy("Show"),
        required=False,
        choices=[
            ("", gettext_lazy("Current suppliers")),
            ("archived", gettext_lazy("Archived")),
            ("all", gettext_lazy("All")),
        ],
    )


class SupplierForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    contact_person = forms.CharField(label=gettext_lazy("Contact person"), max_length=120, required=False)
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=40, required=False)
    email = forms.CharField(label=gettext_lazy("E-mail"), max_length=254, required=False)
    city = forms.CharField(label=gettext_lazy("City"), max_length=100, required=False)
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)
    notes = forms.CharField(
        label=gettext_lazy("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("What it makes, its certificates, minimum orders, payment terms …"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]


class ProductionForm(StyledFormMixin, forms.Form):
    supplier = forms.ChoiceField(label=gettext_lazy("Supplier"))
    goods = forms.CharField(
        label=gettext_lazy("What it makes"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("For an order made at several factories: which products, how many."),
    )
    planned_start = _date(gettext_lazy("Planned start"))
    planned_ready = _date(gettext_lazy("Planned ready date"))
    actual_start = _date(gettext_lazy("Actual start"))
    actual_ready = _date(gettext_lazy("Actual ready date"))
    expected_ready = _date(
        gettext_lazy("Expected ready date"), help_text=gettext_lazy("Empty: the planned ready date.")
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=ProductionStatus.choices)
    notes = forms.CharField(
        label=gettext_lazy("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, suppliers, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(s.public_id), s.name) for s in suppliers]
        if current is not None and str(current.public_id) not in dict(choices):
            choices.insert(0, (str(current.public_id), current.name))  # archived since, still its own
        self.fields["supplier"].choices = [("", "—"), *choices]


class ProgressForm(StyledFormMixin, forms.Form):
    # Bounds are the service's (one message for the page and the API).
    progress = forms.IntegerField(
        label=gettext_lazy("Progress (%)"), widget=forms.NumberInput(attrs={"step": 5})
    )
    expected_ready = _date(
        gettext_lazy("New expected ready date"), help_text=gettext_lazy("Empty: unchanged.")
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class InspectionForm(StyledFormMixin, forms.Form):
    production = forms.ChoiceField(label=gettext_lazy("Factory"), required=False)
    agency = forms.ChoiceField(label=gettext_lazy("Inspected by"), choices=InspectionAgency.choices)
    agency_name = forms.CharField(
        label=gettext_lazy("Company name"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"data-shown-when": "agency=other"}),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Inspection"), choices=InspectionKind.choices, initial=InspectionKind.PRE_SHIPMENT
    )
    inspector = forms.CharField(label=gettext_lazy("Inspector"), max_length=120, required=False)
    inspected_on = forms.DateField(label=gettext_lazy("Inspection date"), widget=DATE)
    notes = forms.CharField(
        label=gettext_lazy("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, productions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["production"].choices = [
            ("", gettext_lazy("The order as a whole")),
            *((str(p.public_id), str(p)) for p in productions),
        ]


RESULTS = [(value, label) for value, label in InspectionResult.choices if value != InspectionResult.PENDING]


class ResultForm(StyledFormMixin, forms.Form):
    result = forms.ChoiceField(label=gettext_lazy("Result"), choices=RESULTS)
    defects = forms.CharField(
        label=gettext_lazy("Defects found"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Required for a fail or a pass with remarks: what was found, how many."),
    )
    report = forms.FileField(label=gettext_lazy("Inspection report"), required=False)


class RiskForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why the risk is accepted"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InspectionFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    result = forms.ChoiceField(
        label=gettext_lazy("Result"),
        required=False,
        choices=[("", gettext_lazy("All")), *InspectionResult.choices],
    )
