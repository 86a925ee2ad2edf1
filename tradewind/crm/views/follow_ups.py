"""A rep's follow-up worklist (a manager may open any rep's)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tradewind.core import geo
from tradewind.crm import permissions, selectors
from tradewind.crm.views.rendering import (
    LocalTimeCells,
    Memo,
    customers_url,
    more_url,
    rows_asked,
)
from tradewind.workspaces.access import access_membership, workspace_view


@workspace_view
@require_GET
def follow_ups(request):
    reachable = request.GET.get("reachable") == "1"
    step, most = selectors.FOLLOW_UPS_SHOWN, selectors.FOLLOW_UPS_MAX
    shown = {key: rows_asked(request, key, step, most) for key in selectors.FOLLOW_UP_GROUPS}  # ?overdue=100
    me, whose = request.membership, request.membership
    leads = permissions.can_manage_pool(me)
    if leads and request.GET.get("rep"):  # a manager looks at a rep's worklist
        whose = access_membership(me, request.GET["rep"])
    groups = selectors.follow_ups(membership=whose, reachable_now=reachable, shown=shown)
    local_cell = LocalTimeCells(request.workspace)
    # Their dates, countries and local times are formatted once per distinct value.
    dates, countries = Memo(date_format, "SHORT_DATE_FORMAT"), Memo(geo.country_name)
    sections = []
    for key, label in (
        ("overdue", _("Overdue")),
        ("today", _("Due today")),
        ("upcoming", _("Next two weeks")),
    ):
        group = groups[key]
        rows = [(c, dates(c.next_follow_up_on), countries(c.country), local_cell(c)) for c in group.rows]
        more = more_url(request, key, shown[key], step, most) if group.more else None
        sections.append((key, label, rows, more))
    context = {
        "sections": sections,
        "reachable": reachable,
        "customers_url": customers_url(request),
        "whose": whose if whose.pk != me.pk else None,
        "reps": selectors.possible_owners(request.workspace).exclude(pk=me.pk) if leads else [],
    }
    return render(request, "crm/follow_ups.html", context)
