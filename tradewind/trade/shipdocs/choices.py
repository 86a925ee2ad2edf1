"""The words of shipping documents (单证): the kinds of document, the certificates of origin, a document's
status, what a rule is keyed on — and the defaults a new workspace starts with."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tradewind.core.trade import Incoterm, PaymentMethod


class DocumentKind(models.TextChoices):
    COMMERCIAL_INVOICE = "commercial_invoice", _("Commercial invoice")
    PACKING_LIST = "packing_list", _("Packing list")
    BILL_OF_LADING = "bill_of_lading", _("Bill of lading / air waybill")
    EXPORT_DECLARATION = "export_declaration", _("Export customs declaration (报关单)")
    INSURANCE_POLICY = "insurance_policy", _("Insurance policy")
    CERTIFICATE_OF_ORIGIN = "certificate_of_origin", _("Certificate of origin")
    FUMIGATION_CERTIFICATE = "fumigation_certificate", _("Fumigation certificate (ISPM 15)")
    INSPECTION_CERTIFICATE = "inspection_certificate", _("Inspection certificate")
    DELIVERY_PROOF = "delivery_proof", _("Proof of delivery")
    LC_PRESENTATION = "lc_presentation", _("L/C presentation (draft and covering letter)")
    OTHER = "other", pgettext_lazy("document", "Other")


# Made here from the order and the shipment: their PDFs are generated, and the one checked is kept.
GENERATED_KINDS = (DocumentKind.COMMERCIAL_INVOICE, DocumentKind.PACKING_LIST)


class OriginType(models.TextChoices):
    """Which certificate of origin a destination takes: the preferential forms lower the buyer's duty."""

    GENERAL = "general", _("General certificate of origin (CCPIT)")
    FORM_E = "form_e", _("Form E (China–ASEAN)")
    FORM_A = "form_a", _("Form A (GSP)")
    FORM_F = "form_f", _("Form F (China–Chile)")
    CHAFTA = "chafta", _("ChAFTA (China–Australia)")
    RCEP = "rcep", _("RCEP")
    EUR1 = "eur1", _("EUR.1")
    KOREA = "korea", _("China–Korea FTA")
    NEW_ZEALAND = "new_zealand", _("China–New Zealand FTA")
    PAKISTAN = "pakistan", _("Form P (China–Pakistan)")
    SWITZERLAND = "switzerland", _("China–Switzerland FTA")
    PERU = "peru", _("China–Peru FTA")
    NONE = "none", _("No certificate of origin")


class DocumentStatus(models.TextChoices):
    """to prepare → drafted → checked → sent to buyer → original sent."""

    TO_PREPARE = "to_prepare", _("To prepare")
    DRAFTED = "drafted", pgettext_lazy("document", "Drafted")
    CHECKED = "checked", pgettext_lazy("document", "Checked")
    SENT_TO_BUYER = "sent_to_buyer", _("Sent to buyer")
    ORIGINAL_SENT = "original_sent", _("Original sent")


STATUS_ORDER = list(DocumentStatus.values)
# From here on a document is what was checked: a file must be there to have been checked.
NEEDS_FILE_FROM = DocumentStatus.CHECKED
# Done for the checklist's progress: the buyer (or the bank) has it.
DONE_STATUSES = (DocumentStatus.SENT_TO_BUYER, DocumentStatus.ORIGINAL_SENT)


def status_rank(status: str) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else -1


class RuleTrigger(models.TextChoices):
    """What a rule looks at. Its `values` are the Incoterms, payment methods, countries or keywords."""

    ALWAYS = "always", _("Every shipment")
    INCOTERM = "incoterm", _("Incoterm")
    PAYMENT_METHOD = "payment_method", _("Payment method")
    DESTINATION = "destination", _("Destination country")
    PRODUCT_CATEGORY = "product_category", _("Product category")
    PACKING_KEYWORD = "packing_keyword", _("Word in the goods or packing")


class DocumentSource(models.TextChoices):
    RULES = "rules", _("The rules")
    MANUAL = "manual", _("Added by hand")


class ShipdocsAuditAction(models.TextChoices):
    RULES_CHANGED = "shipdocs_rules_changed", _("Changed the shipping-document rules")
    ORIGINALS_RELEASED_UNPAID = (
        "shipdocs_originals_unpaid",
        _("Sent original documents with the balance unpaid"),
    )


# Payment methods whose documents go through the banks: the bank hands them over against payment or
# acceptance, so sending the originals does not release the goods unpaid.
BANK_METHODS = (PaymentMethod.LC, PaymentMethod.DP, PaymentMethod.DA, PaymentMethod.CAD)

# --- what a new workspace starts with ---------------------------------------------------------------------

ASEAN = ("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN")
WOOD_WORDS = ["wood", "wooden", "pallet", "crate", "木"]

# (trigger, values, kind): always CI + PL + B/L; the Incoterm decides who clears export and insures;
# an L/C adds its presentation; wood in the packing needs ISPM 15 fumigation.
DEFAULT_RULES = (
    (RuleTrigger.ALWAYS, [], DocumentKind.COMMERCIAL_INVOICE),
    (RuleTrigger.ALWAYS, [], DocumentKind.PACKING_LIST),
    (RuleTrigger.ALWAYS, [], DocumentKind.BILL_OF_LADING),
    # Under EXW the buyer clears export: every other rule has us declare the goods.
    (
        RuleTrigger.INCOTERM,
        [c for c in Incoterm.values if c != Incoterm.EXW],
        DocumentKind.EXPORT_DECLARATION,
    ),
    (RuleTrigger.INCOTERM, [Incoterm.CIF.value, Incoterm.CIP.value], DocumentKind.INSURANCE_POLICY),
    (
        RuleTrigger.INCOTERM,
        [Incoterm.DAP.value, Incoterm.DPU.value, Incoterm.DDP.value],
        DocumentKind.DELIVERY_PROOF,
    ),
    (RuleTrigger.PAYMENT_METHOD, [PaymentMethod.LC.value], DocumentKind.LC_PRESENTATION),
    (RuleTrigger.PACKING_KEYWORD, WOOD_WORDS, DocumentKind.FUMIGATION_CERTIFICATE),
)

# Destination country -> certificate of origin; "" is every other country.
DEFAULT_ORIGINS = (
    *((code, OriginType.FORM_E) for code in ASEAN),
    ("CL", OriginType.FORM_F),
    ("AU", OriginType.CHAFTA),
    ("KR", OriginType.KOREA),
    ("NZ", OriginType.NEW_ZEALAND),
    ("PK", OriginType.PAKISTAN),
    ("CH", OriginType.SWITZERLAND),
    ("PE", OriginType.PERU),
    ("JP", OriginType.RCEP),  # Japan's only trade agreement with China
    ("", OriginType.GENERAL),
)
