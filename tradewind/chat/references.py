"""Tradewind objects named in a message, shown as cards with their current state.

A message names an object by its number — T-12 (a task), Q-2026-0001 or Q-2026-0001-R2 (a quotation),
PI-2026-0001 (an order) — or by a link to its page in this workspace (customers have no number: their
link is how they are named). The card is made for each reader when the message is shown, so it says
the object's state now, and only to a reader who may see the object: anyone else sees the text as typed.
Looked up once per page of messages, a query per kind named.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tradewind.core.money import money_format

CARDS_PER_MESSAGE = 5
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
# A number stands alone: not inside a longer number (PI-2026-0001-S1 is a shipment, not the order).
_NUMBERS = re.compile(
    r"(?<![\w-])(?:(?P<task>T-\d{1,9})|(?P<quotation>Q-\d{4}-\d{4,}(?:-R\d{1,3})?)|(?P<order>PI-\d{4}-\d{4,}))"
    r"(?![\w-])"
)
_LINKS = re.compile(rf"/w/(?P<slug>[\w-]+)/(?P<kind>customers|tasks|quotations|orders)/(?P<id>{_UUID})/")
_LINK_KINDS = {"customers": "customer", "tasks": "task", "quotations": "quotation", "orders": "order"}


@dataclass(frozen=True)
class Reference:
    kind: str  # customer, task, quotation, order
    key: str  # a number ("PI-2026-0001", "12" for T-12) or a public id


@dataclass(frozen=True)
class Card:
    kind: str
    reference: str  # what was named: "PI-2026-0001", or the customer's name
    title: str
    state: str
    details: str
    url: str


def references_in(body: str, slug: str) -> list[Reference]:
    """The objects `body` names, each once, in order, at most CARDS_PER_MESSAGE (links to another
    workspace are not references)."""
    found: list[Reference] = []
    for match in _NUMBERS.finditer(body or ""):
        kind = match.lastgroup
        text = match.group(kind)
        found.append(Reference(kind, text.removeprefix("T-") if kind == "task" else text.upper()))
    for match in _LINKS.finditer(body or ""):
        if match.group("slug") == slug:
            found.append(Reference(_LINK_KINDS[match.group("kind")], str(uuid.UUID(match.group("id")))))
    unique = list(dict.fromkeys(found))
    return unique[:CARDS_PER_MESSAGE]


def reference_parse(text: str, slug: str) -> Reference | None:
    """One reference typed on its own (the API's look-up): a number or a link."""
    found = references_in((text or "").strip(), slug)
    return found[0] if found else None


def cards_for(membership, bodies: dict[int, str]) -> dict[int, list[Card]]:
    """{key: the cards `membership` may see} for {key: message text}."""
    slug = membership.workspace.slug
    named = {key: references_in(body, slug) for key, body in bodies.items()}
    wanted: dict[str, set[str]] = {}
    for refs in named.values():
        for ref in refs:
            wanted.setdefault(ref.kind, set()).add(ref.key)
    if not wanted:
        return {}
    cards: dict[Reference, Card] = {}
    for kind, keys in wanted.items():
        cards.update(_LOOKUPS[kind](membership, keys))
    shown = {key: [cards[r] for r in refs if r in cards] for key, refs in named.items()}
    return {key: found for key, found in shown.items() if found}


def card_lookup(membership, text: str) -> Card | None:
    ref = reference_parse(text, membership.workspace.slug)
    if ref is None:
        return None
    return _LOOKUPS[ref.kind](membership, {ref.key}).get(ref)


# --- one look-up per kind: {Reference: Card} of the objects the member may see ------------------------
def _ids(keys) -> list[str]:
    return [k for k in keys if re.fullmatch(_UUID, k)]


TASK_FIELDS = ("public_id", "number", "title", "status", "due_date", "assignee__user__full_name",
               "assignee__user__email")  # fmt: skip


def _tasks(membership, keys) -> dict:
    from tradewind.tasks.models import Task

    numbers = [int(k) for k in keys if k.isdigit()]
    rows = (
        Task.objects.filter(workspace_id=membership.workspace_id)
        .select_related("assignee__user")
        .only(*TASK_FIELDS)
    )
    found = {}
    for task in rows.filter(
        Q(number__in=numbers) | Q(public_id__in=_ids(keys))
    ):  # every member sees the workspace's tasks
        details = [task.assignee.user.display_name if task.assignee else _("Unassigned")]
        if task.due_date:
            details.append(_("due %(date)s") % {"date": date_format(task.due_date, "SHORT_DATE_FORMAT")})
        card = Card(
            "task", f"T-{task.number}", task.title, task.get_status_display(), " · ".join(details),
            reverse("tasks:detail", args=[membership.workspace.slug, task.public_id]),
        )  # fmt: skip
        found[Reference("task", str(task.number))] = card
        found[Reference("task", str(task.public_id))] = card
    return found


def _documents(membership, keys, model, kind: str, url_name: str) -> dict:
    from tradewind.trade import permissions

    rows = (
        model.objects.filter(workspace_id=membership.workspace_id)
        .select_related("customer")
        .only("public_id", "number", "status", "total", "currency", "customer__name", "customer__owner")
    )
    numbers = [k for k in keys if not re.fullmatch(_UUID, k)]
    rows = rows.filter(Q(number__in=numbers) | Q(public_id__in=_ids(keys)))
    found = {}
    language = get_language()
    for document in rows:
        if not permissions.can_see(membership, document):
            continue
        card = Card(
            kind, document.number, document.customer.name, document.get_status_display(),
            money_format(document.total_money, language),
            reverse(url_name, args=[membership.workspace.slug, document.public_id]),
        )  # fmt: skip
        found[Reference(kind, document.number.upper())] = card
        found[Reference(kind, str(document.public_id))] = card
    return found


def _quotations(membership, keys) -> dict:
    from tradewind.trade.models import Quotation

    return _documents(membership, keys, Quotation, "quotation", "trade:quotation")


def _orders(membership, keys) -> dict:
    from tradewind.trade.models import Order

    return _documents(membership, keys, Order, "order", "trade:order")


def _customers(membership, keys) -> dict:
    from tradewind.core.geo import country_name
    from tradewind.crm import permissions
    from tradewind.crm.models import Customer

    rows = Customer.objects.filter(workspace_id=membership.workspace_id, public_id__in=_ids(keys))
    found = {}
    for customer in rows.select_related("owner__user"):
        if not permissions.can_see_details(membership, customer):
            continue
        owner = customer.owner.user.display_name if customer.owner else _("Public pool")
        found[Reference("customer", str(customer.public_id))] = Card(
            "customer", customer.name, customer.name, customer.get_stage_display(),
            f"{country_name(customer.country)} · {owner}",
            reverse("crm:detail", args=[membership.workspace.slug, customer.public_id]),
        )  # fmt: skip
    return found


_LOOKUPS = {"task": _tasks, "quotation": _quotations, "order": _orders, "customer": _customers}
