"""A workspace's library rules, changed by its administrators: how long the trash keeps things, and the
storage quota every upload of the workspace counts against (Workspace.storage_quota_mb)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tradewind.core.errors import PermissionDenied, ValidationFailed
from tradewind.library.models import LibrarySettings
from tradewind.workspaces.permissions import ADMINS

MAX_TRASH_DAYS = 365


def can_change_settings(m) -> bool:
    return m.is_active and m.role in ADMINS


@transaction.atomic
def library_settings_update(*, actor, trash_days: int, quota_mb: int | None) -> LibrarySettings:
    if not can_change_settings(actor):
        raise PermissionDenied(_("Only administrators change the library's settings."))
    if not 1 <= trash_days <= MAX_TRASH_DAYS:
        raise ValidationFailed(
            _("The trash keeps things 1 to %(n)d days.") % {"n": MAX_TRASH_DAYS}, field="trash_days"
        )
    if quota_mb is not None and quota_mb < 1:
        raise ValidationFailed(_("A quota is at least 1 MB, or empty for none."), field="quota_mb")
    found, _created = LibrarySettings.objects.update_or_create(
        workspace=actor.workspace, defaults={"trash_days": trash_days}
    )
    actor.workspace.storage_quota_mb = quota_mb
    actor.workspace.save(update_fields=["storage_quota_mb"])
    return found
