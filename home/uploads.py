"""Uploaded documents are checked by their content, not only their name.

Wagtail checks a document's extension (WAGTAILDOCS_EXTENSIONS, which has no svg, html or xml) and
its size (WAGTAILDOCS_MAX_UPLOAD_SIZE). This form also reads the start of the file: a file must
look like what its extension says (a .pdf starts with %PDF, a .docx is a zip, a .mp3 an MP3 ...), and
no document may contain HTML, SVG or XML with scripts, whatever it is called, since a browser could
run it. Images are checked by Wagtail itself (Pillow must open them; svg is not an allowed format).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

SNIFF_BYTES = 4096
ZIP = (b"PK\x03\x04",)
# Extension -> accepted starts of the file (bytes at offset 0), or a callable.
MAGIC = {
    "pdf": (b"%PDF-",),
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "ods": ZIP,
    "odp": ZIP,
    "rtf": (b"{\\rtf",),
    "webm": (b"\x1a\x45\xdf\xa3",),
    "ogg": (b"OggS",),
    "oga": (b"OggS",),
    "opus": (b"OggS",),
    "mp3": (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2", b"\xff\xfa"),
}
TEXT_TYPES = {"csv", "txt", "vtt"}
MARKUP = re.compile(
    rb"<\s*(!doctype\s+html|html|head|body|script|svg|iframe|object|embed|meta|link|style|xml|\?xml|"
    rb"x:script|math)\b|javascript:",
    re.IGNORECASE,
)


def _starts(head, prefixes):
    return any(head.startswith(prefix) for prefix in prefixes)


def content_matches(extension, head):
    """Does the start of a file look like a file of this extension?"""
    extension = extension.lower()
    if extension in MAGIC:
        return _starts(head, MAGIC[extension])
    if extension in ("mp4", "m4a"):
        return head[4:8] == b"ftyp"
    if extension == "wav":
        return head[:4] == b"RIFF" and head[8:12] == b"WAVE"
    if extension in TEXT_TYPES:
        text = head.removeprefix(b"\xef\xbb\xbf")
        if b"\x00" in text:
            return False
        try:
            text.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.start < len(text) - 3:  # not just a character cut in half at the end
                try:
                    text.decode("cp1252")
                except UnicodeDecodeError:
                    return False
        return extension != "vtt" or text.startswith(b"WEBVTT")
    return False  # an extension we have no rule for is refused rather than trusted


def looks_like_markup(head):
    """HTML, SVG or XML that a browser could render and run scripts in."""
    return bool(MARKUP.search(head))


def check_document(uploaded):
    name = uploaded.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(SNIFF_BYTES)
    uploaded.seek(position)
    if extension in TEXT_TYPES and looks_like_markup(head):
        raise ValidationError(
            _("This file contains web page code (HTML, SVG or script), which documents may not contain."),
            code="markup",
        )
    if not content_matches(extension, head):
        raise ValidationError(
            _("This file's content is not a .%(extension)s file. Check you chose the right file."),
            code="content_mismatch",
            params={"extension": extension},
        )


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (single and multiple upload, chooser upload) with the content check."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            check_document(uploaded)
        return uploaded
