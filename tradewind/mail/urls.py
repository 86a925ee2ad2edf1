from django.urls import path

from tradewind.mail.views import compose, mailboxes, templates, threads

app_name = "mail"

MAILBOX = "mail/mailboxes/<uuid:mailbox_id>/"
MESSAGE = "mail/messages/<uuid:mail_message_id>/"

# Included under /w/<slug>/.
urlpatterns = [
    path("mail/", mailboxes.mail_home, name="home"),
    path("mail/connect/", mailboxes.mailbox_connect, name="connect"),
    path(MAILBOX, mailboxes.mailbox, name="mailbox"),
    path(MAILBOX + "pause/", mailboxes.mailbox_pause, name="mailbox_pause"),
    path(MAILBOX + "resume/", mailboxes.mailbox_resume, name="mailbox_resume"),
    path(MAILBOX + "remove/", mailboxes.mailbox_remove, name="mailbox_remove"),
    path(MAILBOX + "settings/", mailboxes.mailbox_settings, name="mailbox_settings"),
    path("mail/templates/", templates.templates, name="templates"),
    path("mail/templates/<uuid:mail_template_id>/delete/", templates.template_delete, name="template_delete"),
    path("mail/compose/", compose.compose, name="compose"),
    path("mail/outbox/", compose.outbox, name="outbox"),
    path("mail/outbox/<uuid:outgoing_id>/cancel/", compose.outgoing_cancel, name="outgoing_cancel"),
    path("mail/threads/<uuid:mail_thread_id>/", threads.thread, name="thread"),
    path(MESSAGE + "body/", threads.message_body, name="message_body"),
    path(MESSAGE + "attachments/<uuid:mail_attachment_id>/", threads.attachment, name="attachment"),
]
