"""What aftersales plugs into shared machinery: history lines (of a case, its order and the customer's
timeline), the case as a subject, notification kinds, audit actions, a new workspace's rules, the menu,
the photo upload's size limit, the panels on the order page and the customer's profile, the CRM's merge."""

from decimal import Decimal, InvalidOperation
from functools import partial

from django.utils.translation import gettext_lazy as _

from tradewind.activity.kinds import activity_kind_register
from tradewind.core.subjects import subject_kind_register
from tradewind.notifications.kinds import notification_kind_register
from tradewind.trade.aftersales.choices import AftersalesAuditAction, CaseStatus, CaseType, Resolution
from tradewind.workspaces.audit import audit_actions_register
from tradewind.workspaces.setup import workspace_setup_register

HISTORY = {
    "aftersales.case.opened": _("After-sales case %(number)s opened on %(order)s: %(type)s"),
    "aftersales.case.changed": _("Case %(number)s changed: %(fields)s"),
    "aftersales.case.owner": _("Case %(number)s given to %(name)s"),
    "aftersales.case.status": _("Case %(number)s: %(status)s"),
    "aftersales.case.resolved": _("Case %(number)s closed: %(resolution)s"),
    "aftersales.case.photo_added": _("Photo added to case %(number)s: %(name)s"),
    "aftersales.case.photo_removed": _("Photo removed from case %(number)s: %(name)s"),
    "aftersales.credit.applied": _("Credit note %(credit)s of case %(number)s deducted from %(order)s"),
    "aftersales.follow_up.planned": _("Follow-up with the buyer planned for shipment %(shipment)s: %(name)s"),
}


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


def _amount(data: dict) -> str:
    from tradewind.core.money import Money, money_format

    try:
        return money_format(Money(Decimal(data["amount"]), data["currency"]))
    except (KeyError, InvalidOperation, ValueError, TypeError):
        return ""


def _history_text(message, data: dict) -> str:
    values = {key: data.get(key, "") for key in ("number", "order", "name", "credit", "shipment")}
    values["type"] = _label(CaseType, data.get("type"))
    values["status"] = _label(CaseStatus, data.get("status"))
    values["resolution"] = _label(Resolution, data.get("resolution"))
    values["fields"] = ", ".join(f for f in data.get("fields", []) if isinstance(f, str))
    if not values["name"]:
        values["name"] = str(_("nobody"))
    text = str(message) % values
    amount = _amount(data) if data.get("amount") else ""
    return f"{text} · {amount}" if amount else text


for _key, _message in HISTORY.items():
    activity_kind_register(_key, _message, text=partial(_history_text, _message))


def _resolve_cases(membership, ids):
    from django.urls import reverse

    from tradewind.trade.aftersales.models import AftersalesCase
    from tradewind.trade.aftersales.permissions import can_view_case

    slug = membership.workspace.slug
    cases = AftersalesCase.objects.filter(
        workspace_id=membership.workspace_id, public_id__in=ids
    ).select_related("order__customer", "customer")
    return {
        c.public_id: (
            f"{c.number} · {c.customer.name}",
            reverse("aftersales:detail", args=[slug, c.public_id]),
        )
        for c in cases
        if can_view_case(membership, c)
    }


subject_kind_register("aftersales.case", _("After-sales case"), _resolve_cases)

notification_kind_register("aftersales.case_assigned", _("An after-sales case is yours to work"))
notification_kind_register("aftersales.case_opened", _("A buyer opened an after-sales case on your order"))
notification_kind_register("aftersales.case_resolved", _("An after-sales case on your order was closed"))
notification_kind_register("aftersales.follow_up_due", _("Follow up with a buyer after delivery"))
audit_actions_register(AftersalesAuditAction)


def _setup(workspace):
    from tradewind.trade.aftersales.services import aftersales_workspace_setup

    aftersales_workspace_setup(workspace)


workspace_setup_register(_setup)


def _navigation():
    from tradewind.core.navigation import navigation_entry_register, navigation_flag_register
    from tradewind.trade.aftersales import permissions

    navigation_entry_register("aftersales", _("After-sales"), "aftersales:list", 18, app="aftersales")
    navigation_flag_register("aftersales_keep", permissions.can_keep_cases)


_navigation()


def _upload_routes():
    from django.conf import settings

    from tradewind.files.limits import upload_route_register

    for view_name in ("aftersales:photo_add", "api:aftersales_photo_add"):
        upload_route_register(view_name, lambda: settings.PRODUCT_PHOTO_MAX_BYTES)


_upload_routes()


def _order_panel(membership, order):
    """The order's cases, credits deducted from it and the customer's open ones, its follow-ups, and the
    link to open a case."""
    from tradewind.trade.aftersales import permissions, selectors
    from tradewind.trade.choices import OrderStatus

    cases = selectors.order_cases(order)
    follow_ups = selectors.order_follow_ups(order)
    applied = selectors.credits_applied_to(order)
    can_open = order.status == OrderStatus.CONFIRMED and permissions.can_open_case(membership, order)
    can_apply = permissions.can_apply_credits(membership) and order.status != OrderStatus.CANCELLED
    open_credits = []
    if can_apply:  # the customer's credits this order could take (credit_apply checks the rest)
        open_credits = [
            c
            for c in selectors.open_credits(order.customer)
            if c.currency == order.currency and c.case.order_id != order.pk
        ]
    if not (cases or follow_ups or applied or open_credits or can_open):
        return None
    return {
        "order": order,
        "cases": cases,
        "follow_ups": follow_ups,
        "applied": applied,
        "open_credits": open_credits,
        "can_open": can_open,
    }


def _customer_panel(membership, customer):
    """The customer's open cases and the credit notes it has still to use."""
    from tradewind.trade.aftersales import permissions, selectors

    if not permissions.can_view_credits(membership, customer):
        return None
    cases = selectors.customer_open_cases(customer)
    credits = selectors.open_credits(customer)
    if not cases and not credits:
        return None
    return {"customer": customer, "cases": cases, "credits": credits}


def _panels():
    from tradewind.core.panels import panel_register

    panel_register("trade.order", "aftersales", "aftersales/_order_panel.html", _order_panel, order=60)
    panel_register("crm.customer", "aftersales", "aftersales/_customer_panel.html", _customer_panel, order=25)


_panels()


def _crm_hooks():
    from tradewind.crm.hooks import customer_merge_hook_register

    def move(**kwargs):
        from tradewind.trade.aftersales.services import aftersales_customer_move

        return aftersales_customer_move(**kwargs)

    customer_merge_hook_register("aftersales", move)


_crm_hooks()
