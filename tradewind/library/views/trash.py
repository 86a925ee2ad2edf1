"""The trash: folders and documents deleted on their own, to restore until the workspace's retention."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from tradewind.library import selectors
from tradewind.library.services.common import trash_days
from tradewind.workspaces.access import workspace_view


@workspace_view
@require_GET
def trash(request):
    found = selectors.trash(request.membership)
    context = {"folders": found.folders, "documents": found.documents, "days": trash_days(request.workspace)}
    return render(request, "library/trash.html", context)
