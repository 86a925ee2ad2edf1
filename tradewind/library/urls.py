from django.urls import path

from tradewind.library.views import documents, folders, search, settings, shares, trash

app_name = "library"

FOLDER = "library/f/<uuid:folder_id>/"
DOCUMENT = "library/d/<uuid:library_document_id>/"  # shipping documents have document_id

# Included under /w/<slug>/.
urlpatterns = [
    path("library/", folders.library_home, name="home"),
    path("library/trash/", trash.trash, name="trash"),
    path("library/search/", search.search, name="search"),
    path("library/settings/", settings.library_settings, name="settings"),
    # What is in the trash is reached only from there (its own ids: a live folder's URL never restores).
    path(
        "library/trash/folders/<uuid:trashed_folder_id>/restore/",
        folders.folder_restore,
        name="folder_restore",
    ),
    path(
        "library/trash/documents/<uuid:trashed_document_id>/restore/",
        documents.document_restore,
        name="document_restore",
    ),
    path("library/folders/new/", folders.folder_new, name="folder_new"),
    path("library/customers/<uuid:customer_id>/", folders.customer_folder, name="customer_folder"),
    path("library/orders/<uuid:order_id>/", folders.order_folder, name="order_folder"),
    path(FOLDER, folders.folder, name="folder"),
    path(FOLDER + "rename/", folders.folder_rename, name="folder_rename"),
    path(FOLDER + "move/", folders.folder_move, name="folder_move"),
    path(FOLDER + "delete/", folders.folder_delete, name="folder_delete"),
    path(FOLDER + "access/", folders.folder_access, name="folder_access"),
    path(FOLDER + "upload/", documents.upload, name="upload"),
    path(FOLDER + "shares/", shares.folder_shares, name="folder_shares"),
    path(DOCUMENT + "shares/", shares.document_shares, name="document_shares"),
    path("library/shares/<uuid:share_id>/revoke/", shares.share_revoke, name="share_revoke"),
    path(DOCUMENT, documents.document, name="document"),
    path(DOCUMENT + "edit/", documents.document_edit, name="document_edit"),
    path(DOCUMENT + "move/", documents.document_move, name="document_move"),
    path(DOCUMENT + "delete/", documents.document_delete, name="document_delete"),
    path(DOCUMENT + "download/", documents.download, name="download"),
    path(DOCUMENT + "inline/", documents.inline, name="inline"),
    path(DOCUMENT + "versions/new/", documents.version_add, name="version_add"),
    path(DOCUMENT + "versions/<uuid:version_id>/download/", documents.download, name="version_download"),
    path(DOCUMENT + "versions/<uuid:version_id>/restore/", documents.version_restore, name="version_restore"),
    path(
        DOCUMENT + "versions/<uuid:version_id>/thumbnail/",
        documents.version_thumbnail,
        name="version_thumbnail",
    ),
]
