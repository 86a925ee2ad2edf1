"""The library's forms. Names are checked by the services (one rule for the page and the API); these only
carry the fields."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tradewind.core.forms import StyledFormMixin
from tradewind.library.models import FILE_NAME_LENGTH, NAME_LENGTH
from tradewind.library.services.documents import COMMENT_LENGTH
from tradewind.workspaces.choices import Role
from tradewind.workspaces.selectors import member_choices


class FolderForm(forms.Form):
    name = forms.CharField(label=_("Folder name"), max_length=NAME_LENGTH)


class DocumentForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=FILE_NAME_LENGTH)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        help_text=_("Separated by commas: catalog, CE, 2026"),
        max_length=1000,
    )

    def tag_list(self) -> list[str]:
        return [t for t in (t.strip() for t in self.cleaned_data["tags"].replace("，", ",").split(",")) if t]


class VersionForm(forms.Form):
    file = forms.FileField(label=_("File"))
    comment = forms.CharField(label=_("What changed"), required=False, max_length=COMMENT_LENGTH)


class MoveForm(forms.Form):
    """Where to: one of the folders the member may write in (public ids; the top as an empty value)."""

    to = forms.ChoiceField(label=_("Move to"))

    def __init__(self, *args, destinations: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = destinations


class AccessForm(forms.Form):
    restricted = forms.BooleanField(label=_("Only for chosen roles and members"), required=False)
    readers = forms.MultipleChoiceField(label=_("Roles that read it"), required=False, choices=Role.choices)
    writers = forms.MultipleChoiceField(
        label=_("Roles that add and change documents"), required=False, choices=Role.choices
    )
    members = forms.MultipleChoiceField(label=_("Members who add and change documents"), required=False)

    def __init__(self, *args, member_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = member_choices


class SearchForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Words"), required=False, max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. 报关 or certificate")}),
    )  # fmt: skip
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Any")), ("pdf", "PDF"), ("word", "Word"), ("excel", _("Excel and CSV")),
                 ("image", _("Images")), ("text", _("Text"))],
    )  # fmt: skip
    uploader = forms.ChoiceField(label=_("Added by"), required=False)
    # Set by a folder's search box: that folder and those inside it.
    folder = forms.UUIDField(required=False, widget=forms.HiddenInput)
    # Set by a customer's page: the documents in that customer's folders (its orders' too).
    customer = forms.UUIDField(required=False, widget=forms.HiddenInput)
    date_from = forms.DateField(
        label=_("Changed from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uploader"].choices = [("", _("Anyone")), *member_choices(workspace)]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("The first date comes after the last."))
        return data
