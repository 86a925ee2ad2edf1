"""Customer lists as CSV or Excel: exactly the rows a list's filters select, with only what the reader
may see — of a colleague's private customer, its name, country and owner (permissions.can_see_details).

The columns are the import's fields under their labels, so an exported file imports again without
choosing columns. CSV is UTF-8 with a BOM (Excel then reads Chinese correctly); cells a spreadsheet
would run as a formula (=, @, or + and - before text) are written as text.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.crm import permissions
from tradewind.crm.imports.fields import TARGETS_BY_CODE
from tradewind.crm.normalize import phone_display
from tradewind.workspaces.audit import audit_record
from tradewind.workspaces.choices import AuditAction

FORMATS = ("csv", "xlsx")
CHUNK = 1000
_PROFILE = ("name", "name_latin", "country", "city", "address", "website", "industry", "source",
            "source_detail", "grade", "stage", "tags", "products", "incoterm", "named_place", "payment_terms",
            "currency", "notes")  # fmt: skip
_CONTACT = ("contact_name", "contact_title", "contact_emails", "contact_phones", "contact_whatsapp",
            "contact_wechat")  # fmt: skip
_FORMULA = re.compile(r"^(?:[=@\t\r]|[+-](?![\d\s().]*$))")


def headers() -> list[str]:
    return [
        *(str(TARGETS_BY_CODE[code].label) for code in (*_PROFILE, *_CONTACT)),
        _("Other contacts"),
        _("Owner"),
        _("Next follow-up"),
        _("Last contact"),
        _("Added"),
    ]


def _owner(customer) -> str:
    return customer.owner.user.display_name if customer.owner else _("Public pool")


def customer_row(membership, customer) -> list[str]:
    """One customer as cells, in the order of headers(); a restricted customer keeps three of them."""
    width = len(_PROFILE) + len(_CONTACT) + 5
    if not permissions.can_see_details(membership, customer):
        cells = [""] * width
        cells[_PROFILE.index("name")] = customer.name
        cells[_PROFILE.index("country")] = customer.country
        cells[len(_PROFILE) + len(_CONTACT) + 1] = _owner(customer)
        return cells
    contacts = list(customer.contacts.all())  # prefetched, primary first
    first = contacts[0] if contacts else None
    profile = {code: getattr(customer, code, "") for code in _PROFILE}
    profile.update(
        grade=customer.grade.code if customer.grade else "",
        stage=customer.get_stage_display(),
        source=customer.get_source_display(),
        tags=", ".join(sorted(t.name for t in customer.tags.all())),
    )
    contact = (
        [
            first.name,
            first.title,
            ", ".join(first.emails),
            ", ".join(phone_display(p) for p in first.phones),
            phone_display(first.whatsapp) if first.whatsapp else "",
            first.wechat,
        ]
        if first
        else [""] * len(_CONTACT)
    )
    others = "; ".join(
        " ".join(part for part in (c.name, ", ".join(c.emails), ", ".join(c.phones)) if part)
        for c in contacts[1:]
    )
    return [
        *(str(profile[code] or "") for code in _PROFILE),
        *contact,
        others,
        _owner(customer),
        customer.next_follow_up_on.isoformat() if customer.next_follow_up_on else "",
        timezone.localtime(customer.last_contact_at).strftime("%Y-%m-%d %H:%M")
        if customer.last_contact_at
        else "",
        timezone.localdate(customer.created_at).isoformat(),
    ]


def _rows(membership, customers) -> Iterator[list[str]]:
    for customer in customers.prefetch_related("contacts", "tags").iterator(chunk_size=CHUNK):
        yield customer_row(membership, customer)


def _safe(cell: str) -> str:
    return "'" + cell if cell and _FORMULA.match(cell) else cell


def export_record(*, membership, customers, fmt: str, filters: dict, ip=None) -> int:
    """The audit entry for an export of `customers` (counted now: the file is written as it streams)."""
    count = customers.count()
    audit_record(
        workspace=membership.workspace,
        actor=membership.user,
        action=AuditAction.EXPORT,
        target="customers",
        ip=ip,
        data={"rows": count, "format": fmt, "filters": filters},
    )
    return count


def export_csv(membership, customers) -> Iterator[str]:
    """The CSV, line by line (a streaming response: memory stays flat for any number of customers)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(cells) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_safe(c) for c in cells])
        return buffer.getvalue()

    yield "\ufeff" + line(headers())
    for cells in _rows(membership, customers):
        yield line(cells)


def export_xlsx(membership, customers):
    """The workbook, written row by row (openpyxl write-only) into a temporary file; returns it open."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Customers"))
    sheet.append(headers())
    for cells in _rows(membership, customers):
        row = []
        for value in cells:
            cell = WriteOnlyCell(sheet, value=value or None)
            if value:
                cell.data_type = "s"  # text stays text: a name starting with "=" is not a formula
            row.append(cell)
        sheet.append(row)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the response, which closes it
    workbook.save(handle)
    handle.seek(0)
    return handle
