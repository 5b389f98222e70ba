"""Static files as production serves them: hashed names, brotli and gzip copies, cached for a year."""

import re

import pytest
from django.core.management import call_command
from django.test import Client, override_settings


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """collectstatic of the site's own files with production's storage, into a temporary folder."""
    root = tmp_path_factory.mktemp("static")
    production_like = override_settings(
        STATIC_ROOT=root,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
        # the site's own static/ only: Wagtail's admin files are thousands more of the same kind
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
        WHITENOISE_MAX_AGE=31536000,
        DEBUG=False,
    )
    with production_like:
        call_command("collectstatic", interactive=False, verbosity=0)
        yield root


def hashed(root, name):
    stem, ext = name.rsplit(".", 1)
    found = [p for p in root.glob(f"{stem}.*.{ext}") if re.fullmatch(rf".*\.[0-9a-f]{{12}}\.{ext}", p.name)]
    assert found, f"no hashed copy of {name}"
    return found[0]


def test_collectstatic_writes_hashed_names_with_brotli_and_gzip_copies(collected):
    script = hashed(collected, "js/consultation-draft.js")
    assert script.with_name(script.name + ".br").stat().st_size > 0
    assert script.with_name(script.name + ".gz").stat().st_size > 0
    assert (collected / "staticfiles.json").exists()


def test_a_hashed_file_is_served_brotli_compressed_and_immutable(collected):
    script = hashed(collected, "js/consultation-draft.js")
    url = "/static/" + script.relative_to(collected).as_posix()
    response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    cache_control = response["Cache-Control"]
    assert "immutable" in cache_control
    assert int(re.search(r"max-age=(\d+)", cache_control).group(1)) >= 31536000
    body = b"".join(response.streaming_content)
    assert body == script.with_name(script.name + ".br").read_bytes()


def test_gzip_for_browsers_without_brotli(collected):
    script = hashed(collected, "js/consultation-draft.js")
    response = Client().get("/static/" + script.relative_to(collected).as_posix(), HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"


def test_the_page_links_the_hashed_name(collected, home):
    html = Client().get("/").content.decode()
    assert re.search(r'/static/images/pkoffer-logo\.[0-9a-f]{12}\.svg"', html) or re.search(
        r'/static/images/favicon\.[0-9a-f]{12}\.svg"', html
    )
