"""The writes of an import batch: new customers with everything derived from them, contacts merged into
existing customers — in bulk (core/bulk.py), with the history entries the services would write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.activity.services import activities_insert
from tradewind.core.bulk import insert_rows, insert_values, insert_with_ids, uuid4_hex
from tradewind.core.labels import labels_named
from tradewind.crm import permissions
from tradewind.crm.choices import Channel
from tradewind.crm.derived import PROFILE_BLANKS, customer_index
from tradewind.crm.imports.rows import ImportRow, RowError
from tradewind.crm.models import (
    Contact,
    Customer,
    CustomerGrade,
    CustomerKey,
    CustomerNameToken,
    CustomerTag,
    Tag,
)
from tradewind.crm.normalize import fold
from tradewind.crm.timeline_events import event_kind

if TYPE_CHECKING:
    from tradewind.crm.imports.batch import Candidate


@dataclass
class NewCustomer:
    """A customer this batch will create, with the contacts of every row that named it."""

    row: ImportRow
    contacts: list[dict]
    keys: dict[str, set[str]] | None = None  # row_keys(row), while no other row's contact joined
    customer_id: int | None = None
    public_id: str = field(default_factory=uuid4_hex)  # known before the insert: its history names it


def same_contact(new: dict, existing: list[dict]) -> bool:
    """Whether `new` is one of `existing`: a shared e-mail, or the same name where one has no e-mail."""
    emails = set(new["emails"])
    for other in existing:
        if emails & set(other["emails"]):
            return True
        if fold(other["name"]) == fold(new["name"]) and (not emails or not other["emails"]):
            return True
    return False


def contacts_of(customer_ids) -> dict[int, list[dict]]:
    """The contacts of these customers (as same_contact compares them), by customer."""
    contacts: dict[int, list[dict]] = {pk: [] for pk in customer_ids}
    for contact in Contact.objects.filter(customer_id__in=list(contacts)).values(
        "customer_id", "name", "title", "emails", "phones", "whatsapp", "wechat", "is_primary"
    ):
        contacts[contact.pop("customer_id")].append(contact)
    return contacts


def merge_contacts(
    actor, merges: list[tuple[ImportRow, Candidate]], *, job=None, dry_run=False
) -> list[bool | RowError]:
    """Add each row's contact to the existing customer chosen for it (unless it has that contact already),
    as services.contact_save does — the first contact becomes primary, the customer is re-indexed — for
    all the batch's merges at once. Per row: True (added), False (nothing new) or the refusal.
    A dry run decides the same and writes nothing."""
    if not merges:
        return []
    customers = Customer.objects.in_bulk([into.pk for _row, into in merges])
    contacts = contacts_of(customers)
    results: list[bool | RowError] = []
    added, changed = [], {}
    for row, into in merges:
        customer = customers.get(into.pk)
        if customer is None or not permissions.can_edit(actor, customer):
            results.append(RowError("name", _("You cannot change this customer.")))
            continue
        if not row.contacts or same_contact(row.contacts[0], contacts[customer.pk]):
            results.append(False)
            continue
        contact = {**row.contacts[0], "is_primary": not contacts[customer.pk]}
        contacts[customer.pk].append(contact)
        added.append({"workspace_id": customer.workspace_id, "customer_id": customer.pk, **contact})
        changed[customer.pk] = customer
        results.append(True)
    if dry_run:
        return results
    insert_rows(Contact, added)
    _reindex(list(changed.values()), contacts)
    # The customer's history says where the new person came from, as contact_save's callers see it.
    now = timezone.now()
    public_ids = {pk: c.public_id for pk, c in customers.items()}
    activities_insert(
        {
            "workspace_id": contact["workspace_id"],
            "subject_kind": "crm.customer",
            "subject_id": public_ids[contact["customer_id"]],
            "kind": event_kind("contact_imported"),
            "actor_id": actor.pk,
            "at": now,
            "data": {
                "channel": Channel.SYSTEM,
                "name": contact["name"],
                "file": job.file_name if job else "",
                **({"import": str(job.public_id)} if job else {}),
            },
        }
        for contact in added
    )
    return results


def _reindex(customers: list[Customer], contacts: dict[int, list[dict]]) -> None:
    """services.customer_reindex for many customers: derived columns, keys and name tokens."""
    if not customers:
        return
    keys, tokens = [], []
    for customer in customers:
        found_keys, found_tokens = customer_index(customer, contacts[customer.pk])
        keys += [
            (customer.workspace_id, customer.pk, kind, value[:200])
            for kind, values in found_keys.items()
            for value in sorted(values)
        ]
        tokens += [(customer.workspace_id, customer.pk, token) for token in sorted(found_tokens)]
    # One prepared UPDATE per customer: bulk_update's CASE over the batch cost ~40 ms a batch.
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {Customer._meta.db_table} SET name_key = %s, search_text = %s, zone = %s "  # noqa: S608
            "WHERE id = %s",
            [(c.name_key, c.search_text, c.zone, c.pk) for c in customers],
        )
    pks = [c.pk for c in customers]
    CustomerKey.objects.filter(customer_id__in=pks).delete()
    CustomerNameToken.objects.filter(customer_id__in=pks).delete()
    insert_values(CustomerKey, ["workspace_id", "customer_id", "kind", "value"], keys)
    insert_values(CustomerNameToken, ["workspace_id", "customer_id", "token"], tokens)


def insert_new(actor, new: list[NewCustomer], *, owner, now, job) -> None:
    if not new:
        return
    workspace_id = actor.workspace_id
    tags = _tags(workspace_id, [t for item in new for t in item.row.tags])
    grade_ids = dict(
        CustomerGrade.objects.filter(
            workspace_id=workspace_id, code__in={item.row.grade for item in new if item.row.grade}
        ).values_list("code", "pk")
    )
    customers, indexes = [], []
    for item in new:
        contacts = [dict(c) for c in item.contacts]
        if contacts and not any(c["is_primary"] for c in contacts):
            contacts[0]["is_primary"] = True
        item.contacts = contacts
        # A plain namespace, not a Customer: a model instance costs more to build than to insert.
        customer = SimpleNamespace(**{**PROFILE_BLANKS, **item.row.profile})
        known = item.row.index if item.keys is not None else None  # computed by the reader
        if known is not None:
            customer.name_key, customer.search_text = known.name_key, known.search_text
            customer.zone = known.zone
            indexes.append((known.keys, known.tokens))
        else:
            indexes.append(customer_index(customer, contacts, keys=item.keys))
        customers.append(customer)
    ids = insert_with_ids(
        Customer,
        [
            {
                **vars(customer),
                "public_id": item.public_id,
                "workspace_id": workspace_id,
                "grade_id": grade_ids.get(item.row.grade),
                "owner_id": owner.pk if owner else None,
                "owned_since": now if owner else None,
            }
            for customer, item in zip(customers, new, strict=True)
        ],
    )
    for customer, item, pk in zip(customers, new, ids, strict=True):
        customer.pk = item.customer_id = pk
    insert_rows(
        Contact,
        [
            {"workspace_id": workspace_id, "customer_id": item.customer_id, **c}
            for item in new
            for c in item.contacts
        ],
    )
    # Sorted as their lookup indexes are, so each index page is visited once per batch, not per row.
    insert_values(
        CustomerKey,
        ["workspace_id", "customer_id", "kind", "value"],
        sorted(
            (
                (workspace_id, customer.pk, kind, value[:200])
                for customer, (keys, _tokens) in zip(customers, indexes, strict=True)
                for kind, values in keys.items()
                for value in values
            ),
            key=lambda row: (row[2], row[3]),
        ),
    )
    insert_values(
        CustomerNameToken,
        ["workspace_id", "customer_id", "token"],
        sorted(
            (
                (workspace_id, customer.pk, token)
                for customer, (_k, tokens) in zip(customers, indexes, strict=True)
                for token in tokens
            ),
            key=lambda row: row[2],
        ),
    )
    insert_values(
        CustomerTag,
        ["workspace_id", "customer_id", "tag_id"],
        [
            (workspace_id, item.customer_id, tags[key].pk)
            for item in new
            if item.row.tags
            for key in sorted({t.strip()[:40].lower() for t in item.row.tags if t.strip()})
        ],
    )
    event = {"channel": Channel.SYSTEM}
    if job:
        event.update(file=job.file_name, **{"import": str(job.public_id)})
    activities_insert(
        {
            "workspace_id": workspace_id,
            "subject_kind": "crm.customer",
            "subject_id": item.public_id,
            "kind": event_kind("imported" if job else "created"),
            "actor_id": actor.pk,
            "at": now,
            "data": {**event, "row": item.row.number} if job else event,
        }
        for item in new
    )


def _tags(workspace_id: int, names: list[str]) -> dict[str, Tag]:
    """The batch's tags by lower-case name, as services._set_tags finds and creates them."""
    return labels_named(label_model=Tag, workspace_id=workspace_id, names=names)
