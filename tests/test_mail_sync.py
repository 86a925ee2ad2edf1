"""Connecting a mailbox and syncing it, against a real IMAP server (Dovecot) and a real SMTP server (aiosmtpd)
started by tests/mailservers.py: each failure of the connection test said for what it is and nothing kept;
the password sealed; Chinese mail, a 10 MB attachment and a broken message stored once each; a second pass
and a renumbered folder (new UIDVALIDITY) store nothing twice; messages land on the customer they are
with, by a contact's address or the company's domain, in threads."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import mail_samples as samples
from tests.factories import CustomerFactory
from tradewind.core.errors import PermissionDenied
from tradewind.core.sealed import seal
from tradewind.mail.choices import Direction, Security, SyncState
from tradewind.mail.connection import MailServerRefused
from tradewind.mail.models import MailAttachment, Mailbox, MailFolder, MailMessage
from tradewind.mail.services import Servers, mailbox_connect, mailbox_sync
from tradewind.workspaces.choices import Role

MB = 1024 * 1024


@pytest.fixture
def account(imap_server, smtp_server):
    """A mail account on both servers: (address, password)."""
    address, password = imap_server.add_user()
    smtp_server.add_user(address, password)
    return address, password


def servers(imap_server, smtp_server, account, **changes) -> Servers:
    values = {
        "imap_host": imap_server.host,
        "imap_port": imap_server.port,
        "imap_security": Security.NONE,
        "smtp_host": smtp_server.host,
        "smtp_port": smtp_server.port,
        "smtp_security": Security.NONE,
        "username": account[0],
        "password": account[1],
        **changes,
    }
    return Servers(**values)


@pytest.fixture
def connect(imap_server, smtp_server, account, django_capture_on_commit_callbacks):
    """connect(actor, **server changes) -> the mailbox, its first sync run (as the worker would)."""

    def run(actor, **changes):
        with django_capture_on_commit_callbacks(execute=True):
            return mailbox_connect(
                actor=actor,
                address=account[0],
                servers=servers(imap_server, smtp_server, account, **changes),
                sync_since=dt.date(2020, 1, 1),
            )

    return run


def refused(call) -> MailServerRefused:
    with pytest.raises(MailServerRefused) as caught:
        call()
    return caught.value


def test_each_failure_of_the_test_is_said_and_nothing_is_kept(
    member_factory, connect, imap_server, smtp_server, account
):
    rep = member_factory(Role.SALES)
    assert refused(lambda: connect(rep, password="wrong")).code == "password"
    assert refused(lambda: connect(rep, imap_host="no-such-host.invalid")).code == "dns"
    from tests.processes import free_port

    assert refused(lambda: connect(rep, imap_port=free_port())).code == "unreachable"
    tls = {"imap_port": imap_server.tls_port, "imap_security": Security.TLS}
    assert refused(lambda: connect(rep, **tls)).code == "certificate"
    with pytest.raises(PermissionDenied):  # only an administrator accepts a self-signed certificate
        connect(rep, allow_self_signed=True, **tls)
    assert refused(lambda: connect(rep, smtp_port=free_port())).field == "smtp_port"
    assert not Mailbox.objects.exists()


def test_an_administrator_may_accept_a_self_signed_certificate(member_factory, connect, imap_server):
    admin = member_factory(Role.ADMIN)
    mailbox = connect(
        admin, imap_port=imap_server.tls_port, imap_security=Security.TLS, allow_self_signed=True
    )
    assert mailbox.state == SyncState.NEW and Mailbox.objects.get().state == SyncState.OK


def test_the_password_is_sealed_and_the_sent_folder_found(member_factory, connect, account):
    mailbox = connect(member_factory(Role.SALES))
    assert account[1] not in mailbox.password_sealed
    assert mailbox.sync_folders == ["INBOX", "Sent"]


def test_chinese_mail_a_big_attachment_and_a_broken_message_are_stored_once(
    member_factory, connect, imap_server, account
):
    for raw in (samples.gbk(), samples.big5(), samples.with_attachment(size=10 * MB), samples.malformed()):
        imap_server.deliver(account, raw)
    mailbox = connect(member_factory(Role.SALES))
    subjects = set(MailMessage.objects.values_list("subject", flat=True))
    assert subjects == {"询价：电热水壶（镕）", "詢價：保溫杯", "Signed PI attached", "broken"}
    attachment = MailAttachment.objects.select_related("file").get()
    assert attachment.file.original_name == "报价单 Q-2026-0042.pdf" and attachment.file.size > 10 * MB - 100
    assert MailMessage.objects.get(subject="broken").parse_note
    again = mailbox_sync(mailbox_id=mailbox.pk)
    assert (again.stored, again.known) == (0, 0) and MailMessage.objects.count() == 4
    mailbox.refresh_from_db()
    assert mailbox.state == SyncState.OK and mailbox.last_synced_at is not None


def test_a_renumbered_folder_is_read_again_without_duplicates(member_factory, connect, imap_server, account):
    imap_server.deliver(account, samples.plain(subject="first"))
    imap_server.deliver(account, samples.plain(subject="second"))
    mailbox = connect(member_factory(Role.SALES))
    folder = MailFolder.objects.get(mailbox=mailbox, name="INBOX")
    assert folder.last_uid == 2
    MailFolder.objects.filter(pk=folder.pk).update(
        uidvalidity=folder.uidvalidity - 1
    )  # as after a renumbering
    imap_server.deliver(account, samples.plain(subject="third"))
    report = mailbox_sync(mailbox_id=mailbox.pk)
    assert (report.stored, report.known) == (1, 2)
    assert sorted(MailMessage.objects.values_list("subject", flat=True)) == ["first", "second", "third"]


def test_messages_land_on_their_customer_and_in_threads(member_factory, connect, imap_server, account):
    rep = member_factory(Role.SALES)
    hausmann = CustomerFactory(
        actor=rep,
        name="Hausmann GmbH",
        website="https://hausmann.de",
        contacts=[{"name": "Hans", "emails": ["hans@hausmann.de"]}],
    )
    gmail_buyer = CustomerFactory(
        actor=rep,
        name="Lagos Home",
        country="NG",
        contacts=[{"name": "Ade", "emails": ["ade.lagos@gmail.com"]}],
    )
    first = samples.plain(message_id="<q1@hausmann.de>")
    imap_server.deliver(account, first)
    imap_server.deliver(
        account,
        samples.plain(
            sender="Anna <anna@hausmann.de>",  # not a contact: the company's domain
            subject="Re: Inquiry: kettles",
            message_id="<q2@hausmann.de>",
            in_reply_to="<q1@hausmann.de>",
            references="<q1@hausmann.de>",
        ),
    )
    imap_server.deliver(account, samples.plain(sender="ade.lagos@gmail.com", subject="Price?"))
    imap_server.deliver(account, samples.plain(sender="someone@gmail.com", subject="Spam"))
    sent = samples.plain(sender=account[0], to="Hans <hans@hausmann.de>", subject="Quotation Q-2026-0042")
    imap_server.deliver(account, sent, folder="Sent")
    connect(rep)
    by_subject = {m.subject: m for m in MailMessage.objects.all()}
    assert by_subject["Inquiry: kettles"].customer == hausmann
    assert by_subject["Re: Inquiry: kettles"].customer == hausmann
    assert by_subject["Re: Inquiry: kettles"].thread_id == by_subject["Inquiry: kettles"].thread_id
    assert by_subject["Price?"].customer == gmail_buyer
    assert by_subject["Spam"].customer is None  # gmail.com names no company
    quotation = by_subject["Quotation Q-2026-0042"]
    assert quotation.direction == Direction.SENT and quotation.customer == hausmann
    assert by_subject["Inquiry: kettles"].thread.message_count == 2


@pytest.mark.slow
def test_a_sync_killed_midway_resumes_with_nothing_twice_and_nothing_skipped(
    transactional_db, member_factory, imap_server, smtp_server, account
):
    """The worker is SIGKILLed while it stores a folder of 200 messages; the next pass stores the rest."""
    import signal
    import subprocess
    import time

    from tests.processes import PYTHON, child_env

    rep = member_factory(Role.SALES)
    client = imap_server.imap(*account)
    for n in range(200):
        raw = samples.plain(subject=f"Order update {n:03d}", message_id=f"<u{n}@hausmann.de>")
        client.append("INBOX", None, None, raw)
    client.logout()
    mailbox = Mailbox.objects.create(
        workspace=rep.workspace, owner=rep, address=account[0], imap_host=imap_server.host,
        imap_port=imap_server.port, imap_security=Security.NONE, smtp_host=smtp_server.host,
        smtp_port=smtp_server.port, smtp_security=Security.NONE, username=account[0],
        password_sealed=seal(account[1]), sync_folders=["INBOX"], sync_since=dt.date(2020, 1, 1),
    )  # fmt: skip
    code = (
        "import django; django.setup();"
        "from tradewind.mail.services import sync; sync.BATCH_MESSAGES = 5;"
        f"sync.mailbox_sync(mailbox_id={mailbox.pk})"
    )
    worker = subprocess.Popen(
        [PYTHON, "-c", code], env=child_env(DJANGO_SETTINGS_MODULE="tradewind.settings")
    )
    deadline = time.monotonic() + 60
    while MailMessage.objects.filter(mailbox=mailbox).count() < 40:
        assert worker.poll() is None, "the sync ended before it could be interrupted"
        assert time.monotonic() < deadline, "the sync did not start"
        time.sleep(0.02)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    stored = MailMessage.objects.filter(mailbox=mailbox).count()
    assert 40 <= stored < 200
    report = mailbox_sync(mailbox_id=mailbox.pk)
    subjects = list(MailMessage.objects.filter(mailbox=mailbox).values_list("subject", flat=True))
    assert len(subjects) == 200 and len(set(subjects)) == 200
    assert report.stored == 200 - stored


def test_an_inquiry_mailbox_makes_one_inquiry_per_new_thread_from_then_on(
    member_factory, connect, imap_server, account
):
    import email.utils

    from django.utils import timezone

    from tradewind.mail.services import mailbox_update
    from tradewind.trade.inquiries.choices import CreatedVia
    from tradewind.trade.inquiries.models import Inquiry

    manager, rep = member_factory(Role.MANAGER), member_factory(Role.SALES)
    hausmann = CustomerFactory(
        actor=rep, name="Hausmann GmbH", contacts=[{"name": "Hans", "emails": ["hans@hausmann.de"]}]
    )
    imap_server.deliver(account, samples.plain(subject="Last year's inquiry"))  # before: never one
    mailbox = connect(manager)
    with pytest.raises(PermissionDenied):  # a viewer's role adds no inquiries
        mailbox_update(actor=member_factory(Role.VIEWER), mailbox=mailbox, display_name="", signature="",
                       creates_inquiries=True)  # fmt: skip
    mailbox_update(
        actor=manager, mailbox=mailbox, display_name="Inquiries", signature="", creates_inquiries=True
    )
    now = email.utils.format_datetime(timezone.now() + dt.timedelta(seconds=5))
    first = "<n1@hausmann.de>"
    imap_server.deliver(account, samples.plain(subject="Inquiry: 2,000 kettles", message_id=first, date=now))
    reply = samples.plain(subject="Re: Inquiry: 2,000 kettles", in_reply_to=first, references=first, date=now)
    imap_server.deliver(account, reply)
    imap_server.deliver(
        account, samples.plain(sender=rep.user.email, subject="Lunch?", date=now)
    )  # a colleague
    mailbox_sync(mailbox_id=mailbox.pk)
    mailbox_sync(mailbox_id=mailbox.pk)
    (inquiry,) = Inquiry.objects.all()
    assert inquiry.created_via == CreatedVia.EMAIL and inquiry.buyer_email == "hans@hausmann.de"
    assert inquiry.customer == hausmann and "2,000 kettles" in inquiry.message
    assert MailMessage.objects.get(subject="Inquiry: 2,000 kettles").thread.inquiry == inquiry
    mailbox_update(actor=manager, mailbox=mailbox, display_name="", signature="", creates_inquiries=False)
    imap_server.deliver(account, samples.plain(subject="Another", date=now))
    mailbox_sync(mailbox_id=mailbox.pk)
    assert Inquiry.objects.count() == 1
