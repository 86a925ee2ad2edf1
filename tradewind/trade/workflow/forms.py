"""The workflow's forms: the board's filters, a stage of the template, an order's team, completing a stage."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from tradewind.core import geo
from tradewind.core.forms import StyledFormMixin
from tradewind.trade.workflow.models import STAGE_ROLES
from tradewind.trade.workflow.team import TEAM_FIELDS
from tradewind.workspaces.choices import Role
from tradewind.workspaces.models import Membership

JOB_LABELS = {
    "merchandiser": gettext_lazy("Merchandiser"),
    "documents": gettext_lazy("Documents clerk"),
    "logistics": gettext_lazy("Logistics"),
    "finance": gettext_lazy("Finance"),
    "service": gettext_lazy("Customer service"),
}


class OrderFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": gettext_lazy("Order number or customer")}
        ),
    )
    rep = forms.ChoiceField(label=gettext_lazy("Sales rep"), required=False)
    merchandiser = forms.ChoiceField(label=gettext_lazy("Merchandiser"), required=False)
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)
    flag = forms.ChoiceField(
        label=gettext_lazy("Attention"),
        required=False,
        choices=[
            ("", gettext_lazy("All orders")),
            ("at_risk", gettext_lazy("At risk")),
            ("late", gettext_lazy("A stage past its target")),
            ("payment_overdue", gettext_lazy("Payment overdue")),
        ],
    )
    etd_from = forms.DateField(
        label=gettext_lazy("ETD from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    etd_to = forms.DateField(
        label=gettext_lazy("ETD to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    REP_ROLES = (Role.SALES, Role.MANAGER, Role.ADMIN, Role.OWNER)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        # Both lists from one query; `member_pks` turns the chosen public ids into the filters' keys.
        members = (
            Membership.objects.filter(
                workspace=workspace, is_active=True, role__in=[*self.REP_ROLES, Role.MERCHANDISER]
            )
            .order_by("user__full_name")
            .values_list("public_id", "pk", "role", "user__full_name", "user__email")
        )
        reps, merchandisers, self.member_pks = [], [], {}
        for public_id, pk, role, full_name, email in members:
            self.member_pks[str(public_id)] = pk
            (merchandisers if role == Role.MERCHANDISER else reps).append(
                (str(public_id), full_name or email)
            )
        self.fields["rep"].choices = [("", gettext_lazy("Any rep")), *reps]
        self.fields["merchandiser"].choices = [("", gettext_lazy("Any merchandiser")), *merchandisers]
        self.fields["country"].choices = [("", gettext_lazy("Any country")), *geo.country_choices()]


class StageForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    owner_role = forms.ChoiceField(
        label=gettext_lazy("Owner role"), choices=[(r.value, r.label) for r in STAGE_ROLES]
    )
    sla_days = forms.IntegerField(
        label=gettext_lazy("Target (days)"), required=False, min_value=1, max_value=365
    )
    parallel = forms.BooleanField(label=gettext_lazy("May run beside the next stage"), required=False)
    checklist = forms.CharField(
        label=gettext_lazy("Checklist (one step a line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class TeamForm(StyledFormMixin, forms.Form):
    """Who does each job: on one order, or the workspace's defaults for new orders."""

    LEADS = (Role.MANAGER, Role.ADMIN, Role.OWNER)  # may hold any job

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        # Every job's list from one query: the members of the job's role, and the leads.
        members = list(
            Membership.objects.filter(
                workspace=workspace, is_active=True, role__in=[*TEAM_FIELDS, *self.LEADS]
            )
            .order_by("user__full_name")
            .values_list("public_id", "role", "user__full_name", "user__email")
        )
        for role, field in TEAM_FIELDS.items():
            self.fields[field] = forms.ChoiceField(
                label=JOB_LABELS[field],
                required=False,
                choices=[
                    ("", "—"),
                    *(
                        (str(public_id), full_name or email)
                        for public_id, member_role, full_name, email in members
                        if member_role == role or member_role in self.LEADS
                    ),
                ],
            )


class CompleteForm(StyledFormMixin, forms.Form):
    override_reason = forms.CharField(
        label=gettext_lazy("Why it is complete with steps open"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(),
    )
