"""Fixtures of the library's tests (loaded with `pytest_plugins`): a PDF with Chinese and Latin text inside,
and uploading a file with the worker's text reading (and thumbnail) run inline."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tradewind.library import services
from tradewind.library.models import DocumentVersion


@pytest.fixture(scope="session")
def declaration_pdf() -> bytes:
    from weasyprint import HTML

    html = (
        "<html><body style=\"font-family:'Noto Sans CJK SC'\"><h1>出口货物报关单</h1>"
        "<p>Consignee: Müller Haushaltwaren GmbH, Hamburg</p></body></html>"
    )
    return HTML(string=html).write_pdf()


@pytest.fixture
def upload(django_capture_on_commit_callbacks):
    """upload(actor, folder, name, data) -> the version, its text read (the worker's job runs inline)."""

    def send(actor, folder, name, data):
        with django_capture_on_commit_callbacks(execute=True):
            version = services.document_upload(
                actor=actor, folder=folder, upload=SimpleUploadedFile(name, data)
            )
        return DocumentVersion.objects.get(pk=version.pk)

    return send
