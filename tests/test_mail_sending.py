"""Writing to buyers through the real SMTP server (aiosmtpd) and Dovecot: an e-mail goes once, with its
attachment and as a reply in its thread, lands in the Sent folder and on the customer's timeline; a send
that a dead worker left half-done is finished without sending twice; bad input is refused and nothing is
queued; a scheduled e-mail waits for 09:30 on the buyer's next working day and can be cancelled until it
goes; templates refuse variables that do not exist."""

from __future__ import annotations

import datetime as dt
import email
import zoneinfo

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from tests import mail_samples as samples
from tests.factories import CustomerFactory
from tests.test_mail_sync import servers
from tradewind.core.errors import Conflict, ValidationFailed
from tradewind.crm.localtime import next_business_moment
from tradewind.crm.selectors.settings import crm_settings
from tradewind.files.services import stored_file_save
from tradewind.mail.choices import Direction, OutgoingState
from tradewind.mail.models import MailMessage, OutgoingMail
from tradewind.mail.services import mailbox_connect, mailbox_sync
from tradewind.mail.services.sending import mail_cancel, mail_compose, mail_send, mail_send_due
from tradewind.mail.templates_render import template_check, template_fill
from tradewind.workspaces.choices import Role


@pytest.fixture
def rep(member_factory):
    return member_factory(Role.SALES)


@pytest.fixture
def account(imap_server, smtp_server):
    address, password = imap_server.add_user()
    smtp_server.add_user(address, password)
    return address, password


@pytest.fixture
def mailbox(rep, imap_server, smtp_server, account, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return mailbox_connect(
            actor=rep,
            address=account[0],
            servers=servers(imap_server, smtp_server, account),
            sync_since=dt.date(2020, 1, 1),
        )


@pytest.fixture
def hausmann(rep):
    return CustomerFactory(
        actor=rep,
        name="Hausmann GmbH",
        country="DE",
        contacts=[{"name": "Hans", "emails": ["hans@hausmann.de"]}],
    )


def test_an_e_mail_goes_once_with_its_attachment_into_sent_and_the_timeline(
    rep, mailbox, hausmann, smtp_server, imap_server, account, django_capture_on_commit_callbacks
):
    pdf = stored_file_save(
        workspace=rep.workspace,
        content=ContentFile(b"%PDF-1.4\nPI\n%%EOF\n"),
        name="PI-2026-0042.pdf",
        max_bytes=10**6,
    )
    with django_capture_on_commit_callbacks(execute=True):  # "send now" runs at once in the worker
        mail = mail_compose(
            actor=rep,
            mailbox=mailbox,
            to="Hans <hans@hausmann.de>",
            subject="PI-2026-0042 for your signature",
            body="Dear Hans,\n\nplease find our PI attached.\n\n张伟",
            customer=hausmann,
            attachments=[pdf],
        )
    mail.refresh_from_db()
    assert mail.state == OutgoingState.SENT and mail.sent_at is not None
    (raw,) = smtp_server.sent_with_id(mail.message_id)
    received = email.message_from_bytes(raw)
    assert received["Message-ID"] == mail.message_id
    assert [p.get_filename() for p in received.walk() if p.get_filename()] == ["PI-2026-0042.pdf"]
    assert mail_send(mail_id=mail.pk) is None  # a second pass finds nothing to do
    assert len(smtp_server.sent_with_id(mail.message_id)) == 1
    stored = MailMessage.objects.get(key=mail.message_id)
    assert stored.direction == Direction.SENT and stored.customer == hausmann
    # The copy appended to Sent is recognised when the folder is synced: not stored twice.
    report = mailbox_sync(mailbox_id=mailbox.pk)
    assert report.stored == 0 and MailMessage.objects.filter(key=mail.message_id).count() == 1
    client = imap_server.imap(*account)
    client.select("Sent")
    assert client.uid("SEARCH", None, "HEADER", "Message-ID", mail.message_id)[1][0]
    client.logout()


def test_a_reply_keeps_the_thread(
    rep, mailbox, hausmann, imap_server, account, smtp_server, django_capture_on_commit_callbacks
):
    imap_server.deliver(account, samples.plain(message_id="<ask@hausmann.de>", subject="Inquiry: kettles"))
    mailbox_sync(mailbox_id=mailbox.pk)
    original = MailMessage.objects.get(key="<ask@hausmann.de>")
    with django_capture_on_commit_callbacks(execute=True):
        mail = mail_compose(
            actor=rep, mailbox=mailbox, to="hans@hausmann.de", subject="Re: Inquiry: kettles",
            body="USD 12.50 FOB", reply_to=original,
        )  # fmt: skip
    (raw,) = smtp_server.sent_with_id(mail.message_id)
    assert email.message_from_bytes(raw)["In-Reply-To"] == "<ask@hausmann.de>"
    reply = MailMessage.objects.exclude(pk=original.pk).get()
    assert reply.thread_id == original.thread_id


def test_a_send_a_dead_worker_left_is_finished_without_sending_twice(
    rep, mailbox, hausmann, smtp_server, imap_server, account
):
    later = timezone.now() + dt.timedelta(hours=1)
    mail = mail_compose(
        actor=rep, mailbox=mailbox, to="hans@hausmann.de", subject="Samples", body="…", send_at=later
    )
    # The worker died after the server took it (and filed it in Sent), before it could say "sent".
    raw = samples.plain(
        sender=account[0], to="hans@hausmann.de", subject="Samples", message_id=mail.message_id
    )
    imap_server.deliver(account, raw, folder="Sent")
    stale = timezone.now() - dt.timedelta(hours=1)
    OutgoingMail.objects.filter(pk=mail.pk).update(state=OutgoingState.SENDING, updated_at=stale)
    assert mail_send_due() == 1
    mail.refresh_from_db()
    assert mail.state == OutgoingState.SENT and smtp_server.sent_with_id(mail.message_id) == []
    # Left "sending" without reaching the server: sent, once.
    other = mail_compose(
        actor=rep, mailbox=mailbox, to="anna@hausmann.de", subject="Price list", body="…", send_at=later
    )
    OutgoingMail.objects.filter(pk=other.pk).update(state=OutgoingState.SENDING, updated_at=stale)
    mail_send_due()
    mail_send_due()
    assert len(smtp_server.sent_with_id(other.message_id)) == 1


def test_bad_input_is_refused_and_nothing_is_queued(rep, mailbox, settings):
    def refused(**changes) -> set[str]:
        values = {"actor": rep, "mailbox": mailbox, "to": "hans@hausmann.de", "subject": "Hi", "body": "…"}
        with pytest.raises(ValidationFailed) as caught:
            mail_compose(**{**values, **changes})
        return {e.field for e in caught.value.each()}

    assert refused(to="") == {"to"}
    assert refused(to="not an address") == {"to"}
    assert refused(subject=" ") == {"subject"}
    assert refused(send_at=timezone.now() - dt.timedelta(hours=1)) == {"send_at"}
    settings.MAIL_SEND_MAX_BYTES = 10
    big = stored_file_save(
        workspace=rep.workspace, content=ContentFile(b"x" * 100), name="big.txt", max_bytes=1000
    )
    assert refused(attachments=[big]) == {"attachments"}
    assert not OutgoingMail.objects.exists()


def test_a_scheduled_e_mail_waits_for_the_buyers_morning_and_can_be_cancelled(
    rep, mailbox, hausmann, smtp_server
):
    # Friday 18 December 2026, 20:00 in Shanghai = 13:00 in Berlin: the next 09:30 there is Monday's.
    now = dt.datetime(2026, 12, 18, 12, 0, tzinfo=dt.UTC)
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    settings = crm_settings(rep.workspace)
    moment = next_business_moment(
        country="DE", zone="Europe/Berlin", settings=settings, at=dt.time(9, 30), after=now
    )
    assert moment.astimezone(berlin) == dt.datetime(2026, 12, 21, 9, 30, tzinfo=berlin)
    # Christmas: the 24th is a Thursday, the 25th and 26th German holidays; after the 24th's 09:30, Monday.
    after = dt.datetime(2026, 12, 24, 12, 0, tzinfo=dt.UTC)
    christmas = next_business_moment(
        country="DE", zone="Europe/Berlin", settings=settings, at=dt.time(9, 30), after=after
    )
    assert christmas.astimezone(berlin).date() == dt.date(2026, 12, 28)
    future = timezone.now() + dt.timedelta(days=3)
    mail = mail_compose(
        actor=rep, mailbox=mailbox, to="hans@hausmann.de", subject="Catalog", body="…", send_at=future
    )
    assert mail_send_due() == 0 and mail.state == OutgoingState.SCHEDULED
    mail_cancel(actor=rep, mail=mail)
    assert mail_send_due(now=future + dt.timedelta(minutes=1)) == 0
    with pytest.raises(Conflict):
        mail_cancel(actor=rep, mail=OutgoingMail.objects.get(pk=mail.pk))
    assert smtp_server.sent_with_id(mail.message_id) == []


def test_templates_fill_known_variables_and_refuse_unknown_ones():
    text = "Dear {{ contact_name }}, our {{product}} for {{ company }}.\n{{ signature }}"
    filled = template_fill(text, {"contact_name": "Hans", "product": "KT-1200", "company": "Hausmann"})
    assert filled == "Dear Hans, our KT-1200 for Hausmann.\n"
    with pytest.raises(ValidationFailed, match="discount"):
        template_check("Your {{ discount }} is ready")
