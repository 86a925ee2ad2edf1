"""customers_import_batch: a few hundred validated rows in, customers out — with the rules of
services.customer_create, in a handful of queries instead of a dozen per customer.

Per batch: one query finds which rows were imported before (row hashes), one finds every exact duplicate
(CustomerKey lookups for all names, domains and phones of the batch at once), then customers, contacts,
keys, name tokens, tags, history entries and row hashes are inserted in bulk (writes.py). The derived
data (name key, search text, zone, keys, tokens) is computed by crm.derived, as customer_reindex does.

The duplicate decision per row (`decide`) is the same in the preview and in the worker:
- a row imported before (same cleaned values) is not imported again; nor is a row that repeats an earlier
  row of the same file (skipped, saying which row);
- an exact match with the importer's own customer or a pool customer gets the row's contact ("merge");
- an exact match with another rep's customer is skipped — a manager may choose "merge" in the preview;
  "create anyway" is refused when the workspace blocks such duplicates (services._guard_duplicates' rule);
- otherwise the customer is created. Similar names alone do not stop an import: the preview shows them
  and the person's choice there is the confirmation customer_create asks for.
Rows of one batch that name the same company become one customer with several contacts. A contact the
customer has already (`same_contact`) is not added again: the row is skipped — in the dry run too, so
the preview's counts are the import's.
Open pages are not told per batch (a big import would reload every customer list hundreds of times);
the job announces the import once at the end.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core.bulk import insert_values
from tradewind.core.errors import PermissionDenied
from tradewind.core.sql import column_in, fetch
from tradewind.crm import permissions
from tradewind.crm.choices import DuplicatePolicy
from tradewind.crm.imports.models import ImportedRow
from tradewind.crm.imports.rows import ImportRow, RowError, row_keys
from tradewind.crm.imports.writes import NewCustomer, insert_new, merge_contacts, same_contact
from tradewind.crm.models import (
    Customer,
    CustomerKey,
)
from tradewind.crm.selectors import crm_settings

log = logging.getLogger(__name__)

SKIP, MERGE, CREATE = "skip", "merge", "create"
DECISIONS = (SKIP, MERGE, CREATE)
# Which column a duplicate was found by, for the message: a name, an e-mail/web domain, a phone.
_REASON_TARGET = {
    "name": "name", "email": "contact_emails", "domain": "contact_emails", "phone": "contact_phones",
    "fuzzy": "name",
}  # fmt: skip


@dataclass
class Candidate:
    """An existing customer a row may duplicate: what anyone may know of it."""

    pk: int
    public_id: object
    name: str
    owner_id: int | None
    owner_name: str | None
    reasons: list[tuple[str, str]] = field(default_factory=list)
    can_merge: bool = False  # the preview offers "merge into" only where the person may edit
    reason_labels: list[str] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        return any(code != "fuzzy" for code, _value in self.reasons)


@dataclass
class Decision:
    action: str  # skip, merge, create
    into: Candidate | None = None
    error: RowError | None = None  # refused (skip with an error: the row failed)
    note: RowError | None = None  # skipped on purpose, with the reason


def decide(actor, *, candidates: list[Candidate], policy: str, choice: dict | None = None) -> Decision:
    """What happens to a row with these duplicate candidates (see the module docstring)."""
    exact = [c for c in candidates if c.exact]
    # Merged by default only into one's own or the pool's: a colleague's customer is never changed
    # unless someone chose so in the preview.
    editable = [c for c in exact if c.owner_id in (None, actor.pk) and permissions.can_edit(actor, c)]
    foreign = [c for c in exact if c.owner_id not in (None, actor.pk)]
    blocked = bool(foreign) and policy == DuplicatePolicy.BLOCK
    action = (choice or {}).get("action")
    if action == SKIP:
        return Decision(SKIP)
    if action == MERGE:
        into = next((c for c in candidates if str(c.public_id) == str(choice.get("into"))), None)
        if into is None or not permissions.can_edit(actor, into):
            target = _REASON_TARGET[into.reasons[0][0]] if into and into.reasons else "name"
            return Decision(SKIP, error=RowError(target, _("You cannot change this customer.")))
        return Decision(MERGE, into=into)
    if action == CREATE or not exact:
        if blocked:
            return Decision(SKIP, error=_blocked(foreign[0]))
        return Decision(CREATE)
    if editable:
        return Decision(MERGE, into=editable[0])
    if blocked:
        return Decision(SKIP, error=_blocked(foreign[0]))
    match = foreign[0]
    return Decision(
        SKIP,
        note=RowError(
            _REASON_TARGET[match.reasons[0][0]],
            _("Skipped: %(customer)s already belongs to %(owner)s.")
            % {"customer": match.name, "owner": match.owner_name},
            kind="skipped",
        ),
    )


def _blocked(match: Candidate) -> RowError:
    return RowError(
        _REASON_TARGET[match.reasons[0][0]],
        _("%(customer)s already belongs to %(owner)s. Ask them or a manager instead of creating it again.")
        % {"customer": match.name, "owner": match.owner_name},
    )


@dataclass
class BatchOutcome:
    created: int = 0
    merged: int = 0
    skipped: int = 0
    repeated: int = 0
    failed: int = 0
    errors: list[tuple[int, RowError]] = field(default_factory=list)  # (row number, error)
    customer_ids: list[int] = field(default_factory=list)  # created, in row order
    first_rows: dict[str, int] = field(default_factory=dict)  # row hash -> number, of rows taken

    def add(self, other: BatchOutcome) -> None:
        for name in ("created", "merged", "skipped", "repeated", "failed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors
        self.customer_ids += other.customer_ids


def candidates_for(workspace, keysets: list[dict[str, set[str]]]) -> list[list[Candidate]]:
    """Exact duplicates for many rows in five queries: the keys of each kind, then their customers."""
    wanted: dict[str, set[str]] = {"name": set(), "email": set(), "domain": set(), "phone": set()}
    for keys in keysets:
        for kind, values in keys.items():
            wanted[kind] |= values
    found: dict[tuple[str, str], set[int]] = {}
    for kind, values in wanted.items():
        if not values:
            continue
        # One query per kind: an OR of the kinds would make SQLite scan all the workspace's keys.
        condition, params = column_in("value", sorted({v[:200] for v in values}))
        rows = fetch(
            f"SELECT customer_id, value FROM {CustomerKey._meta.db_table} "  # noqa: S608 (no input)
            f"WHERE workspace_id = %s AND kind = %s AND {condition}",
            [workspace.pk, kind, *params],
        )
        for customer_id, value in rows:
            found.setdefault((kind, value), set()).add(customer_id)
    ids = {pk for pks in found.values() for pk in pks}
    customers = {
        row["pk"]: row
        for row in Customer.objects.filter(pk__in=ids).values(
            "pk", "public_id", "name", "owner_id", "owner__user__full_name", "owner__user__email"
        )
    }
    result = []
    for keys in keysets:
        by_customer: dict[int, Candidate] = {}
        for kind, values in keys.items():
            for value in values if len(values) < 2 else sorted(values):
                hits = found.get((kind, value[:200]))
                if not hits:  # most rows: no key of theirs is known
                    continue
                for pk in sorted(hits):
                    if pk not in customers:
                        continue
                    if pk not in by_customer:
                        by_customer[pk] = _candidate(customers[pk])
                    by_customer[pk].reasons.append((kind, value))
        result.append(sorted(by_customer.values(), key=lambda c: c.name))
    return result


def _candidate(row: dict) -> Candidate:
    owner = row["owner__user__full_name"] or row["owner__user__email"] if row["owner_id"] else None
    return Candidate(
        pk=row["pk"], public_id=row["public_id"], name=row["name"], owner_id=row["owner_id"], owner_name=owner
    )


def _chosen_targets(workspace, choices: dict) -> dict[str, Candidate]:
    """The customers the person chose to merge rows into (by public id), inside the workspace only."""
    ids = [str(c.get("into")) for c in choices.values() if c.get("action") == MERGE and c.get("into")]
    if not ids:
        return {}
    valid = []
    for value in ids:
        try:
            valid.append(uuid.UUID(value))
        except ValueError:
            continue
    return {
        str(row["public_id"]): _candidate(row)
        for row in Customer.objects.filter(workspace=workspace, public_id__in=valid).values(
            "pk", "public_id", "name", "owner_id", "owner__user__full_name", "owner__user__email"
        )
    }


# --- the batch --------------------------------------------------------------------------------------


def customers_import_batch(
    *,
    actor,
    rows: list[ImportRow],
    choices: dict | None = None,
    into_pool: bool = False,
    job=None,
    dry_run: bool = False,
    file_rows: dict[str, int] | None = None,
) -> BatchOutcome:
    """Import validated rows: rows with errors fail, duplicates are decided (see `decide`), the rest are
    created owned by the importer (or in the pool). With dry_run, only count what would happen.
    `file_rows` (row hash -> row number), kept by the caller from batch to batch of one file, recognises
    a row repeating an earlier batch's row; it gains this batch's rows once they are imported.
    A row the database refuses fails alone; the others of the batch are still imported."""
    if not permissions.can_create(actor):
        raise PermissionDenied(_("Your role cannot add customers."))
    earlier = file_rows if file_rows is not None else {}
    if dry_run:
        outcome = _plan(actor, rows, choices or {}, into_pool, job, earlier, dry_run=True)
        earlier.update(outcome.first_rows)
        return outcome
    try:
        with transaction.atomic():
            outcome = _plan(actor, rows, choices or {}, into_pool, job, earlier, dry_run=False)
        earlier.update(outcome.first_rows)
        return outcome
    except DatabaseError:
        if len(rows) == 1:
            log.exception("import row %s refused by the database", rows[0].number)
            outcome = BatchOutcome(failed=1)
            outcome.errors.append((rows[0].number, RowError(None, _("This row could not be saved."))))
            return outcome
    # One row spoiled the batch: import them one by one so the others are not lost.
    outcome = BatchOutcome()
    for row in rows:
        outcome.add(
            customers_import_batch(
                actor=actor, rows=[row], choices=choices, into_pool=into_pool, job=job, file_rows=earlier
            )
        )
    return outcome


def repeats_row(number: int | None) -> RowError:
    """The note of a row with the very values of an earlier row of its file (not imported twice)."""
    if number is None:  # in a part of the file imported before the job was resumed
        message = _("Skipped: the same as an earlier row of this file.")
    else:
        message = _("Skipped: the same as row %(row)d of this file.") % {"row": number}
    return RowError(None, message, kind="skipped")


def _plan(actor, rows, choices, into_pool, job, earlier: dict[str, int], *, dry_run) -> BatchOutcome:
    workspace = actor.workspace
    outcome = BatchOutcome()
    policy = crm_settings(workspace).duplicate_policy
    owner = None if into_pool else (actor if permissions.can_own_customers(actor) else None)

    valid = []
    for row in rows:
        if row.ok:
            valid.append(row)
        else:
            outcome.failed += 1
            outcome.errors += [(row.number, e) for e in row.errors]
    condition, params = column_in("row_hash", [r.row_hash for r in valid])
    imported_by = dict(
        fetch(
            f"SELECT row_hash, job_id FROM {ImportedRow._meta.db_table} "  # noqa: S608 (no input)
            f"WHERE workspace_id = %s AND {condition}",
            [workspace.pk, *params],
        )
    )
    fresh = []
    for row in valid:
        first = earlier.get(row.row_hash, outcome.first_rows.get(row.row_hash))
        if first is not None:
            outcome.skipped += 1
            outcome.errors.append((row.number, repeats_row(first)))
        elif row.row_hash in imported_by:
            if job is not None and imported_by[row.row_hash] == job.pk:
                outcome.skipped += 1
                outcome.errors.append((row.number, repeats_row(None)))
            else:
                outcome.repeated += 1
        else:
            outcome.first_rows[row.row_hash] = row.number
            fresh.append(row)

    keysets = [r.keys if r.keys is not None else row_keys(r) for r in fresh]
    found = candidates_for(workspace, keysets)
    chosen = _chosen_targets(workspace, choices)
    new: list[NewCustomer] = []
    pending_keys: dict[tuple[str, str], NewCustomer] = {}
    merges: list[tuple[ImportRow, Candidate]] = []
    imported: list[ImportRow] = []
    for row, keys, candidates in zip(fresh, keysets, found, strict=True):
        choice = choices.get(str(row.number))
        same = next(
            (pending_keys[(k, v)] for k, vs in keys.items() for v in vs if (k, v) in pending_keys), None
        )
        if same is not None and choice is None:
            # Another row of this batch named the same company: one customer, one more contact.
            if row.contacts and not same_contact(row.contacts[0], same.contacts):
                same.contacts.append(row.contacts[0])
                same.keys = None
                _remember(pending_keys, row_keys(row), same)
                outcome.merged += 1
            else:
                outcome.skipped += 1
            imported.append(row)
            continue
        if choice and choice.get("action") == MERGE and str(choice.get("into")) in chosen:
            candidates = [*candidates, chosen[str(choice["into"])]]
        decision = decide(actor, candidates=candidates, policy=policy, choice=choice)
        if decision.error:
            outcome.failed += 1
            outcome.errors.append((row.number, decision.error))
        elif decision.action == CREATE:
            item = NewCustomer(row=row, contacts=list(row.contacts), keys=keys)
            new.append(item)
            _remember(pending_keys, keys, item)
            imported.append(row)
        elif decision.action == MERGE:
            merges.append((row, decision.into))
            imported.append(row)
        else:
            outcome.skipped += 1
            if decision.note:
                outcome.errors.append((row.number, decision.note))
    if not dry_run:
        insert_new(actor, new, owner=owner, now=timezone.now(), job=job)
        outcome.customer_ids += [item.customer_id for item in new]
    outcome.created += len(new)
    for (row, into), result in zip(
        merges, merge_contacts(actor, merges, job=job, dry_run=dry_run), strict=True
    ):
        if isinstance(result, RowError):
            outcome.failed += 1
            outcome.errors.append((row.number, result))
            imported.remove(row)
        elif result:
            outcome.merged += 1
        else:
            outcome.skipped += 1
            outcome.errors.append((row.number, _nothing_new(row, into)))
    if dry_run:
        return outcome
    # No ON CONFLICT here: a row another job imported meanwhile must fail this batch (then retried row by
    # row, when it is recognised as imported), not be created twice.
    insert_values(
        ImportedRow,
        ["workspace_id", "job_id", "row_hash"],
        [(workspace.pk, job.pk if job else None, r.row_hash) for r in imported],
    )
    return outcome


def _remember(pending_keys: dict, keys: dict[str, set[str]], item: NewCustomer) -> None:
    for kind, values in keys.items():
        for value in values:
            pending_keys.setdefault((kind, value), item)


def _nothing_new(row: ImportRow, into: Candidate) -> RowError:
    if row.contacts:
        target = "contact_emails" if row.contacts[0]["emails"] else "contact_name"
        message = _("Skipped: %(customer)s has this contact already.")
    else:
        target, message = "name", _("Skipped: %(customer)s is there already, and the row has no contact.")
    return RowError(target, message % {"customer": into.name}, kind="skipped")
