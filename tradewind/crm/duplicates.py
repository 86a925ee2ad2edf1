"""The duplicate check (查重): does this company exist in the workspace already, and whose is it?"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz

from tradewind.crm.models import Customer, CustomerKey, CustomerNameToken
from tradewind.crm.normalize import email_domain, name_key, name_tokens, website_domain

FUZZY_THRESHOLD = 85
MAX_CANDIDATES = 300
RARE_TOKENS = 8

REASONS = {
    "name": _("same company name"),
    "email": _("same e-mail address"),
    "domain": _("same e-mail or web domain"),
    "phone": _("same phone number"),
    "fuzzy": _("similar name"),
}


@dataclass
class Match:
    customer: Customer
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (reason code, the value that matched)
    score: int = 0

    @property
    def exact(self) -> bool:
        return any(code != "fuzzy" for code, _value in self.reasons)

    @property
    def reason_labels(self) -> list[str]:
        # A name matches by its normalised key ("muller haushaltswaren"): the reason says enough without it.
        return [
            str(REASONS[code])
            if code == "name"
            else _("%(reason)s: %(value)s") % {"reason": REASONS[code], "value": value}
            for code, value in self.reasons
        ]


def customer_keys(*, name: str, emails, phones, website: str) -> dict[str, set[str]]:
    """The identifiers a customer is known by (phones are E.164 already). A website's domain and the
    domains of company e-mail addresses are one kind: buyer@acme.de and www.acme.de are the same firm.
    Every address is also a key of its own, free mail included: one person's gmail names one buyer (and
    the mail sync finds a sender's customer by it, mail/matching.py)."""
    domains = {d for d in (email_domain(e) for e in emails) if d}
    site = website_domain(website)
    if site:
        domains.add(site)
    key = name_key(name)
    return {
        "name": {key} if key else set(),
        "email": {e.strip().lower() for e in emails if e and "@" in e},
        "domain": domains,
        "phone": {p for p in phones if p},
    }


def _exact_matches(workspace, keys, matches: dict[int, Match]) -> None:
    # The workspace inside every branch of the OR: each branch is then one look-up in the
    # (workspace, kind, value) index (SQLite's MULTI-INDEX OR, PostgreSQL's BitmapOr) instead of a walk
    # through all the workspace's keys.
    condition = Q()
    for kind, values in keys.items():
        if values:
            condition |= Q(workspace=workspace, kind=kind, value__in=sorted(values))
    if not condition:
        return
    rows = CustomerKey.objects.filter(condition).values_list("customer_id", "kind", "value")
    for customer_id, kind, value in rows[:200]:
        match = matches.setdefault(customer_id, Match(customer=None))
        if (kind, value) not in match.reasons:
            match.reasons.append((kind, value))
        match.score = 100


def _fuzzy_matches(workspace, key: str, matches: dict[int, Match]) -> None:
    tokens = list(name_tokens(key))
    if not tokens:
        return
    # Candidates share at least two of the name's rarest pieces: a piece found in thousands of names
    # ("ing", "贸易") costs nothing, and one shared piece alone is chance.
    # COUNT(*), not COUNT(id): both queries are answered from the (workspace, token, customer) index alone.
    counts = dict(
        CustomerNameToken.objects.filter(workspace=workspace, token__in=tokens)
        .values("token")
        .annotate(n=Count("*"))
        .values_list("token", "n")
    )
    rare = sorted((t for t in tokens if counts.get(t)), key=lambda t: counts[t])[:RARE_TOKENS]
    if not rare:
        return
    needed = min(2, len(rare))
    candidates = (
        CustomerNameToken.objects.filter(workspace=workspace, token__in=rare)
        .values("customer_id")
        .annotate(shared=Count("*"))
        .filter(shared__gte=needed)
        .order_by("-shared")
        .values_list("customer_id", flat=True)[:MAX_CANDIDATES]
    )
    # The candidates as a subquery: one round trip, not 300 ids sent back to the database.
    for customer_id, other_key in (
        Customer.objects.filter(pk__in=candidates).order_by().values_list("pk", "name_key")
    ):
        score = round(fuzz.token_sort_ratio(key, other_key))
        if score < FUZZY_THRESHOLD:
            continue
        match = matches.setdefault(customer_id, Match(customer=None))
        match.score = max(match.score, score)
        if not match.reasons:
            match.reasons = [("fuzzy", f"{score}%")]


def duplicate_check(
    *, workspace, name: str, emails=(), phones=(), website: str = "", exclude_id: int | None = None
) -> list[Match]:
    """Customers that look like the proposed one, best first: exact key matches, then similar names."""
    keys = customer_keys(name=name, emails=emails, phones=phones, website=website)
    matches: dict[int, Match] = {}
    _exact_matches(workspace, keys, matches)
    _fuzzy_matches(workspace, name_key(name), matches)
    matches.pop(exclude_id, None)
    customers = Customer.objects.select_related("owner__user", "grade").in_bulk(list(matches))
    found = []
    for customer_id, match in matches.items():
        if customer_id in customers:
            match.customer = customers[customer_id]
            found.append(match)
    return sorted(found, key=lambda m: (not m.exact, -m.score, m.customer.name))
