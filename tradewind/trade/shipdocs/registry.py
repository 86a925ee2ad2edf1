"""What shipdocs plugs into shared machinery: history lines on the order, notification kinds and the L/C
reminder, audit actions, a new workspace's rules, the menu, upload limits, and the panels on the order and
shipment pages."""

from __future__ import annotations

from functools import partial

from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from tradewind.activity.kinds import activity_kind_register
from tradewind.notifications.kinds import notification_kind_register
from tradewind.notifications.reminders import reminder_kind_register
from tradewind.trade.shipdocs.choices import DocumentKind, DocumentStatus, OriginType, ShipdocsAuditAction
from tradewind.workspaces.audit import audit_actions_register
from tradewind.workspaces.setup import workspace_setup_register

HISTORY = {
    "shipdocs.checklist_synced": _("Documents of %(shipment)s recomputed"),
    "shipdocs.document_added": _("%(document)s added to %(shipment)s"),
    "shipdocs.document_removed": _("%(document)s removed from %(shipment)s"),
    "shipdocs.status_changed": _("%(document)s of %(shipment)s: %(status)s"),
    "shipdocs.owner_changed": _("%(document)s of %(shipment)s given to %(to)s"),
    "shipdocs.tracking_changed": _(
        "%(document)s of %(shipment)s: courier %(courier)s, tracking %(tracking)s"
    ),
    "shipdocs.version_uploaded": _("%(document)s of %(shipment)s: version %(number)s (%(file)s)"),
    "shipdocs.lc_recorded": _("L/C %(number)s recorded, expires %(expiry)s"),
    "shipdocs.lc_changed": _("L/C %(number)s changed"),
    "shipdocs.lc_removed": _("L/C %(number)s removed"),
}


def document_label(data: dict) -> str:
    """A document named by a history entry, in the reader's language."""
    if not isinstance(data, dict):
        return ""
    if data.get("name"):
        return str(data["name"])
    kind = data.get("kind", "")
    label = str(dict(DocumentKind.choices).get(kind, kind))
    if data.get("origin"):
        label += " — " + str(dict(OriginType.choices).get(data["origin"], data["origin"]))
    return label


def _labels(items) -> str:
    return ", ".join(document_label(item) for item in items or [] if isinstance(item, dict))


def _history_text(message, data: dict) -> str:
    values = {
        key: data.get(key, "")
        for key in ("shipment", "to", "courier", "tracking", "number", "file", "expiry")
    }
    values["document"] = document_label(data)
    values["status"] = str(dict(DocumentStatus.choices).get(data.get("to", ""), data.get("to", "")))
    text = str(message) % values
    if data.get("tracking") and data.get("to") == DocumentStatus.ORIGINAL_SENT:
        text += " — " + _gettext("%(courier)s %(tracking)s") % values
    parts = [
        (_gettext("added: %(names)s"), data.get("added")),
        (_gettext("removed: %(names)s"), data.get("removed")),
        (_gettext("kept, no longer asked for: %(names)s"), data.get("dropped")),
        (_gettext("changed: %(names)s"), data.get("updated")),
    ]
    details = [label % {"names": _labels(items)} for label, items in parts if items]
    if details:
        text += " — " + "; ".join(details)
    return text


for _key, _message in HISTORY.items():
    activity_kind_register(_key, _message, text=partial(_history_text, _message))

notification_kind_register("shipdocs.assigned", _("Shipping documents are given to you"))
notification_kind_register("shipdocs.version_uploaded", _("A new file for a shipping document of yours"))
notification_kind_register(
    "shipdocs.presentation_due", _("An L/C's presentation deadline is near"), urgent=False
)
audit_actions_register(ShipdocsAuditAction)


def _presentation_due(reminder):
    from tradewind.trade.shipdocs.services.sync import presentation_reminder_fire

    presentation_reminder_fire(reminder)


reminder_kind_register("shipdocs.presentation_due", _presentation_due)


def _setup(workspace):
    from tradewind.trade.shipdocs.services import shipdocs_workspace_setup

    shipdocs_workspace_setup(workspace)


workspace_setup_register(_setup)


def _navigation():
    """The documents list is a page of the fulfilment hub (workflow/_nav.html), shown to who works them."""
    from tradewind.core.navigation import navigation_flag_register
    from tradewind.trade.shipdocs import permissions

    navigation_flag_register("shipdocs_work", permissions.can_work_documents)


_navigation()


def _upload_routes():
    from django.conf import settings

    from tradewind.files.limits import upload_route_register

    for view_name in ("shipdocs:upload", "api:shipdocs_version_add"):
        upload_route_register(view_name, lambda: settings.ATTACHMENT_MAX_BYTES)


_upload_routes()


def _order_panel(membership, order):
    """The order's documents: progress per shipment, the L/C and its warnings."""
    from tradewind.trade.shipdocs import permissions, selectors

    if not permissions.can_see_documents(membership, order):
        return None
    found = selectors.order_documents(order)
    if not found.shipments and found.letter is None and not found.pays_by_lc:
        return None
    return {
        "order": order,
        "documents": found,
        "can_keep": permissions.can_keep_letters_of_credit(membership, order),
    }


def _shipment_panel(membership, shipment):
    """The shipment's checklist on the shipment's page."""
    from tradewind.trade.shipdocs import permissions, selectors

    order = shipment.order
    if not permissions.can_see_documents(membership, order):
        return None
    documents = selectors.shipment_documents(shipment)
    return {
        "shipment": shipment,
        "documents": documents,
        "progress": selectors.progress_of(documents),
        "can_change": permissions.can_change_documents(membership, order),
    }


def _panels():
    from tradewind.core.panels import panel_register

    panel_register("trade.order", "documents", "shipdocs/_order_panel.html", _order_panel, order=40)
    panel_register(
        "shipping.shipment", "documents", "shipdocs/_shipment_panel.html", _shipment_panel, order=30
    )


_panels()


def _shipping_hooks():
    from tradewind.trade.shipping.hooks import shipment_hook_register

    def checklist(*, shipment):
        from tradewind.trade.shipdocs.services import shipment_documents_sync
        from tradewind.trade.shipping.models import ShipmentStatus

        if shipment.status != ShipmentStatus.CANCELLED:
            shipment_documents_sync(shipment=shipment)

    shipment_hook_register(checklist)


_shipping_hooks()
