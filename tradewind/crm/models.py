from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from tradewind.core.models import WorkspaceOwnedModel
from tradewind.core.trade import Incoterm
from tradewind.crm.choices import DuplicatePolicy, PriceSensitivity, Source, Stage


class CrmSettings(models.Model):
    """A workspace's customer rules: business hours, duplicates, the public pool."""

    workspace = models.OneToOneField(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="crm_settings"
    )
    business_start = models.TimeField(_("business hours from"), default=dt.time(9))
    business_end = models.TimeField(_("business hours until"), default=dt.time(18))
    business_days = models.CharField(_("business days"), max_length=20, default="0,1,2,3,4")  # Mon–Fri
    duplicate_policy = models.CharField(
        _("exact duplicates of another rep's customer"),
        max_length=10,
        choices=DuplicatePolicy.choices,
        default=DuplicatePolicy.WARN,
    )
    max_private_customers = models.PositiveIntegerField(
        _("private customers per rep"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    cooldown_days = models.PositiveSmallIntegerField(
        _("days before a rep may reclaim a customer they released or lost"), default=30
    )
    auto_return_warning_days = models.PositiveSmallIntegerField(
        _("warn the owner this many days before a customer returns to the pool"), default=3
    )

    def __str__(self):
        return f"CRM settings of {self.workspace_id}"

    @property
    def business_weekdays(self) -> set[int]:
        return {int(d) for d in self.business_days.split(",") if d.strip().isdigit()}


class CustomerGrade(WorkspaceOwnedModel):
    """A/B/C/D (workspaces may rename them): how often to follow up and when to return to the pool."""

    code = models.CharField(_("grade"), max_length=10)
    name = models.CharField(_("name"), max_length=60, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    follow_up_days = models.PositiveSmallIntegerField(_("follow up every (days)"), default=14)
    auto_return_days = models.PositiveSmallIntegerField(
        _("back to the pool after (days without follow-up)"),
        null=True,
        blank=True,
        help_text=_("Empty: never."),
    )
    max_private = models.PositiveIntegerField(
        _("private customers of this grade per rep"), null=True, blank=True, help_text=_("Empty: no limit.")
    )

    class Meta:
        ordering = ["position", "code"]
        constraints = [models.UniqueConstraint(fields=["workspace", "code"], name="grade_unique_code")]

    def __str__(self):
        return self.name or self.code


class Tag(WorkspaceOwnedModel):
    name = models.CharField(_("name"), max_length=40)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["workspace", "name"], name="crm_tag_unique_name")]

    def __str__(self):
        return self.name


class Customer(WorkspaceOwnedModel):
    # No index of its own: six of the indexes below start with the workspace, and every customer written
    # (an import writes a hundred thousand) would update one more index for nothing.
    workspace = models.ForeignKey(
        "workspaces.Workspace", on_delete=models.CASCADE, related_name="+", db_index=False
    )

    # Company
    name = models.CharField(_("company name"), max_length=200)
    name_latin = models.CharField(_("name in Latin script"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2)
    city = models.CharField(_("city"), max_length=100, blank=True)
    address = models.TextField(_("address"), blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.OTHER)
    source_detail = models.CharField(
        _("source detail"), max_length=120, blank=True, help_text=_("e.g. which fair")
    )
    grade = models.ForeignKey(
        CustomerGrade, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, default=Stage.LEAD)
    owner = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="customers"
    )
    languages = models.CharField(_("languages spoken"), max_length=100, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, help_text=_("Empty: the country's.")
    )
    zone = models.CharField(max_length=64, blank=True)  # the override, or the country's main zone
    tags = models.ManyToManyField(Tag, through="CustomerTag", related_name="customers", blank=True)
    # Needs and preferences
    products = models.TextField(_("products of interest"), blank=True)
    typical_volume = models.CharField(_("typical order volume"), max_length=120, blank=True)
    incoterm = models.CharField(_("preferred Incoterm"), max_length=3, choices=Incoterm.choices, blank=True)
    named_place = models.CharField(_("named place"), max_length=120, blank=True)
    payment_terms = models.CharField(_("payment terms"), max_length=120, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    destination_port = models.CharField(_("destination port (UN/LOCODE)"), max_length=5, blank=True)
    packaging = models.TextField(_("packaging and labelling"), blank=True)
    certifications = models.CharField(_("certifications required"), max_length=200, blank=True)
    price_sensitivity = models.CharField(
        _("price sensitivity"), max_length=10, choices=PriceSensitivity.choices, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    # Follow-up and pool state
    last_contact_at = models.DateTimeField(_("last contact"), null=True, blank=True)
    next_follow_up_on = models.DateField(_("next follow-up"), null=True, blank=True)
    owned_since = models.DateTimeField(null=True, blank=True)
    return_warned_at = models.DateTimeField(null=True, blank=True)
    # Derived, for search and duplicate checks (kept up to date by services)
    search_text = models.TextField(blank=True)
    name_key = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["workspace", "owner", "next_follow_up_on"], name="customer_follow_ups"),
            models.Index(fields=["workspace", "name_key"], name="customer_name_key"),
            # A country filter read in name order (the list's usual filter): without the name here,
            # PostgreSQL walked the name index through most of a workspace to fill a page of one country.
            models.Index(fields=["workspace", "country", "name", "id"], name="customer_country_by_name"),
            models.Index(fields=["workspace", "zone"], name="customer_zone"),
            models.Index(fields=["workspace", "-updated_at"], name="customer_recent"),
            # The list's default order: a page of a filtered or searched list is read in name order and
            # stops after 51 rows instead of sorting every match.
            models.Index(fields=["workspace", "name", "id"], name="customer_by_name"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_in_pool(self) -> bool:
        return self.owner_id is None


class CustomerTag(models.Model):
    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["customer", "tag"], name="customer_tag_unique")]

    def __str__(self):
        return f"{self.tag_id} on {self.customer_id}"


class Contact(WorkspaceOwnedModel):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=120)
    title = models.CharField(_("title"), max_length=120, blank=True)
    emails = models.JSONField(_("e-mails"), default=list, blank=True)
    phones = models.JSONField(_("phones"), default=list, blank=True)  # E.164
    whatsapp = models.CharField(_("WhatsApp"), max_length=20, blank=True)  # E.164
    wechat = models.CharField(_("WeChat"), max_length=60, blank=True)
    skype = models.CharField(_("Skype"), max_length=80, blank=True)
    linkedin = models.CharField(_("LinkedIn"), max_length=200, blank=True)
    is_primary = models.BooleanField(_("primary contact"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-is_primary", "name"]

    def __str__(self):
        return self.name


class CustomerKey(models.Model):
    """Normalised identifiers for the duplicate check: exact name key, e-mail and website domains, phones."""

    # A derived index of the customer, written only by customer_reindex and the import, removed with the
    # customer by Django's cascade. So no database constraint (PostgreSQL checks both keys of every row
    # at commit, and an imported customer has some sixteen key and token rows) and no single-column
    # indexes (the lookup index starts with the workspace, the unique constraint with the customer).
    workspace = models.ForeignKey(
        "workspaces.Workspace",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, related_name="keys", db_index=False, db_constraint=False
    )
    kind = models.CharField(max_length=10)  # name, domain, phone
    value = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["workspace", "kind", "value"], name="customer_key_lookup")]
        constraints = [
            models.UniqueConstraint(fields=["customer", "kind", "value"], name="customer_key_unique"),
        ]

    def __str__(self):
        return f"{self.kind}:{self.value}"


class CustomerNameToken(models.Model):
    """Words of the normalised name (and 2-character pieces of CJK names): candidates for fuzzy matching."""

    # A derived index, as CustomerKey: no database constraint, no single-column indexes.
    workspace = models.ForeignKey(
        "workspaces.Workspace",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, related_name="name_tokens", db_index=False, db_constraint=False
    )
    token = models.CharField(max_length=60)

    class Meta:
        # The customer in the index too: the duplicate check counts shared tokens per customer from the
        # index alone (thousands of entries for a common piece such as "ing" or "贸易").
        indexes = [models.Index(fields=["workspace", "token", "customer"], name="customer_token_lookup")]
        constraints = [models.UniqueConstraint(fields=["customer", "token"], name="customer_token_unique")]

    def __str__(self):
        return self.token


class Cooldown(models.Model):
    """A rep who released or lost a customer may not claim it back before `until`."""

    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="cooldowns")
    membership = models.ForeignKey("workspaces.Membership", on_delete=models.CASCADE, related_name="+")
    until = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["customer", "membership"], name="cooldown_unique")]

    def __str__(self):
        return f"{self.membership_id} until {self.until:%Y-%m-%d}"


class CustomerMerge(models.Model):
    """A record that `merged_name` was merged into `survivor` — kept so the merge stays visible."""

    workspace = models.ForeignKey("workspaces.Workspace", on_delete=models.CASCADE, related_name="+")
    survivor = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="merges")
    merged_public_id = models.UUIDField()
    merged_name = models.CharField(max_length=200)
    by = models.ForeignKey("workspaces.Membership", null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    moved = models.JSONField(default=dict)

    def __str__(self):
        return f"{self.merged_name} → {self.survivor_id}"
