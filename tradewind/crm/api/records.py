"""A customer as the API answers it: all of it, or the brief record of another rep's private customer."""

from django.utils import timezone
from django.utils.translation import gettext as _

from tradewind.core.errors import NotFound
from tradewind.crm import permissions, services
from tradewind.crm.access import access_customer
from tradewind.crm.api.schemas import ContactIO, CustomerBriefOut, CustomerOut
from tradewind.crm.localtime import local_time
from tradewind.crm.selectors import crm_settings


def customer_out(m, customer, *, now=None):
    brief = {
        "id": customer.public_id,
        "name": customer.name,
        "owner": customer.owner.user.display_name if customer.owner else None,
        "owner_id": customer.owner.public_id if customer.owner else None,
        "in_pool": customer.owner_id is None,
    }
    if not permissions.can_see_details(m, customer):
        return CustomerBriefOut(**brief, restricted=True)
    local = local_time(
        country=customer.country,
        zone=customer.zone,
        settings=crm_settings(m.workspace),
        now=now or timezone.now(),
    )
    data = {field: getattr(customer, field) for field in services.PROFILE_FIELDS if field not in brief}
    return CustomerOut(
        **brief,
        **data,
        restricted=False,
        grade=customer.grade.code if customer.grade else None,
        tags=[t.name for t in customer.tags.all()],
        local_time=local.now.isoformat(),
        business_hours=local.business_hours,
        next_holiday=local.next_holiday[0] if local.next_holiday else None,
        last_contact_at=customer.last_contact_at,
        next_follow_up_on=customer.next_follow_up_on,
        contacts=[
            {"public_id": c.public_id, **{f: getattr(c, f) for f in ContactIO.model_fields}}
            for c in customer.contacts.all()
        ],
    )


def customer_with_details(m, customer_id):
    customer = access_customer(m, customer_id)
    if not permissions.can_see_details(m, customer):
        raise NotFound(_("Not found."))  # as for a customer that does not exist: no more is told
    return customer
