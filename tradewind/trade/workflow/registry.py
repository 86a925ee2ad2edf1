"""What the order workflow plugs into shared machinery: history lines (on the order, the big steps on the
customer's timeline), the late-stage notification, audit actions, a new workspace's template and team
defaults, the menu, the order page's stages panel, and trade's order hooks (confirmed → start; cancelled →
stop)."""

from functools import partial

from django.utils.translation import gettext_lazy as _

from tradewind.activity.kinds import activity_kind_register
from tradewind.notifications.kinds import notification_kind_register
from tradewind.trade.workflow.choices import WorkflowAuditAction
from tradewind.workspaces.audit import audit_actions_register
from tradewind.workspaces.setup import workspace_setup_register

HISTORY = {
    "workflow.started": _("Order %(number)s went into fulfilment"),
    "workflow.stage_started": _("%(stage)s started (%(name)s)"),  # data: stage, name (the owner)
    "workflow.stage_completed": _("%(stage)s of order %(number)s done"),  # data: stage, reason (override)
    "workflow.team_changed": _("Order team changed: %(jobs)s"),  # data: jobs
    "workflow.closed": _("Order %(number)s closed"),
}


def _text(message, data: dict) -> str:
    jobs = data.get("jobs", [])
    values = {key: data.get(key, "") for key in ("number", "stage", "name")}
    text = str(message) % {**values, "jobs": ", ".join(j for j in jobs if isinstance(j, str))}
    if data.get("reason"):
        text += " — " + str(_("checklist not finished: %(reason)s")) % {"reason": data["reason"]}
    return text


for _key, _message in HISTORY.items():
    activity_kind_register(_key, _message, text=partial(_text, _message))

notification_kind_register("workflow.stage_late", _("A stage of an order passed its target"))
audit_actions_register(WorkflowAuditAction)


def _setup(workspace):
    from tradewind.trade.workflow.services.templates import workflow_workspace_setup

    workflow_workspace_setup(workspace)


workspace_setup_register(_setup)


def _navigation():
    from tradewind.core.navigation import navigation_entry_register, navigation_flag_register
    from tradewind.trade.workflow import permissions

    # One entry for the hub: its board, shipments, shipping documents and suppliers (workflow/_nav.html).
    navigation_entry_register(
        "fulfilment",
        _("Fulfilment"),
        "workflow:board",
        16,
        permissions.can_see_board,
        app=("workflow", "shipping", "shipdocs", "production"),
    )
    navigation_flag_register("workflow_edit", permissions.can_edit_workflow)


_navigation()


def _order_panel(membership, order):
    from tradewind.trade.workflow.views.panel import order_panel_context

    return order_panel_context(membership, order)


def _panels():
    from tradewind.core.panels import panel_register

    # First on the order page: where the order stands and who has it.
    panel_register("trade.order", "stages", "workflow/_order_panel.html", _order_panel, order=5)


_panels()


def _order_hooks():
    from tradewind.trade.hooks import order_hook_register

    def start(*, actor, order):
        from tradewind.trade.workflow.services import fulfilment_start

        fulfilment_start(actor=actor, order=order)

    def stop(*, actor, order):
        from tradewind.trade.workflow.services import fulfilment_stop

        fulfilment_stop(actor=actor, order=order)

    order_hook_register("confirmed", start)
    order_hook_register("cancelled", stop)


_order_hooks()
