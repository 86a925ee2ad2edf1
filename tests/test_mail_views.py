"""The mail pages: the list's empty state, connecting a mailbox from the form (a refusal said on its field,
nothing kept), a mailbox's threads, a thread with its HTML in a sandbox that blocks remote images until
asked, attachments, the e-mails on the customer's page and timeline — and who sees what: a colleague not
another's private mail, whoever may see the customer its e-mails, an administrator a mailbox's state only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import mail_samples as samples
from tests.factories import CustomerFactory
from tradewind.mail.choices import SyncState
from tradewind.mail.models import Mailbox, MailMessage, OutgoingMail
from tradewind.workspaces.choices import Role

SLUG = "haitian"


def url(name, *args):
    return reverse(f"mail:{name}", args=[SLUG, *args])


@pytest.fixture
def people(owner, member_factory):
    return {
        "amy": member_factory(Role.SALES),
        "kevin": member_factory(Role.SALES),
        "manager": member_factory(Role.MANAGER),
        "admin": member_factory(Role.ADMIN),
    }


def form_data(imap_server, smtp_server, account, **changes) -> dict:
    return {
        "address": account[0],
        "password": account[1],
        "imap_host": imap_server.host,
        "imap_port": imap_server.port,
        "imap_security": "none",
        "smtp_host": smtp_server.host,
        "smtp_port": smtp_server.port,
        "smtp_security": "none",
        "sync_since": "2020-01-01",
        **changes,
    }


@pytest.fixture
def synced(people, imap_server, smtp_server, client_for, django_capture_on_commit_callbacks):
    """Amy's mailbox connected through the form, holding a buyer's HTML e-mail with an attachment and a
    private one; (mailbox, customer)."""
    address, password = imap_server.add_user()
    smtp_server.add_user(address, password)
    customer = CustomerFactory(
        actor=people["amy"], name="Hausmann GmbH", contacts=[{"name": "Hans", "emails": ["hans@hausmann.de"]}]
    )
    html = '<p>Signed PI attached.<img src="https://tracker.example/open.gif"></p>'
    imap_server.deliver((address, password), samples.with_attachment(html=html))
    imap_server.deliver((address, password), samples.plain(sender="friend@gmail.com", subject="Dinner?"))
    with django_capture_on_commit_callbacks(execute=True):
        answer = client_for(people["amy"]).post(
            url("connect"), form_data(imap_server, smtp_server, (address, password))
        )
    assert answer.status_code == 302
    return Mailbox.objects.get(), customer


def test_the_list_starts_empty_and_the_form_offers_providers(people, client_for):
    amy = client_for(people["amy"])
    assert 'data-testid="empty"' in amy.get(url("home")).content.decode()
    page = amy.get(url("connect")).content.decode()
    assert "imap.exmail.qq.com" in page and "腾讯企业邮" in page
    assert 'name="kind"' not in page  # shared mailboxes are an administrator's
    assert 'name="kind"' in client_for(people["admin"]).get(url("connect")).content.decode()


def test_a_refused_password_is_said_on_its_field_and_nothing_is_kept(
    people, client_for, imap_server, smtp_server
):
    address, password = imap_server.add_user()
    smtp_server.add_user(address, password)
    answer = client_for(people["amy"]).post(
        url("connect"), form_data(imap_server, smtp_server, (address, "wrong"))
    )
    assert answer.status_code == 400
    assert "refused the user name or the password" in answer.content.decode()
    assert not Mailbox.objects.exists()


def test_a_mailbox_its_threads_and_a_thread_shown_safely(synced, people, client_for):
    mailbox, _customer = synced
    amy = client_for(people["amy"])
    page = amy.get(url("mailbox", mailbox.public_id)).content.decode()
    assert page.count('data-testid="thread"') == 2 and "Hausmann GmbH" in page
    message = MailMessage.objects.get(subject="Signed PI attached")
    thread_page = amy.get(url("thread", message.thread.public_id)).content.decode()
    assert 'sandbox="allow-popups"' in thread_page and 'data-testid="show-images"' in thread_page
    body = amy.get(url("message_body", message.public_id))
    assert "Signed PI attached." in body.content.decode()
    assert "https:" not in body["Content-Security-Policy"] and "sandbox" in body["Content-Security-Policy"]
    assert (
        "https:" in amy.get(url("message_body", message.public_id) + "?images=1")["Content-Security-Policy"]
    )
    attachment = message.attachments.get()
    download = amy.get(url("attachment", message.public_id, attachment.public_id))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_customer_page_shows_its_e_mails_and_the_timeline_links_them(synced, people, client_for):
    _mailbox, customer = synced
    page = client_for(people["manager"]).get(reverse("crm:detail", args=[SLUG, customer.public_id]))
    html = page.content.decode()
    assert 'data-testid="customer-mail"' in html and "Signed PI attached" in html
    assert 'data-testid="timeline-mail"' in html
    customer.refresh_from_db()
    assert customer.last_contact_at is not None and customer.next_follow_up_on is not None


def test_who_sees_what(synced, people, client_for):
    mailbox, _customer = synced
    private = MailMessage.objects.get(subject="Dinner?")
    buyer = MailMessage.objects.get(subject="Signed PI attached")
    kevin, manager, admin = (client_for(people[k]) for k in ("kevin", "manager", "admin"))
    assert kevin.get(url("mailbox", mailbox.public_id)).status_code == 404
    assert kevin.get(url("thread", private.thread.public_id)).status_code == 404
    assert manager.get(url("thread", private.thread.public_id)).status_code == 404  # matches no customer
    assert manager.get(url("thread", buyer.thread.public_id)).status_code == 200  # follows the customer
    state_only = admin.get(url("mailbox", mailbox.public_id)).content.decode()
    assert "You may see this mailbox" in state_only and "Dinner?" not in state_only
    assert admin.get(url("message_body", private.public_id)).status_code == 404


def test_pause_resume_and_disconnect(synced, people, client_for, django_capture_on_commit_callbacks):
    mailbox, _customer = synced
    amy = client_for(people["amy"])
    assert client_for(people["kevin"]).post(url("mailbox_pause", mailbox.public_id)).status_code == 404
    amy.post(url("mailbox_pause", mailbox.public_id))
    assert Mailbox.objects.get().state == SyncState.PAUSED
    with django_capture_on_commit_callbacks(execute=True):
        amy.post(url("mailbox_resume", mailbox.public_id))
    assert Mailbox.objects.get().state == SyncState.OK
    amy.post(url("mailbox_remove", mailbox.public_id))
    assert not Mailbox.objects.exists() and not MailMessage.objects.exists()


def test_reply_reply_all_and_forward_from_a_thread(
    synced, people, client_for, smtp_server, django_capture_on_commit_callbacks
):
    mailbox, _customer = synced
    amy = client_for(people["amy"])
    buyer = MailMessage.objects.get(subject="Signed PI attached")
    reply = amy.get(url("compose") + f"?reply={buyer.public_id}")
    form = reply.context["form"]
    assert form.initial["to"] == "hans@hausmann.de" and form.initial["subject"] == "Re: Signed PI attached"
    assert "> See the PI attached." in form.initial["body"]
    forward = amy.get(url("compose") + f"?reply={buyer.public_id}&mode=forward").context["form"]
    assert forward.initial["subject"] == "Fwd: Signed PI attached" and "to" not in forward.initial
    with django_capture_on_commit_callbacks(execute=True):
        sent = amy.post(
            url("compose") + f"?reply={buyer.public_id}&mode=forward",
            {"mailbox": str(mailbox.public_id), "to": "colleague@partner.example",
             "subject": "Fwd: Signed PI attached", "body": "FYI", "when": "now"},
        )  # fmt: skip
    assert sent.status_code == 302
    outgoing = OutgoingMail.objects.get()
    assert outgoing.state == "sent" and outgoing.attachments.count() == 1  # the PDF went along
    (raw,) = smtp_server.sent_with_id(outgoing.message_id)
    assert b"Content-Disposition: attachment" in raw
    assert 'data-testid="outgoing"' in amy.get(url("outbox")).content.decode()


def test_a_new_e_mail_to_a_customer_scheduled_for_their_morning_and_cancelled(synced, people, client_for):
    mailbox, customer = synced
    amy = client_for(people["amy"])
    page = amy.get(url("compose") + f"?customer={customer.public_id}")
    assert page.context["form"].initial["to"] == "Hans <hans@hausmann.de>"
    answer = amy.post(
        url("compose") + f"?customer={customer.public_id}",
        {"mailbox": str(mailbox.public_id), "to": "Hans <hans@hausmann.de>", "subject": "Catalog 2027",
         "body": "…", "when": "buyer", "buyer_time": "09:30"},
    )  # fmt: skip
    assert answer.status_code == 302
    mail = OutgoingMail.objects.get()
    assert mail.state == "scheduled" and mail.customer == customer
    bad = amy.post(
        url("compose"),
        {"mailbox": str(mailbox.public_id), "to": "", "subject": "x", "body": "", "when": "now"},
    )
    assert bad.status_code == 400
    assert client_for(people["kevin"]).post(url("outgoing_cancel", mail.public_id)).status_code == 404
    amy.post(url("outgoing_cancel", mail.public_id))
    assert OutgoingMail.objects.get().state == "cancelled"


def test_without_a_mailbox_the_page_says_to_connect_one(people, client_for):
    page = client_for(people["kevin"]).get(url("compose")).content.decode()
    assert 'data-testid="no-mailbox"' in page


def test_the_mailbox_settings_keep_the_password_unless_a_new_one_passes(synced, people, client_for):
    mailbox, _customer = synced
    amy = client_for(people["amy"])
    sealed = Mailbox.objects.get().password_sealed
    page = amy.get(url("mailbox_settings", mailbox.public_id)).content.decode()
    assert 'name="password"' in page and sealed not in page
    wrong = amy.post(
        url("mailbox_settings", mailbox.public_id),
        {"display_name": "Amy", "signature": "Amy Liu", "sync_folders": "INBOX\nSent", "password": "wrong"},
    )
    assert wrong.status_code == 400 and Mailbox.objects.get().password_sealed == sealed
    missing = amy.post(
        url("mailbox_settings", mailbox.public_id),
        {"display_name": "Amy", "signature": "", "sync_folders": "INBOX\nNo such folder"},
    )
    assert missing.status_code == 400 and "No such folder" in missing.content.decode()
    amy.post(
        url("mailbox_settings", mailbox.public_id),
        {"display_name": "Amy Liu", "signature": "Amy Liu\nSales", "sync_folders": "INBOX\nSent",
         "creates_inquiries": "on"},
    )  # fmt: skip
    saved = Mailbox.objects.get()
    assert (saved.display_name, saved.signature, saved.password_sealed) == (
        "Amy Liu",
        "Amy Liu\nSales",
        sealed,
    )
    assert saved.inquiries_since is not None
    assert 'data-testid="readers"' not in amy.get(url("mailbox_settings", mailbox.public_id)).content.decode()
    assert client_for(people["kevin"]).get(url("mailbox_settings", mailbox.public_id)).status_code == 404


def test_an_administrator_chooses_who_reads_a_shared_mailbox(
    people, imap_server, smtp_server, client_for, django_capture_on_commit_callbacks
):
    address, password = imap_server.add_user()
    smtp_server.add_user(address, password)
    admin = client_for(people["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(url("connect"), form_data(imap_server, smtp_server, (address, password), kind="shared"))
    box = Mailbox.objects.get()
    settings_url = url("mailbox_settings", box.public_id)
    assert 'data-testid="readers"' in admin.get(settings_url).content.decode()
    assert client_for(people["amy"]).get(url("mailbox", box.public_id)).status_code == 404
    saved = admin.post(settings_url, {"part": "readers", "roles": ["sales"]})
    assert saved.status_code == 302
    assert client_for(people["amy"]).get(url("mailbox", box.public_id)).status_code == 200
    bad = admin.post(settings_url, {"part": "readers", "roles": ["pilot"]})
    assert bad.status_code == 400 and box.readers.count() == 1


def test_the_templates_page_adds_checks_and_deletes(people, client_for):
    from tradewind.mail.models import MailTemplate

    amy = client_for(people["amy"])
    bad = amy.post(
        url("templates"), {"name": "Offer", "language": "en", "subject": "Hi", "body": "{{ price }}"}
    )
    assert bad.status_code == 400 and "{{ price }}" in bad.content.decode()
    amy.post(
        url("templates"),
        {"name": "Offer", "language": "en", "subject": "Offer for {{ company }}", "body": "…"},
    )
    template = MailTemplate.objects.get()
    assert 'data-testid="template"' in amy.get(url("templates")).content.decode()
    amy.post(url("template_delete", template.public_id))
    assert not MailTemplate.objects.exists()


def test_an_unknown_sender_becomes_a_contact_or_a_customer_and_their_e_mails_follow(
    people, imap_server, smtp_server, client_for, django_capture_on_commit_callbacks
):
    from tradewind.crm.models import Customer

    address, password = imap_server.add_user()
    smtp_server.add_user(address, password)
    olsen = CustomerFactory(actor=people["amy"], name="Olsen A/S", country="DK")  # no contact yet
    imap_server.deliver(
        (address, password), samples.plain(sender="Lars Olsen <lars@olsen.dk>", subject="Sofas")
    )
    imap_server.deliver(
        (address, password), samples.plain(sender="Maria Rossi <maria@bellacasa.it>", subject="Catalogo")
    )
    # Kevin's own mailbox holds Lars's e-mail too: Amy's new contact does not pull it into the customer.
    k_address, k_password = imap_server.add_user()
    smtp_server.add_user(k_address, k_password)
    imap_server.deliver((k_address, k_password), samples.plain(sender="lars@olsen.dk", subject="Private"))
    amy, kevin = client_for(people["amy"]), client_for(people["kevin"])
    with django_capture_on_commit_callbacks(execute=True):
        amy.post(url("connect"), form_data(imap_server, smtp_server, (address, password)))
        kevin.post(url("connect"), form_data(imap_server, smtp_server, (k_address, k_password)))
    lars = MailMessage.objects.get(subject="Sofas")
    assert lars.customer is None

    page = amy.get(url("thread", lars.thread.public_id)).content.decode()
    assert 'data-testid="stranger"' in page and "lars@olsen.dk" in page
    add_contact = reverse("crm:contact_add", args=[SLUG, olsen.public_id])
    assert f'href="{add_contact}?name=Lars+Olsen&amp;emails=lars%40olsen.dk"' in page  # looks like Olsen A/S
    form = amy.get(f"{add_contact}?name=Lars+Olsen&emails=lars%40olsen.dk").content.decode()
    assert 'value="Lars Olsen"' in form and 'value="lars@olsen.dk"' in form
    amy.post(add_contact, {"name": "Lars Olsen", "emails": "lars@olsen.dk"})
    lars.refresh_from_db()
    assert lars.customer == olsen and lars.thread.customer == olsen
    assert 'data-testid="stranger"' not in amy.get(url("thread", lars.thread.public_id)).content.decode()
    assert "Sofas" in amy.get(reverse("crm:detail", args=[SLUG, olsen.public_id])).content.decode()
    assert MailMessage.objects.get(subject="Private").customer is None  # Kevin's, untouched

    maria = MailMessage.objects.get(subject="Catalogo")
    page = amy.get(url("thread", maria.thread.public_id)).content.decode()
    create = reverse("crm:create", args=[SLUG])
    link = f"{create}?name=Bellacasa&amp;website=bellacasa.it&amp;country=IT&amp;contact-name=Maria+Rossi"
    assert link in page
    form = amy.get(link.replace("&amp;", "&") + "&contact-emails=maria%40bellacasa.it").content.decode()
    assert 'value="Bellacasa"' in form and 'value="maria@bellacasa.it"' in form
    amy.post(create, {"name": "Bellacasa Srl", "country": "IT", "source": "other", "stage": "lead",
                      "contact-name": "Maria Rossi", "contact-emails": "maria@bellacasa.it"})  # fmt: skip
    maria.refresh_from_db()
    assert maria.customer == Customer.objects.get(name="Bellacasa Srl")


def test_an_e_mails_attachment_shows_in_the_customers_folder(synced, people, client_for):
    from tradewind.library import services as library

    _mailbox, customer = synced
    folder = library.customer_folder(customer)
    page = client_for(people["manager"]).get(reverse("library:folder", args=[SLUG, folder.public_id]))
    html = page.content.decode()
    attachment = MailMessage.objects.get(customer=customer).attachments.get()
    assert "报价单 Q-2026-0042.pdf" in html
    assert url("attachment", attachment.message.public_id, attachment.public_id) in html
