"""An e-mail thread with no customer: who is on the other side, and what the member can do about it — add
the sender as a contact of a customer that looks like theirs (the duplicate check, on the address, the
company's domain and a name guessed from it), or make a new customer with the form filled in. Once the
address is a contact's, the member's e-mails with it join that customer (services/linking.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from tradewind.core import geo
from tradewind.crm import permissions as crm_permissions
from tradewind.crm.duplicates import duplicate_check
from tradewind.crm.normalize import email_domain
from tradewind.mail.matching import counterpart, mailbox_matcher

LOOKALIKES = 5
_TLD_COUNTRY = {"UK": "GB"}  # the one country code top-level domain that is not its ISO code


@dataclass
class Stranger:
    address: str
    name: str
    create_url: str | None  # the new-customer form, filled in; None when the member may not add customers
    lookalikes: list[tuple[object, str]] = field(default_factory=list)  # (customer, the add-contact URL)


def _country_of(domain: str | None) -> str:
    code = (domain or "").rsplit(".", 1)[-1].upper()
    code = _TLD_COUNTRY.get(code, code)
    return code if len(code) == 2 and code in geo.country_codes() else ""


def thread_stranger(membership, thread, mails) -> Stranger | None:
    """The first address on the other side of a thread without a customer (None when it has one)."""
    if thread.customer_id is not None or not mails:
        return None
    own = mailbox_matcher(thread.mailbox).own
    address, name = "", ""
    for m in mails:
        for candidate in counterpart(m.direction, m.from_address, m.to, m.cc):
            if candidate and candidate.lower() not in own:
                address = candidate
                name = m.from_name if candidate == m.from_address else next(
                    (n for n, a in m.to + m.cc if a == candidate), ""
                )  # fmt: skip
                break
        if address:
            break
    if not address:
        return None
    domain = email_domain(address)  # None for gmail, qq.com, 163.com…
    company = domain.split(".")[0].replace("-", " ").title() if domain else ""
    slug = membership.workspace.slug
    create_url = None
    if crm_permissions.can_create(membership):
        prefill = {"name": company, "website": domain or "", "country": _country_of(domain),
                   "contact-name": name, "contact-emails": address}  # fmt: skip
        create_url = (
            reverse("crm:create", args=[slug]) + "?" + urlencode({k: v for k, v in prefill.items() if v})
        )
    matches = duplicate_check(
        workspace=membership.workspace, name=company, emails=[address], website=domain or ""
    )
    lookalikes = []
    for match in matches:
        if len(lookalikes) == LOOKALIKES:
            break
        if crm_permissions.can_edit(membership, match.customer):
            query = urlencode({"name": name or address.split("@")[0], "emails": address})
            url = reverse("crm:contact_add", args=[slug, match.customer.public_id]) + "?" + query
            lookalikes.append((match.customer, url))
    return Stranger(address=address, name=name, create_url=create_url, lookalikes=lookalikes)
