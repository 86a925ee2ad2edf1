import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tradewind.core import geo, money, trade
from tradewind.core.forms import StyledFormMixin
from tradewind.crm import permissions
from tradewind.crm.choices import (
    CONTACT_CHANNELS,
    Channel,
    DuplicatePolicy,
    PriceSensitivity,
    Source,
    Stage,
)
from tradewind.crm.models import CustomerGrade, Tag
from tradewind.workspaces.selectors import member_choices

_SPLIT = re.compile(r"[\n,;，；、]+")


def split_list(value: str) -> list[str]:
    """Several values typed in one box: commas, semicolons, new lines (Chinese punctuation too)."""
    return [part.strip() for part in _SPLIT.split(value or "") if part.strip()]


class CustomerForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Company name"), max_length=200, help_text=_("As the customer writes it, any script.")
    )
    name_latin = forms.CharField(label=_("Name in Latin script"), max_length=200, required=False)
    country = forms.ChoiceField(label=_("Country"))
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    address = forms.CharField(label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    website = forms.CharField(label=_("Website"), max_length=200, required=False)
    industry = forms.CharField(label=_("Industry"), max_length=100, required=False)
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices, initial=Source.OTHER)
    source_detail = forms.CharField(
        label=_("Source detail"),
        max_length=120,
        required=False,
        help_text=_("e.g. Canton Fair autumn 2026, booth 12.1F23"),
    )
    grade = forms.ChoiceField(label=_("Grade"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices, initial=Stage.LEAD)
    tags = forms.CharField(label=_("Tags"), required=False, help_text=_("Separated by commas."))
    languages = forms.CharField(label=_("Languages spoken"), max_length=100, required=False)
    time_zone = forms.ChoiceField(
        label=_("Time zone"), required=False, help_text=_("Only for countries with several zones.")
    )
    products = forms.CharField(
        label=_("Products of interest"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    typical_volume = forms.CharField(label=_("Typical order volume"), max_length=120, required=False)
    incoterm = forms.ChoiceField(label=_("Preferred Incoterm"), required=False)
    named_place = forms.CharField(
        label=_("Named place"), max_length=120, required=False, help_text=_("e.g. Ningbo, Hamburg")
    )
    payment_terms = forms.CharField(
        label=_("Payment terms"),
        max_length=120,
        required=False,
        help_text=_("e.g. T/T 30% deposit, 70% against B/L copy"),
    )
    currency = forms.ChoiceField(label=_("Currency"), required=False)
    destination_port = forms.CharField(
        label=_("Destination port (UN/LOCODE)"), max_length=5, required=False, help_text=_("e.g. DEHAM")
    )
    packaging = forms.CharField(
        label=_("Packaging and labelling"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    certifications = forms.CharField(label=_("Certifications required"), max_length=200, required=False)
    price_sensitivity = forms.ChoiceField(
        label=_("Price sensitivity"), choices=PriceSensitivity.choices, required=False
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    confirm_duplicates = forms.BooleanField(
        label=_("I checked the possible duplicates: save anyway"),
        required=False,
        widget=forms.CheckboxInput(),
    )
    into_pool = forms.BooleanField(
        label=_("Put it in the public pool (nobody owns it yet)"),
        required=False,
        widget=forms.CheckboxInput(),
    )

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *geo.country_choices()]
        self.fields["time_zone"].choices = [("", _("The country's")), *geo.time_zone_choices()]
        self.fields["currency"].choices = [("", "—"), *money.currency_choices()]
        self.fields["incoterm"].choices = [("", "—"), *trade.incoterm_choices()]  # "FOB — Free On Board"
        self.fields["grade"].choices = [("", "—")] + [
            (g.code, str(g)) for g in CustomerGrade.objects.filter(workspace=workspace)
        ]

    def profile(self) -> dict:
        data = dict(self.cleaned_data)
        for key in ("grade", "tags", "confirm_duplicates", "into_pool"):
            data.pop(key, None)
        return data


class ContactForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Contact name"), max_length=120)
    title = forms.CharField(label=_("Job title"), max_length=120, required=False)
    emails = forms.CharField(
        label=_("E-mails"), required=False, help_text=_("Several: separate with commas.")
    )
    phones = forms.CharField(
        label=_("Phones"), required=False, help_text=_("With the country code if abroad: +49 40 123456.")
    )
    whatsapp = forms.CharField(label="WhatsApp", max_length=30, required=False)
    wechat = forms.CharField(label=_("WeChat"), max_length=60, required=False)
    skype = forms.CharField(label="Skype", max_length=80, required=False)
    linkedin = forms.CharField(label="LinkedIn", max_length=200, required=False)
    is_primary = forms.BooleanField(label=_("Primary contact"), required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def contact(self) -> dict:
        data = dict(self.cleaned_data)
        data["emails"] = split_list(data.get("emails", ""))
        data["phones"] = split_list(data.get("phones", ""))
        return data


class NewContactForm(ContactForm):
    """The first contact on the new-customer form: optional as a whole."""

    prefix = "contact"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        del self.fields["is_primary"]


class TimelineForm(StyledFormMixin, forms.Form):
    channel = forms.ChoiceField(
        label=_("How"),
        choices=[(c, Channel(c).label) for c in (*CONTACT_CHANNELS, Channel.NOTE)],
        initial=Channel.CALL,
    )
    at = forms.DateTimeField(
        label=_("When"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Empty: now."),
    )
    contact = forms.ChoiceField(label=_("With"), required=False)
    summary = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3}))
    outcome = forms.CharField(label=_("Outcome"), max_length=300, required=False)
    next_step = forms.CharField(label=_("Next step"), max_length=300, required=False)
    next_follow_up_on = forms.DateField(
        label=_("Next follow-up"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: by the customer's grade."),
    )

    def __init__(self, *args, contacts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].choices = [("", "—")] + [(str(c.public_id), c.name) for c in contacts]


class CustomerFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name, e-mail, phone…")}),
    )
    owner = forms.ChoiceField(label=pgettext_lazy("customer", "Owner"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    grade = forms.ChoiceField(label=_("Grade"), required=False)
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("Any stage")), *Stage.choices]
    )
    source = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", _("Any source")), *Source.choices]
    )
    tag = forms.ChoiceField(label=_("Tag"), required=False)
    follow_up = forms.ChoiceField(
        label=_("Follow-up"),
        required=False,
        choices=[
            ("", _("Any")),
            ("overdue", _("Overdue")),
            ("today", _("Today")),
            ("upcoming", _("Planned")),
            ("none", _("Not planned")),
        ],
    )
    contacted_before = forms.DateField(
        label=_("No contact since"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[
            ("name", _("Name")),
            ("follow_up", _("Next follow-up")),
            ("-last_contact", _("Last contact")),
            ("-updated", _("Recently changed")),
            ("country", _("Country")),
        ],
    )

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        workspace = membership.workspace
        self.fields["owner"].choices = [
            ("", _("Anyone")),
            ("mine", _("Mine")),
            ("pool", _("Public pool")),
            *member_choices(workspace, roles=permissions.OWNERS),
        ]
        self.fields["country"].choices = [("", _("Any country")), *geo.country_choices()]
        self.fields["grade"].choices = [("", _("Any grade"))] + [
            (g.code, str(g)) for g in CustomerGrade.objects.filter(workspace=workspace)
        ]
        self.fields["tag"].choices = [("", _("Any tag"))] + [
            (t, t) for t in Tag.objects.filter(workspace=workspace).values_list("name", flat=True)
        ]


class CrmSettingsForm(StyledFormMixin, forms.Form):
    business_start = forms.TimeField(
        label=_("Business hours from"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    business_end = forms.TimeField(
        label=_("Business hours until"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    business_days = forms.TypedMultipleChoiceField(
        label=_("Business days"),
        choices=[
            (0, _("Mon")),
            (1, _("Tue")),
            (2, _("Wed")),
            (3, _("Thu")),
            (4, _("Fri")),
            (5, _("Sat")),
            (6, _("Sun")),
        ],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "For customers where the weekend is Saturday and Sunday. Where it is not, customers follow their "
            "country's working week (Sunday to Thursday in Saudi Arabia)."
        ),
    )
    duplicate_policy = forms.ChoiceField(
        label=_("Exact duplicates of another rep's customer"), choices=DuplicatePolicy.choices
    )
    max_private_customers = forms.IntegerField(
        label=_("Private customers per rep"), min_value=0, required=False, help_text=_("Empty: no limit.")
    )
    cooldown_days = forms.IntegerField(
        label=_("Cool-down before reclaiming (days)"), min_value=0, max_value=365
    )
    auto_return_warning_days = forms.IntegerField(
        label=_("Warn owners before auto-return (days)"), min_value=0, max_value=60
    )
