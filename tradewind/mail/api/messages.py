"""E-mails under /api/v1/workspaces/{slug}/mail: a customer's (for whoever may see its details, from
every mailbox), a thread with its messages, and an attachment."""

from uuid import UUID

from django.http import Http404
from django.urls import reverse
from ninja.pagination import paginate

from tradewind.api.auth import api_membership
from tradewind.api.pagination import MappedRows, PageWithCount
from tradewind.api.responses import file_answer
from tradewind.crm import permissions as crm_permissions
from tradewind.crm.access import access_customer
from tradewind.files.responses import stored_file_response
from tradewind.mail.access import access_attachment, access_message, access_thread
from tradewind.mail.api.router import BASE, router
from tradewind.mail.api.schemas import MailMessageOut, MailThreadOut
from tradewind.mail.selectors import customer_messages


def message_out(message) -> dict:
    return {
        "id": message.public_id,
        "thread": message.thread.public_id,
        "direction": message.direction,
        "subject": message.subject,
        "from_name": message.from_name,
        "from_address": message.from_address,
        "to": message.to,
        "cc": message.cc,
        "sent_at": message.sent_at,
        "snippet": message.snippet,
        "customer": message.customer.public_id if message.customer_id else None,
    }


@router.get(
    BASE + "/customers/{customer_id}/messages",
    response=list[MailMessageOut],
    summary="A customer's e-mails",
    url_name="mail_customer_messages",
)
@paginate(PageWithCount)
def mail_customer_messages(request, slug: str, customer_id: UUID):
    """Newest first, from every mailbox (mail with a customer follows the customer's visibility)."""
    m = api_membership(request, slug)
    customer = access_customer(m, customer_id)
    if not crm_permissions.can_see_details(m, customer):
        raise Http404
    rows = customer_messages(customer).select_related("customer")
    return MappedRows(rows, message_out)


@router.get(
    BASE + "/threads/{mail_thread_id}",
    response=MailThreadOut,
    summary="A thread",
    url_name="mail_thread_detail",
)
def mail_thread_detail(request, slug: str, mail_thread_id: UUID):
    """Its messages oldest first, with their text, sanitised HTML and attachments."""
    m = api_membership(request, slug)
    thread = access_thread(m, mail_thread_id)
    messages = thread.messages.select_related("thread", "customer").prefetch_related("attachments__file")
    return {
        "id": thread.public_id,
        "subject": thread.subject,
        "customer": thread.customer.public_id if thread.customer_id else None,
        "inquiry": thread.inquiry.public_id if thread.inquiry_id else None,
        "messages": [
            {
                **message_out(msg),
                "text": msg.text,
                "html": msg.html,
                "parse_note": msg.parse_note,
                "attachments": [
                    {
                        "id": a.public_id,
                        "name": a.file.original_name,
                        "size": a.file.size,
                        "content_type": a.file.content_type,
                        "download": reverse(
                            "api:mail_attachment_download", args=[slug, msg.public_id, a.public_id]
                        ),
                    }
                    for a in msg.attachments.all()
                ],
            }
            for msg in messages.order_by("sent_at", "id")
        ],
    }


@router.get(
    BASE + "/messages/{mail_message_id}/attachments/{mail_attachment_id}",
    response={200: None},
    openapi_extra=file_answer("application/octet-stream"),
    summary="Download an e-mail's attachment",
    url_name="mail_attachment_download",
)
def mail_attachment_download(request, slug: str, mail_message_id: UUID, mail_attachment_id: UUID):
    m = api_membership(request, slug)
    message = access_message(m, mail_message_id)
    return stored_file_response(access_attachment(m, message, mail_attachment_id).file)
