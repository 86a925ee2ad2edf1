"""What the mail app plugs into shared machinery: its audit actions."""

from tradewind.mail.choices import MailAuditAction
from tradewind.workspaces.audit import audit_actions_register

audit_actions_register(MailAuditAction)
