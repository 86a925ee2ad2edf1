"""The demo's e-mail: Amy's mailbox (paused — the demo needs no mail server) holding threads with her
customers' buyers in English and Chinese, stored as a sync would store them, so they are on the customers'
timelines; two templates. Messages go through the same parser and store as synced ones."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid

from django.utils import timezone

from tradewind.core.sealed import seal
from tradewind.crm.models import Customer
from tradewind.mail.choices import Direction, Security, SyncState
from tradewind.mail.matching import mailbox_matcher
from tradewind.mail.models import Mailbox, MailTemplate
from tradewind.mail.parsing import message_parse
from tradewind.mail.services.sync import message_store

AMY = "amy.liu@haichao.example"
SIGNATURE = "Amy Liu\nSales Manager · Ningbo Haichao Trading\n+86 574 8888 1234"
FOLLOW_UP = (
    "Dear {{ contact_name }},\n\nI hope you received our quotation {{ quotation_number }}. Do you have any "
    "questions about the prices or the delivery time?\n\nBest regards,\n{{ signature }}"
)
FOLLOW_UP_ZH = (
    "{{ contact_name }} 您好：\n\n请问您收到我们的报价单 {{ quotation_number }} 了吗？如对价格或交期有任何"
    "问题，请随时联系我。\n\n{{ signature }}"
)

THREADS = [
    (
        "Inquiry: electric kettles KT-1200, 2,000 pcs",
        "Hello Amy,\n\nplease quote 2,000 pcs KT-1200 (1.7 L, CE/GS), FOB Ningbo, delivery in March.\n"
        "Could you also send the test report?\n\nBest regards",
        "Dear {name},\n\nthank you for your inquiry. Our price is USD 12.40/pc FOB Ningbo for 2,000 pcs, "
        "30% deposit and 70% against the B/L copy. Delivery 35 days after the deposit.\n"
        "The GS test report is attached to the quotation.\n\nBest regards,\nAmy Liu",
        "Thank you Amy. The price is a little high for us — can you do USD 11.90 for 3,000 pcs?",
    ),
    (
        "Samples for the spring catalogue",
        "Hi Amy,\n\nwe would like two samples each of the 1.5 L and 1.7 L kettles in matte black.\n"
        "Please send them by DHL on our account 9601234.",
        "Dear {name},\n\nthe samples leave tomorrow by DHL on your account; the waybill follows.\n\n"
        "Best regards,\nAmy",
        "您好 Amy，样品已经收到，质量很好。我们下周确认订单数量。",
    ),
    (
        "Shipping documents for PI-2026-0007",
        "Dear Amy,\n\nour bank needs the original B/L, the invoice and the packing list by Friday.",
        "Dear {name},\n\nthe documents went by DHL today (waybill 1234567890).\n\nBest regards,\nAmy",
        "",
    ),
]


def _raw(*, sender, to, subject, body, when, message_id, reply_to=None) -> bytes:
    message = EmailMessage()
    message["From"] = formataddr(sender)
    message["To"] = formataddr(to)
    message["Subject"] = subject
    message["Date"] = format_datetime(when)
    message["Message-ID"] = message_id
    if reply_to:
        message["In-Reply-To"] = reply_to
        message["References"] = reply_to
    message.set_content(body)
    return message.as_bytes()


def demo_mail(*, workspace, members_by_email) -> None:
    amy = members_by_email.get(AMY)
    if amy is None or Mailbox.objects.filter(workspace=workspace).exists():
        return  # the demo is made once
    mailbox = Mailbox.objects.create(
        workspace=workspace, owner=amy, address=AMY, display_name="Amy Liu", provider="exmail",
        imap_host="imap.exmail.qq.com", imap_port=993, imap_security=Security.TLS,
        smtp_host="smtp.exmail.qq.com", smtp_port=465, smtp_security=Security.TLS, username=AMY,
        password_sealed=seal("demo — no server"), sync_folders=["INBOX", "Sent Messages"],
        sync_since=timezone.localdate() - dt.timedelta(days=90), state=SyncState.PAUSED,
        last_synced_at=timezone.now(), signature=SIGNATURE,
    )  # fmt: skip
    matcher = mailbox_matcher(mailbox)
    customers = [
        c
        for c in Customer.objects.filter(workspace=workspace, owner=amy).prefetch_related("contacts")[:10]
        if any(contact.emails for contact in c.contacts.all())
    ][: len(THREADS)]
    now = timezone.now()
    for n, (customer, (subject, ask, answer, again)) in enumerate(zip(customers, THREADS, strict=False)):
        contact = next(c for c in customer.contacts.all() if c.emails)
        buyer = (contact.name, contact.emails[0])
        start = now - dt.timedelta(days=20 - 6 * n, hours=3)
        first = make_msgid(domain=buyer[1].rpartition("@")[2])
        amy_address = ("Amy Liu", AMY)
        reply_id = make_msgid(domain="haichao.example")
        steps = [
            (buyer, amy_address, subject, ask, first, None, Direction.RECEIVED),
            (
                amy_address,
                buyer,
                f"Re: {subject}",
                answer.format(name=contact.name),
                reply_id,
                first,
                Direction.SENT,
            ),
        ]
        if again:
            later_id = make_msgid(domain=buyer[1].rpartition("@")[2])
            steps.append(
                (buyer, amy_address, f"Re: {subject}", again, later_id, reply_id, Direction.RECEIVED)
            )
        for i, (sender, to, title, body, message_id, reply_to, direction) in enumerate(steps):
            when = start + dt.timedelta(days=i, hours=2 * i)
            raw = _raw(
                sender=sender,
                to=to,
                subject=title,
                body=body,
                when=when,
                message_id=message_id,
                reply_to=reply_to,
            )
            message_store(
                mailbox=mailbox, parsed=message_parse(raw, received_at=when),
                folder="INBOX" if direction == Direction.RECEIVED else "Sent Messages", uid=None,
                direction=direction, matcher=matcher,
            )  # fmt: skip
    MailTemplate.objects.bulk_create(
        [
            MailTemplate(
                workspace=workspace, created_by=amy, name="Quotation follow-up", language="en",
                subject="Our quotation {{ quotation_number }} for {{ company }}",
                body=FOLLOW_UP,
            ),
            MailTemplate(
                workspace=workspace, created_by=amy, name="报价跟进", language="zh-hans",
                subject="关于报价单 {{ quotation_number }}",
                body=FOLLOW_UP_ZH,
            ),
        ]
    )  # fmt: skip
