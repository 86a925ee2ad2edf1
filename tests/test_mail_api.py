"""The mail API: testing servers without keeping anything, connecting (the password write-only), the
mailbox list and its state, pause, resume and removal with role checks, a customer's e-mails and a thread
with its attachments — and a colleague's 404."""

from __future__ import annotations

from tests import mail_samples as samples
from tests.factories import CustomerFactory
from tests.test_catalog_api import Api
from tradewind.mail.models import Mailbox, MailMessage
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
