"""Links for buyers: made for a document or a folder, opened by anyone holding them (in the link's
language, nothing else of the workspace), with a password tried at most five times a minute, downloads
counted and audited, dead after expiry, revocation or deletion; made and revoked only by those allowed."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import CustomerFactory
from tradewind.core.errors import PermissionDenied, ValidationFailed
from tradewind.library import services
from tradewind.library.choices import LibraryAuditAction
from tradewind.library.models import ShareLink
from tradewind.library.services.shares import share_create, share_revoke
from tradewind.workspaces.audit import AuditEntry
from tradewind.workspaces.choices import Role


def pdf(name="Catalog 2026.pdf", body=b"kettles") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + body + b"\n%%EOF\n")


@pytest.fixture
def people(owner, member_factory):
    return {
        "owner": owner,
        "amy": member_factory(Role.SALES),
        "kevin": member_factory(Role.SALES),
        "manager": member_factory(Role.MANAGER),
        "viewer": member_factory(Role.VIEWER),
    }


@pytest.fixture
def catalogs(people):
    folder = services.folder_create(actor=people["amy"], name="Catalogs")
    catalog = services.document_upload(actor=people["amy"], folder=folder, upload=pdf()).document
    services.document_upload(actor=people["amy"], folder=folder, upload=pdf("Price list.pdf"))
    return folder, catalog


def shared_url(token, *rest):
    return (
        reverse("shared:shared", args=[token])
        if not rest
        else reverse("shared:download", args=[token, *rest])
    )


def test_a_buyer_opens_the_link_in_its_language_and_downloads(people, catalogs):
    _folder, catalog = catalogs
    link, token = share_create(actor=people["amy"], document=catalog, language="zh-hans")
    buyer = Client()
    page = buyer.get(shared_url(token))
    text = page.content.decode()
    assert page.status_code == 200 and "Catalog 2026.pdf" in text and "下载" in text
    assert page["Referrer-Policy"] == "same-origin" and "Catalogs" not in text  # nothing else of it
    download = buyer.get(shared_url(token, catalog.public_id))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    link.refresh_from_db()
    assert link.download_count == 1
    assert AuditEntry.objects.filter(action=LibraryAuditAction.SHARE_DOWNLOADED).count() == 1
    assert len(token) >= 43  # 256 bits, URL-safe
    assert not ShareLink.objects.filter(token_hash=token).exists()  # only its hash is kept


def test_a_folder_link_lists_its_documents_and_no_other(people, catalogs):
    folder, _catalog = catalogs
    _link, token = share_create(actor=people["amy"], folder=folder)
    page = Client().get(shared_url(token)).content.decode()
    assert page.count('data-testid="shared-file"') == 2
    elsewhere = services.folder_create(actor=people["amy"], name="Contracts")
    secret = services.document_upload(
        actor=people["amy"], folder=elsewhere, upload=pdf("secret.pdf")
    ).document
    assert Client().get(shared_url(token, secret.public_id)).status_code == 404


def test_a_password_is_asked_and_guessing_is_throttled(people, catalogs):
    _folder, catalog = catalogs
    _link, token = share_create(actor=people["amy"], document=catalog, password="hamburg-2026")
    buyer = Client()
    locked = buyer.get(shared_url(token)).content.decode()
    assert 'name="password"' in locked and 'data-testid="shared-file"' not in locked
    assert buyer.get(shared_url(token, catalog.public_id)).status_code == 404
    assert "not the password" in buyer.post(shared_url(token), {"password": "wrong"}).content.decode()
    opened = buyer.post(shared_url(token), {"password": "hamburg-2026"}).content.decode()
    assert 'data-testid="shared-file"' in opened
    assert buyer.get(shared_url(token, catalog.public_id)).status_code == 200
    guesser = Client()
    for _ in range(4):
        guesser.post(shared_url(token), {"password": "guess"})
    throttled = guesser.post(shared_url(token), {"password": "hamburg-2026"}).content.decode()
    assert "Too many tries" in throttled and 'data-testid="shared-file"' not in throttled


@pytest.mark.parametrize("how", ["expired", "revoked", "deleted", "unknown"])
def test_a_dead_link_opens_nothing(people, catalogs, how):
    _folder, catalog = catalogs
    link, token = share_create(actor=people["amy"], document=catalog, days=1)
    if how == "expired":
        ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    elif how == "revoked":
        share_revoke(actor=people["amy"], link=link)
    elif how == "deleted":
        services.document_delete(actor=people["amy"], document=catalog)
    else:
        token = token[:-2] + "xx"
    answer = Client().get(shared_url(token))
    assert answer.status_code == 404 and "This link is not valid" in answer.content.decode()
    assert Client().get(shared_url(token, catalog.public_id)).status_code == 404


def test_who_may_make_and_revoke_links(people, catalogs):
    _folder, catalog = catalogs
    with pytest.raises(PermissionDenied):
        share_create(actor=people["viewer"], document=catalog)
    with pytest.raises(ValidationFailed):
        share_create(actor=people["amy"], document=catalog, days=400)
    with pytest.raises(ValidationFailed):
        share_create(actor=people["amy"], document=catalog, password="123")
    private = services.customer_folder(CustomerFactory(actor=people["amy"], name="Hausmann GmbH"))
    nda = services.document_upload(actor=people["amy"], folder=private, upload=pdf("NDA.pdf")).document
    with pytest.raises(PermissionDenied):  # a colleague's private customer
        share_create(actor=people["kevin"], document=nda)
    link, _token = share_create(actor=people["amy"], document=catalog)
    with pytest.raises(PermissionDenied):
        share_revoke(actor=people["kevin"], link=link)
    share_revoke(actor=people["manager"], link=link)
    assert ShareLink.objects.get(pk=link.pk).revoked_at is not None
    assert AuditEntry.objects.filter(action=LibraryAuditAction.SHARE_REVOKED).count() == 1


def test_the_shares_page_shows_a_new_link_once_and_revokes(people, catalogs, client_for):
    _folder, catalog = catalogs
    amy = client_for(people["amy"])
    url = reverse("library:document_shares", args=[people["amy"].workspace.slug, catalog.public_id])
    made = amy.post(url, {"days": 7, "password": "", "language": "en"}).content.decode()
    assert 'data-testid="new-link"' in made and "/s/" in made
    listed = amy.get(url).content.decode()
    assert 'data-testid="new-link"' not in listed and listed.count('data-testid="share-link"') == 1
    bad = amy.post(url, {"days": 0, "language": "en"})
    assert bad.status_code == 400 and ShareLink.objects.count() == 1
    link = ShareLink.objects.get()
    revoke = reverse("library:share_revoke", args=[people["amy"].workspace.slug, link.public_id])
    amy.post(revoke)
    assert ShareLink.objects.get().revoked_at is not None
    assert client_for(people["kevin"]).post(revoke).status_code == 302  # refused with a message


def test_links_through_the_api(people, catalogs):
    from tests.test_catalog_api import Api

    folder, catalog = catalogs
    api = Api(people["amy"])
    made = api.post(f"/library/documents/{catalog.public_id}/shares", {"days": 3, "language": "zh-hans"})
    assert made.status_code == 201 and "/s/" in made.json()["url"]
    token = made.json()["url"].rstrip("/").rsplit("/", 1)[1]
    assert Client().get(shared_url(token)).status_code == 200
    listed = api.get(f"/library/documents/{catalog.public_id}/shares").json()
    assert [x["url"] for x in listed] == [None]  # shown once
    assert api.post(f"/library/folders/{folder.public_id}/shares", {"days": 0}).status_code == 422
    assert Api(people["viewer"]).post(f"/library/folders/{folder.public_id}/shares", {}).status_code == 403
    revoked = api.post(f"/library/shares/{made.json()['id']}/revoke")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"] is not None
    assert Client().get(shared_url(token)).status_code == 404
    assert Api(people["kevin"]).post(f"/library/shares/{made.json()['id']}/revoke").status_code == 403
