"""Images, renditions, documents, audio and video in S3-compatible storage (django-storages).

Runs against the real local S3 server that `.ci/services` starts (moto's standalone server), so it
needs AWS_STORAGE_BUCKET_NAME and AWS_S3_ENDPOINT_URL: the second pass of `make test` sets them.
What is checked is what the bucket holds, through boto3, next to what a resident downloads.
"""

import io

import boto3
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import storages
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not getattr(settings, "AWS_STORAGE_BUCKET_NAME", ""),
        reason="no S3 server: set AWS_STORAGE_BUCKET_NAME and AWS_S3_ENDPOINT_URL (.ci/services run …; make test does)",
    ),
]


@pytest.fixture
def bucket():
    client = boto3.client(
        "s3", endpoint_url=settings.AWS_S3_ENDPOINT_URL, region_name=settings.AWS_S3_REGION_NAME or "us-east-1"
    )

    class Bucket:
        def __contains__(self, name):
            return name in self.keys()

        def keys(self):
            found = client.list_objects_v2(Bucket=settings.AWS_STORAGE_BUCKET_NAME, Prefix=settings.AWS_LOCATION)
            return {item["Key"] for item in found.get("Contents", [])}

        def read(self, key):
            return client.get_object(Bucket=settings.AWS_STORAGE_BUCKET_NAME, Key=key)["Body"].read()

    return Bucket()


def key(name):
    """The bucket key of a stored file name (files live under AWS_LOCATION)."""
    return f"{settings.AWS_LOCATION}/{name}" if settings.AWS_LOCATION else name


def png(width=640, height=480):
    data = io.BytesIO()
    PILImage.new("RGB", (width, height), (0, 94, 184)).save(data, "PNG")
    return data.getvalue()


def make_image(name="loch-leven.png"):
    image = get_image_model()(title="Loch Leven")
    image.file = ImageFile(ContentFile(png(), name=name), name=name)
    image.save()
    return image


def make_document(name, content, collection=None):
    document = get_document_model()(title=name, **({"collection": collection} if collection else {}))
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def test_default_storage_is_s3():
    storage = storages["default"]
    assert type(storage).__name__ == "S3Storage"
    assert storage.file_overwrite is False and storage.bucket_name == settings.AWS_STORAGE_BUCKET_NAME


def test_image_and_its_rendition_are_in_the_bucket_and_deleted_with_it(bucket, django_capture_on_commit_callbacks):
    image = make_image()
    assert key(image.file.name) in bucket
    assert bucket.read(key(image.file.name)) == png()

    rendition = image.get_rendition("fill-120x90")
    assert rendition.file.name.startswith("images/") and rendition.file.name != image.file.name
    assert key(rendition.file.name) in bucket
    with PILImage.open(io.BytesIO(bucket.read(key(rendition.file.name)))) as stored:
        assert stored.size == (120, 90)
    assert image.get_rendition("fill-120x90").file.name == rendition.file.name  # made once

    names = [key(image.file.name), key(rendition.file.name)]
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail deletes files in a task after the commit
        image.delete()
    assert not set(names) & bucket.keys()


def test_document_downloads_through_the_site_and_is_deleted(client, bucket, django_capture_on_commit_callbacks):
    content = b"ward,respondents\nAlmond and Earn,120\n"
    document = make_document("survey-results.csv", content)
    assert key(document.file.name) in bucket

    response = client.get(f"/documents/{document.pk}/survey-results.csv")
    assert response.status_code == 200  # served by the site's own view, not a redirect to the bucket
    assert b"".join(response.streaming_content) == content
    assert "attachment" in response["Content-Disposition"]

    stored = key(document.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()
    assert stored not in bucket
    assert client.get(f"/documents/{document.pk}/survey-results.csv").status_code == 404


def test_private_document_stays_private(client, bucket):
    collection = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
    document = make_document("draft-budget.csv", b"line,amount\nroads,100\n", collection=collection)
    assert key(document.file.name) in bucket

    response = client.get(f"/documents/{document.pk}/draft-budget.csv")

    assert response.status_code == 302 and "/_util/login/" in response["Location"]
    assert b"roads" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_same_name_upload_gets_a_new_key_and_keeps_the_first(client, bucket):
    first = make_document("minutes.pdf", b"%PDF-1.4 first meeting")
    second = make_document("minutes.pdf", b"%PDF-1.4 second meeting")

    assert first.file.name != second.file.name
    assert bucket.read(key(first.file.name)) == b"%PDF-1.4 first meeting"
    assert bucket.read(key(second.file.name)) == b"%PDF-1.4 second meeting"
    served = client.get(f"/documents/{first.pk}/minutes.pdf")
    assert b"".join(served.streaming_content) == b"%PDF-1.4 first meeting"


def test_audio_and_video_documents_are_stored_and_served(client, bucket):
    audio = make_document("episode-1.mp3", b"ID3" + b"\0" * 2000)
    video = make_document("walk.webm", b"\x1a\x45\xdf\xa3" + b"\0" * 2000)
    for document in (audio, video):
        assert key(document.file.name) in bucket
        response = client.get(f"/documents/{document.pk}/{document.filename}")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == bucket.read(key(document.file.name))
