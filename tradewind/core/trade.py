"""The export trade's shared vocabulary (GLOSSARY.md): Incoterms® 2020, transport modes, payment methods,
containers. Customers, quotations, orders and shipments all speak it, so it lives below them.

Stored values are the trade's own codes ("FOB", "tt", "40HQ"); names and descriptions are translated
when shown. The Incoterm choices keep the bare code as their label because customer rows store them
with those choices (changing the label would be a migration for nothing); the long names are in
`INCOTERMS` and `incoterm_choices()`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Incoterm(models.TextChoices):
    EXW = "EXW", "EXW"
    FCA = "FCA", "FCA"
    CPT = "CPT", "CPT"
    CIP = "CIP", "CIP"
    DAP = "DAP", "DAP"
    DPU = "DPU", "DPU"
    DDP = "DDP", "DDP"
    FAS = "FAS", "FAS"
    FOB = "FOB", "FOB"
    CFR = "CFR", "CFR"
    CIF = "CIF", "CIF"


class TransportMode(models.TextChoices):
    SEA = "sea", pgettext_lazy("transport", "Sea")
    INLAND_WATERWAY = "inland_waterway", pgettext_lazy("transport", "Inland waterway")
    AIR = "air", pgettext_lazy("transport", "Air")
    RAIL = "rail", pgettext_lazy("transport", "Rail")
    ROAD = "road", pgettext_lazy("transport", "Road")
    COURIER = "courier", pgettext_lazy("transport", "Courier / express")
    MULTIMODAL = "multimodal", pgettext_lazy("transport", "Multimodal")


# The two families of the 2020 rules: seven for any mode of transport, four only where goods are loaded
# on a vessel (FOB for air freight is a common mistake: FCA is the rule for it).
ANY_MODE = (Incoterm.EXW, Incoterm.FCA, Incoterm.CPT, Incoterm.CIP, Incoterm.DAP, Incoterm.DPU, Incoterm.DDP)
WATER_ONLY = (Incoterm.FAS, Incoterm.FOB, Incoterm.CFR, Incoterm.CIF)
WATER_MODES = (TransportMode.SEA, TransportMode.INLAND_WATERWAY)


@dataclass(frozen=True)
class IncotermRule:
    code: str
    name: object  # lazy: "Free On Board" / 船上交货
    place: object  # what the named place is: "named port of shipment"
    description: object  # who does what, in one sentence
    seller_pays_main_carriage: bool  # C and D rules: the price includes the freight
    seller_insures: bool  # CIP and CIF
    seller_clears_import: bool  # DDP only (EXW: the buyer clears export too)

    @property
    def water_only(self) -> bool:
        return self.code in WATER_ONLY


_DELIVERY = _("named place of delivery")
_DESTINATION = _("named place of destination")
_SHIPMENT_PORT = _("named port of shipment")
_DESTINATION_PORT = _("named port of destination")

INCOTERMS: dict[str, IncotermRule] = {
    rule.code: rule
    for rule in (
        IncotermRule("EXW", _("Ex Works"), _DELIVERY, _(
            "The buyer collects the goods at the seller's premises and bears every cost and risk from "
            "there, export clearance included."), False, False, False),
        IncotermRule("FCA", _("Free Carrier"), _DELIVERY, _(
            "The seller hands the goods, cleared for export, to the buyer's carrier at the named place."),
            False, False, False),
        IncotermRule("CPT", _("Carriage Paid To"), _DESTINATION, _(
            "The seller pays the carriage to the named destination; the risk passes to the buyer when the "
            "goods are handed to the first carrier."), True, False, False),
        IncotermRule("CIP", _("Carriage and Insurance Paid To"), _DESTINATION, _(
            "As CPT, and the seller also insures the goods in transit (all risks, Institute Cargo Clauses "
            "A)."), True, True, False),
        IncotermRule("DAP", _("Delivered at Place"), _DESTINATION, _(
            "The seller delivers the goods, ready for unloading, at the named destination; the buyer "
            "clears import and pays the duties."), True, False, False),
        IncotermRule("DPU", _("Delivered at Place Unloaded"), _DESTINATION, _(
            "The seller delivers the goods unloaded at the named destination; the buyer clears import and "
            "pays the duties."), True, False, False),
        IncotermRule("DDP", _("Delivered Duty Paid"), _DESTINATION, _(
            "The seller delivers at the named destination, cleared for import with the duties paid."),
            True, False, True),
        IncotermRule("FAS", _("Free Alongside Ship"), _SHIPMENT_PORT, _(
            "The seller places the goods, cleared for export, alongside the buyer's vessel at the named "
            "port of shipment."), False, False, False),
        IncotermRule("FOB", _("Free On Board"), _SHIPMENT_PORT, _(
            "The seller loads the goods, cleared for export, on board the buyer's vessel at the named port "
            "of shipment; the risk passes once they are on board."), False, False, False),
        IncotermRule("CFR", _("Cost and Freight"), _DESTINATION_PORT, _(
            "The seller pays the sea freight to the named port of destination; the risk passes once the "
            "goods are on board at the port of shipment."), True, False, False),
        IncotermRule("CIF", _("Cost, Insurance and Freight"), _DESTINATION_PORT, _(
            "As CFR, and the seller also insures the goods at sea (minimum cover, Institute Cargo Clauses "
            "C)."), True, True, False),
    )
}  # fmt: skip


def incoterm_choices() -> list[tuple[str, str]]:
    """("FOB", "FOB — Free On Board") … in the order of the rules, named in the active language."""
    return [(code, f"{code} — {rule.name}") for code, rule in INCOTERMS.items()]


def incoterms_for(mode: str) -> tuple[str, ...]:
    """The rules that fit a transport mode: all eleven by water, the seven any-mode rules otherwise."""
    return ANY_MODE + WATER_ONLY if mode in WATER_MODES else ANY_MODE


_INCOTERM = re.compile(r"^\s*([A-Za-z]{3})(?![A-Za-z])[\s,:;-]*(.*)$", re.S)
# "Incoterms® 2020" written before or after the place.
_EDITION = re.compile(r"^\(?\s*(?:incoterms?\s*®?\s*)?20[12]0\s*\)?[\s,:;-]*", re.I)
_EDITION_AFTER = re.compile(r"[\s,;-]*\(?\s*incoterms?\s*®?\s*(?:20[12]0)?\s*\)?\s*$", re.I)


def incoterm_parse(text: str) -> tuple[str, str] | None:
    """ "FOB Ningbo" -> ("FOB", "Ningbo"); "cif, hamburg" -> ("CIF", "hamburg"); "FCA Incoterms 2020
    Shenzhen" -> ("FCA", "Shenzhen"); None when the text does not start with an Incoterm."""
    found = _INCOTERM.match(text or "")
    if not found or found.group(1).upper() not in INCOTERMS:
        return None
    place = _EDITION_AFTER.sub("", _EDITION.sub("", found.group(2).strip())).strip()
    return found.group(1).upper(), place


class PaymentMethod(models.TextChoices):
    """How the buyer pays (付款方式); the split (30 % deposit …) is the document's, not the method's."""

    TT = "tt", _("T/T (telegraphic transfer)")
    LC = "lc", _("L/C (letter of credit)")
    DP = "dp", _("D/P (documents against payment)")
    DA = "da", _("D/A (documents against acceptance)")
    OA = "oa", _("O/A (open account)")
    CAD = "cad", _("CAD (cash against documents)")
    PAYPAL = "paypal", "PayPal"
    WESTERN_UNION = "western_union", "Western Union"


class ContainerType(models.TextChoices):
    GP20 = "20GP", _("20' general purpose (20GP)")
    GP40 = "40GP", _("40' general purpose (40GP)")
    HQ40 = "40HQ", _("40' high cube (40HQ)")
    HQ45 = "45HQ", _("45' high cube (45HQ)")
    RF20 = "20RF", _("20' reefer (20RF)")
    RF40 = "40RH", _("40' high cube reefer (40RH)")
    LCL = "LCL", _("LCL (less than container load)")
