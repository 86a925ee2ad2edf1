"""Writing an e-mail from the pages: new (from a customer's page), reply, reply-all and forward (from a
thread), with a template, library documents attached, and a moment to send — now, at a time of the buyer's
day (their next working day there), or a date and time; the outbox with what is waiting, and cancelling."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from tradewind.core.actions import service_run
from tradewind.core.errors import ApplicationError, ValidationFailed
from tradewind.core.forms import StyledFormMixin, form_add_service_error
from tradewind.crm import permissions as crm_permissions
from tradewind.crm.access import access_customer
from tradewind.library.models import Document
from tradewind.library.permissions import readable_folders
from tradewind.mail import permissions, services
from tradewind.mail.access import access_message, access_outgoing
from tradewind.mail.models import MailTemplate, OutgoingMail
from tradewind.mail.selectors import mailboxes_listed
from tradewind.workspaces.access import workspace_view

WHEN = [
    ("now", gettext_lazy("Now")),
    ("buyer", gettext_lazy("At a time of the buyer's day")),
    ("at", gettext_lazy("At a date and time (yours)")),
]
DOCUMENTS_OFFERED = 50
SALES_PDFS_OFFERED = 20  # of each: quotations, orders


class ComposeForm(StyledFormMixin, forms.Form):
    mailbox = forms.ChoiceField(label=gettext_lazy("From"))
    to = forms.CharField(label=pgettext_lazy("e-mail recipient", "To"), max_length=4000)
    cc = forms.CharField(label=gettext_lazy("Cc"), max_length=4000, required=False)
    bcc = forms.CharField(label=gettext_lazy("Bcc"), max_length=4000, required=False)
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=500)
    body = forms.CharField(
        label=gettext_lazy("Text"), widget=forms.Textarea(attrs={"rows": 12}), required=False
    )
    documents = forms.MultipleChoiceField(
        label=gettext_lazy("Attach from the customer's documents"), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    sales_pdfs = forms.MultipleChoiceField(
        label=gettext_lazy("Attach a quotation or proforma invoice (PDF)"), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    when = forms.ChoiceField(
        label=gettext_lazy("Send"), choices=WHEN, initial="now", widget=forms.RadioSelect
    )
    buyer_time = forms.TimeField(
        label=gettext_lazy("Time of the buyer's day"), required=False, initial=dt.time(9, 30),
        widget=forms.TimeInput(attrs={"type": "time"}),
    )  # fmt: skip
    send_at = forms.DateTimeField(
        label=gettext_lazy("Date and time"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )  # fmt: skip

    def __init__(self, *args, mailboxes, documents, sales_pdfs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mailbox"].choices = [(str(b.public_id), b.address) for b in mailboxes]
        self.fields["documents"].choices = [(str(d.public_id), d.name) for d in documents]
        self.fields["sales_pdfs"].choices = [(key, label) for key, label, _document in sales_pdfs]
        for name, offered in (("documents", documents), ("sales_pdfs", sales_pdfs)):
            if not offered:
                del self.fields[name]


def _quoted(message) -> str:
    when = timezone.localtime(message.sent_at).strftime("%Y-%m-%d %H:%M")
    lines = (message.text or message.snippet or "").splitlines()
    sender = message.from_name or message.from_address
    return f"\n\n{when}, {sender}:\n" + "\n".join(f"> {line}" for line in lines)


def _prefill(request, me, original, customer) -> dict:
    """What a reply, a reply-all, a forward or a template puts in the form."""
    initial: dict = {}
    mode = request.GET.get("mode", "")
    if original is not None:
        subject = original.subject or ""
        if mode == "forward":
            initial["subject"] = subject if subject.lower().startswith(("fwd:", "fw:")) else f"Fwd: {subject}"
        else:
            initial["subject"] = subject if subject.lower().startswith("re:") else f"Re: {subject}"
            own = {b.address for b in mailboxes_listed(me)}
            # A reply to our own e-mail goes to its recipients again.
            ours = original.from_address in own
            to = [a for _n, a in original.to] if ours else [original.from_address]
            initial["to"] = ", ".join(to)
            if mode == "all":
                others = [a for _n, a in original.to + original.cc if a not in own and a not in to]
                initial["cc"] = ", ".join(others)
        initial["body"] = _quoted(original)
    template_id = request.GET.get("template")
    if template_id:
        template = MailTemplate.objects.filter(workspace_id=me.workspace_id, public_id=template_id).first()
        if template is not None:
            subject, body = services.template_apply(
                template=template, values=services.template_values(actor=me, customer=customer)
            )
            initial["subject"], initial["body"] = subject, body + initial.get("body", "")
    if customer is not None and "to" not in initial and mode != "forward":  # a forward goes elsewhere
        contact = customer.contacts.order_by("-is_primary", "name").first()
        if contact is not None and contact.emails:
            initial["to"] = f"{contact.name} <{contact.emails[0]}>"
    return initial


def _documents(me, customer) -> list:
    if customer is None:
        return []
    return list(
        Document.objects.filter(
            workspace_id=me.workspace_id,
            deleted_at__isnull=True,
            folder__customer=customer,
            folder__in=readable_folders(me),
            current__isnull=False,
        )
        .select_related("current__file")
        .order_by("-updated_at")[:DOCUMENTS_OFFERED]
    )


def _sales_pdfs(me, customer) -> list[tuple[str, str, object]]:
    """The customer's newest quotations and orders the member may see: (choice key, label, record)."""
    from tradewind.trade import permissions as trade_permissions
    from tradewind.trade.models import Order, Quotation

    if customer is None:
        return []
    offered = []
    for model, kind, label in (
        (Quotation, "quotation", _("Quotation %(number)s")),
        (Order, "order", _("Proforma invoice %(number)s")),
    ):
        rows = model.objects.filter(workspace_id=me.workspace_id, customer=customer).order_by("-id")
        for document in rows.select_related("customer")[:SALES_PDFS_OFFERED]:
            if trade_permissions.can_see(me, document):
                offered.append(
                    (f"{kind}:{document.public_id}", label % {"number": document.number}, document)
                )
    return offered


def _sales_pdf_files(me, offered, chosen) -> list:
    files = []
    for key, _label, document in offered:
        if key in chosen:
            kind = key.split(":", 1)[0]
            files.append(services.sales_pdf_keep(actor=me, **{kind: document}))
    return files


@workspace_view
@require_http_methods(["GET", "POST"])
def compose(request):
    me = request.membership
    sendable = [b for b in mailboxes_listed(me) if permissions.can_read(me, b)]
    original = access_message(me, request.GET["reply"]) if request.GET.get("reply") else None
    customer = None
    if request.GET.get("customer"):
        customer = access_customer(me, request.GET["customer"])
        if not crm_permissions.can_see_details(me, customer):
            raise Http404
    elif original is not None:
        customer = original.customer
    documents = _documents(me, customer)
    sales_pdfs = _sales_pdfs(me, customer)
    form = ComposeForm(
        request.POST or None,
        mailboxes=sendable,
        documents=documents,
        sales_pdfs=sales_pdfs,
        initial=_prefill(request, me, original, customer) if request.method == "GET" else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        mailbox = next(b for b in sendable if str(b.public_id) == data["mailbox"])
        chosen = set(data.get("documents") or [])
        files = [d.current.file for d in documents if str(d.public_id) in chosen]
        if original is not None and request.GET.get("mode") == "forward":
            files += [a.file for a in original.attachments.select_related("file")]
        try:
            files += _sales_pdf_files(me, sales_pdfs, set(data.get("sales_pdfs") or []))
            send_at = None
            if data["when"] == "buyer":
                send_at = services.buyer_send_moment(customer, data["buyer_time"] or dt.time(9, 30))
            elif data["when"] == "at":
                send_at = data["send_at"]
                if send_at is None:
                    raise ValidationFailed(_("Choose the date and time."), field="send_at")
            mail = services.mail_compose(
                actor=me, mailbox=mailbox, to=data["to"], cc=data["cc"], bcc=data["bcc"],
                subject=data["subject"], body=data["body"], customer=customer,
                reply_to=original if request.GET.get("mode") != "forward" else None,
                attachments=files, send_at=send_at,
            )  # fmt: skip
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            if mail.send_at > timezone.now() + dt.timedelta(minutes=1):
                when = timezone.localtime(mail.send_at).strftime("%Y-%m-%d %H:%M")
                messages.success(request, _("Scheduled for %(when)s (your time).") % {"when": when})
            else:
                messages.success(request, _("Sending now."))
            return redirect(reverse("mail:outbox", args=[request.workspace.slug]))
    context = {
        "form": form,
        "original": original,
        "customer": customer,
        "templates": MailTemplate.objects.filter(workspace_id=me.workspace_id),
        "has_mailbox": bool(sendable),
    }
    return render(request, "mail/compose.html", context, status=400 if form.errors else 200)


@workspace_view
def outbox(request):
    me = request.membership
    rows = (
        OutgoingMail.objects.filter(workspace_id=me.workspace_id, author=me)
        .select_related("mailbox", "customer")
        .order_by("-send_at", "-id")[:200]
    )
    return render(request, "mail/outbox.html", {"outgoing": rows})


@workspace_view
@require_POST
def outgoing_cancel(request, outgoing_id):
    mail = access_outgoing(request.membership, outgoing_id)
    service_run(
        request, lambda: services.mail_cancel(actor=request.membership, mail=mail), success=_("Cancelled.")
    )
    return redirect(reverse("mail:outbox", args=[request.workspace.slug]))
