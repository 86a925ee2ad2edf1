"""The commercial invoice and the packing list of a shipment as PDFs (WeasyPrint, like the PI: trade/pdf.py),
in English or Chinese. Both read the same figures (figures.py), so they agree with each other and with the
order to the cent and to the carton."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from tradewind.core.money import Money
from tradewind.core.trade import INCOTERMS
from tradewind.trade.payment_terms import payment_terms_text
from tradewind.trade.pdf import PDF_CACHE_SECONDS, _logo_data_uri, _render
from tradewind.trade.services.common import trade_settings
from tradewind.trade.shipdocs.figures import ShipmentFigures, shipment_figures
from tradewind.trade.shipdocs.models import LetterOfCredit

KINDS = ("invoice", "packing_list")
LANGUAGES = ("en", "zh-hans")


def shipment_pdf_context(shipment, *, kind: str, figures: ShipmentFigures | None = None) -> dict:
    order = shipment.order
    settings = trade_settings(order.workspace)
    figures = figures or shipment_figures(shipment)
    rule = INCOTERMS.get(order.incoterm)
    return {
        "kind": kind,
        "shipment": shipment,
        "order": order,
        "customer": order.customer,
        "seller": settings,
        "logo": _logo_data_uri(settings),
        "figures": figures,
        "currency": order.currency,
        "total": Money(figures.total, order.currency),
        "issued_on": shipment.etd or timezone.localdate(),
        "incoterm_name": rule.name if rule else "",
        "payment_terms": payment_terms_text(order.payment_terms),
        "letter": LetterOfCredit.objects.filter(order=order).first(),
        "port_of_loading": shipment.port_of_loading or order.port_of_loading,
        "port_of_discharge": shipment.port_of_discharge or order.port_of_discharge,
    }


def shipment_pdf_html(shipment, *, kind: str, language: str, figures: ShipmentFigures | None = None) -> str:
    with override(language):
        context = shipment_pdf_context(shipment, kind=kind, figures=figures)
        context["language"] = language
        return render_to_string(f"shipdocs/pdf/{kind}.html", context)


def _version(shipment, kind: str, language: str, figures: ShipmentFigures) -> str:
    """What the PDF depends on: the figures themselves, the shipment, order, buyer, L/C and letterhead."""
    order = shipment.order
    settings = trade_settings(order.workspace)
    letter = LetterOfCredit.objects.filter(order=order).values_list("updated_at", flat=True).first()
    letterhead = [getattr(settings, f.attname) for f in settings._meta.concrete_fields]
    parts = [
        kind,
        language,
        shipment.public_id,
        shipment.updated_at,
        order.updated_at,
        order.customer.updated_at,
        letter,
        letterhead,
        figures,
        timezone.localdate() if shipment.etd is None else None,
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def shipment_pdf(shipment, *, kind: str, language: str) -> bytes:
    """The CI ("invoice") or PL ("packing_list") in `language` ("en", "zh-hans"); the same figures give
    the same PDF from the cache (WeasyPrint takes a second; the clerk downloads it again and again)."""
    if kind not in KINDS:
        raise ValueError(f"unknown shipment document {kind!r}")
    language = language if language in LANGUAGES else "en"
    figures = shipment_figures(shipment)
    key = f"shipdocs-pdf:{_version(shipment, kind, language, figures)}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = _render(shipment_pdf_html(shipment, kind=kind, language=language, figures=figures))
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf


def pdf_file_name(shipment, kind: str) -> str:
    return f"{'CI' if kind == 'invoice' else 'PL'}-{shipment.number}.pdf"
