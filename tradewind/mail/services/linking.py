"""E-mails that found no customer when they were synced, joined to one when it gets their address: a new
customer made from an unknown sender, or the sender added as a contact (crm's contacts hook).

Only the actor's own mail is looked at (their mailboxes and the shared ones they read): a colleague's
private mail is never pulled into a customer's history — where everyone who sees the customer would read
it — by someone else's new contact. Each e-mail is matched again by the same rules as in the sync
(matching.py), so an address that is a colleague's, or a domain two customers share, links nothing."""

from __future__ import annotations

from django.db.models import Q

from tradewind.mail.matching import counterpart, mailbox_matcher
from tradewind.mail.models import MailMessage
from tradewind.mail.selectors import readable_mailbox_ids
from tradewind.mail.services.sync import message_timeline_record

LINK_AT_MOST = 500  # the newest: a request must stay short; older ones remain findable in the mailbox


def messages_link_customer(*, actor, customer, emails) -> int:
    """Link the actor's unlinked e-mails with `emails` to `customer`, put them on its timeline; how many."""
    addresses = {e.strip().lower() for e in emails if e and "@" in e}
    mailbox_ids = readable_mailbox_ids(actor)
    if not addresses or not mailbox_ids:
        return 0
    mentions = Q()
    for address in addresses:
        mentions |= Q(from_address__iexact=address) | Q(to__icontains=address) | Q(cc__icontains=address)
    found = (
        MailMessage.objects.filter(
            workspace_id=customer.workspace_id, mailbox_id__in=mailbox_ids, customer__isnull=True
        )
        .filter(mentions)
        .select_related("mailbox__owner__user", "thread")
        .order_by("-sent_at", "-id")[:LINK_AT_MOST]
    )
    matchers, linked = {}, 0
    for message in found:
        if message.mailbox_id not in matchers:
            matchers[message.mailbox_id] = mailbox_matcher(message.mailbox)
        matcher = matchers[message.mailbox_id]
        side = counterpart(message.direction, message.from_address, message.to, message.cc)
        if matcher.customer_id(side) != customer.pk:
            continue
        message.customer = customer
        message.save(update_fields=["customer"])
        if message.thread.customer_id is None:
            message.thread.customer = customer
            message.thread.save(update_fields=["customer"])
        message_timeline_record(message.mailbox, message, message.thread)
        linked += 1
    return linked


def contacts_linked(*, actor, customer, emails) -> None:
    """crm's contacts hook."""
    messages_link_customer(actor=actor, customer=customer, emails=emails)
