"""What the CRM plugs into shared machinery: notification kinds and the customer subject."""

from django.utils.translation import gettext_lazy

from tradewind.core.subjects import subject_kind_register
from tradewind.crm.choices import CrmAuditAction
from tradewind.crm.timeline_events import timeline_kinds_register
from tradewind.notifications.kinds import notification_kind_register
from tradewind.workspaces.audit import audit_actions_register
from tradewind.workspaces.setup import workspace_setup_register

notification_kind_register("crm.follow_up_due", gettext_lazy("A customer follow-up is due today"))
notification_kind_register("crm.follow_up_overdue", gettext_lazy("A customer follow-up is overdue"))
notification_kind_register("crm.return_warning", gettext_lazy("Your customer will return to the pool soon"))
notification_kind_register("crm.returned", gettext_lazy("Your customer returned to the pool"))
notification_kind_register("crm.assigned", gettext_lazy("A customer is assigned to you"))
notification_kind_register("crm.taken", gettext_lazy("A manager moved or merged your customer"))


def _resolve_customers(membership, ids):
    from django.urls import reverse

    from tradewind.crm.models import Customer
    from tradewind.crm.permissions import can_see_details

    slug = membership.workspace.slug
    customers = Customer.objects.filter(workspace_id=membership.workspace_id, public_id__in=ids).only(
        "public_id", "name", "owner_id", "workspace_id"
    )
    # A colleague's private customer is not a subject one can work on: its link shows as unavailable.
    return {
        c.public_id: (c.name, reverse("crm:detail", args=[slug, c.public_id]))
        for c in customers
        if can_see_details(membership, c)
    }


subject_kind_register("crm.customer", gettext_lazy("Customer"), _resolve_customers)
timeline_kinds_register()
audit_actions_register(CrmAuditAction)


def _setup(workspace):
    from tradewind.crm.services import crm_workspace_setup

    crm_workspace_setup(workspace)


workspace_setup_register(_setup)


def _navigation():
    from tradewind.core.navigation import navigation_entry_register, navigation_flag_register
    from tradewind.crm import permissions

    navigation_entry_register("customers", gettext_lazy("Customers"), "crm:list", 10, app="crm")
    navigation_flag_register("crm_manage", permissions.can_manage_pool)
    navigation_flag_register("crm_import", permissions.can_create)


_navigation()
