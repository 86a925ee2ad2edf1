"""Links from one record to another ("subjects"): a task about a customer, an activity about an order.

A subject is stored as (kind, public id) — `SubjectMixin` gives a model the two columns. Each app registers
the kinds it owns with a *batch* resolver: given a member and many ids, it finds the records inside the
member's workspace that the member may open, in one query, and returns their label and URL (made with
`reverse()`). A link to something missing or not visible resolves to nothing, so it shows as unavailable
instead of leaking it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from uuid import UUID

# (membership, ids) -> {id: (label, url)} for the ids the member may open.
Resolver = Callable[[object, list[UUID]], dict[UUID, tuple[str, str]]]
_RESOLVERS: dict[str, tuple[str, Resolver]] = {}


@dataclass(frozen=True)
class SubjectRef:
    kind: str
    id: UUID
    label: str
    url: str


def subject_kind_register(kind: str, label, resolver: Resolver) -> None:
    _RESOLVERS[kind] = (label, resolver)


def subject_kinds() -> dict[str, str]:
    return {kind: label for kind, (label, _r) in _RESOLVERS.items()}


def _uuid(value) -> UUID | None:
    try:
        return value if isinstance(value, UUID) else UUID(str(value))
    except ValueError:
        return None


def subjects_resolve(membership, refs: Iterable[tuple[str, object]]) -> dict[tuple[str, UUID], SubjectRef]:
    """Resolve many subjects with one query per kind. Keys are (kind, UUID); unresolvable ones are absent."""
    wanted: dict[str, set[UUID]] = {}
    for kind, public_id in refs:
        uid = _uuid(public_id) if public_id else None
        if kind in _RESOLVERS and uid is not None:
            wanted.setdefault(kind, set()).add(uid)
    found: dict[tuple[str, UUID], SubjectRef] = {}
    for kind, ids in wanted.items():
        for uid, (label, url) in _RESOLVERS[kind][1](membership, sorted(ids)).items():
            found[(kind, uid)] = SubjectRef(kind=kind, id=uid, label=label, url=url)
    return found


def subject_resolve(membership, kind: str, public_id) -> SubjectRef | None:
    if not kind or not public_id:
        return None
    uid = _uuid(public_id)
    return subjects_resolve(membership, [(kind, uid)]).get((kind, uid)) if uid else None
