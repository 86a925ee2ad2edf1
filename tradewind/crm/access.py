from tradewind.crm.models import Contact, Customer
from tradewind.workspaces.access import get_in_workspace_or_404


def access_customer(membership, public_id) -> Customer:
    """Any customer of the workspace (its details are then shown or not by permissions.can_see_details)."""
    return get_in_workspace_or_404(
        Customer.objects.select_related("grade", "owner__user"), membership, public_id=public_id
    )


def access_contact(membership, customer, public_id) -> Contact:
    return get_in_workspace_or_404(Contact.objects.all(), membership, customer=customer, public_id=public_id)
