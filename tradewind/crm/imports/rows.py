"""One row of an import file -> a customer and its contact, validated by the same functions as a customer
typed in by hand (services.clean_profile, services.clean_contact). What a spreadsheet says differently is
translated first: country names, source and stage labels, "FOB Ningbo", "US$", phone numbers that lost
their "+" in Excel. Every problem is reported with the column it came from, so one bad cell costs one row.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tradewind.core.errors import ValidationFailed
from tradewind.core.trade import Incoterm, incoterm_parse
from tradewind.crm.choices import Source, Stage
from tradewind.crm.duplicates import customer_keys
from tradewind.crm.forms import split_list
from tradewind.crm.imports.derived import RowIndex, row_index
from tradewind.crm.imports.fields import (
    TARGETS_BY_CODE,
    country_code,
    currency_code,
    source_code,
    stage_code,
)
from tradewind.crm.models import Customer
from tradewind.crm.normalize import PhoneError, phone_e164
from tradewind.crm.selectors import grades
from tradewind.crm.services import clean_contact, clean_profile

_TEXT_TARGETS = (
    "name", "name_latin", "city", "website", "industry", "source_detail", "named_place", "payment_terms",
)  # fmt: skip
_JOINED_TARGETS = ("address", "products", "notes")
_MAX_LENGTHS = {
    f.name: f.max_length
    for f in Customer._meta.concrete_fields
    if getattr(f, "max_length", None) and f.name in (*_TEXT_TARGETS, "country", "currency", "incoterm")
}
_GRADE_SUFFIXES = re.compile(r"\s*(级|类|級|類|GRADE|LEVEL|CLASS)\s*$", re.IGNORECASE)


@dataclass
class RowError:
    target: str | None  # the field it concerns; the job names the column
    message: str
    column: int | None = None  # when known exactly (one of several columns filling a field)
    kind: str = "error"  # or "skipped": not imported on purpose (another rep's customer)


@dataclass
class ImportRow:
    """A file row, validated: the customer as customer_create would take it, or the errors."""

    number: int
    profile: dict = field(default_factory=dict)
    grade: str = ""  # a grade code of the workspace
    tags: list[str] = field(default_factory=list)
    contacts: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    row_hash: str = ""
    keys: dict[str, set[str]] | None = None  # what the duplicate check looks the row up by
    index: RowIndex | None = None  # the derived data of a customer made of this row alone

    @property
    def ok(self) -> bool:
        return not self.errors


class RowReader:
    """Reads file rows for one workspace and one mapping (column index -> target)."""

    def __init__(self, *, workspace, mapping: dict, default_country: str = "", grade_codes=None):
        """`grade_codes`: {CODE: code} of the workspace's grades (read from `workspace` when not given:
        a reader in another process has no database)."""
        self.workspace = workspace
        self.columns: dict[str, list[int]] = {}
        for index, target in sorted(mapping.items(), key=lambda item: int(item[0])):
            if target in TARGETS_BY_CODE:
                self.columns.setdefault(target, []).append(int(index))
        self.default_country = (default_country or "").upper()
        if grade_codes is None:
            grade_codes = {g.code.upper(): g.code for g in grades(workspace)}
        self.grade_codes = grade_codes

    def has_content(self, cells: list[str]) -> bool:
        """Whether any mapped cell of the row has something in it (rows without are not counted)."""
        return any(i < len(cells) and cells[i] for indexes in self.columns.values() for i in indexes)

    def read(self, number: int, cells: list[str]) -> ImportRow | None:
        """The row validated, or None when none of its mapped cells has anything in it."""
        raw: dict[str, list[str]] = {}
        for target, indexes in self.columns.items():
            values = [cells[i] for i in indexes if i < len(cells) and cells[i]]
            if values:
                raw[target] = values
        if not raw:
            return None
        row = ImportRow(number=number)
        profile = self._profile(raw, row.errors)
        row.profile = self._clean(profile, row.errors)
        row.grade = self._grade(raw, row.errors)
        row.tags = [t[:40] for v in raw.get("tags", ()) for t in split_list(v)]
        contact = self._contact(raw, cells, row.profile.get("country", ""), row.errors)
        row.contacts = [contact] if contact else []
        if row.ok:
            row.row_hash = row_hash(row)
            row.keys = row_keys(row)
            row.index = row_index(row.profile, row.contacts, row.keys)
        return row

    # --- the company ---

    def _profile(self, raw: dict, errors: list[RowError]) -> dict:
        profile = {code: raw[code][0] for code in _TEXT_TARGETS if code in raw}
        for code in _JOINED_TARGETS:
            if code in raw:
                profile[code] = "\n".join(raw[code])
        if not profile.get("name"):
            errors.append(RowError("name", _("Enter the company name.")))
            profile.pop("name", None)
        if "country" in raw:
            code = country_code(raw["country"][0])
            if code:
                profile["country"] = code
            else:
                errors.append(
                    RowError(
                        "country",
                        _(
                            "“%(value)s” is not a country we know. Use its name in English, in Chinese "
                            "or in its own language, or its two-letter code (DE, US, AE)."
                        )
                        % {"value": raw["country"][0]},
                    )
                )
        elif self.default_country:
            profile["country"] = self.default_country
        else:
            errors.append(RowError("country", _("Choose the customer's country.")))
        if "source" in raw:
            value = raw["source"][0]
            code = source_code(value)
            if code is None:  # a source we have no word for: keep what the file says
                code = Source.OTHER
                profile.setdefault("source_detail", value)
            profile["source"] = code
        if "stage" in raw:
            value = raw["stage"][0]
            code = stage_code(value)
            if code is None:
                errors.append(
                    RowError(
                        "stage",
                        _("“%(value)s” is not a stage. Use one of: %(choices)s.")
                        % {"value": value, "choices": ", ".join(str(label) for label in Stage.labels)},
                    )
                )
            else:
                profile["stage"] = code
        if "incoterm" in raw:
            value = raw["incoterm"][0]
            parsed = incoterm_parse(value)
            if parsed is not None:
                code, place = parsed
                profile["incoterm"] = code
                if place and not profile.get("named_place"):
                    profile["named_place"] = place
            else:
                errors.append(
                    RowError(
                        "incoterm",
                        _("“%(value)s” is not an Incoterm. Use one of: %(choices)s.")
                        % {"value": value, "choices": ", ".join(Incoterm.values)},
                    )
                )
        if "currency" in raw:
            profile["currency"] = currency_code(raw["currency"][0])
        for key, limit in _MAX_LENGTHS.items():
            if len(profile.get(key) or "") > limit:
                errors.append(RowError(key, _("Too long: at most %(limit)d characters.") % {"limit": limit}))
                profile.pop(key)
        if "source_detail" in profile:
            profile["source_detail"] = profile["source_detail"][:120]
        return profile

    def _clean(self, profile: dict, errors: list[RowError]) -> dict:
        """The house rules for a profile (services.clean_profile), every failing field reported."""
        data = {"source": Source.OTHER, "stage": Stage.LEAD, **profile}
        try:
            return clean_profile(self.workspace, data)
        except ValidationFailed:
            pass
        clean = {}
        for key, value in data.items():
            try:
                clean.update(clean_profile(self.workspace, {key: value}))
            except ValidationFailed as exc:
                errors.append(RowError(exc.field or key, str(exc.message)))
        return clean

    def _grade(self, raw: dict, errors: list[RowError]) -> str:
        if "grade" not in raw:
            return ""
        value = raw["grade"][0]
        grade = self.grade_codes.get(_GRADE_SUFFIXES.sub("", value.strip().upper()), "")
        if not grade:
            errors.append(RowError("grade", _("This workspace has no grade “%(grade)s”.") % {"grade": value}))
        return grade

    # --- the contact ---

    def _contact(self, raw: dict, cells: list[str], country: str, errors: list[RowError]) -> dict | None:
        data = {
            "name": " ".join(raw.get("contact_name", ())),
            "title": raw.get("contact_title", [""])[0],
            "emails": [e for v in raw.get("contact_emails", ()) for e in split_list(v)],
            "phones": [p for v in raw.get("contact_phones", ()) for p in _split_phones(v)],
            "whatsapp": raw.get("contact_whatsapp", [""])[0],
            "wechat": raw.get("contact_wechat", [""])[0],
        }
        if not any(data.values()):
            return None
        if not data["name"]:
            # A contact known only by an address or a number is still worth keeping; name it by that.
            data["name"] = (data["emails"] or data["phones"] or [data["whatsapp"] or data["wechat"]])[0]
        try:
            return clean_contact(country=country, data=data, field_prefix="contact_")
        except ValidationFailed:
            pass
        # Phones typed into Excel as numbers lose their "+": 8613800138000 is +86 138 0013 8000.
        data["phones"] = [_with_plus(p, country) for p in data["phones"]]
        if data["whatsapp"]:
            data["whatsapp"] = _with_plus(data["whatsapp"], country)
        try:
            return clean_contact(country=country, data=data, field_prefix="contact_")
        except ValidationFailed as exc:
            found = len(errors)
            self._contact_errors(data, cells, country, errors)
            if len(errors) == found:
                errors.append(RowError(exc.field, str(exc.message)))
        return None

    def _contact_errors(self, data: dict, cells: list[str], country: str, errors: list[RowError]) -> None:
        """Each column checked on its own, so the message names the cell that is wrong."""
        name = {"name": data["name"]}
        for target, key, split in (
            ("contact_emails", "emails", split_list),
            ("contact_phones", "phones", _split_phones),
        ):
            for index in self.columns.get(target, ()):
                values = [_with_plus(v, country) if key == "phones" else v for v in split(cells[index])]
                try:
                    clean_contact(country=country, data={**name, key: values})
                except ValidationFailed as exc:
                    errors.append(RowError(target, str(exc.message), column=index))
        if data["whatsapp"]:
            try:
                clean_contact(country=country, data={**name, "whatsapp": data["whatsapp"]})
            except ValidationFailed as exc:
                errors.append(RowError("contact_whatsapp", str(exc.message)))


_PHONE_SPLIT = re.compile(r"[\n,;，；、/]+")


def _split_phones(value: str) -> list[str]:
    return [p.strip() for p in _PHONE_SPLIT.split(value or "") if p.strip()]


def _with_plus(raw: str, country: str) -> str:
    try:
        phone_e164(raw, country)
        return raw
    except PhoneError:
        pass
    digits = re.sub(r"\D", "", raw)
    if len(digits) >= 10 and not raw.strip().startswith(("+", "0")):
        try:
            return phone_e164("+" + digits, None)
        except PhoneError:
            pass
    return raw


def row_hash(row: ImportRow) -> str:
    """The same cleaned values give the same hash, whatever file or job they come from."""
    payload = [
        sorted(row.profile.items()),
        row.grade,
        sorted(set(row.tags)),
        [sorted(c.items()) for c in row.contacts],
    ]
    text = json.dumps(payload, ensure_ascii=False, default=str)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def row_keys(row: ImportRow) -> dict[str, set[str]]:
    """The keys the duplicate check looks a row up by (as duplicate_check: name, e-mails, phones, site)."""
    contacts = row.contacts
    return customer_keys(
        name=row.profile.get("name", ""),
        emails=[e for c in contacts for e in c["emails"]],
        phones=[p for c in contacts for p in c["phones"]]
        + [c["whatsapp"] for c in contacts if c["whatsapp"]],
        website=row.profile.get("website", ""),
    )
