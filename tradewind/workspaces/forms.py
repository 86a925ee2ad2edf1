from django import forms
from django.utils.translation import gettext_lazy as _

from tradewind.accounts.forms import password_field
from tradewind.core import geo, money
from tradewind.core.forms import StyledFormMixin
from tradewind.workspaces.audit import audit_action_choices
from tradewind.workspaces.choices import Role


class WorkspaceProfileForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Company or team name"), max_length=120)
    country = forms.ChoiceField(label=_("Country"))
    time_zone = forms.ChoiceField(label=_("Default time zone"))
    currency = forms.ChoiceField(label=_("Reporting currency"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *geo.country_choices()]
        self.fields["time_zone"].choices = [("", "—"), *geo.time_zone_choices()]
        self.fields["currency"].choices = [("", "—"), *money.currency_choices()]


class WorkspaceSettingsForm(WorkspaceProfileForm):
    task_reminder_lead_hours = forms.IntegerField(
        label=_("Remind of due tasks (hours before)"),
        min_value=0,
        max_value=336,
        help_text=_(
            "A reminder this many hours before a task is due, and one at the due time. "
            "0: only at the due time."
        ),
    )


class WorkspaceCreateForm(WorkspaceProfileForm):
    slug = forms.CharField(
        label=_("URL name"),
        max_length=50,
        help_text=_(
            "Lowercase letters, digits and hyphens; it appears in every link, e.g. /w/ningbo-trading/."
        ),
    )
    field_order = ["name", "slug", "country", "time_zone", "currency"]


class InvitationForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, roles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, Role(r).label) for r in roles]
        if Role.SALES in roles:
            self.fields["role"].initial = Role.SALES


class AcceptWithNewAccountForm(StyledFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    password = password_field(_("Choose a password"), new=True)


class MemberFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name or e-mail"), "type": "search"}),
    )
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices])
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Active")), ("inactive", _("Deactivated")), ("all", _("All"))],
    )


class AuditFilterForm(StyledFormMixin, forms.Form):
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=lambda: [("", _("All actions")), *audit_action_choices()]
    )
    actor = forms.CharField(label=_("Who (e-mail)"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
