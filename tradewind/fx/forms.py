"""Exchange-rate forms: they parse what people type and hand it to the services, which hold the rules."""

from __future__ import annotations

import unicodedata

from babel.numbers import NumberFormatError, parse_decimal
from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tradewind.core.forms import StyledFormMixin
from tradewind.core.geo import babel_locale
from tradewind.core.money import currency_choices, currency_name


def _named(codes) -> list[tuple[str, str]]:
    return [(code, f"{code} — {currency_name(code)}") for code in codes]


class CurrencyAddForm(StyledFormMixin, forms.Form):
    code = forms.ChoiceField(label=gettext_lazy("Currency"))

    def __init__(self, *args, used: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [("", "—"), *((c, n) for c, n in currency_choices() if c not in used)]


class RateForm(StyledFormMixin, forms.Form):
    """1 [currency] = [rate] [reporting currency] on [date]."""

    currency = forms.ChoiceField(label=gettext_lazy("Currency"))
    on = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    rate = forms.CharField(
        label=gettext_lazy("Rate"), max_length=40, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("Yes, this rate is right"),
        required=False,
        help_text=gettext_lazy("Asked when a rate is far from the one of a nearby day."),
    )

    def __init__(self, *args, currencies: list[str], reporting: str, **kwargs):
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["currency"].choices = _named(currencies)
        # The confirmation box shows once the service found the rate unusual (views set this), and stays.
        self.needs_confirm = bool(self.data.get("confirm"))
        self.fields["rate"].help_text = _("How many %(reporting)s one unit of the currency buys.") % {
            "reporting": reporting
        }

    def clean_rate(self):
        raw = self.cleaned_data["rate"]
        text = unicodedata.normalize("NFKC", raw).strip().replace(" ", "")  # full-width digits and dot
        try:
            return parse_decimal(text, locale=babel_locale(), strict=True)
        except NumberFormatError:
            raise forms.ValidationError(
                _("“%(value)s” is not a number. Write it like 7.1234.") % {"value": raw[:40]}
            ) from None


class RateFilterForm(StyledFormMixin, forms.Form):
    currency = forms.ChoiceField(label=gettext_lazy("Currency"), required=False)
    date_from = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, currencies: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].choices = [("", _("All currencies")), *_named(currencies)]


class ImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("ECB rates file"),
        help_text=gettext_lazy(
            "eurofxref.csv (the day's rates) or eurofxref-hist.csv (every day since 1999), or their ZIP, "
            "as downloaded from the European Central Bank's site."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.zip,text/csv,application/zip"}),
    )
