"""The library's search page: words (inside the files too), type, who added it, dates, within a folder."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from tradewind.core.pagination import paginate
from tradewind.crm.access import access_customer
from tradewind.library.access import access_folder
from tradewind.library.forms import SearchForm
from tradewind.library.list_rows import SEARCH_COLUMNS, found_rows
from tradewind.library.models import Document
from tradewind.library.search import DocumentSearch, document_search
from tradewind.workspaces.access import workspace_view
from tradewind.workspaces.models import Membership


@workspace_view
@require_GET
def search(request):
    me = request.membership
    form = SearchForm(request.GET or None, workspace=request.workspace)
    page, within, customer = None, None, None
    searched = bool(request.GET) and form.is_valid()
    if searched:
        data = form.cleaned_data
        within = access_folder(me, data["folder"]) if data.get("folder") else None
        customer = access_customer(me, data["customer"]) if data.get("customer") else None
        uploader = None
        if data.get("uploader"):
            uploader = Membership.objects.filter(
                workspace=request.workspace, public_id=data["uploader"]
            ).first()
        found = document_search(
            membership=me,
            search=DocumentSearch(
                q=data.get("q") or "",
                folder=within,
                kind=data.get("kind") or "",
                uploader=uploader,
                customer=customer,
                date_from=data.get("date_from"),
                date_to=data.get("date_to"),
            ),
        )
        # The page's ids first, then only their rows: as one query, a common word's trigram match was
        # joined to every column of every match before the LIMIT (the chat search learnt the same).
        page = paginate(found.values_list("pk", flat=True), request)
        rows = {v["pk"]: v for v in Document.objects.filter(pk__in=page.items).values(*SEARCH_COLUMNS)}
        page.items = found_rows([rows[pk] for pk in page.items if pk in rows], slug=request.workspace.slug)
    context = {"form": form, "page": page, "searched": searched, "within": within, "customer": customer}
    return render(request, "library/search.html", context, status=400 if form.errors else 200)
