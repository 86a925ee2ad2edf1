from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProductStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("product", "Active")
    DISCONTINUED = "discontinued", _("Discontinued")


class Unit(models.TextChoices):
    """The units export goods are sold in (the quantity on a quotation line)."""

    PIECES = "pcs", _("pieces")
    SETS = "sets", _("sets")
    PAIRS = "pairs", _("pairs")
    DOZENS = "dozens", _("dozens")
    CARTONS = "cartons", _("cartons")
    ROLLS = "rolls", _("rolls")
    KILOGRAMS = "kg", _("kg")
    TONNES = "t", _("tonnes")
    METRES = "m", _("metres")
    SQUARE_METRES = "m2", _("m²")
    CUBIC_METRES = "m3", _("m³")
    LITRES = "l", _("litres")


class CatalogAuditAction(models.TextChoices):
    """Whole-catalog moves are audited: an export may carry cost prices, an import changes many products."""

    EXPORTED = "catalog_exported", _("Exported products or prices")
    IMPORT_STARTED = "catalog_import_started", _("Started a catalog import")
