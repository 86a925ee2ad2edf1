"""Writing under /api/v1/workspaces/{slug}/mail: e-mails composed (now, at a moment, or at a time of the
buyer's day), listed with their state, cancelled before they go; templates kept and filled."""

from uuid import UUID

from django.http import Http404
from ninja import Status
from ninja.pagination import paginate

from tradewind.api.auth import api_membership
from tradewind.api.pagination import MappedRows, PageWithCount
from tradewind.api.responses import answers
from tradewind.crm import permissions as crm_permissions
from tradewind.crm.access import access_customer
from tradewind.library.access import access_document
from tradewind.mail import services
from tradewind.mail.access import access_mailbox, access_message, access_outgoing, access_template
from tradewind.mail.api.router import BASE, router
from tradewind.mail.api.schemas import (
    MailTemplateFilledOut,
    MailTemplateIn,
    MailTemplateOut,
    OutgoingIn,
    OutgoingOut,
)
from tradewind.mail.models import MailTemplate, OutgoingMail
from tradewind.trade.access import access_order, access_quotation

OUTGOING = BASE + "/outgoing"
TEMPLATES = BASE + "/templates"


def outgoing_out(mail) -> dict:
    return {
        "id": mail.public_id,
        "mailbox": mail.mailbox.public_id,
        "subject": mail.subject,
        "to": mail.to,
        "state": mail.state,
        "send_at": mail.send_at,
        "sent_at": mail.sent_at,
        "error": mail.error,
        "customer": mail.customer.public_id if mail.customer_id else None,
    }


@router.post(
    OUTGOING,
    response=answers(OutgoingOut, 403, 422, status=201),
    summary="Write an e-mail",
    url_name="mail_outgoing_create",
)
def mail_outgoing_create(request, slug: str, payload: OutgoingIn):
    """Sent by the worker now, at `send_at`, or at `buyer_time` in the customer's zone — exactly once.
    422: no recipient, a bad address, a moment past, attachments over TRADEWIND_MAIL_SEND_MAX_MB."""
    m = api_membership(request, slug)
    mailbox = access_mailbox(m, payload.mailbox)
    reply_to = access_message(m, payload.reply_to) if payload.reply_to else None
    customer = (
        access_customer(m, payload.customer) if payload.customer else getattr(reply_to, "customer", None)
    )
    files = [access_document(m, d).current.file for d in payload.documents]
    files += [services.sales_pdf_keep(actor=m, quotation=access_quotation(m, q)) for q in payload.quotations]
    files += [services.sales_pdf_keep(actor=m, order=access_order(m, o)) for o in payload.orders]
    send_at = payload.send_at
    if payload.buyer_time is not None:
        send_at = services.buyer_send_moment(customer, payload.buyer_time)
    mail = services.mail_compose(
        actor=m, mailbox=mailbox, to=payload.to, cc=payload.cc, bcc=payload.bcc, subject=payload.subject,
        body=payload.body, customer=customer, reply_to=reply_to, attachments=files, send_at=send_at,
    )  # fmt: skip
    return Status(201, outgoing_out(mail))


@router.get(
    OUTGOING,
    response=list[OutgoingOut],
    summary="E-mails written in Tradewind",
    url_name="mail_outgoing_list",
)
@paginate(PageWithCount)
def mail_outgoing_list(request, slug: str):
    """Yours, the next to go first."""
    m = api_membership(request, slug)
    rows = OutgoingMail.objects.filter(workspace_id=m.workspace_id, author=m).select_related(
        "mailbox", "customer"
    )
    return MappedRows(rows.order_by("-send_at", "-id"), outgoing_out)


@router.post(
    OUTGOING + "/{outgoing_id}/cancel",
    response=answers(OutgoingOut, 403, 409),
    summary="Cancel an e-mail",
    url_name="mail_outgoing_cancel",
)
def mail_outgoing_cancel(request, slug: str, outgoing_id: UUID):
    """409 once it has gone (or is going)."""
    m = api_membership(request, slug)
    return outgoing_out(services.mail_cancel(actor=m, mail=access_outgoing(m, outgoing_id)))


def template_out(t) -> dict:
    return {"id": t.public_id, "name": t.name, "language": t.language, "subject": t.subject, "body": t.body}


@router.get(
    TEMPLATES, response=list[MailTemplateOut], summary="E-mail templates", url_name="mail_template_list"
)
def mail_template_list(request, slug: str):
    m = api_membership(request, slug)
    return [template_out(t) for t in MailTemplate.objects.filter(workspace_id=m.workspace_id)]


@router.post(
    TEMPLATES,
    response=answers(MailTemplateOut, 403, 422, status=201),
    summary="Add a template",
    url_name="mail_template_create",
)
def mail_template_create(request, slug: str, payload: MailTemplateIn):
    """Variables: {{ contact_name }}, {{ company }}, {{ product }}, {{ quotation_number }}, {{ rep_name }},
    {{ signature }}; any other is refused (422)."""
    m = api_membership(request, slug)
    return Status(201, template_out(services.template_save(actor=m, **payload.dict())))


@router.delete(
    TEMPLATES + "/{mail_template_id}",
    response=answers(None, 403, status=204),
    summary="Delete a template",
    url_name="mail_template_delete",
)
def mail_template_delete(request, slug: str, mail_template_id: UUID):
    m = api_membership(request, slug)
    services.template_delete(actor=m, template=access_template(m, mail_template_id))
    return Status(204, None)


@router.get(
    TEMPLATES + "/{mail_template_id}/filled",
    response=MailTemplateFilledOut,
    summary="A template filled for a customer",
    url_name="mail_template_filled",
)
def mail_template_filled(
    request, slug: str, mail_template_id: UUID, customer: UUID | None = None, mailbox: UUID | None = None
):
    m = api_membership(request, slug)
    template = access_template(m, mail_template_id)
    found = access_customer(m, customer) if customer else None
    box = access_mailbox(m, mailbox) if mailbox else None
    if found is not None and not crm_permissions.can_see_details(m, found):
        raise Http404
    subject, body = services.template_apply(
        template=template, values=services.template_values(actor=m, customer=found, mailbox=box)
    )
    return {"subject": subject, "body": body}
