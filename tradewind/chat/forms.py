"""The chat's forms: a new channel, a direct message, a conversation's settings."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from tradewind.chat.choices import NotifyLevel
from tradewind.chat.models import NAME_LENGTH
from tradewind.chat.services.conversations import DIRECT_MAX
from tradewind.core.forms import StyledFormMixin
from tradewind.workspaces.selectors import member_choices


class ChannelForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"), max_length=NAME_LENGTH,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("e.g. shipping or 报价")}),
    )  # fmt: skip
    topic = forms.CharField(label=gettext_lazy("Topic"), max_length=250, required=False)
    is_private = forms.BooleanField(
        label=gettext_lazy("Private: only invited members see it"), required=False
    )


class DirectForm(StyledFormMixin, forms.Form):
    members = forms.MultipleChoiceField(
        label=gettext_lazy("With"), widget=forms.SelectMultiple(attrs={"size": 6})
    )

    def __init__(self, *args, workspace, me, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = [c for c in member_choices(workspace) if c[0] != str(me.public_id)]
        self.fields["members"].help_text = gettext_lazy("Up to %(n)d people.") % {"n": DIRECT_MAX - 1}


class InviteForm(StyledFormMixin, forms.Form):
    members = forms.MultipleChoiceField(
        label=gettext_lazy("Colleagues to invite"), widget=forms.SelectMultiple(attrs={"size": 6})
    )

    def __init__(self, *args, workspace, inside: set[str], **kwargs):
        """`inside`: the public ids of those taking part already, left out of the choices."""
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = [c for c in member_choices(workspace) if c[0] not in inside]


class SettingsForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=NAME_LENGTH, required=False)
    topic = forms.CharField(label=gettext_lazy("Topic"), max_length=250, required=False)
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class NotifyForm(StyledFormMixin, forms.Form):
    notify = forms.ChoiceField(label=gettext_lazy("Tell me about"), choices=NotifyLevel.choices)


class SearchForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Words"), required=False, max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": gettext_lazy("e.g. 报价 or B/L")}),
    )  # fmt: skip
    person = forms.ChoiceField(label=gettext_lazy("Written by"), required=False)
    # Set by a conversation's Search button (not a list of all of them: a rep has hundreds).
    conversation = forms.UUIDField(required=False, widget=forms.HiddenInput)
    date_from = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    has_file = forms.BooleanField(label=gettext_lazy("With a file"), required=False)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", gettext_lazy("Anyone")), *member_choices(workspace)]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(gettext_lazy("The first date comes after the last."))
        return data
