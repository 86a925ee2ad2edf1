"""The links for people outside the workspace (library/views/shared.py): under /s/, not /w/<slug>/."""

from django.urls import path

from tradewind.library.views import shared

app_name = "shared"

urlpatterns = [
    path("<str:share_token>/", shared.shared, name="shared"),
    path("<str:share_token>/files/<uuid:library_document_id>/", shared.shared_download, name="download"),
]
