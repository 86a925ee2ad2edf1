from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    BROWSER = "", _("Browser default")
    ENGLISH = "en", "English"
    CHINESE = "zh-hans", "简体中文"


class AccountAuditAction(models.TextChoices):
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
    SIGN_OUT_EVERYWHERE = "sign_out_everywhere", _("Signed out on every device")
    PASSWORD_CHANGED = "password_changed", _("Changed password")
    TOKEN_CREATED = "token_created", _("Created an API token")
    TOKEN_REVOKED = "token_revoked", _("Revoked an API token")
