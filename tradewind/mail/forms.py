"""The mailbox connection form: a provider pre-fills the servers (providers.py); each stays editable."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tradewind.core.forms import StyledFormMixin
from tradewind.mail.choices import MailboxKind, Security
from tradewind.mail.providers import PROVIDERS
from tradewind.mail.services.mailboxes import DEFAULT_DAYS, Servers
from tradewind.workspaces.choices import Role
from tradewind.workspaces.selectors import member_choices


class ConnectForm(StyledFormMixin, forms.Form):
    provider = forms.ChoiceField(
        label=_("Provider"),
        required=False,
        choices=[("", _("Other: I enter the servers"))] + [(p.key, p.label) for p in PROVIDERS],
    )
    address = forms.EmailField(label=_("E-mail address"), max_length=254)
    display_name = forms.CharField(label=_("Name shown to recipients"), max_length=120, required=False)
    username = forms.CharField(
        label=_("User name"), max_length=254, required=False, help_text=_("Empty: the e-mail address.")
    )
    password = forms.CharField(
        label=_("Password or app password"),
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        max_length=500,
    )
    imap_host = forms.CharField(label=_("IMAP server"), max_length=200)
    imap_port = forms.IntegerField(label=_("IMAP port"), min_value=1, max_value=65535, initial=993)
    imap_security = forms.ChoiceField(
        label=_("IMAP security"), choices=Security.choices, initial=Security.TLS
    )
    smtp_host = forms.CharField(label=_("SMTP server"), max_length=200)
    smtp_port = forms.IntegerField(label=_("SMTP port"), min_value=1, max_value=65535, initial=465)
    smtp_security = forms.ChoiceField(
        label=_("SMTP security"), choices=Security.choices, initial=Security.TLS
    )
    sync_since = forms.DateField(
        label=_("Sync mail from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=MailboxKind.choices, initial=MailboxKind.PERSONAL)
    allow_self_signed = forms.BooleanField(label=_("Accept a self-signed certificate"), required=False)

    def __init__(self, *args, admin: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sync_since"].initial = timezone.localdate() - dt.timedelta(days=DEFAULT_DAYS)
        if not admin:  # shared mailboxes and self-signed certificates are an administrator's call
            del self.fields["kind"]
            del self.fields["allow_self_signed"]

    def servers(self) -> Servers:
        data = self.cleaned_data
        return Servers(
            imap_host=data["imap_host"],
            imap_port=data["imap_port"],
            imap_security=data["imap_security"],
            smtp_host=data["smtp_host"],
            smtp_port=data["smtp_port"],
            smtp_security=data["smtp_security"],
            username=data.get("username") or data["address"],
            password=data["password"],
            allow_self_signed=data.get("allow_self_signed", False),
        )


class MailboxForm(StyledFormMixin, forms.Form):
    display_name = forms.CharField(label=_("Name shown to recipients"), max_length=120, required=False)
    signature = forms.CharField(
        label=_("Signature"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Templates put it where they say {{ signature }}."),
    )  # fmt: skip
    sync_folders = forms.CharField(
        label=_("Folders to sync"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, as the server names them."),
    )  # fmt: skip
    password = forms.CharField(
        label=_("New password or app password"), required=False, max_length=500,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Empty: the password stays as it is."),
    )  # fmt: skip
    creates_inquiries = forms.BooleanField(
        label=_("New e-mails become inquiries"), required=False,
        help_text=_("For an inquiry@ or sales@ mailbox: an e-mail that starts a new thread in its inbox "
                    "becomes an inquiry, assigned by the workspace's rule. Only e-mails that arrive from now "
                    "on."),
    )  # fmt: skip


class ReadersForm(StyledFormMixin, forms.Form):
    """Who reads a shared mailbox besides administrators."""

    roles = forms.MultipleChoiceField(
        label=_("Everyone holding these roles"), required=False,
        choices=[(v, label) for v, label in Role.choices if v not in (Role.OWNER, Role.ADMIN)],  # read it all
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    members = forms.MultipleChoiceField(
        label=_("And these members"), required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = member_choices(workspace)


# The languages buyers write in most (a template per language: the buyer's, where a rep speaks it).
TEMPLATE_LANGUAGES = [
    ("en", "English"), ("zh-hans", "中文"), ("de", "Deutsch"), ("es", "Español"), ("fr", "Français"),
    ("ru", "Русский"), ("ar", "العربية"), ("pt", "Português"),
]  # fmt: skip


class TemplateForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    language = forms.ChoiceField(label=_("Language"), choices=TEMPLATE_LANGUAGES)
    subject = forms.CharField(label=_("Subject"), max_length=300)
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}), required=False,
        help_text=_("Variables: {{ contact_name }}, {{ company }}, {{ product }}, {{ quotation_number }}, "
                    "{{ rep_name }}, {{ signature }}."),
    )  # fmt: skip
