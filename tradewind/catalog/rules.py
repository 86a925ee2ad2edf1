"""What a product may hold: every field checked at once, one message per problem, in the reader's language.

The services call `product_clean` with the values a form or the API parsed (Decimals, ints, Money, a
dict of names, a list of specification pairs); it answers the cleaned values or raises one
ApplicationError carrying every problem (ValidationFailed.all_of: a 422 in the API).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from django.utils.translation import gettext as _

from tradewind.catalog.choices import ProductStatus, Unit
from tradewind.core.errors import ApplicationError, ValidationFailed
from tradewind.core.money import Money, currency_codes
from tradewind.core.numbers import decimal_number, whole_number

SKU = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/#+-]*$")
HS_SEPARATORS = re.compile(r"[\s.\-]")
HS_DIGITS = re.compile(r"[0-9]{6,10}")
MAX_SPECS = 50
MAX_NAMES = 20
MOQ_MAX = 100_000_000
LEAD_TIME_MAX = 730  # two years
CARTON_CM = (Decimal("0.1"), Decimal("500"))
CARTON_KG = (Decimal("0.01"), Decimal("2000"))
UNITS_PER_CARTON_MAX = 1_000_000
COST_MAX = Decimal("100000000")

TEXT_FIELDS = {"sku": 64, "name_en": 200, "name_zh": 200}
CARTON_DIMENSIONS = ("carton_length_cm", "carton_width_cm", "carton_height_cm")
CARTON_WEIGHTS = ("carton_net_kg", "carton_gross_kg")


def hs_code_clean(raw: str) -> str:
    """ "8516.79.90" or "8516 79 90" -> "85167990". 6 digits (the international heading) up to 10 (China's
    customs code); anything else is refused. Full-width digits and dots, as a Chinese input method types
    them ("８５１６．７９"), are read as ASCII (NFKC); digits of other scripts ("٨٥١٦") are refused."""
    digits = HS_SEPARATORS.sub("", unicodedata.normalize("NFKC", raw or ""))
    if not digits:
        return ""
    if not HS_DIGITS.fullmatch(digits):
        raise ValidationFailed(
            _("An HS code has 6 to 10 digits (e.g. 8516.79 or 8516799000)."), field="hs_code"
        )
    return digits


def hs_code_display(digits: str) -> str:
    """85167990 -> 8516.79.90: as customs papers write it."""
    if len(digits) <= 6:
        return ".".join(filter(None, (digits[:4], digits[4:6])))
    return f"{digits[:4]}.{digits[4:6]}.{digits[6:]}"


def language_name(code: str, reader: str | None) -> str:
    try:
        return Locale.parse(code).get_display_name(Locale.parse((reader or "en").replace("-", "_"))) or code
    except (UnknownLocaleError, ValueError):
        return code


def _names_clean(names, errors: list) -> dict[str, str]:
    if not names:
        return {}
    if not isinstance(names, dict):
        errors.append(ValidationFailed(_("Give the names as language: name."), field="names"))
        return {}
    cleaned = {}
    for code, name in names.items():
        code = str(code).strip().lower().replace("_", "-")
        name = str(name or "").strip()
        if not name:
            continue
        try:
            Locale.parse(code.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            errors.append(
                ValidationFailed(
                    _("“%(code)s” is not a language code (e.g. es, ru, ar, pt-BR).") % {"code": code},
                    field="names",
                )
            )
            continue
        if code in ("en", "zh") or code.startswith("zh-"):
            errors.append(
                ValidationFailed(_("English and Chinese names have their own fields."), field="names")
            )
            continue
        if len(name) > 200:
            errors.append(ValidationFailed(_("A name has at most 200 characters."), field="names"))
            continue
        cleaned[code] = name
    if len(cleaned) > MAX_NAMES:
        errors.append(
            ValidationFailed(_("At most %(n)d names in other languages.") % {"n": MAX_NAMES}, field="names")
        )
    return cleaned


def _specs_clean(specs, errors: list) -> list[list[str]]:
    if not specs:
        return []
    if not isinstance(specs, list | tuple):
        errors.append(ValidationFailed(_("Give the specifications as name and value pairs."), field="specs"))
        return []
    cleaned = []
    for pair in specs:
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            errors.append(
                ValidationFailed(_("Give the specifications as name and value pairs."), field="specs")
            )
            return []
        key, value = (str(part or "").strip() for part in pair)
        if not key and not value:
            continue
        if not key:
            errors.append(
                ValidationFailed(
                    _("The value “%(value)s” needs a name.") % {"value": value[:40]}, field="specs"
                )
            )
            continue
        if len(key) > 80 or len(value) > 300:
            errors.append(
                ValidationFailed(
                    _("A specification name has at most 80 characters, its value 300."), field="specs"
                )
            )
            continue
        cleaned.append([key, value])
    if len(cleaned) > MAX_SPECS:
        errors.append(ValidationFailed(_("At most %(n)d specifications.") % {"n": MAX_SPECS}, field="specs"))
    return cleaned


def product_clean(values: dict) -> dict:
    """The values of `values` (a product's fields, all or some), cleaned; every problem raised at once."""
    errors: list[ApplicationError] = []
    cleaned = {}
    for field, limit in TEXT_FIELDS.items():
        if field in values:
            text = str(values[field] or "").strip()
            if len(text) > limit:
                errors.append(ValidationFailed(_("At most %(n)d characters.") % {"n": limit}, field=field))
            cleaned[field] = text
    if "sku" in cleaned:
        if not cleaned["sku"]:
            errors.append(ValidationFailed(_("Give the product a SKU (your article number)."), field="sku"))
        elif not SKU.match(cleaned["sku"]):
            errors.append(
                ValidationFailed(
                    _("A SKU is letters and digits, with - _ . / # + between them, no spaces."), field="sku"
                )
            )
    if "description" in values:
        cleaned["description"] = str(values["description"] or "").strip()
        if len(cleaned["description"]) > 10_000:
            errors.append(
                ValidationFailed(_("At most %(n)d characters.") % {"n": 10_000}, field="description")
            )
    if "names" in values:
        cleaned["names"] = _names_clean(values["names"], errors)
    if "specs" in values:
        cleaned["specs"] = _specs_clean(values["specs"], errors)
    if "hs_code" in values:
        try:
            cleaned["hs_code"] = hs_code_clean(str(values["hs_code"] or ""))
        except ApplicationError as error:
            errors.append(error)
    if "unit" in values:
        if values["unit"] not in Unit.values:
            errors.append(ValidationFailed(_("Choose a unit from the list."), field="unit"))
        cleaned["unit"] = values["unit"]
    if "status" in values:
        if values["status"] not in ProductStatus.values:
            errors.append(ValidationFailed(_("Choose a status from the list."), field="status"))
        cleaned["status"] = values["status"]
    if "moq" in values:
        cleaned["moq"] = whole_number(
            values["moq"], "moq", 1, MOQ_MAX, _("The MOQ is a whole number of at least 1."), errors
        )
    if "lead_time_days" in values:
        cleaned["lead_time_days"] = whole_number(
            values["lead_time_days"],
            "lead_time_days",
            0,
            LEAD_TIME_MAX,
            _("The lead time is a whole number of days, from 0 to %(n)d.") % {"n": LEAD_TIME_MAX},
            errors,
        )
    if "units_per_carton" in values:
        cleaned["units_per_carton"] = whole_number(
            values["units_per_carton"],
            "units_per_carton",
            1,
            UNITS_PER_CARTON_MAX,
            _("Units per carton is a whole number of at least 1."),
            errors,
        )
    for field in CARTON_DIMENSIONS:
        if field in values:
            cleaned[field] = decimal_number(
                values[field],
                field,
                CARTON_CM,
                1,
                _("A carton side is between 0.1 and 500 cm."),
                errors,
            )
    for field in CARTON_WEIGHTS:
        if field in values:
            cleaned[field] = decimal_number(
                values[field], field, CARTON_KG, 2, _("A carton weighs between 0.01 and 2,000 kg."), errors
            )
    if "cost" in values:
        cost = values["cost"]
        if cost is not None:
            if not isinstance(cost, Money):
                raise TypeError("cost is a Money or None")
            if cost.currency not in currency_codes():
                errors.append(ValidationFailed(_("Choose a currency from the list."), field="cost"))
            elif cost.amount < 0 or cost.amount > COST_MAX:
                errors.append(
                    ValidationFailed(_("A cost price is zero or more, and below 100,000,000."), field="cost")
                )
            elif cost.quantized(4) != cost:
                errors.append(ValidationFailed(_("At most %(n)d decimal places.") % {"n": 4}, field="cost"))
        cleaned["cost"] = cost
    if errors:
        raise ValidationFailed.all_of(errors)
    return cleaned


def product_check_whole(product) -> None:
    """Rules across fields, on the product as it would be saved."""
    errors = []
    if not product.name_en and not product.name_zh:
        errors.append(
            ValidationFailed(_("Give the product a name in English or in Chinese."), field="name_en")
        )
    net, gross = product.carton_net_kg, product.carton_gross_kg
    if net is not None and gross is not None and gross < net:
        errors.append(
            ValidationFailed(
                _("The gross weight of a carton cannot be less than its net weight."), field="carton_gross_kg"
            )
        )
    if errors:
        raise ValidationFailed.all_of(errors)
