"""The mail app's writes (DESIGN.md §3: `<entity>_<verb>`)."""

from tradewind.mail.services.mailboxes import (
    Servers,
    mailbox_check,
    mailbox_connect,
    mailbox_pause,
    mailbox_readers_set,
    mailbox_remove,
    mailbox_resume,
    mailbox_update,
)
from tradewind.mail.services.sales_pdfs import sales_pdf_keep
from tradewind.mail.services.sending import (
    buyer_send_moment,
    mail_cancel,
    mail_compose,
    mail_send,
    mail_send_due,
)
from tradewind.mail.services.sync import mailbox_sync, message_store
from tradewind.mail.services.templates import template_apply, template_delete, template_save, template_values

__all__ = [
    "Servers",
    "buyer_send_moment",
    "mail_cancel",
    "mail_compose",
    "mail_send",
    "mail_send_due",
    "mailbox_check",
    "mailbox_connect",
    "mailbox_pause",
    "mailbox_readers_set",
    "mailbox_remove",
    "mailbox_resume",
    "mailbox_sync",
    "mailbox_update",
    "message_store",
    "sales_pdf_keep",
    "template_apply",
    "template_delete",
    "template_save",
    "template_values",
]
