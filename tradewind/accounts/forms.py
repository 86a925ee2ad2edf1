from django import forms
from django.utils.translation import gettext_lazy as _

from tradewind.accounts.choices import Language
from tradewind.core import geo
from tradewind.core.forms import StyledFormMixin


def password_field(label, *, new: bool) -> forms.CharField:
    """A password input; a new one says what the validators in settings require."""
    return forms.CharField(
        label=label,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password" if new else "current-password"}),
        help_text=_("At least 10 characters, not only digits, not a common password.") if new else "",
    )


def email_field() -> forms.EmailField:
    return forms.EmailField(label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "username"}))


class SignInForm(StyledFormMixin, forms.Form):
    email = email_field()
    password = password_field(_("Password"), new=False)


class SignUpForm(StyledFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = email_field()
    password = password_field(_("Password"), new=True)


class PasswordChangeForm(StyledFormMixin, forms.Form):
    old_password = password_field(_("Current password"), new=False)
    new_password = password_field(_("New password"), new=True)


class SetPasswordForm(StyledFormMixin, forms.Form):
    new_password = password_field(_("New password"), new=True)


class PasswordResetRequestForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail"))


class PreferencesForm(StyledFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices, required=False)
    time_zone = forms.ChoiceField(label=_("Time zone"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [("", _("Workspace default")), *geo.time_zone_choices()]


class ApiTokenForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("What will use it, e.g. “ERP sync”."))
    expires_at = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for a token that lives until revoked."),
    )
