"""Catalog forms: they parse what people type and hand it to the services, which hold the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tradewind.catalog.choices import ProductStatus, Unit
from tradewind.catalog.rules import hs_code_display
from tradewind.core.errors import ApplicationError
from tradewind.core.forms import StyledFormMixin
from tradewind.core.money import currency_choices
from tradewind.core.money_parse import money_parse

SEPARATORS = (":", "：", "=", "\t")


def _pairs(text: str, field: str, example: str) -> list[list[str]]:
    """One "name: value" a line (a Chinese colon, "=" or a tab do too) -> [[name, value], …]."""
    pairs = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        cut = min((line.find(s) for s in SEPARATORS if s in line), default=-1)
        if cut <= 0:
            raise forms.ValidationError(
                _("Line %(n)d: write it as %(example)s.") % {"n": number, "example": example}, code=field
            )
        pairs.append([line[:cut].strip(), line[cut + 1 :].strip()])
    return pairs


def pairs_text(pairs) -> str:
    return "\n".join(f"{key}: {value}" for key, value in pairs)


class ProductForm(StyledFormMixin, forms.Form):
    sku = forms.CharField(
        label=gettext_lazy("SKU"), max_length=64, help_text=gettext_lazy("Your article number.")
    )
    name_en = forms.CharField(label=gettext_lazy("Name in English"), max_length=200, required=False)
    name_zh = forms.CharField(label=gettext_lazy("Name in Chinese"), max_length=200, required=False)
    category = forms.ChoiceField(label=gettext_lazy("Category"), required=False)
    unit = forms.ChoiceField(label=gettext_lazy("Unit"), choices=Unit.choices, initial=Unit.PIECES)
    moq = forms.IntegerField(label=gettext_lazy("MOQ"), required=False, min_value=1)
    lead_time_days = forms.IntegerField(label=gettext_lazy("Lead time (days)"), required=False, min_value=0)
    hs_code = forms.CharField(
        label=gettext_lazy("HS code"),
        max_length=20,
        required=False,
        help_text=gettext_lazy("6 to 10 digits, e.g. 8516.79 or 8516799000."),
    )
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    specs = forms.CharField(
        label=gettext_lazy("Specifications"),
        required=False,
        widget=forms.Textarea(
            attrs={
                "rows": 5,
                "placeholder": gettext_lazy("Material: 304 stainless steel\nVoltage: 220–240 V"),
            }
        ),
        help_text=gettext_lazy("One per line: name, a colon, the value."),
    )
    names = forms.CharField(
        label=gettext_lazy("Names in buyers' languages"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "es: Hervidor eléctrico\nru: Электрочайник"}),
        help_text=gettext_lazy("One per line: the language code, a colon, the name."),
    )
    units_per_carton = forms.IntegerField(label=gettext_lazy("Units per carton"), required=False, min_value=1)
    carton_length_cm = forms.DecimalField(label=gettext_lazy("Length (cm)"), required=False)
    carton_width_cm = forms.DecimalField(label=gettext_lazy("Width (cm)"), required=False)
    carton_height_cm = forms.DecimalField(label=gettext_lazy("Height (cm)"), required=False)
    carton_net_kg = forms.DecimalField(label=gettext_lazy("Net weight (kg)"), required=False)
    carton_gross_kg = forms.DecimalField(label=gettext_lazy("Gross weight (kg)"), required=False)

    COST_FIELDS = ("cost_amount", "cost_currency")

    def __init__(
        self, *args, categories, with_cost: bool, cost_only: bool = False, currency: str = "", **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [
            ("", _("No category")),
            *((str(c.public_id), c.name) for c in categories),
        ]
        self._categories = {str(c.public_id): c for c in categories}
        if with_cost:
            self.fields["cost_amount"] = forms.CharField(
                label=_("Cost price"),
                required=False,
                help_text=_("What one unit costs you (seen by managers, finance and admins only)."),
                widget=forms.TextInput(attrs={"class": "input", "inputmode": "decimal"}),
            )
            self.fields["cost_currency"] = forms.ChoiceField(
                label=_("Cost currency"),
                choices=currency_choices(),
                initial=currency or "CNY",
                widget=forms.Select(attrs={"class": "input"}),
            )
        if cost_only:  # finance: the cost, nothing else
            for name in list(self.fields):
                if name not in self.COST_FIELDS:
                    del self.fields[name]

    def clean_category(self):
        value = self.cleaned_data.get("category") or ""
        return self._categories.get(value)

    def clean_specs(self):
        return _pairs(self.cleaned_data.get("specs"), "specs", _("“Material: 304 stainless steel”"))

    def clean_names(self):
        return dict(_pairs(self.cleaned_data.get("names"), "names", _("“es: Hervidor eléctrico”")))

    def clean(self):
        data = super().clean()
        if "cost_amount" in self.fields:
            raw = (data.get("cost_amount") or "").strip()
            data["cost"] = None
            if raw:
                try:
                    data["cost"] = money_parse(
                        raw, currency=data.get("cost_currency"), places=4, field="cost_amount"
                    )
                except ApplicationError as error:
                    self.add_error("cost_amount", str(error.message))
        return data

    def service_values(self) -> dict:
        """What the services take: the product's fields (and `cost` when the form has it)."""
        data = dict(self.cleaned_data)
        data.pop("cost_amount", None)
        data.pop("cost_currency", None)
        if "cost_amount" not in self.fields:
            data.pop("cost", None)
        return data

    @classmethod
    def initial_for(cls, product) -> dict:
        initial = {
            "sku": product.sku,
            "name_en": product.name_en,
            "name_zh": product.name_zh,
            "category": str(product.category.public_id) if product.category_id else "",
            "unit": product.unit,
            "moq": product.moq,
            "lead_time_days": product.lead_time_days,
            "hs_code": hs_code_display(product.hs_code) if product.hs_code else "",
            "description": product.description,
            "specs": pairs_text(product.specs),
            "names": pairs_text(product.names.items()),
            "units_per_carton": product.units_per_carton,
            "carton_length_cm": product.carton_length_cm,
            "carton_width_cm": product.carton_width_cm,
            "carton_height_cm": product.carton_height_cm,
            "carton_net_kg": product.carton_net_kg,
            "carton_gross_kg": product.carton_gross_kg,
        }
        if product.cost is not None:
            initial["cost_amount"] = f"{product.cost.amount.normalize():f}"
            initial["cost_currency"] = product.cost.currency
        return initial


class ProductFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": gettext_lazy("SKU, name, HS code, specification")}
        ),
    )
    category = forms.ChoiceField(label=gettext_lazy("Category"), required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[
            ("active", ProductStatus.ACTIVE.label),
            ("discontinued", ProductStatus.DISCONTINUED.label),
            ("all", gettext_lazy("All")),
        ],
    )
    unit = forms.ChoiceField(
        label=gettext_lazy("Unit"), required=False, choices=[("", gettext_lazy("Any unit")), *Unit.choices]
    )
    sort = forms.ChoiceField(
        label=gettext_lazy("Sort"),
        required=False,
        choices=[
            ("sku", gettext_lazy("SKU")),
            ("name", gettext_lazy("Name")),
            ("updated", gettext_lazy("Recently changed")),
            ("created", gettext_lazy("Newest")),
        ],
    )

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [
            ("", _("Any category")),
            ("none", _("No category")),
            *((str(c.public_id), c.name) for c in categories),
        ]


class CategoryForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=80)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=ProductStatus.choices)


class PhotoForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Photo"))


# --- price lists ----------------------------------------------------------------------------------------


class PriceListForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=120,
        help_text=gettext_lazy("Say who and when, e.g. “EUR distributors 2027”."),
    )
    currency = forms.ChoiceField(label=gettext_lazy("Currency"))
    grade = forms.ChoiceField(
        label=gettext_lazy("For customers of grade"),
        required=False,
        help_text=gettext_lazy("Empty: every customer. A list agreed with a customer comes first."),
    )
    valid_from = forms.DateField(
        label=gettext_lazy("Valid from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=gettext_lazy("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, currencies, grades, currency_fixed=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.grades = {str(g.public_id): g for g in grades}
        self.fields["currency"].choices = [(c, c) for c in currencies]
        self.fields["grade"].choices = [("", _("Every customer"))] + [
            (key, f"{g.code} {g.name}".strip()) for key, g in self.grades.items()
        ]
        if currency_fixed:
            self.fields["currency"].disabled = True
            self.fields["currency"].help_text = _("Fixed once the list has prices.")

    @staticmethod
    def initial_for(price_list) -> dict:
        return {
            "name": price_list.name,
            "currency": price_list.currency,
            "grade": str(price_list.grade.public_id) if price_list.grade_id else "",
            "valid_from": price_list.valid_from,
            "valid_until": price_list.valid_until,
            "notes": price_list.notes,
        }

    def service_values(self) -> dict:
        data = dict(self.cleaned_data)
        data["grade"] = self.grades.get(data.get("grade") or "")
        if self.fields["currency"].disabled:
            data.pop("currency", None)
        return data


class PriceListFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": gettext_lazy("Name")}),
    )
    currency = forms.ChoiceField(label=gettext_lazy("Currency"), required=False)
    period = forms.ChoiceField(
        label=gettext_lazy("Validity"),
        required=False,
        choices=[
            ("", gettext_lazy("Any time")),
            ("current", gettext_lazy("Valid today")),
            ("upcoming", gettext_lazy("Not yet valid")),
            ("expired", gettext_lazy("Expired")),
        ],
    )

    def __init__(self, *args, currencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].choices = [("", _("Any currency"))] + [(c, c) for c in currencies]


class PriceForm(StyledFormMixin, forms.Form):
    sku = forms.CharField(label=gettext_lazy("SKU"), max_length=64)
    min_quantity = forms.CharField(label=gettext_lazy("From quantity"), max_length=12, initial="1")
    unit_price = forms.CharField(label=gettext_lazy("Unit price"), max_length=24)


class PriceListCopyForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the copy"), max_length=120)
    change_percent = forms.CharField(
        label=gettext_lazy("Change every price by (%)"),
        max_length=10,
        required=False,
        help_text=gettext_lazy("e.g. 5 for +5 %, -3 for −3 %; empty keeps the prices."),
    )
    valid_from = forms.DateField(
        label=gettext_lazy("Valid from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=gettext_lazy("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class CatalogImportForm(StyledFormMixin, forms.Form):
    """A spreadsheet of products, or of prices for one list."""

    kind = forms.ChoiceField(label=gettext_lazy("The file holds"))
    price_list = forms.ChoiceField(
        label=gettext_lazy("Price list"),
        required=False,
        widget=forms.Select(attrs={"data-shown-when": "kind=prices"}),
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xlsm,.csv,.txt,.tsv"}),
    )

    def __init__(self, *args, kinds, price_lists, **kwargs):
        super().__init__(*args, **kwargs)
        from tradewind.crm.imports.reading import max_megabytes

        # Here, not on the field: the limit is a setting and the text must be in the reader's language.
        self.fields["file"].help_text = _(
            "Excel (.xlsx) or CSV; the first row names the columns. Up to %(limit)d MB."
        ) % {"limit": max_megabytes()}
        labels = {"products": gettext_lazy("Products"), "prices": gettext_lazy("Prices of one price list")}
        self.fields["kind"].choices = [(k, labels[k]) for k in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0]
        self.price_lists = {str(p.public_id): p for p in price_lists}
        self.fields["price_list"].choices = [("", "—")] + [
            (key, f"{p.name} ({p.currency})") for key, p in self.price_lists.items()
        ]
        if "prices" not in kinds:
            del self.fields["price_list"]
