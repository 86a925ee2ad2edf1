"""Thumbnails of the library's files: the worker draws an image small and a PDF's first page (PDFium), beside
the text it reads; other types, damaged and encrypted PDFs get none; a restored version keeps its own; the
folder page, the search page and the API show them, and a version without one answers 404."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from tests.factories import png_upload
from tests.test_catalog_api import Api
from tests.test_library_search import blank_pdf, docx_bytes
from tradewind.files.images import THUMBNAIL_PIXELS
from tradewind.library import services
from tradewind.workspaces.choices import Role

SLUG = "haitian"


def picture(stored) -> Image.Image:
    from tradewind.files.services import stored_file_open

    with stored_file_open(stored) as f:
        image = Image.open(io.BytesIO(f.read()))
        image.load()
    return image


def encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def people(owner, member_factory):
    return {"docs": member_factory(Role.DOCUMENTS), "amy": member_factory(Role.SALES)}


@pytest.fixture
def folder(people):
    return services.folder_create(actor=people["docs"], name="Catalogs")


def test_an_image_and_a_pdfs_first_page_get_a_thumbnail(people, upload, folder, declaration_pdf):
    docs = people["docs"]
    photo = upload(docs, folder, "carton.png", png_upload(size=(1200, 800)).read())
    pdf = upload(docs, folder, "declaration.pdf", declaration_pdf)
    for version in (photo, pdf):
        image = picture(version.thumbnail)
        assert image.format == "JPEG" and max(image.size) == THUMBNAIL_PIXELS
        assert version.thumbnail.content_type == "image/jpeg"
    assert picture(photo.thumbnail).size == (320, 213)  # the shape kept
    assert picture(pdf.thumbnail).size[1] == 320  # an A4 page is upright


def test_other_types_damaged_and_encrypted_pdfs_get_none(people, upload, folder):
    docs = people["docs"]
    versions = [
        upload(docs, folder, "terms.docx", docx_bytes("Payment 30/70")),
        upload(docs, folder, "broken.pdf", b"%PDF-1.4\nnot really\n%%EOF\n"),
        upload(docs, folder, "locked.pdf", encrypted_pdf()),
        upload(docs, folder, "notes.txt", b"just text"),
    ]
    assert [v.thumbnail for v in versions] == [None] * 4
    assert upload(docs, folder, "blank.pdf", blank_pdf()).thumbnail is not None  # white, but a page


def test_a_restored_version_keeps_its_thumbnail(people, upload, folder, declaration_pdf):
    docs = people["docs"]
    first = upload(docs, folder, "declaration.pdf", declaration_pdf)
    upload(docs, folder, "declaration.pdf", b"%PDF-1.4\nv2\n%%EOF\n")
    restored = services.document_version_restore(actor=docs, document=first.document, version=first)
    assert restored.thumbnail_id == first.thumbnail_id


def test_the_pages_and_the_api_show_them(people, upload, folder, client_for, declaration_pdf):
    docs = people["docs"]
    pdf = upload(docs, folder, "declaration.pdf", declaration_pdf)
    text = upload(docs, folder, "notes.txt", b"just text")
    amy = client_for(people["amy"])
    link = reverse("library:version_thumbnail", args=[SLUG, pdf.document.public_id, pdf.public_id])
    assert link in amy.get(reverse("library:folder", args=[SLUG, folder.public_id])).content.decode()
    assert link in amy.get(reverse("library:search", args=[SLUG]), {"q": "declaration"}).content.decode()
    answer = amy.get(link)
    assert answer.status_code == 200 and answer["Content-Type"] == "image/jpeg"
    assert "max-age=86400" in answer["Cache-Control"]
    none = reverse("library:version_thumbnail", args=[SLUG, text.document.public_id, text.public_id])
    assert amy.get(none).status_code == 404

    api = Api(people["amy"])
    versions = api.get(f"/library/documents/{pdf.document.public_id}/versions").json()
    assert versions[0]["thumbnail"].endswith(f"/versions/{pdf.public_id}/thumbnail")
    assert api.get(versions[0]["thumbnail"].split(f"/workspaces/{SLUG}")[1]).status_code == 200
    plain = api.get(f"/library/documents/{text.document.public_id}").json()
    assert plain["current"]["thumbnail"] is None
    assert (
        api.get(
            f"/library/documents/{text.document.public_id}/versions/{text.public_id}/thumbnail"
        ).status_code
        == 404
    )
