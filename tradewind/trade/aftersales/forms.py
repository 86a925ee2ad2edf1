"""After-sales forms: they read what people type and hand it to the services, which hold the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from tradewind.core.errors import ValidationFailed
from tradewind.core.forms import StyledFormMixin
from tradewind.core.money_parse import money_parse
from tradewind.trade.aftersales.choices import OPEN_STATUSES, CaseStatus, CaseType, Resolution
from tradewind.trade.aftersales.services.settings import FOLLOW_UP_DAYS

NONE = ("", "—")


def _members(members) -> list[tuple[str, str]]:
    return [(str(m.public_id), m.user.display_name) for m in members]


def _amount(form, name: str, currency: str):
    """The amount typed in `name` (e.g. "1,200.50", "US$ 80"), in `currency`; None when empty. A refusal
    is the field's error, in the reader's language."""
    text = (form.cleaned_data.get(name) or "").strip()
    if not text or not currency:
        return None
    try:
        return money_parse(text, currency=currency, field=name).amount
    except ValidationFailed as error:
        form.add_error(name, str(error.message))
        return None


class FilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": gettext_lazy("Case, order or customer")}
        ),
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    case_type = forms.ChoiceField(label=gettext_lazy("Type"), required=False)
    owner = forms.ChoiceField(label=gettext_lazy("Owner"), required=False)
    open = forms.ChoiceField(
        label=gettext_lazy("Show"),
        required=False,
        choices=[("", gettext_lazy("All cases")), ("1", gettext_lazy("Open only"))],
    )
    customer = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", gettext_lazy("Any status")), *CaseStatus.choices]
        self.fields["case_type"].choices = [("", gettext_lazy("Any type")), *CaseType.choices]
        self.fields["owner"].choices = [
            ("", gettext_lazy("Anyone")),
            ("mine", gettext_lazy("Mine")),
            *_members(owners),
        ]


class CaseForm(StyledFormMixin, forms.Form):
    """A new case, or an open case's changes (`owners` empty: who opens it may not choose the owner)."""

    case_type = forms.ChoiceField(label=gettext_lazy("Type"), choices=CaseType.choices)
    shipment = forms.ChoiceField(label=gettext_lazy("Shipment"), required=False)
    description = forms.CharField(
        label=gettext_lazy("What the buyer reports"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
    )
    claimed = forms.CharField(
        label=gettext_lazy("Claimed amount"),
        required=False,
        max_length=40,
        help_text=gettext_lazy("Empty if the buyer claims no money."),
    )
    currency = forms.ChoiceField(label=gettext_lazy("Currency"))
    owner = forms.ChoiceField(label=gettext_lazy("Owner"), required=False)

    def __init__(self, *args, shipments=(), currencies=(), owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shipment"].choices = [NONE, *((str(s.public_id), s.number) for s in shipments)]
        self.fields["currency"].choices = [(c, c) for c in currencies]
        if owners is None:
            del self.fields["owner"]
        else:
            self.fields["owner"].choices = [NONE, *_members(owners)]

    def clean_description(self) -> str:
        return self.cleaned_data["description"].replace("\r\n", "\n")

    def clean(self):
        data = super().clean()
        data["claimed_amount"] = _amount(self, "claimed", data.get("currency", ""))
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=[(s.value, s.label) for s in OPEN_STATUSES])


class ResolveForm(StyledFormMixin, forms.Form):
    resolution = forms.ChoiceField(label=gettext_lazy("Resolution"), choices=Resolution.choices)
    agreed = forms.CharField(
        label=gettext_lazy("Agreed amount"),
        required=False,
        max_length=40,
        help_text=gettext_lazy("Required for a credit note or a refund; empty for a rejection."),
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm_above_claim = forms.BooleanField(
        label=gettext_lazy("Yes, agree more than the buyer claimed"), required=False
    )

    def __init__(self, *args, currency: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency

    def clean_note(self) -> str:
        return self.cleaned_data["note"].replace("\r\n", "\n")

    def clean(self):
        data = super().clean()
        data["agreed_amount"] = _amount(self, "agreed", self.currency)
        return data


class SettingsForm(StyledFormMixin, forms.Form):
    follow_up_days = forms.IntegerField(
        label=gettext_lazy("Follow up with the buyer (days after arrival)"),
        min_value=FOLLOW_UP_DAYS[0],
        max_value=FOLLOW_UP_DAYS[1],
        help_text=gettext_lazy(
            "Counted from the day the goods were delivered, else arrived, else the shipment's ETA."
        ),
    )


class ApplyCreditForm(forms.Form):
    order = forms.UUIDField()
