"""What the folder and document services share: names, and the trash's retention."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tradewind.core.errors import ValidationFailed
from tradewind.library.models import TRASH_DAYS, LibrarySettings

# Windows refuses these in a name, and a slash would read as a folder: a name stays one name everywhere
# it is downloaded or synced to.
FORBIDDEN = set('/\\:*?"<>|')


def clean_name(name: str, *, limit: int, field: str = "name", replace: bool = False) -> tuple[str, str]:
    """(the name as shown, its key for "the same name") or a clear refusal. `replace`: a file's name as
    uploaded ("Report: Q1.pdf" from a Mac) has what a name cannot hold replaced by "_" instead."""
    name = " ".join((name or "").split())
    if replace:
        name = "".join("_" if c in FORBIDDEN or ord(c) < 32 else c for c in name)
    if not name:
        raise ValidationFailed(_("Give it a name."), field=field)
    if len(name) > limit:
        raise ValidationFailed(_("A name has at most %(n)d characters.") % {"n": limit}, field=field)
    bad = sorted(FORBIDDEN & set(name))
    if bad or any(ord(c) < 32 for c in name):
        raise ValidationFailed(
            _("A name cannot contain %(chars)s.") % {"chars": " ".join(bad) or _("control characters")},
            field=field,
        )
    return name, name.casefold()


def trash_days(workspace) -> int:
    found = LibrarySettings.objects.filter(workspace=workspace).values_list("trash_days", flat=True).first()
    return TRASH_DAYS if found is None else found
