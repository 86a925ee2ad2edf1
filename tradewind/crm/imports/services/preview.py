"""The preview: the first rows as they will be imported, their errors and duplicate decisions."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tradewind.core.errors import ValidationFailed
from tradewind.crm import permissions
from tradewind.crm.choices import DuplicatePolicy
from tradewind.crm.duplicates import duplicate_check
from tradewind.crm.imports.batch import MERGE, Candidate, Decision, decide
from tradewind.crm.imports.models import ImportedRow, ImportJob
from tradewind.crm.imports.reading import (
    iter_rows,
)
from tradewind.crm.imports.rows import ImportRow, RowReader
from tradewind.crm.imports.services.jobs import (
    PREVIEW_ROWS,
    _require_importer,
    layout_of,
    opener,
    require_read,
)
from tradewind.crm.imports.services.report import error_entry
from tradewind.crm.imports.writes import contacts_of, same_contact
from tradewind.crm.selectors import crm_settings


@dataclass
class PreviewRow:
    number: int
    cells: list[tuple[str, str]]  # (header, value) of the mapped columns
    row: ImportRow
    errors: list[dict] = field(default_factory=list)  # {column, message}
    candidates: list[Candidate] = field(default_factory=list)
    decision: Decision | None = None
    same_as: int | None = None  # an earlier row of the file names the same company
    repeats: int | None = None  # an earlier row of the file has the very same values
    repeated: bool = False  # imported before, by an earlier import
    blocked: bool = False  # "create anyway" is not allowed (workspace rule)
    contact_there: bool = False  # the proposed merge adds nothing: the customer has this contact

    @property
    def choices(self) -> list[tuple[str, str, Candidate | None]]:
        """(value, action, candidate) options for the decision radio."""
        return (
            [("skip", "skip", None)]
            + [(f"merge:{c.public_id}", "merge", c) for c in self.candidates if c.can_merge]
            + ([] if self.blocked else [("create", "create", None)])
        )

    @property
    def chosen(self) -> str:
        if self.decision is None:
            return ""
        if self.decision.action == MERGE and self.decision.into is not None:
            return f"merge:{self.decision.into.public_id}"
        return self.decision.action


def import_preview(*, actor, job: ImportJob, limit: int = PREVIEW_ROWS) -> list[PreviewRow]:
    """The first rows as they will be imported: errors by column, duplicates with the proposed decision
    (a choice made earlier in the preview wins)."""
    _require_importer(actor, job)
    require_read(job)
    if not job.mapping:
        raise ValidationFailed(_("Choose the columns first."), field="mapping")
    reader = RowReader(workspace=job.workspace, mapping=job.mapping, default_country=job.default_country)
    mapped = sorted(int(i) for i in job.mapping)
    previews: list[PreviewRow] = []
    for number, cells in iter_rows(opener(job), layout_of(job)):
        row = reader.read(number, cells)
        if row is None:
            continue
        previews.append(
            PreviewRow(
                number=number,
                cells=[(job.headers[i], cells[i]) for i in mapped],
                row=row,
                errors=[error_entry(job, number, e) for e in row.errors],
            )
        )
        if len(previews) >= limit:
            break
    hashes = {p.row.row_hash for p in previews if p.row.ok}
    imported = set(
        ImportedRow.objects.filter(workspace=job.workspace, row_hash__in=hashes).values_list(
            "row_hash", flat=True
        )
    )
    policy = crm_settings(job.workspace).duplicate_policy
    earlier: dict[tuple[str, str], int] = {}
    first_rows: dict[str, int] = {}  # row hash -> the row of the file that has it first
    for preview in previews:
        row = preview.row
        if not row.ok:
            continue
        # In the order of customers_import_batch: a repeat of an earlier row, then imported before.
        if row.row_hash in first_rows:
            preview.repeats = first_rows[row.row_hash]
            continue
        if row.row_hash in imported:
            preview.repeated = True
            continue
        first_rows[row.row_hash] = preview.number
        keys = row.keys
        preview.same_as = next(
            (earlier[(k, v)] for k, vs in keys.items() for v in vs if (k, v) in earlier), None
        )
        for kind, values in keys.items():
            for value in values:
                earlier.setdefault((kind, value), preview.number)
        if preview.same_as:
            continue
        contacts = row.contacts
        matches = duplicate_check(
            workspace=job.workspace,
            name=row.profile["name"],
            emails=[e for c in contacts for e in c["emails"]],
            phones=[p for c in contacts for p in c["phones"]]
            + [c["whatsapp"] for c in contacts if c["whatsapp"]],
            website=row.profile.get("website", ""),
        )
        for match in matches[:5]:
            candidate = Candidate(
                pk=match.customer.pk,
                public_id=match.customer.public_id,
                name=match.customer.name,
                owner_id=match.customer.owner_id,
                owner_name=match.customer.owner.user.display_name if match.customer.owner else None,
                reasons=list(match.reasons),
            )
            candidate.can_merge = permissions.can_edit(actor, candidate)
            candidate.reason_labels = match.reason_labels
            preview.candidates.append(candidate)
        foreign = [c for c in preview.candidates if c.exact and c.owner_id not in (None, actor.pk)]
        preview.blocked = bool(foreign) and policy == DuplicatePolicy.BLOCK
        preview.decision = decide(
            actor,
            candidates=preview.candidates,
            policy=policy,
            choice=job.decisions.get(str(preview.number)),
        )
    _mark_contacts_there(previews)
    return previews


def _mark_contacts_there(previews: list[PreviewRow]) -> None:
    """Rows whose proposed merge would add nothing, by the rule the import follows (same_contact)."""
    merging = [p for p in previews if p.decision and p.decision.action == MERGE and p.decision.into]
    contacts = contacts_of({p.decision.into.pk for p in merging})
    for preview in merging:
        there = contacts[preview.decision.into.pk]
        preview.contact_there = not preview.row.contacts or same_contact(preview.row.contacts[0], there)
