"""The shipping pages' forms: they read what was typed; the services decide (ports, dates, check digits,
quantities), and their refusals are shown on the form (core.forms.form_add_service_error)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from tradewind.core.forms import StyledFormMixin
from tradewind.core.trade import ContainerType
from tradewind.trade.shipping.choices import ReleaseHow
from tradewind.trade.shipping.models import ShipmentMode, ShipmentStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PORT = forms.TextInput(attrs={"placeholder": "CNNGB", "maxlength": 6, "autocapitalize": "characters"})


def _date(label, **kwargs):
    return forms.DateField(label=label, required=False, widget=DATE, **kwargs)


class ShipmentFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": gettext_lazy("Number, B/L, container, customer")}
        ),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All")), ("open", gettext_lazy("Open")), *ShipmentStatus.choices],
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("Mode"), required=False, choices=[("", gettext_lazy("Any")), *ShipmentMode.choices]
    )
    etd_from = _date(gettext_lazy("ETD from"))
    etd_to = _date(gettext_lazy("ETD to"))
    eta_from = _date(gettext_lazy("ETA from"))
    eta_to = _date(gettext_lazy("ETA to"))


class ShipmentForm(StyledFormMixin, forms.Form):
    mode = forms.ChoiceField(label=gettext_lazy("Mode"), choices=ShipmentMode.choices)
    forwarder = forms.CharField(label=gettext_lazy("Freight forwarder"), max_length=200, required=False)
    booking_number = forms.CharField(label=gettext_lazy("Booking number"), max_length=60, required=False)
    vessel = forms.CharField(label=gettext_lazy("Vessel or flight"), max_length=120, required=False)
    voyage = forms.CharField(label=gettext_lazy("Voyage"), max_length=40, required=False)
    port_of_loading = forms.CharField(
        label=gettext_lazy("Port of loading (UN/LOCODE)"), max_length=20, required=False, widget=PORT
    )
    port_of_discharge = forms.CharField(
        label=gettext_lazy("Port of discharge (UN/LOCODE)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "DEHAM", "maxlength": 6}),
    )
    etd = _date(gettext_lazy("ETD"))
    eta = _date(gettext_lazy("ETA"))
    atd = _date(gettext_lazy("Sailed (ATD)"))
    ata = _date(gettext_lazy("Arrived (ATA)"))
    bl_number = forms.CharField(label=gettext_lazy("B/L or AWB number"), max_length=60, required=False)
    bl_date = _date(gettext_lazy("B/L date"))
    remarks = forms.CharField(
        label=gettext_lazy("Remarks"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    eta_reason = forms.CharField(
        label=gettext_lazy("If the ETA moves: why"),
        max_length=1000,
        required=False,
        help_text=gettext_lazy("The rep is told, and a message to the buyer is drafted."),
    )
    all_goods = forms.BooleanField(
        label=gettext_lazy("Everything of the order still to ship goes in it"), required=False, initial=True
    )

    def __init__(self, *args, shipment=None, **kwargs):
        super().__init__(*args, **kwargs)
        if shipment is None:  # a new shipment: planned, nothing sailed, no ETA to move
            for name in ("atd", "ata", "eta_reason"):
                del self.fields[name]
        else:
            del self.fields["all_goods"]
            if shipment.atd is None:
                del self.fields["atd"]
            if shipment.ata is None:
                del self.fields["ata"]
            if shipment.eta is None:
                del self.fields["eta_reason"]

    def service_values(self) -> dict:
        skip = ("eta_reason", "all_goods")
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class ContainerForm(StyledFormMixin, forms.Form):
    container_type = forms.ChoiceField(label=gettext_lazy("Type"), choices=ContainerType.choices)
    number = forms.CharField(
        label=gettext_lazy("Container number"),
        max_length=20,
        required=False,
        help_text=gettext_lazy("ISO 6346, e.g. CSQU3054383; the check digit is checked. Empty until known."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters"}),
    )
    seal_number = forms.CharField(label=gettext_lazy("Seal number"), max_length=40, required=False)
    cartons = forms.IntegerField(label=gettext_lazy("Cartons"), min_value=0, required=False)
    gross_kg = forms.DecimalField(label=gettext_lazy("Gross weight (kg)"), min_value=0, required=False)
    cbm = forms.DecimalField(label=gettext_lazy("Volume (CBM)"), min_value=0, required=False)

    def __init__(self, *args, mode=None, **kwargs):
        super().__init__(*args, **kwargs)
        if mode == ShipmentMode.SEA_LCL:
            self.fields["container_type"].choices = [(ContainerType.LCL.value, ContainerType.LCL.label)]
        else:
            self.fields["container_type"].choices = [
                c for c in ContainerType.choices if c[0] != ContainerType.LCL
            ]


class StatusForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(choices=ShipmentStatus.choices, widget=forms.HiddenInput)
    on = _date(gettext_lazy("On"))
    reason = forms.CharField(label=gettext_lazy("Why"), max_length=2000, required=False)


class EtaForm(StyledFormMixin, forms.Form):
    eta = forms.DateField(label=gettext_lazy("New ETA"), widget=DATE)
    reason = forms.CharField(
        label=gettext_lazy("Why it moved"),
        max_length=1000,
        required=False,
        help_text=gettext_lazy(
            "Port congestion, a skipped call, a roll-over … It goes in the buyer's message."
        ),
    )


class ReleaseForm(StyledFormMixin, forms.Form):
    how = forms.ChoiceField(label=gettext_lazy("How"), choices=ReleaseHow.choices)
    # Only the originals travel by courier (app.js hides these for a telex release).
    courier = forms.CharField(
        label=gettext_lazy("Courier"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"data-shown-when": "how=originals_sent"}),
    )
    tracking = forms.CharField(
        label=gettext_lazy("Tracking number"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"data-shown-when": "how=originals_sent"}),
    )
    override_reason = forms.CharField(
        label=gettext_lazy("Released with the balance unpaid because"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Managers only; recorded in the audit log."),
    )
