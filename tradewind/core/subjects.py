"""Links from one record to another ("subjects"): a task about a customer, a notification about an order.

A subject is stored as (kind, public id). Each app registers the kinds it owns with a resolver that finds
the record *inside the caller's workspace* and returns its label and URL — or None, so a link to something
the member may not see shows as unavailable instead of leaking it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class SubjectRef:
    kind: str
    id: UUID
    label: str
    url: str


Resolver = Callable[[object, UUID], tuple[str, str] | None]  # (membership, id) -> (label, url) | None
_RESOLVERS: dict[str, tuple[str, Resolver]] = {}


def subject_kind_register(kind: str, label: str, resolver: Resolver) -> None:
    _RESOLVERS[kind] = (label, resolver)


def subject_kinds() -> dict[str, str]:
    return {kind: label for kind, (label, _r) in _RESOLVERS.items()}


def subject_resolve(membership, kind: str, public_id) -> SubjectRef | None:
    if not kind or not public_id or kind not in _RESOLVERS:
        return None
    try:
        found = _RESOLVERS[kind][1](membership, UUID(str(public_id)))
    except ValueError:
        return None
    if found is None:
        return None
    label, url = found
    return SubjectRef(kind=kind, id=UUID(str(public_id)), label=label, url=url)
