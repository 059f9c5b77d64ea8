import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


def test_uploaded_images_are_served_in_the_embedded_default(client):
    image = get_image_model().objects.exclude(file="").first()
    response = client.get(image.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_document_files_are_never_served_by_their_raw_media_path(client):
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    document = get_document_model().objects.create(
        title="Raw path", file=ContentFile(pdf, name="raw-path.pdf")
    )
    assert document.file.url.startswith("/media/documents/")
    assert client.get(document.file.url).status_code == 404
    assert client.get(document.url).status_code == 200


@pytest.mark.parametrize("prefix", ["/media//documents/", "/media/./documents/", "/media/x/../documents/"])
def test_document_files_are_not_served_by_an_equivalent_raw_path(client, prefix):
    # The file view resolves "//", "./" and "../" itself: the refusal must too, or a
    # document of a private collection is one slash away from anyone.
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    document = get_document_model().objects.create(
        title="Raw path", file=ContentFile(pdf, name="raw-path-variant.pdf")
    )
    stored = document.file.name.removeprefix("documents/")
    assert client.get(prefix + stored).status_code == 404
