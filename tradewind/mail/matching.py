"""Which customer an e-mail belongs to.

The other side of the message — its sender when received, its recipients when sent, the people copied in
either case, never the mailbox itself or a colleague — is looked up:
1. as an address one of the customer's contacts has (gmail and qq addresses included: a buyer often writes
   from one);
2. else by its domain, when that is a company's (free-mail domains excluded, as in the duplicate check) and
   exactly one customer is known by it.
The first address that finds a customer decides. One sync asks about each address once (`Matcher`).
"""

from __future__ import annotations

from tradewind.crm.models import CustomerKey
from tradewind.crm.normalize import email_domain
from tradewind.workspaces.models import Membership


def counterpart(direction: str, from_address: str, to, cc) -> list[str]:
    """The other side of an e-mail: the sender of a received one, the recipients of a sent one, and
    whoever was copied ([name, address] pairs as stored)."""
    from tradewind.mail.choices import Direction

    main = [a for _n, a in to] if direction == Direction.SENT else [from_address]
    return main + [a for _n, a in cc]


class Matcher:
    def __init__(self, workspace_id: int, own_addresses: set[str]):
        self.workspace_id = workspace_id
        self.own = {a.lower() for a in own_addresses}
        self._by_address: dict[str, int | None] = {}
        self._by_domain: dict[str, int | None] = {}

    def customer_id(self, addresses: list[str]) -> int | None:
        others = [a for a in dict.fromkeys(a.lower() for a in addresses) if a and a not in self.own]
        for address in others:
            found = self._address(address)
            if found:
                return found
        for address in others:
            domain = email_domain(address)
            found = domain and self._domain(domain)
            if found:
                return found
        return None

    def _address(self, address: str) -> int | None:
        if address not in self._by_address:
            # The duplicate check's e-mail keys (one per contact address, indexed): a text search of the
            # contacts' JSON lists read all 300k of them for each address (bench/README.md, "E-mail").
            customers = list(
                CustomerKey.objects.filter(workspace_id=self.workspace_id, kind="email", value=address[:200])
                .order_by("customer_id")
                .values_list("customer_id", flat=True)[:1]
            )
            self._by_address[address] = customers[0] if customers else None
        return self._by_address[address]

    def _domain(self, domain: str) -> int | None:
        if domain not in self._by_domain:
            customers = list(
                CustomerKey.objects.filter(workspace_id=self.workspace_id, kind="domain", value=domain)
                .values_list("customer_id", flat=True)
                .distinct()[:2]
            )
            self._by_domain[domain] = customers[0] if len(customers) == 1 else None
        return self._by_domain[domain]


def mailbox_matcher(mailbox) -> Matcher:
    """A matcher for one mailbox's messages: its own address and every colleague's are never the customer's
    side of a message."""
    colleagues = Membership.objects.filter(workspace_id=mailbox.workspace_id).values_list(
        "user__email", flat=True
    )
    return Matcher(mailbox.workspace_id, {mailbox.address, mailbox.username, *colleagues})
