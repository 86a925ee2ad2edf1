from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProductionStatus(models.TextChoices):
    """planned → in production → ready; or cancelled (the factory lost the order, it moved elsewhere)."""

    PLANNED = "planned", pgettext_lazy("production", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("production", "In production")
    READY = "ready", pgettext_lazy("production", "Ready")
    CANCELLED = "cancelled", pgettext_lazy("production", "Cancelled")


class InspectionAgency(models.TextChoices):
    """Who inspects: the team's own QC or a third-party inspection company the buyer may name."""

    OWN = "own", _("Own QC")
    SGS = "sgs", "SGS"
    BV = "bv", _("Bureau Veritas (BV)")
    INTERTEK = "intertek", "Intertek"
    TUV = "tuv", "TÜV"
    OTHER = "other", _("Another company")


class InspectionKind(models.TextChoices):
    """When in production the goods are inspected."""

    DURING = "during", _("During production (DUPRO)")
    PRE_SHIPMENT = "pre_shipment", _("Pre-shipment inspection (PSI)")
    LOADING = "loading", _("Container loading check")


class InspectionResult(models.TextChoices):
    PENDING = "pending", pgettext_lazy("inspection", "Pending")
    PASS = "pass", pgettext_lazy("inspection", "Pass")
    PASS_WITH_REMARKS = "pass_remarks", pgettext_lazy("inspection", "Pass with remarks")
    FAIL = "fail", pgettext_lazy("inspection", "Fail")


PASSED = (InspectionResult.PASS, InspectionResult.PASS_WITH_REMARKS)


class ProductionAuditAction(models.TextChoices):
    QC_RISK_ACCEPTED = "qc_risk_accepted", _("Accepted the risk of a failed QC inspection")
