from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The jobs in an export team (DESIGN §3.5, GLOSSARY "People and roles")."""

    OWNER = "owner", _("Owner")
    ADMIN = "admin", _("Administrator")
    MANAGER = "manager", _("Sales manager")
    SALES = "sales", _("Sales rep")
    MERCHANDISER = "merchandiser", _("Merchandiser")
    DOCUMENTS = "documents", _("Documents clerk")
    LOGISTICS = "logistics", _("Logistics")
    SERVICE = "service", _("Customer service")
    MARKETING = "marketing", _("Marketing")
    FINANCE = "finance", _("Finance")
    VIEWER = "viewer", _("Viewer")


class AuditAction(models.TextChoices):
    """The workspace's own audited actions. Other apps declare theirs beside their code and register them
    (workspaces/audit.py), so a new action needs no migration here."""

    WORKSPACE_CREATED = "workspace_created", _("Created the workspace")
    WORKSPACE_UPDATED = "workspace_updated", _("Changed workspace settings")
    INVITATION_CREATED = "invitation_created", _("Invited a member")
    INVITATION_REVOKED = "invitation_revoked", _("Revoked an invitation")
    INVITATION_ACCEPTED = "invitation_accepted", _("Accepted an invitation")
    ROLE_CHANGED = "role_changed", _("Changed a role")
    MEMBER_DEACTIVATED = "member_deactivated", _("Deactivated a member")
    MEMBER_REACTIVATED = "member_reactivated", _("Reactivated a member")
