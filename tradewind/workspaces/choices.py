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
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
    SIGN_OUT_EVERYWHERE = "sign_out_everywhere", _("Signed out on every device")
    PASSWORD_CHANGED = "password_changed", _("Changed password")
    WORKSPACE_CREATED = "workspace_created", _("Created the workspace")
    WORKSPACE_UPDATED = "workspace_updated", _("Changed workspace settings")
    INVITATION_CREATED = "invitation_created", _("Invited a member")
    INVITATION_REVOKED = "invitation_revoked", _("Revoked an invitation")
    INVITATION_ACCEPTED = "invitation_accepted", _("Accepted an invitation")
    ROLE_CHANGED = "role_changed", _("Changed a role")
    MEMBER_DEACTIVATED = "member_deactivated", _("Deactivated a member")
    MEMBER_REACTIVATED = "member_reactivated", _("Reactivated a member")
    TOKEN_CREATED = "token_created", _("Created an API token")
    TOKEN_REVOKED = "token_revoked", _("Revoked an API token")
    WEBHOOK_CREATED = "webhook_created", _("Added a chat webhook")
    WEBHOOK_DELETED = "webhook_deleted", _("Removed a chat webhook")
    CUSTOMER_CLAIMED = "customer_claimed", _("Claimed a customer from the pool")
    CUSTOMER_RELEASED = "customer_released", _("Released a customer to the pool")
    CUSTOMER_ASSIGNED = "customer_assigned", _("Assigned a customer")
    CUSTOMER_RETURNED = "customer_returned", _("Customer returned to the pool")
    CUSTOMERS_HANDED_OVER = "customers_handed_over", _("Handed over customers")
    CUSTOMERS_MERGED = "customers_merged", _("Merged customers")
    IMPORT_DISCARDED = "import_discarded", _("Discarded an import")
    EXPORT = "export", _("Exported data")
