"""The library's URLs in the outsider matrix (tests/test_tenancy.py): a team folder of the victim's with a
document of two versions, and a folder and a document in the trash, all carrying the marker; the customer's
and the order's folders are reached through the victim's customer and order."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import png_upload
from tradewind.files.services import stored_file_save
from tradewind.library import services
from tradewind.library.models import DocumentVersion
from tradewind.library.services.shares import share_create

MARKER = "ZZ-SECRET-MARKER-7731"

CASES = {
    # The pages (tradewind/library/urls.py).
    "library:home": "404",
    "library:search": "404",
    "library:settings": "404",
    "library:trash": "404",
    "library:folder_new": "404",
    "library:customer_folder": "404",
    "library:order_folder": "404",
    "library:folder": "404",
    "library:folder_rename": "404",
    "library:folder_move": "404",
    "library:folder_delete": "404",
    "library:folder_restore": "404",
    "library:folder_access": "404",
    "library:upload": "404",
    "library:document": "404",
    "library:document_edit": "404",
    "library:document_move": "404",
    "library:document_delete": "404",
    "library:document_restore": "404",
    "library:download": "404",
    "library:inline": "404",
    "library:version_add": "404",
    "library:version_download": "404",
    "library:version_restore": "404",
    "library:version_thumbnail": "404",
    "library:folder_shares": "404",
    "library:document_shares": "404",
    "library:share_revoke": "404",
    # Public by design: whoever holds a link opens it (it shares a document without the marker).
    "shared:shared": "own",
    "shared:download": "own",
    # The API (tradewind/library/api/).
    "api:library_customer_folder": "404",
    "api:library_document_delete": "404",
    "api:library_document_detail": "404",
    "api:library_document_download": "404",
    "api:library_document_list": "404",
    "api:library_document_restore": "404",
    "api:library_document_update": "404",
    "api:library_document_upload": "404",
    "api:library_folder_access": "404",
    "api:library_folder_access_set": "404",
    "api:library_folder_create": "404",
    "api:library_folder_delete": "404",
    "api:library_folder_detail": "404",
    "api:library_folder_list": "404",
    "api:library_folder_restore": "404",
    "api:library_folder_update": "404",
    "api:library_order_folder": "404",
    "api:library_trash": "404",
    "api:library_search": "404",
    "api:library_document_share": "404",
    "api:library_document_share_list": "404",
    "api:library_folder_share": "404",
    "api:library_folder_share_list": "404",
    "api:library_share_revoke": "404",
    "api:library_version_add": "404",
    "api:library_version_download": "404",
    "api:library_version_list": "404",
    "api:library_version_restore": "404",
    "api:library_version_thumbnail": "404",
}
PARAMS = {
    "folder_id": "folder_id",
    "library_document_id": "library_document_id",
    "version_id": "version_id",
    "trashed_folder_id": "trashed_folder_id",
    "trashed_document_id": "trashed_document_id",
    "share_id": "share_id",
    "share_token": "share_token",
}


def _pdf(name: str, body: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, f"%PDF-1.4\n{body}\n%%EOF\n".encode())


def build(*, owner, member, customer, order, product) -> dict:
    folder = services.folder_create(actor=owner, name=f"Contracts {MARKER}")
    first = services.document_upload(actor=owner, folder=folder, upload=_pdf(f"{MARKER}.pdf", MARKER))
    services.document_upload(actor=owner, folder=folder, upload=_pdf(f"{MARKER}.pdf", "v2"), comment=MARKER)
    # The worker's thumbnail, as it would be for a real PDF.
    picture = stored_file_save(
        workspace=owner.workspace, content=png_upload(), name="thumbnail.jpg", max_bytes=1024 * 1024
    )
    DocumentVersion.objects.filter(pk=first.pk).update(thumbnail=picture)
    old = services.folder_create(actor=owner, name=f"Old {MARKER}")
    services.folder_delete(actor=owner, folder=old)
    gone = services.document_upload(actor=owner, folder=folder, upload=_pdf(f"gone {MARKER}.pdf", MARKER))
    services.document_delete(actor=owner, document=gone.document)
    catalog = services.document_upload(actor=owner, folder=folder, upload=_pdf("Catalog 2026.pdf", "kettles"))
    link, token = share_create(actor=owner, document=catalog.document)
    return {
        "share_id": link.public_id,
        "share_token": token,
        "folder_id": folder.public_id,
        "library_document_id": first.document.public_id,
        "version_id": first.public_id,
        "trashed_folder_id": old.public_id,
        "trashed_document_id": gone.document.public_id,
    }
