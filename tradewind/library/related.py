"""What the rest of Tradewind keeps about a customer or an order, shown in its folder as it is — the
quotations' and PIs' PDFs, the shipments' documents, inspection reports, the files sent in its chat room,
attached to its tasks and to e-mails with it — not copied: each link opens the file where it lives,
through that app's own access check. Read only by someone who reads the folder, who therefore sees the
customer's details (and so its orders, its rooms, its e-mails)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tradewind.library.choices import FolderKind

PER_SOURCE = 50  # the newest of each kind


@dataclass(frozen=True)
class RelatedFile:
    name: str
    source: str  # where it lives, in words
    url: str
    size: int | None
    at: dt.datetime | None


def related_files(folder) -> list[RelatedFile]:
    """For a customer's folder or an order's: its files elsewhere, newest first."""
    if folder.kind == FolderKind.CUSTOMER:
        found = _sales_pdfs(folder.workspace, customer_id=folder.customer_id)
        found += _room_files(folder.workspace, customer_id=folder.customer_id)
        found += _task_files(folder.workspace, "crm.customer", folder.customer.public_id)
        found += _mail_attachments(folder.workspace, folder.customer_id)
    elif folder.kind == FolderKind.ORDER:
        found = _sales_pdfs(folder.workspace, order_id=folder.order_id)
        found += _shipping_documents(folder.workspace, folder.order_id)
        found += _inspection_reports(folder.workspace, folder.order_id)
        found += _room_files(folder.workspace, order_id=folder.order_id)
        found += _task_files(folder.workspace, "trade.order", folder.order.public_id)
    else:
        return []
    return sorted(found, key=lambda f: f.at or dt.datetime.min.replace(tzinfo=dt.UTC), reverse=True)


def _sales_pdfs(workspace, *, customer_id=None, order_id=None) -> list[RelatedFile]:
    from tradewind.trade.models import Order, Quotation

    slug, found = workspace.slug, []
    if order_id is None:
        for q in Quotation.objects.filter(customer_id=customer_id).order_by("-id")[:PER_SOURCE]:
            found.append(
                RelatedFile(
                    f"{q.number}.pdf",
                    _("Quotation"),
                    reverse("trade:quotation_pdf", args=[slug, q.public_id]),
                    None,
                    q.created_at,
                )
            )
        orders = Order.objects.filter(customer_id=customer_id)
    else:
        orders = Order.objects.filter(pk=order_id)
    for o in orders.order_by("-id")[:PER_SOURCE]:
        found.append(
            RelatedFile(
                f"{o.number}.pdf",
                _("Proforma invoice"),
                reverse("trade:order_pdf", args=[slug, o.public_id]),
                None,
                o.created_at,
            )
        )
    return found


def _shipping_documents(workspace, order_id) -> list[RelatedFile]:
    from tradewind.trade.shipdocs.models import DocumentVersion

    versions = (
        DocumentVersion.objects.filter(document__shipment__order_id=order_id)
        .select_related("document__shipment", "file")
        .order_by("-id")[:PER_SOURCE]
    )
    return [
        RelatedFile(
            v.file.original_name,
            _("Shipping document %(document)s, %(shipment)s")
            % {"document": v.document.display_name, "shipment": v.document.shipment.number},
            reverse("shipdocs:version_file", args=[workspace.slug, v.document.public_id, v.public_id]),
            v.file.size,
            v.created_at,
        )
        for v in versions
    ]


def _inspection_reports(workspace, order_id) -> list[RelatedFile]:
    from tradewind.trade.production.models import Inspection

    inspections = (
        Inspection.objects.filter(order_id=order_id, report__isnull=False)
        .select_related("report")
        .order_by("-id")[:PER_SOURCE]
    )
    return [
        RelatedFile(
            i.report.original_name,
            _("Inspection report, %(date)s") % {"date": date_format(i.inspected_on, "SHORT_DATE_FORMAT")},
            reverse("production:inspection_report", args=[workspace.slug, i.public_id]),
            i.report.size,
            i.report.created_at,
        )
        for i in inspections
    ]


def _room_files(workspace, *, customer_id=None, order_id=None) -> list[RelatedFile]:
    from tradewind.chat.models import MessageFile

    files = MessageFile.objects.filter(message__deleted_at__isnull=True)
    if order_id is not None:
        files = files.filter(message__conversation__order_id=order_id)
    else:
        files = files.filter(message__conversation__customer_id=customer_id)
    files = files.select_related("file", "message__conversation").order_by("-id")[:PER_SOURCE]
    return [
        RelatedFile(
            f.file.original_name,
            _("Sent in the chat room"),
            reverse("chat:file", args=[workspace.slug, f.message.conversation.public_id, f.public_id]),
            f.file.size,
            f.created_at,
        )
        for f in files
    ]


def _task_files(workspace, subject_kind: str, subject_id) -> list[RelatedFile]:
    """Files attached to the tasks about it (every member sees the workspace's tasks)."""
    from tradewind.tasks.models import TaskAttachment

    attachments = (
        TaskAttachment.objects.filter(
            task__workspace_id=workspace.pk, task__subject_kind=subject_kind, task__subject_id=subject_id
        )
        .select_related("task", "file")
        .order_by("-id")[:PER_SOURCE]
    )
    return [
        RelatedFile(
            a.file.original_name,
            _("Attached to task T-%(number)s") % {"number": a.task.number},
            reverse("tasks:attachment_download", args=[workspace.slug, a.task.public_id, a.public_id]),
            a.file.size,
            a.created_at,
        )
        for a in attachments
    ]


def _mail_attachments(workspace, customer_id) -> list[RelatedFile]:
    """Files of the e-mails with the customer (read by whoever sees its details, from any mailbox)."""
    from tradewind.mail.models import MailAttachment

    attachments = (
        MailAttachment.objects.filter(message__customer_id=customer_id, content_id="")  # not inline images
        .select_related("file", "message")
        .order_by("-id")[:PER_SOURCE]
    )
    return [
        RelatedFile(
            a.file.original_name,
            _("Attached to the e-mail “%(subject)s”") % {"subject": a.message.subject or "—"},
            reverse("mail:attachment", args=[workspace.slug, a.message.public_id, a.public_id]),
            a.file.size,
            a.message.sent_at,
        )
        for a in attachments
    ]
