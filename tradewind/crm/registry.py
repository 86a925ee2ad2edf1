"""What the CRM plugs into shared machinery: notification kinds and the customer subject."""

from django.utils.translation import gettext_lazy

from tradewind.core.subjects import subject_kind_register
from tradewind.notifications.kinds import notification_kind_register
from tradewind.workspaces.setup import workspace_setup_register

notification_kind_register("crm.follow_up_due", gettext_lazy("A customer follow-up is due today"))
notification_kind_register("crm.follow_up_overdue", gettext_lazy("A customer follow-up is overdue"))
notification_kind_register("crm.return_warning", gettext_lazy("Your customer will return to the pool soon"))
notification_kind_register("crm.returned", gettext_lazy("Your customer returned to the pool"))
notification_kind_register("crm.assigned", gettext_lazy("A customer is assigned to you"))
notification_kind_register("crm.taken", gettext_lazy("A manager moved or merged your customer"))


def _resolve_customer(membership, public_id):
    from tradewind.crm.models import Customer
    from tradewind.crm.permissions import can_see_details

    customer = Customer.objects.filter(workspace=membership.workspace, public_id=public_id).first()
    # A colleague's private customer is not a subject one can work on: its link shows as unavailable.
    if customer is None or not can_see_details(membership, customer):
        return None
    return customer.name, f"/w/{membership.workspace.slug}/customers/{customer.public_id}/"


subject_kind_register("crm.customer", gettext_lazy("Customer"), _resolve_customer)


def _setup(workspace):
    from tradewind.crm.services import crm_workspace_setup

    crm_workspace_setup(workspace)


workspace_setup_register(_setup)
