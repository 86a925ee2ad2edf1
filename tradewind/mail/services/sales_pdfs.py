"""A quotation's or a proforma invoice's PDF as an e-mail attachment: made as its page makes it, and kept
as a file of its own, so the e-mail carries what the rep sent even when the quotation changes later."""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from tradewind.core.errors import NotFound
from tradewind.files.services import stored_file_save
from tradewind.trade import permissions as trade_permissions


def sales_pdf_keep(*, actor, quotation=None, order=None):
    """The StoredFile of `quotation`'s PDF, or `order`'s PI; one the actor may not see is not found."""
    from tradewind.trade import pdf

    document = quotation if quotation is not None else order
    if document is None or not trade_permissions.can_see(actor, document):
        raise NotFound(_("No such quotation or proforma invoice."))
    content = pdf.quotation_pdf(quotation) if quotation is not None else pdf.order_pdf(order)
    name = f"{document.number}.pdf"
    return stored_file_save(
        workspace=actor.workspace,
        content=ContentFile(content, name=name),
        name=name,
        max_bytes=settings.MAIL_SEND_MAX_BYTES,
        uploaded_by=actor,
    )
