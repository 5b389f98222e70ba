"""Uploads through the admin: size and pixel limits, no SVG images, documents checked by content."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

Document = get_document_model()
ImageModel = get_image_model()


@pytest.fixture
def admin(client, db):
    user = get_user_model().objects.create_superuser("uploader", "uploader@example.org", "a long and unusual password")
    client.force_login(user)
    return client


def png(width=40, height=30, mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def upload_image(client, name, content):
    return client.post(
        "/admin/images/add/",
        {
            "title": "Upload",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def upload_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {
            "title": "Upload",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def errors(response):
    assert response.status_code == 200  # the form again
    return response.content.decode()


def test_a_normal_image_is_accepted(admin):
    assert upload_image(admin, "photo.png", png()).status_code == 302
    assert ImageModel.objects.count() == 1


def test_an_oversized_image_is_refused_with_its_size(admin, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    html = errors(upload_image(admin, "big.png", png(400, 400) + b"\0" * 2048))
    assert "This file is too big" in html
    assert ImageModel.objects.count() == 0


def test_an_image_with_too_many_pixels_is_refused(admin):
    """7000 × 6000 = 42 million pixels, above the 40 million limit (a small file: one colour)."""
    html = errors(upload_image(admin, "huge.png", png(7000, 6000, mode="1")))
    assert "This file has too many pixels (42000000). Maximum pixels 40000000." in html
    assert ImageModel.objects.count() == 0


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


@pytest.mark.parametrize("name", ["logo.svg", "logo.png"])
def test_svg_is_never_accepted_as_an_image(admin, name):
    html = errors(upload_image(admin, name, SVG))
    assert {
        "logo.svg": "Not a supported image format",
        "logo.png": "Not a valid .png image. The extension does not match the file format (svg)",
    }[name] in html
    assert ImageModel.objects.count() == 0


def test_a_real_pdf_and_csv_are_accepted(admin):
    assert upload_document(admin, "report.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n").status_code == 302
    assert (
        upload_document(admin, "figures.csv", "sgìre,àireamh\nPeairt,12\nCeann Rois – Kinross,4\n".encode()).status_code
        == 302
    )
    assert upload_document(admin, "captions.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n").status_code == 302
    assert Document.objects.count() == 3


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("report.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "is not a .pdf file"),
        ("figures.csv", b"a,b\n<script>alert(1)</script>\n", "web page code"),
        ("notes.txt", SVG, "web page code"),
        ("captions.vtt", b"WEBVTT\n\n<svg onload=alert(1)>", "web page code"),
        ("letter.docx", b"%PDF-1.4 not a word file", "is not a .docx file"),
        ("talk.mp3", b"<html>hello</html>", "is not a .mp3 file"),
        ("clip.mp4", b"\x00" * 64, "is not a .mp4 file"),
    ],
)
def test_documents_whose_content_does_not_match_are_refused(admin, name, content, message):
    html = errors(upload_document(admin, name, content))
    assert message in html
    assert Document.objects.count() == 0


@pytest.mark.parametrize("name", ["drawing.svg", "page.html", "page.htm", "data.xml", "run.js"])
def test_markup_and_script_extensions_are_refused(admin, name):
    html = errors(upload_document(admin, name, b"<svg><script>alert(1)</script></svg>"))
    assert "is not allowed. Allowed extensions are" in html
    assert Document.objects.count() == 0


def test_an_oversized_document_is_refused(admin, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    html = errors(upload_document(admin, "report.pdf", b"%PDF-1.7\n" + b"0" * 4096))
    assert "This file is too big" in html


def test_the_multiple_uploader_checks_content_too(admin):
    response = admin.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("report.pdf", b"<html><script>alert(1)</script></html>")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    body = json.loads(response.content)
    assert body["success"] is False
    assert "is not a .pdf file" in body["error_message"]
    assert Document.objects.count() == 0
