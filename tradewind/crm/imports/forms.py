"""The forms of the import pages: the file, what each column is, the duplicate decisions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tradewind.core import geo
from tradewind.core.forms import StyledFormMixin
from tradewind.crm.imports.fields import TARGETS
from tradewind.crm.imports.reading import max_megabytes


class ImportUploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.tsv,.xlsx,.xlsm"}),
    )
    into_pool = forms.BooleanField(label=_("Import into the public pool"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Here, not on the field: the limit is a setting and the text must be in the reader's language.
        self.fields["file"].help_text = _(
            "UTF-8 or GBK CSV, or .xlsx — e.g. as exported from Alibaba.com or another CRM. "
            "The first row names the columns. Up to %(limit)d MB."
        ) % {"limit": max_megabytes()}


class ImportMappingForm(StyledFormMixin, forms.Form):
    """One choice per column of the file (named `column-<index>`), then the options."""

    default_country = forms.ChoiceField(
        label=_("Country for rows without one"),
        required=False,
        help_text=_("Needed when the file has no country column."),
    )
    into_pool = forms.BooleanField(label=_("Import into the public pool"), required=False)

    def __init__(self, *args, headers: list[str], samples: list[list[str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["default_country"].choices = [("", "—"), *geo.country_choices()]
        choices = [("", _("— do not import —")), *((t.code, t.label) for t in TARGETS)]
        self.columns = []
        for index, header in enumerate(headers):
            name = f"column-{index}"
            self.fields[name] = forms.ChoiceField(label=header, choices=choices, required=False)
            self.fields[name].widget.attrs["class"] = "input"
            examples = [row[index] for row in samples if index < len(row) and row[index]]
            self.columns.append((self[name], examples[:3]))

    def mapping(self) -> dict[str, str]:
        return {
            name.removeprefix("column-"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("column-") and value
        }
