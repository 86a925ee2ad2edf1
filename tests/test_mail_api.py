"""The mail API: testing servers without keeping anything, connecting (the password write-only), the
mailbox list and its state, pause, resume and removal with role checks, a customer's e-mails and a thread
with its attachments — and a colleague's 404."""

from __future__ import annotations

from tests import mail_samples as samples
from tests.factories import CustomerFactory
from tests.test_catalog_api import Api
from tradewind.mail.models import Mailbox, MailMessage, OutgoingMail
from tradewind.workspaces.choices import Role


def payload(imap_server, smtp_server, account, **changes) -> dict:
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


def test_check_connect_list_and_run_a_mailbox(
    member_factory, imap_server, smtp_server, django_capture_on_commit_callbacks
):
    amy, kevin = member_factory(Role.SALES), member_factory(Role.SALES)
    account = imap_server.add_user()
    smtp_server.add_user(*account)
    api = Api(amy)
    refused = api.post("/mail/mailboxes/check", payload(imap_server, smtp_server, account, password="wrong"))
    assert refused.status_code == 422 and refused.json()["fields"]["password"]
    checked = api.post("/mail/mailboxes/check", payload(imap_server, smtp_server, account)).json()
    assert "INBOX" in checked["folders"] and checked["sent_folder"] == "Sent"
    assert not Mailbox.objects.exists()
    shared = api.post("/mail/mailboxes", payload(imap_server, smtp_server, account, kind="shared"))
    assert shared.status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        made = api.post("/mail/mailboxes", payload(imap_server, smtp_server, account))
    assert made.status_code == 201 and "password" not in made.json()
    box = made.json()["id"]
    assert [b["id"] for b in api.get("/mail/mailboxes").json()] == [box]
    assert api.get(f"/mail/mailboxes/{box}").json()["state"] == "ok"
    assert Api(kevin).get(f"/mail/mailboxes/{box}").status_code == 404
    assert Api(kevin).post(f"/mail/mailboxes/{box}/pause").status_code == 404
    assert api.post(f"/mail/mailboxes/{box}/pause").json()["state"] == "paused"
    with django_capture_on_commit_callbacks(execute=True):
        assert api.post(f"/mail/mailboxes/{box}/resume").status_code == 200
    assert api.delete(f"/mail/mailboxes/{box}").status_code == 204 and not Mailbox.objects.exists()


def test_a_customers_e_mails_and_a_thread(
    member_factory, imap_server, smtp_server, django_capture_on_commit_callbacks
):
    amy, kevin = member_factory(Role.SALES), member_factory(Role.SALES)
    customer = CustomerFactory(
        actor=amy, name="Hausmann GmbH", contacts=[{"name": "Hans", "emails": ["hans@hausmann.de"]}]
    )
    account = imap_server.add_user()
    smtp_server.add_user(*account)
    imap_server.deliver(account, samples.with_attachment())
    with django_capture_on_commit_callbacks(execute=True):
        Api(amy).post("/mail/mailboxes", payload(imap_server, smtp_server, account))
    api = Api(amy)
    listed = api.get(f"/mail/customers/{customer.public_id}/messages").json()
    assert listed["count"] == 1 and listed["items"][0]["subject"] == "Signed PI attached"
    thread = api.get(f"/mail/threads/{listed['items'][0]['thread']}").json()
    (message,) = thread["messages"]
    assert message["text"] == "See the PI attached." and message["customer"] == str(customer.public_id)
    (attachment,) = message["attachments"]
    download = api.client.get(attachment["download"])
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    # Kevin may not see Amy's private customer's details: neither its e-mails nor the thread.
    assert Api(kevin).get(f"/mail/customers/{customer.public_id}/messages").status_code == 404
    assert Api(kevin).get(f"/mail/threads/{listed['items'][0]['thread']}").status_code == 404
    assert MailMessage.objects.count() == 1


def test_write_schedule_at_the_buyers_time_and_cancel(
    member_factory, imap_server, smtp_server, django_capture_on_commit_callbacks
):
    amy, kevin = member_factory(Role.SALES), member_factory(Role.SALES)
    customer = CustomerFactory(
        actor=amy,
        name="Hausmann GmbH",
        country="DE",
        contacts=[{"name": "Hans", "emails": ["hans@hausmann.de"]}],
    )
    account = imap_server.add_user()
    smtp_server.add_user(*account)
    api = Api(amy)
    with django_capture_on_commit_callbacks(execute=True):
        box = api.post("/mail/mailboxes", payload(imap_server, smtp_server, account)).json()["id"]
    bad = api.post("/mail/outgoing", {"mailbox": box, "to": ["nobody"], "subject": "Hi"})
    assert bad.status_code == 422 and "to" in bad.json()["fields"]
    later = api.post(
        "/mail/outgoing",
        {"mailbox": box, "to": ["Hans <hans@hausmann.de>"], "subject": "Catalog 2027", "body": "Attached.",
         "customer": str(customer.public_id), "buyer_time": "09:30"},
    )  # fmt: skip
    assert later.status_code == 201 and later.json()["state"] == "scheduled"
    import datetime as dt
    import zoneinfo

    moment = dt.datetime.fromisoformat(later.json()["send_at"]).astimezone(zoneinfo.ZoneInfo("Europe/Berlin"))
    assert (moment.hour, moment.minute) == (9, 30) and moment.weekday() < 5
    mail = later.json()["id"]
    assert [m["id"] for m in api.get("/mail/outgoing").json()["items"]] == [mail]
    assert Api(kevin).post(f"/mail/outgoing/{mail}/cancel").status_code == 404
    assert api.post(f"/mail/outgoing/{mail}/cancel").json()["state"] == "cancelled"
    assert api.post(f"/mail/outgoing/{mail}/cancel").status_code == 409
    with django_capture_on_commit_callbacks(execute=True):
        now = api.post(
            "/mail/outgoing", {"mailbox": box, "to": ["hans@hausmann.de"], "subject": "Now", "body": "…"}
        )
    assert now.status_code == 201
    assert OutgoingMail.objects.get(public_id=now.json()["id"]).state == "sent"


def test_templates_are_kept_checked_and_filled(member_factory):
    amy = member_factory(Role.SALES)
    customer = CustomerFactory(
        actor=amy,
        name="Hausmann GmbH",
        contacts=[{"name": "Hans", "emails": ["hans@hausmann.de"], "is_primary": True}],
    )
    api = Api(amy)
    bad = api.post(
        "/mail/templates", {"name": "Offer", "language": "en", "subject": "Offer", "body": "{{ discount }}"}
    )
    assert bad.status_code == 422 and "discount" in bad.json()["message"]
    made = api.post(
        "/mail/templates",
        {
            "name": "Offer",
            "language": "en",
            "subject": "Offer for {{ company }}",
            "body": "Dear {{ contact_name }},",
        },
    )
    assert made.status_code == 201
    filled = api.get(
        f"/mail/templates/{made.json()['id']}/filled", {"customer": str(customer.public_id)}
    ).json()
    assert filled == {"subject": "Offer for Hausmann GmbH", "body": "Dear Hans,"}
    assert api.delete(f"/mail/templates/{made.json()['id']}").status_code == 204


def test_a_quotations_pdf_goes_with_the_e_mail_and_a_colleagues_private_one_does_not(
    setup, member_factory, imap_server, smtp_server, django_capture_on_commit_callbacks
):
    from tests.sales import quote

    rep = setup["rep"]
    quotation = quote(setup)
    account = imap_server.add_user()
    smtp_server.add_user(*account)
    api = Api(rep)
    with django_capture_on_commit_callbacks(execute=True):
        box = api.post("/mail/mailboxes", payload(imap_server, smtp_server, account)).json()["id"]
    body = {"mailbox": box, "to": ["hans@hausmann.de"], "subject": "Our offer", "body": "Attached."}
    with django_capture_on_commit_callbacks(execute=True):
        sent = api.post("/mail/outgoing", {**body, "quotations": [str(quotation.public_id)]})
    assert sent.status_code == 201
    mail = OutgoingMail.objects.get(public_id=sent.json()["id"])
    (attachment,) = mail.attachments.select_related("file")
    assert attachment.file.original_name == f"{quotation.number}.pdf"
    assert attachment.file.content_type == "application/pdf" and mail.state == "sent"
    assert smtp_server.sent_with_id(mail.message_id)
    # Another rep's private customer's quotation: as if it did not exist, and nothing is written.
    other = member_factory(Role.SALES)
    other_account = imap_server.add_user()
    smtp_server.add_user(*other_account)
    with django_capture_on_commit_callbacks(execute=True):
        other_box = Api(other).post("/mail/mailboxes", payload(imap_server, smtp_server, other_account))
    refused = Api(other).post(
        "/mail/outgoing",
        {**body, "mailbox": other_box.json()["id"], "quotations": [str(quotation.public_id)]},
    )
    assert refused.status_code == 404 and OutgoingMail.objects.count() == 1


def test_a_shared_mailbox_is_changed_and_its_readers_chosen(
    owner, member_factory, imap_server, smtp_server, django_capture_on_commit_callbacks
):
    amy, kevin = member_factory(Role.SALES), member_factory(Role.SALES)
    account = imap_server.add_user()
    smtp_server.add_user(*account)
    admin = Api(owner)
    with django_capture_on_commit_callbacks(execute=True):
        box = admin.post("/mail/mailboxes", payload(imap_server, smtp_server, account, kind="shared")).json()
    path = f"/mail/mailboxes/{box['id']}"
    changed = admin.patch(path, {"display_name": "Haitian Inquiries", "creates_inquiries": True})
    assert changed.status_code == 200 and changed.json()["creates_inquiries"] is True
    assert Mailbox.objects.get().display_name == "Haitian Inquiries"
    assert admin.patch(path, {"password": "wrong"}).status_code == 422  # tried first, nothing kept
    assert Api(amy).get(path).status_code == 404  # not a reader yet
    assert admin.put(path + "/readers", {"roles": ["pilot"]}).status_code == 422
    readers = admin.put(path + "/readers", {"roles": ["service"], "members": [str(amy.public_id)]})
    assert readers.json() == {"roles": ["service"], "members": [str(amy.public_id)]}
    assert Api(amy).get(path).status_code == 200 and Api(kevin).get(path).status_code == 404
    assert Api(amy).put(path + "/readers", {"roles": []}).status_code == 404  # reads it, does not run it
