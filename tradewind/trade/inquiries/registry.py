"""What inquiries plug into shared machinery: history lines, the inquiry as a subject, notification kinds
and reminder handlers, audit actions, a new workspace's rows, the menu entry, the upload limit, the
customer panel, and the CRM's hooks (a merged customer's inquiries move; a rep's logged reply answers)."""

from functools import partial

from django.utils.translation import gettext_lazy as _

from tradewind.activity.kinds import activity_kind_register
from tradewind.core.subjects import subject_kind_register
from tradewind.notifications.kinds import notification_kind_register
from tradewind.notifications.reminders import reminder_kind_register
from tradewind.trade.inquiries.choices import InquiryAuditAction
from tradewind.workspaces.audit import audit_actions_register
from tradewind.workspaces.setup import workspace_setup_register

HISTORY = {
    "inquiry.created": _("Inquiry recorded"),
    "inquiry.changed": _("Changed: %(fields)s"),  # data: fields
    "inquiry.assigned": _("Assigned to %(name)s"),  # data: name, how
    "inquiry.unassigned": _("Back in the pool"),
    "inquiry.claimed": _("Claimed from the pool"),
    "inquiry.customer_linked": _("Linked to the customer %(name)s"),  # data: name
    "inquiry.customer_created": _("Customer %(name)s created from the inquiry"),  # data: name
    "inquiry.customer_merged": _("Customer %(from)s merged into %(name)s"),  # data: from, name
    "inquiry.responded": _("First response to the buyer"),
    "inquiry.quoted": _("Quoted"),
    "inquiry.won": _("Won"),
    "inquiry.lost": _("Lost: %(reason)s"),  # data: reason, competitor, note
    "inquiry.closed_spam": _("Closed as spam"),
    "inquiry.closed_duplicate": _("Closed as a duplicate of %(number)s"),  # data: number
    "inquiry.reopened": _("Reopened"),
    "inquiry.attachment_added": _("Attachment added: %(name)s"),  # data: name
    "inquiry.attachment_removed": _("Attachment removed: %(name)s"),  # data: name
}


def _history_text(message, data: dict) -> str:
    values = {key: data.get(key, "") for key in ("name", "reason", "number", "from")}
    fields = data.get("fields", [])
    text = str(message) % {"fields": ", ".join(f for f in fields if isinstance(f, str)), **values}
    if data.get("competitor"):
        text += " — " + str(_("went to %(competitor)s")) % {"competitor": data["competitor"]}
    return text


for _key, _message in HISTORY.items():
    activity_kind_register(_key, _message, text=partial(_history_text, _message))


def _resolve_inquiries(membership, ids):
    from django.urls import reverse

    from tradewind.trade.inquiries.models import Inquiry
    from tradewind.trade.inquiries.permissions import can_view_inquiry

    slug = membership.workspace.slug
    inquiries = Inquiry.objects.filter(
        workspace_id=membership.workspace_id, public_id__in=ids
    ).select_related("customer")
    return {
        i.public_id: (str(i), reverse("inquiries:detail", args=[slug, i.public_id]))
        for i in inquiries
        if can_view_inquiry(membership, i)
    }


subject_kind_register("inquiries.inquiry", _("Inquiry"), _resolve_inquiries)

notification_kind_register("inquiries.assigned", _("An inquiry is assigned to you"))
notification_kind_register("inquiries.due_soon", _("Your inquiry's response target is near"))
notification_kind_register("inquiries.overdue", _("An inquiry passed its response target unanswered"))


def _due_soon(reminder):
    from tradewind.trade.inquiries.services.clock import remind_due_soon

    remind_due_soon(reminder)


def _overdue(reminder):
    from tradewind.trade.inquiries.services.clock import tell_overdue

    tell_overdue(reminder)


reminder_kind_register("inquiries.response_due_soon", _due_soon)
reminder_kind_register("inquiries.response_overdue", _overdue)
audit_actions_register(InquiryAuditAction)


def _setup(workspace):
    from tradewind.trade.inquiries.services import inquiry_workspace_setup

    inquiry_workspace_setup(workspace)


workspace_setup_register(_setup)


def _navigation():
    from tradewind.core.navigation import navigation_entry_register, navigation_flag_register
    from tradewind.trade.inquiries import permissions

    # Between Customers (10) and Products (15): an inquiry is where a customer's business starts.
    navigation_entry_register("inquiries", _("Inquiries"), "inquiries:list", 12, app="inquiries")
    navigation_flag_register("inquiries_create", permissions.can_create_inquiries)
    navigation_flag_register("inquiries_manage", permissions.can_manage_inquiries)


_navigation()


def _upload_routes():
    from django.conf import settings

    from tradewind.files.limits import upload_route_register

    for view_name in ("inquiries:attachment_add", "api:inquiry_attachment_add"):
        upload_route_register(view_name, lambda: settings.ATTACHMENT_MAX_BYTES)


_upload_routes()


def _customer_panel(membership, customer):
    """A customer's latest inquiries on its profile: what the buyer asked for, and who answers."""
    from tradewind.trade.inquiries import selectors

    filters = selectors.InquiryFilters(customer=customer)
    return {"inquiries": list(selectors.inquiry_list(membership=membership, filters=filters)[:10])}


def _panels():
    from tradewind.core.panels import panel_register

    panel_register("crm.customer", "inquiries", "inquiries/_customer_panel.html", _customer_panel, order=10)


_panels()


def _crm_hooks():
    from tradewind.crm.hooks import customer_merge_hook_register, interaction_hook_register

    def move(**kwargs):
        from tradewind.trade.inquiries.services import inquiries_customer_move

        return inquiries_customer_move(**kwargs)

    def answer(**kwargs):
        from tradewind.trade.inquiries.services import inquiries_respond_from_timeline

        inquiries_respond_from_timeline(**kwargs)

    customer_merge_hook_register("inquiries", move)
    interaction_hook_register(answer)


_crm_hooks()
