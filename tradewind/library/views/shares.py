"""Links for buyers, from the inside: a document's or a folder's links (made, listed, revoked). A new
link's address is shown once, on the page that made it."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from tradewind.core.actions import service_run
from tradewind.core.errors import ApplicationError
from tradewind.core.forms import form_add_service_error
from tradewind.library import permissions, selectors
from tradewind.library.access import access_document, access_folder
from tradewind.library.models import ShareLink
from tradewind.library.services import shares
from tradewind.workspaces.access import workspace_view


class ShareForm(forms.Form):
    days = forms.IntegerField(
        label=gettext_lazy("Valid for (days)"), min_value=1, max_value=shares.MAX_DAYS, initial=14
    )
    password = forms.CharField(
        label=gettext_lazy("Password (optional)"), required=False, max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )  # fmt: skip
    language = forms.ChoiceField(label=gettext_lazy("Language of the page"), choices=settings.LANGUAGES)


def _page(request, *, document=None, folder=None):
    me = request.membership
    shared = document or folder
    form = ShareForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    new_url = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _link, token = shares.share_create(
                actor=me, document=document, folder=folder, days=data["days"], password=data["password"],
                language=data["language"],
            )  # fmt: skip
        except ApplicationError as error:
            form_add_service_error(form, error)
        else:
            new_url = request.build_absolute_uri(reverse("shared:shared", args=[token]))
            form = ShareForm(initial={"language": data["language"]})
    links = list(ShareLink.objects.filter(**({"document": document} if document else {"folder": folder})))
    context = {
        "document": document,
        "folder": folder,
        "shared": shared,
        "crumbs": selectors.breadcrumbs(me, document.folder if document else folder),
        "form": form,
        "new_url": new_url,
        "links": [(link, shares.can_revoke(me, link)) for link in links],
        "can_share": permissions.can_write_anything(me),
        "now": timezone.now(),
    }
    return render(request, "library/shares.html", context, status=400 if form.errors else 200)


@workspace_view
@require_http_methods(["GET", "POST"])
def document_shares(request, library_document_id):
    return _page(request, document=access_document(request.membership, library_document_id))


@workspace_view
@require_http_methods(["GET", "POST"])
def folder_shares(request, folder_id):
    return _page(request, folder=access_folder(request.membership, folder_id))


def access_share(membership, public_id) -> ShareLink:
    """A link of the workspace whose document or folder the member reads."""
    link = (
        ShareLink.objects.select_related("document__folder__customer", "folder__customer")
        .filter(workspace_id=membership.workspace_id, public_id=public_id)
        .first()
    )
    target = link and (link.document.folder if link.document_id else link.folder)
    if link is None or not permissions.can_read(membership, target):
        raise Http404
    return link


@workspace_view
@require_POST
def share_revoke(request, share_id):
    me = request.membership
    link = access_share(me, share_id)
    service_run(
        request, lambda: shares.share_revoke(actor=me, link=link), success=_("The link no longer works.")
    )
    if link.document_id:
        return redirect(
            reverse("library:document_shares", args=[request.workspace.slug, link.document.public_id])
        )
    return redirect(reverse("library:folder_shares", args=[request.workspace.slug, link.folder.public_id]))
