"""Receivables forms: they read what finance types (amounts as people write them: "12,500.00", "US$ 3,000")
and hand it to the services, which hold the rules."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tradewind.core.errors import ValidationFailed
from tradewind.core.forms import StyledFormMixin
from tradewind.core.money_parse import money_parse
from tradewind.trade.receivables.choices import AgeingBucket, ReceiptStatus

OLDEST_FIRST, CHOSEN = "oldest", "chosen"


def _currencies(workspace, order_currency: str) -> list[tuple[str, str]]:
    from tradewind.fx.rates import workspace_currencies

    codes = workspace_currencies(workspace)
    if order_currency not in codes:
        codes = [order_currency, *codes]
    return [(code, code) for code in codes]


class ReceiptForm(StyledFormMixin, forms.Form):
    received_on = forms.DateField(
        label=gettext_lazy("Received on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    amount = forms.CharField(label=gettext_lazy("Amount paid"), max_length=40)
    currency = forms.ChoiceField(label=gettext_lazy("Currency"))
    rate = forms.CharField(
        label=gettext_lazy("Rate to the order's currency"),
        required=False,
        max_length=30,
        help_text=gettext_lazy("Only when paid in another currency: units of the order's currency for 1."),
    )
    bank_charges = forms.CharField(label=gettext_lazy("Bank charges"), required=False, max_length=40)
    reference = forms.CharField(label=gettext_lazy("Bank reference"), required=False, max_length=100)
    payer = forms.CharField(label=gettext_lazy("Paid by"), required=False, max_length=200)
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    allocation = forms.ChoiceField(
        label=gettext_lazy("Settle"),
        choices=[
            (OLDEST_FIRST, gettext_lazy("the oldest due first")),
            (CHOSEN, gettext_lazy("the milestones and amounts below")),
        ],
        initial=OLDEST_FIRST,
        widget=forms.RadioSelect,
    )
    confirm_overpayment = forms.BooleanField(
        label=gettext_lazy("Keep what is more than the open balance as credit on the receipt"),
        required=False,
    )

    def __init__(self, *args, order, milestones=(), **kwargs):
        kwargs.setdefault("initial", {"received_on": timezone.localdate(), "currency": order.currency})
        super().__init__(*args, **kwargs)
        self.order = order
        self.fields["currency"].choices = _currencies(order.workspace, order.currency)
        self.milestone_fields = []
        for milestone in milestones:
            if milestone.open <= 0:
                continue
            name = f"alloc_{milestone.payment.public_id}"
            self.fields[name] = forms.CharField(
                label=_("Milestone %(n)d") % {"n": milestone.payment.position + 1},
                required=False,
                max_length=40,
            )
            self.fields[name].widget.attrs["class"] = "input small"
            self.milestone_fields.append((milestone, self[name]))

    def _money(self, name: str, currency: str, *, required: bool):
        text = (self.cleaned_data.get(name) or "").strip()
        if not text:
            if required:
                self.add_error(name, _("Enter an amount."))
            return None
        try:
            return money_parse(text, currency=currency, field=name).amount
        except ValidationFailed as error:
            self.add_error(name, str(error.message))
            return None

    def clean(self):
        data = super().clean()
        currency = data.get("currency")
        if currency:
            data["amount"] = self._money("amount", currency, required=True)
            data["bank_charges"] = self._money("bank_charges", currency, required=False)
        rate = (data.get("rate") or "").strip().replace(",", "")
        if rate:
            try:
                data["rate"] = Decimal(rate)
            except InvalidOperation:
                self.add_error("rate", _("Write the rate as a number, e.g. 7.1234."))
        else:
            data["rate"] = None
        allocations = []
        for milestone, bound in self.milestone_fields:
            if data.get("allocation") == CHOSEN:
                amount = self._money(bound.name, self.order.currency, required=False)
                if amount:
                    allocations.append((milestone.payment.public_id, amount))
        data["allocations"] = allocations if data.get("allocation") == CHOSEN else None
        return data

    def service_values(self) -> dict:
        data = self.cleaned_data
        names = ("received_on", "amount", "currency", "rate", "bank_charges", "reference", "payer", "note")
        values = {name: data.get(name) for name in (*names, "allocations")}
        values["confirm_overpayment"] = bool(data.get("confirm_overpayment"))
        return values


class ReverseForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=gettext_lazy("Why"), max_length=2000)


class ReceivableFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"), required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    # A customer is chosen by following its name in the list (there may be thousands of them).
    customer = forms.UUIDField(required=False, widget=forms.HiddenInput)
    rep = forms.ChoiceField(label=gettext_lazy("Sales rep"), required=False)
    currency = forms.ChoiceField(label=gettext_lazy("Currency"), required=False)
    bucket = forms.ChoiceField(
        label=gettext_lazy("Ageing"),
        required=False,
        choices=[("", gettext_lazy("Any")), *AgeingBucket.choices],
    )
    overdue = forms.BooleanField(label=gettext_lazy("Overdue only"), required=False)

    def __init__(self, *args, reps=(), currencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rep"].choices = [("", gettext_lazy("All")), *reps]
        self.fields["currency"].choices = [("", gettext_lazy("All")), *((c, c) for c in currencies)]


class ReceiptFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"), required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    currency = forms.ChoiceField(label=gettext_lazy("Currency"), required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All")), *ReceiptStatus.choices],
    )

    def __init__(self, *args, currencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].choices = [("", gettext_lazy("All")), *((c, c) for c in currencies)]


class SettingsForm(StyledFormMixin, forms.Form):
    escalation_days = forms.IntegerField(
        label=gettext_lazy("Tell the managers when a payment is overdue by (days)"),
        min_value=1,
        max_value=365,
    )
