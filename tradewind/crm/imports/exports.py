"""Customer lists as CSV or Excel: exactly the rows a list's filters select, with only what the reader
may see — of a colleague's private customer, its name and owner (permissions.can_see_details).

The columns are the import's fields under their labels, so an exported file imports again without
choosing columns; the columns only an export has (fields.EXPORT_ONLY) are left out by the import.
Times are in the reader's time zone, named in the header; countries are both the ISO code (for the
import) and the name in the reader's language. Phones are written as the customer page shows them.
CSV: see csv_stream (BOM, formula guard, the request's zone and language). XLSX: see xlsx_file (text cells,
so nothing is a formula and a phone needs no apostrophe).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core import geo
from tradewind.core.csv_stream import csv_stream
from tradewind.core.xlsx_file import xlsx_file
from tradewind.crm import permissions
from tradewind.crm.choices import CrmAuditAction
from tradewind.crm.imports.fields import EXPORT_ONLY, TARGETS_BY_CODE
from tradewind.crm.normalize import phone_display
from tradewind.workspaces.audit import audit_record

FORMATS = ("csv", "xlsx")
CHUNK = 1000
_PROFILE = ("name", "name_latin", "country", "country_name", "city", "address", "website", "industry",
            "source", "source_detail", "grade", "stage", "tags", "products", "incoterm", "named_place",
            "payment_terms", "currency", "notes")  # fmt: skip
_CONTACT = ("contact_name", "contact_title", "contact_emails", "contact_phones", "contact_whatsapp",
            "contact_wechat")  # fmt: skip
COLUMNS = (*_PROFILE, *_CONTACT, *EXPORT_ONLY)
_RESTRICTED = ("name", "owner")  # what anyone may know of any customer


def headers() -> list[str]:
    labels = {code: str(target.label) for code, target in TARGETS_BY_CODE.items()}
    labels.update({code: str(label) for code, label in EXPORT_ONLY.items()})
    labels["country_name"] = _("Country name")
    zone = timezone.get_current_timezone_name()
    labels["last_contact"] %= {"zone": zone}
    labels["added"] %= {"zone": zone}
    return [labels[code] for code in COLUMNS]


def _owner(customer) -> str:
    return customer.owner.user.display_name if customer.owner else _("Public pool")


def _phones(phones) -> str:
    return ", ".join(phone_display(p) for p in phones)


def customer_row(membership, customer) -> list[str]:
    """One customer as cells, in the order of COLUMNS; a restricted customer keeps two of them.
    Times in the active time zone, names in the active language."""
    values = {
        "name": customer.name,
        "country": customer.country,
        "country_name": geo.country_name(customer.country),
        "owner": _owner(customer),
    }
    if not permissions.can_see_details(membership, customer):
        return [values[code] if code in _RESTRICTED else "" for code in COLUMNS]
    contacts = list(customer.contacts.all())  # prefetched, primary first
    first = contacts[0] if contacts else None
    values.update({code: getattr(customer, code, "") for code in _PROFILE if code not in values})
    values.update(
        grade=customer.grade.code if customer.grade else "",
        stage=customer.get_stage_display(),
        source=customer.get_source_display(),
        tags=", ".join(sorted(t.name for t in customer.tags.all())),
        other_contacts="; ".join(
            " ".join(part for part in (c.name, ", ".join(c.emails), _phones(c.phones)) if part)
            for c in contacts[1:]
        ),
        next_follow_up=customer.next_follow_up_on.isoformat() if customer.next_follow_up_on else "",
        last_contact=timezone.localtime(customer.last_contact_at).strftime("%Y-%m-%d %H:%M")
        if customer.last_contact_at
        else "",
        added=timezone.localdate(customer.created_at).isoformat(),
    )
    if first:
        values.update(
            contact_name=first.name,
            contact_title=first.title,
            contact_emails=", ".join(first.emails),
            contact_phones=_phones(first.phones),
            contact_whatsapp=phone_display(first.whatsapp) if first.whatsapp else "",
            contact_wechat=first.wechat,
        )
    return [str(values.get(code) or "") for code in COLUMNS]


def _table(membership, customers) -> Iterator[list[str]]:
    yield headers()
    for customer in customers.prefetch_related("contacts", "tags").iterator(chunk_size=CHUNK):
        yield customer_row(membership, customer)


def export_record(*, membership, customers, fmt: str, filters: dict, ip=None) -> int:
    """The audit entry for an export of `customers` (counted now: the file is written as it streams)."""
    count = customers.count()
    audit_record(
        workspace=membership.workspace,
        actor=membership.user,
        action=CrmAuditAction.EXPORT,
        target="customers",
        ip=ip,
        data={"rows": count, "format": fmt, "filters": filters},
    )
    return count


def export_csv(membership, customers) -> Iterator[str]:
    """The CSV, line by line (a streaming response: memory stays flat for any number of customers), in
    the time zone and language active when it is called."""
    return csv_stream(_table(membership, customers))


def export_xlsx(membership, customers):
    """The workbook (core/xlsx_file.py), in a temporary file; returns it open."""
    return xlsx_file(_("Customers"), _table(membership, customers))
