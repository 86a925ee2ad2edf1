"""What sales plugs into shared machinery: history lines (of the documents and on the customer's timeline),
the documents as subjects, notification kinds, navigation."""

from functools import partial

from django.utils.translation import gettext_lazy as _

from tradewind.activity.kinds import activity_kind_register
from tradewind.core.subjects import subject_kind_register
from tradewind.notifications.kinds import notification_kind_register
from tradewind.trade.choices import TradeAuditAction
from tradewind.workspaces.audit import audit_actions_register

HISTORY = {
    "trade.quotation.created": _("Quotation %(number)s made"),
    "trade.quotation.changed": _("Quotation %(number)s changed"),
    "trade.quotation.ready": _("Quotation %(number)s ready to send (no approval needed)"),
    "trade.quotation.submitted": _("Quotation %(number)s sent for approval"),
    "trade.quotation.approved": _("Quotation %(number)s approved"),
    "trade.quotation.rejected": _("Quotation %(number)s rejected: %(comment)s"),
    "trade.quotation.sent": _("Quotation %(number)s sent"),
    "trade.quotation.accepted": _("Quotation %(number)s accepted by the buyer"),
    "trade.quotation.declined": _("Quotation %(number)s declined by the buyer"),
    "trade.quotation.expired": _("Quotation %(number)s expired"),
    "trade.quotation.revised": _("Quotation %(number)s revised as %(revision)s"),
    "trade.order.created": _("Proforma invoice %(number)s made"),
    "trade.order.changed": _("Proforma invoice %(number)s changed"),
    "trade.order.confirmed": _("Order %(number)s confirmed by the buyer"),
    "trade.order.cancelled": _("Order %(number)s cancelled"),
}


def _text(message, data: dict) -> str:
    values = {key: data.get(key, "") for key in ("number", "comment", "revision", "to")}
    text = str(message) % values
    if data.get("to"):
        text += " → " + str(data["to"])
    return text


for _key, _message in HISTORY.items():
    activity_kind_register(_key, _message, text=partial(_text, _message))

audit_actions_register(TradeAuditAction)
notification_kind_register("trade.approval_requested", _("A quotation awaits your approval"))
notification_kind_register("trade.approval_decided", _("Your quotation was approved or rejected"))
notification_kind_register("trade.quotation_expiring", _("A quotation you sent expires soon"))


def _resolver(model_path: str, url_name: str):
    def resolve(membership, ids):
        from django.apps import apps
        from django.urls import reverse

        from tradewind.trade import permissions

        model = apps.get_model(model_path)
        slug = membership.workspace.slug
        documents = model.objects.filter(
            workspace_id=membership.workspace_id, public_id__in=ids
        ).select_related("customer")
        return {
            d.public_id: (f"{d.number} · {d.customer.name}", reverse(url_name, args=[slug, d.public_id]))
            for d in documents
            if permissions.can_see(membership, d)
        }

    return resolve


subject_kind_register("trade.quotation", _("Quotation"), _resolver("trade.Quotation", "trade:quotation"))
subject_kind_register("trade.order", _("Order"), _resolver("trade.Order", "trade:order"))


def _navigation():
    from tradewind.core.navigation import navigation_entry_register, navigation_flag_register
    from tradewind.trade import permissions

    navigation_entry_register("quotations", _("Quotations"), "trade:quotations", 13, app="trade")
    navigation_entry_register("orders", _("Orders"), "trade:orders", 14, app="trade")
    navigation_flag_register("trade_quote", permissions.can_quote)
    navigation_flag_register("trade_margins", permissions.can_see_margins)


_navigation()


def _customer_panel(membership, customer):
    """A customer's quotations and orders on its profile: what the buyer asked for and bought."""
    from tradewind.trade import permissions, selectors

    documents = selectors.customer_documents(membership=membership, customer=customer, limit=10)
    return {
        **documents,
        "customer": customer,
        "can_quote": permissions.can_quote(membership),
    }


def _inquiry_panel(membership, inquiry):
    """The quotations answering an inquiry, and the button to make one."""
    from tradewind.crm.permissions import can_see_details
    from tradewind.trade import permissions

    customer_ok = inquiry.customer_id is not None and can_see_details(membership, inquiry.customer)
    quotations = [q for q in inquiry.quotations.order_by("-id")[:20] if permissions.can_see(membership, q)]
    return {
        "inquiry": inquiry,
        "quotations": quotations,
        "can_quote": permissions.can_quote(membership) and customer_ok and inquiry.is_open,
        "needs_customer": inquiry.customer_id is None,
    }


def _panels():
    from tradewind.core.panels import panel_register

    panel_register("crm.customer", "trade", "trade/_customer_panel.html", _customer_panel, order=20)
    panel_register("inquiries.inquiry", "trade", "trade/_inquiry_panel.html", _inquiry_panel, order=20)


_panels()


def _upload_routes():
    from django.conf import settings

    from tradewind.files.limits import upload_route_register

    # A confirmation may carry the buyer's signed PI: its URLs take a body as large as an attachment.
    for view_name in ("trade:order_confirm", "api:order_confirm"):
        upload_route_register(view_name, lambda: settings.ATTACHMENT_MAX_BYTES)


_upload_routes()


def _crm_hooks():
    from tradewind.crm.hooks import customer_merge_hook_register

    def move(**kwargs):
        from tradewind.trade.services.customers import documents_customer_move

        return documents_customer_move(**kwargs)

    customer_merge_hook_register("sales_documents", move)


_crm_hooks()
