"""The product catalog: what the team sells, how it is packed for export, what it costs."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from tradewind.catalog.choices import ProductStatus, Unit
from tradewind.core.models import WorkspaceOwnedModel
from tradewind.core.money import MoneyAttribute, money_fields

CBM_PLACES = Decimal("0.0001")


class Category(WorkspaceOwnedModel):
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("workspace", Lower("name"), name="category_unique_name"),
        ]

    def __str__(self):
        return self.name


class Product(WorkspaceOwnedModel):
    sku = models.CharField(_("SKU"), max_length=64)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    name_zh = models.CharField(_("name in Chinese"), max_length=200, blank=True)
    # Names in the buyers' languages: {"es": "Hervidor eléctrico", "ru": "Электрочайник"}.
    names = models.JSONField(_("names in other languages"), default=dict, blank=True)
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="products"
    )
    description = models.TextField(_("description"), blank=True)
    # [["Material", "304 stainless steel"], ["Voltage", "220–240 V"]]: ordered, keys may repeat.
    specs = models.JSONField(_("specifications"), default=list, blank=True)
    hs_code = models.CharField(_("HS code"), max_length=10, blank=True)  # digits only
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.PIECES)
    moq = models.PositiveIntegerField(_("MOQ"), null=True, blank=True)
    lead_time_days = models.PositiveSmallIntegerField(_("lead time (days)"), null=True, blank=True)

    # Packing per export carton; CBM per carton follows from the outer dimensions.
    units_per_carton = models.PositiveIntegerField(_("units per carton"), null=True, blank=True)
    carton_length_cm = models.DecimalField(_("carton length (cm)"), max_digits=6, decimal_places=1, null=True)
    carton_width_cm = models.DecimalField(_("carton width (cm)"), max_digits=6, decimal_places=1, null=True)
    carton_height_cm = models.DecimalField(_("carton height (cm)"), max_digits=6, decimal_places=1, null=True)
    carton_net_kg = models.DecimalField(
        _("net weight per carton (kg)"), max_digits=8, decimal_places=2, null=True
    )
    carton_gross_kg = models.DecimalField(
        _("gross weight per carton (kg)"), max_digits=8, decimal_places=2, null=True
    )

    cost_amount, cost_currency = money_fields(_("cost price"), null=True)
    cost = MoneyAttribute("cost")

    status = models.CharField(
        _("status"), max_length=20, choices=ProductStatus.choices, default=ProductStatus.ACTIVE
    )
    # SKU, names, HS code, category and specifications, folded (core/text.py): what search reads.
    search_text = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["sku"]
        constraints = [
            # "KT-100" and "kt-100" are the same SKU to a person reading a quotation.
            models.UniqueConstraint("workspace", Lower("sku"), name="product_unique_sku"),
        ]
        indexes = [
            models.Index(fields=["workspace", "sku"], name="product_by_sku"),
            models.Index(fields=["workspace", "status", "category"], name="product_filters"),
        ]

    def __str__(self):
        return f"{self.sku} {self.name_en or self.name_zh}".strip()

    def name_in(self, language: str | None) -> str:
        """The name a reader of `language` sees: Chinese for zh, the buyer's language where there is one,
        else English, else Chinese."""
        language = (language or "").lower()
        if language.startswith("zh") and self.name_zh:
            return self.name_zh
        base = language.split("-")[0]
        if base and self.names.get(base):
            return self.names[base]
        return self.name_en or self.name_zh

    @property
    def cbm_per_carton(self) -> Decimal | None:
        """Cubic metres of one carton (outer dimensions), to four places."""
        dims = (self.carton_length_cm, self.carton_width_cm, self.carton_height_cm)
        if any(d is None for d in dims):
            return None
        length, width, height = dims
        return (length * width * height / Decimal(1_000_000)).quantize(CBM_PLACES, ROUND_HALF_UP)

    @property
    def is_active(self) -> bool:
        return self.status == ProductStatus.ACTIVE


class ProductPhoto(WorkspaceOwnedModel):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="photos")
    file = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="product_photos")
    thumbnail = models.ForeignKey(
        "files.StoredFile", on_delete=models.PROTECT, related_name="product_thumbnails"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]


class PriceList(WorkspaceOwnedModel):
    """Selling prices in one currency for one kind of buyer over a period: "EUR distributors 2027".

    A quotation line takes its price from the customer's list: one assigned to the customer, else one for
    the customer's grade, else one for every customer; in the quotation's currency, valid on its date."""

    name = models.CharField(_("name"), max_length=120)
    currency = models.CharField(_("currency"), max_length=3)
    # Empty: for every customer (the list a new buyer is quoted from).
    grade = models.ForeignKey(
        "crm.CustomerGrade",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("customer grade"),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    customers = models.ManyToManyField(
        "crm.Customer", through="CustomerPriceList", related_name="+", blank=True
    )
    created_by = models.ForeignKey(
        "workspaces.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["currency", "name"]
        constraints = [
            models.UniqueConstraint("workspace", Lower("name"), name="price_list_unique_name"),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="price_list_period",
            ),
        ]

    def __str__(self):
        return self.name

    def is_valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


class ProductPrice(WorkspaceOwnedModel):
    """A product's unit price in a list from a quantity on: the rows of one product are its price tiers."""

    price_list = models.ForeignKey(PriceList, on_delete=models.CASCADE, related_name="prices")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="prices")
    min_quantity = models.PositiveIntegerField(_("from quantity"), default=1)
    # Unit prices may be finer than the currency's cents (USD 0.125 a piece); line totals are rounded.
    unit_price = models.DecimalField(_("unit price"), max_digits=16, decimal_places=4)

    class Meta:
        ordering = ["product__sku", "min_quantity"]
        constraints = [
            models.UniqueConstraint(
                fields=["price_list", "product", "min_quantity"], name="product_price_unique_tier"
            ),
            models.CheckConstraint(condition=models.Q(min_quantity__gte=1), name="product_price_min_qty"),
            models.CheckConstraint(condition=models.Q(unit_price__gte=0), name="product_price_not_negative"),
        ]
        indexes = [models.Index(fields=["product", "price_list"], name="product_prices")]

    def __str__(self):
        return f"{self.product_id} ≥{self.min_quantity}: {self.unit_price}"


class CustomerPriceList(WorkspaceOwnedModel):
    """A price list agreed with one customer (it wins over the lists of the customer's grade)."""

    customer = models.ForeignKey("crm.Customer", on_delete=models.CASCADE, related_name="+")
    price_list = models.ForeignKey(PriceList, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["customer", "price_list"], name="customer_price_list_unique"),
        ]
        indexes = [models.Index(fields=["customer"], name="customer_price_lists")]


class CatalogImport(WorkspaceOwnedModel):
    """A spreadsheet of products, or of one price list's prices, on its way in: checked by the worker
    (what each row would do), looked at, then imported by the worker (services/imports.py)."""

    class Kind(models.TextChoices):
        PRODUCTS = "products", _("Products")
        PRICES = "prices", _("Prices")

    class Status(models.TextChoices):
        CHECKING = "checking", _("Checking the file")
        REFUSED = "refused", _("Refused")
        CHECKED = "checked", _("Checked")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    price_list = models.ForeignKey(
        PriceList, null=True, blank=True, on_delete=models.CASCADE, related_name="imports"
    )
    created_by = models.ForeignKey(
        "workspaces.Membership", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.ForeignKey(
        "files.StoredFile", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(_("file name"), max_length=255)
    file_kind = models.CharField(max_length=4)  # csv, xlsx
    # How to read it (crm/imports/reading.FileLayout) and what each column is: [[header, field or ""]].
    layout = models.JSONField(default=dict, blank=True)
    columns = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKING)
    total_rows = models.PositiveIntegerField(null=True, blank=True)
    processed_rows = models.PositiveIntegerField(default=0)
    # Before the import: what the rows would do; after it: what they did.
    new_rows = models.PositiveIntegerField(default=0)
    changed_rows = models.PositiveIntegerField(default=0)
    unchanged_rows = models.PositiveIntegerField(default=0)
    failed_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [{row, column, message}], capped
    notes = models.JSONField(default=list, blank=True)  # about the whole file: columns left out…
    preview = models.JSONField(default=list, blank=True)  # the first rows: {row, key, action, fields}
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["workspace", "-created_at"], name="catalog_import_recent")]

    def __str__(self):
        return self.file_name

    @property
    def is_busy(self) -> bool:
        """The worker has it: the page follows its progress."""
        return self.status in (self.Status.CHECKING, self.Status.IMPORTING)

    @property
    def progress(self) -> int:
        """Percent of the current step; 100 once finished or refused."""
        if self.status in (self.Status.CHECKED, self.Status.DONE, self.Status.FAILED, self.Status.REFUSED):
            return 100
        if not self.total_rows:
            return 0
        return min(99, self.processed_rows * 100 // self.total_rows)
