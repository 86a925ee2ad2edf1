"""Quotation and PI PDFs: an HTML template rendered by WeasyPrint, in the document's language, with Noto
CJK for Chinese (DESIGN §1). The HTML is the same one the page previews, so what a rep checks is what the
buyer gets."""

from __future__ import annotations

import base64
import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import override

from tradewind.core.money import Money
from tradewind.core.trade import INCOTERMS
from tradewind.trade.figures import container_estimate
from tradewind.trade.payment_terms import payment_terms_text
from tradewind.trade.services.common import trade_settings


def _logo_data_uri(settings) -> str:
    """The logo inline: the renderer fetches nothing (no URL it could be pointed at)."""
    if settings.logo_id is None:
        return ""
    from tradewind.files.services import stored_file_open

    stored = settings.logo
    with stored_file_open(stored) as handle:
        data = handle.read(2 * 1024 * 1024 + 1)
    if len(data) > 2 * 1024 * 1024:
        return ""
    return f"data:{stored.content_type or 'image/png'};base64,{base64.b64encode(data).decode()}"


def document_context(document, *, kind: str) -> dict:
    """What the PDF template reads, for a quotation (kind "quotation") or a PI (kind "pi")."""
    settings = trade_settings(document.workspace)
    lines = list(document.lines.all())
    rule = INCOTERMS.get(document.incoterm)
    return {
        "kind": kind,
        "document": document,
        "seller": settings,
        "logo": _logo_data_uri(settings),
        "customer": document.customer,
        "contact": document.contact,
        "lines": lines,
        "currency": document.currency,
        "total": Money(document.total, document.currency),
        "incoterm_name": rule.name if rule else "",
        "payment_terms": payment_terms_text(document.payment_terms),
        "containers": container_estimate(document.cbm, document.gross_kg),
        "language": document.language,
    }


def document_html(document, *, kind: str) -> str:
    with override(document.language):
        return render_to_string("trade/pdf/document.html", document_context(document, kind=kind))


def _no_fetching(url: str, *args, **kwargs):
    """The document holds everything it shows (the logo inline): nothing is fetched, so no text a user
    typed can make the server request a URL."""
    raise ValueError(f"not fetched: {url[:40]}")


def _render(html: str) -> bytes:
    from weasyprint import HTML  # imported when a PDF is made: Pango loads with it

    return HTML(string=html, base_url=None, url_fetcher=_no_fetching).write_pdf()


# A rendered PDF is kept this long: WeasyPrint needs about a second for a 50-line quotation on these
# machines (bench/README.md, "Sales"), and a sent document is downloaded again and again unchanged.
PDF_CACHE_SECONDS = 24 * 3600


def _version(document, kind: str) -> str:
    """What the PDF depends on: the document (its lines are written with it), its buyer, the letterhead."""
    settings = trade_settings(document.workspace)
    letterhead = [getattr(settings, f.attname) for f in settings._meta.concrete_fields]
    parts = [kind, document.public_id, document.updated_at, document.language, document.customer.updated_at,
             getattr(document.contact, "updated_at", None), letterhead]  # fmt: skip
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _cached_pdf(document, kind: str) -> bytes:
    key = f"trade-pdf:{_version(document, kind)}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = _render(document_html(document, kind=kind))
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf


def quotation_pdf(quotation) -> bytes:
    return _cached_pdf(quotation, "quotation")


def order_pdf(order) -> bytes:
    """The proforma invoice."""
    return _cached_pdf(order, "pi")
