"""Product and price list field names as a reader says them (the history's "Changed: …" line)."""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext as _


def field_label(field: str) -> str:
    from tradewind.catalog.models import PriceList, Product

    if field == "cost":
        return str(_("cost price"))
    if field == "category":  # a foreign key without a label of its own
        return str(_("category"))
    for model in (Product, PriceList):
        try:
            return str(model._meta.get_field(field).verbose_name)
        except FieldDoesNotExist:
            continue
    return field  # a field a later version dropped: its name as stored


def field_labels(fields) -> str:
    return capfirst(", ".join(field_label(f) for f in fields if isinstance(f, str))) if fields else ""
