"""What the mail app plugs into shared machinery: its audit actions, its menu entry, the e-mails panel on
a customer's page, and linking a sender's e-mails when they become a customer's contact."""

from tradewind.mail.choices import MailAuditAction
from tradewind.workspaces.audit import audit_actions_register

audit_actions_register(MailAuditAction)

PANEL_MESSAGES = 10


def _customer_panel(membership, customer):
    """The latest e-mails with the customer, for whoever may see its details (whose mailbox they came
    from does not matter: mail with a customer follows the customer's visibility)."""
    from tradewind.crm import permissions as crm_permissions
    from tradewind.mail.selectors import customer_messages

    if not crm_permissions.can_see_details(membership, customer):
        return None
    messages = list(customer_messages(customer)[: PANEL_MESSAGES + 1])
    more = len(messages) > PANEL_MESSAGES
    return {
        "customer": customer,
        "messages": messages[:PANEL_MESSAGES],
        "more": more,
        "total": customer_messages(customer).count() if more else len(messages),
    }


def _register():
    from django.utils.translation import gettext_lazy

    from tradewind.core.navigation import navigation_entry_register
    from tradewind.core.panels import panel_register
    from tradewind.crm.hooks import contacts_hook_register
    from tradewind.mail.services.linking import contacts_linked

    navigation_entry_register("mail", gettext_lazy("E-mail"), "mail:home", 27, app="mail")
    contacts_hook_register(contacts_linked)
    panel_register("crm.customer", "mail", "mail/_customer_panel.html", _customer_panel, order=20)


_register()
