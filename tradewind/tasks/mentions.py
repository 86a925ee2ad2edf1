"""@mentions in comments: `@amy.liu` (the part of the e-mail before @) or `@amy.liu@haichao.example`."""

from __future__ import annotations

import re

from django.db.models import Q
from django.utils.translation import gettext as _

from tradewind.core.errors import ValidationFailed
from tradewind.workspaces.models import Membership

# "@" not preceded by a word character or a dot, so "bob@acme.com" in a sentence is not a mention.
MENTION = re.compile(r"(?<![\w.@])@([A-Za-z0-9][\w.+-]*(?:@[\w-]+(?:\.[\w-]+)+)?)")


def mentions_resolve(*, workspace, text: str, field: str = "body") -> list[Membership]:
    """The active members a text mentions; an unknown or ambiguous handle is an error naming it."""
    handles = {h.rstrip(".").lower() for h in MENTION.findall(text or "")}
    if not handles:
        return []
    condition = Q(user__email__in=handles)
    for handle in handles:
        if "@" not in handle:
            condition |= Q(user__email__istartswith=f"{handle}@")
    members = list(
        Membership.objects.filter(workspace=workspace, is_active=True)
        .select_related("user")
        .filter(condition)
    )
    found: list[Membership] = []
    for handle in sorted(handles):
        if "@" in handle:
            matches = [m for m in members if m.user.email.lower() == handle]
        else:
            matches = [m for m in members if m.user.email.lower().split("@")[0] == handle]
        if not matches:
            raise ValidationFailed(
                _("@%(handle)s is not an active member of this workspace.") % {"handle": handle}, field=field
            )
        if len(matches) > 1:
            raise ValidationFailed(
                _("@%(handle)s matches several members; write the whole e-mail address, e.g. @%(example)s.")
                % {"handle": handle, "example": matches[0].user.email},
                field=field,
            )
        found.append(matches[0])
    return found
