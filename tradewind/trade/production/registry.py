"""What production plugs into shared machinery: history lines (of the order and of a supplier), the supplier
as a subject, notification kinds, the audit action, the menu entry, the upload limits, the panel on the
order page, and the workflow's gate on booking (a failed inspection)."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tradewind.activity.kinds import activity_kind_register
from tradewind.core.subjects import subject_kind_register
from tradewind.notifications.kinds import notification_kind_register
from tradewind.trade.production.choices import InspectionResult, ProductionAuditAction, ProductionStatus
from tradewind.workspaces.audit import audit_actions_register

# The field names a "changed" line lists, in the reader's language.
FIELD_LABELS = {
    "supplier": _("supplier"),
    "goods": _("what it makes"),
    "planned_start": _("planned start"),
    "planned_ready": _("planned ready date"),
    "actual_start": _("actual start"),
    "actual_ready": _("actual ready date"),
    "expected_ready": _("expected ready date"),
    "progress": _("progress"),
    "status": _("status"),
    "notes": _("notes"),
    "production": _("factory"),
    "agency": _("inspected by"),
    "agency_name": _("company name"),
    "kind": _("inspection"),
    "inspector": _("inspector"),
    "inspected_on": _("inspection date"),
    "name": _("name"),
    "contact_person": _("contact person"),
    "phone": _("phone"),
    "email": _("e-mail"),
    "city": _("city"),
    "country": _("country"),
}


def _day(value) -> str:
    try:
        return date_format(dt.date.fromisoformat(str(value)), "DATE_FORMAT")
    except ValueError:
        return str(value or "")


def _fields(data) -> str:
    return ", ".join(str(FIELD_LABELS.get(f, f)) for f in data.get("fields", []) if isinstance(f, str))


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


def _photos(data) -> str:
    n = data.get("photos") if isinstance(data.get("photos"), int) else 0
    return ngettext("%(n)d photo added", "%(n)d photos added", n) % {"n": n}


def _values(data: dict) -> dict:
    """The parameters a line is made of, in the reader's language."""
    text = {key: data.get(key, "") for key in ("supplier", "progress", "agency", "name", "reason")}
    return {
        **text,
        "fields": _fields(data),
        "status": _label(ProductionStatus, data.get("status")),
        "result": _label(InspectionResult, data.get("result")),
        "ready": _day(data.get("ready")),
        "delivery": _day(data.get("delivery")),
        "date": _day(data.get("on")),
        "photos": _photos(data),
    }


def _history_text(message, data) -> str:
    data = data if isinstance(data, dict) else {}
    text = str(message) % _values(data)
    if data.get("goods"):
        text += f": {data['goods']}"
    if data.get("expected"):
        text += " — " + str(_("expected ready %(date)s")) % {"date": _day(data["expected"])}
    if data.get("defects"):
        text += f" — {data['defects']}"
    return text


HISTORY = {
    "production.added": (_("Production placed"), _("Production placed with %(supplier)s")),
    "production.changed": (_("Production changed"), _("Production at %(supplier)s changed: %(fields)s")),
    "production.status": (_("Production status"), _("Production at %(supplier)s: %(status)s")),
    "production.progress": (
        _("Production progress"),
        _("Production at %(supplier)s: %(progress)s %% done"),
    ),
    "production.photos_added": (_("Production photos"), _("Production at %(supplier)s: %(photos)s")),
    "production.at_risk": (
        _("At risk: production late"),
        _("At risk: %(supplier)s expects the goods ready on %(ready)s, after the delivery date %(delivery)s"),
    ),
    "production.on_time": (
        _("Production on time again"),
        _("Back on time: the goods are expected ready by the delivery date"),
    ),
    "production.inspection_booked": (
        _("QC inspection booked"),
        _("QC inspection booked with %(agency)s for %(date)s"),
    ),
    "production.inspection_changed": (_("QC inspection changed"), _("QC inspection changed: %(fields)s")),
    "production.inspection_result": (_("QC result"), _("QC inspection by %(agency)s: %(result)s")),
    "production.inspection_report": (_("QC report attached"), _("QC report attached: %(name)s")),
    "production.inspection_photos": (_("QC photos"), _("QC inspection by %(agency)s: %(photos)s")),
    "production.inspection_risk_accepted": (
        _("Failed QC accepted"),
        _("The risk of the failed QC inspection was accepted: %(reason)s"),
    ),
    "production.supplier_created": (_("Supplier added"), _("Supplier added")),
    "production.supplier_changed": (_("Supplier changed"), _("Changed: %(fields)s")),
    "production.supplier_archived": (_("Supplier archived"), _("Archived")),
    "production.supplier_restored": (_("Supplier restored"), _("Restored from the archive")),
}

for _key, (_kind_label, _message) in HISTORY.items():
    activity_kind_register(_key, _kind_label, text=partial(_history_text, _message))


def _resolve_suppliers(membership, ids):
    from django.urls import reverse

    from tradewind.trade.production.models import Supplier

    if not membership.is_active:
        return {}
    slug = membership.workspace.slug
    suppliers = Supplier.objects.filter(workspace_id=membership.workspace_id, public_id__in=ids)
    return {
        s.public_id: (s.name, reverse("production:supplier", args=[slug, s.public_id])) for s in suppliers
    }


subject_kind_register("production.supplier", _("Supplier"), _resolve_suppliers)

notification_kind_register("production.at_risk", _("An order of yours is at risk: production is late"))
notification_kind_register("production.on_time", _("An order of yours is back on time"))
notification_kind_register("production.inspection_failed", _("A QC inspection of an order failed"))
audit_actions_register(ProductionAuditAction)


def _navigation():
    from tradewind.core.navigation import navigation_flag_register
    from tradewind.trade.production import permissions

    navigation_flag_register("production_keep", permissions.can_manage_suppliers)


_navigation()


def _upload_routes():
    from django.conf import settings

    from tradewind.files.limits import upload_route_register

    # Several photos (and a report) in one form: the body may hold as much as an attachment.
    for view_name in (
        "production:progress_add", "production:inspection_result", "production:inspection_attach",
        "api:inspection_report_attach", "api:inspection_photo_add", "api:production_progress_photo_add",
    ):  # fmt: skip
        upload_route_register(view_name, lambda: settings.ATTACHMENT_MAX_BYTES)


_upload_routes()


def _order_panel(membership, order):
    """The order's production (each factory with its latest progress and expected date) and its QC."""
    from tradewind.trade.choices import OrderStatus
    from tradewind.trade.production import permissions, selectors

    if order.status != OrderStatus.CONFIRMED and not order.productions.exists():
        return None  # a PI not confirmed yet has no production
    can_work = permissions.can_work_production(membership, order) and order.status == OrderStatus.CONFIRMED
    inspections = selectors.order_inspections(order)
    return {
        "order": order,
        "productions": selectors.order_productions(order),
        "inspections": inspections,
        "blocked": selectors.inspection_blocks_booking(order, inspections),
        "can_work": can_work,
        "can_accept": permissions.can_accept_qc_risk(membership, order),
    }


def _panels():
    from tradewind.core.panels import panel_register

    panel_register("trade.order", "production", "production/_order_panel.html", _order_panel, order=20)


_panels()


def _gates():
    from tradewind.trade.workflow.gates import stage_gate_register

    def check(order):
        from tradewind.trade.production.selectors import inspection_blocks_booking

        return inspection_blocks_booking(order)

    stage_gate_register("booking", "qc", check)


_gates()
