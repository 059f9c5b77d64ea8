"""Downloads over the real URL and view: the right content type, a safe file name with
an ASCII fallback and the RFC 5987 form for Chinese names, and Wagtail's own checks
(file name in the address, private collections, conditional requests) kept."""

from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Collection, CollectionViewRestriction

from cityportal.documents import sample_files
from cityportal.documents.downloads import ascii_filename, attachment_disposition, clean_filename
from cityportal.documents.models import PortalDocument

OOXML = "application/vnd.openxmlformats-officedocument."


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("form.pdf", 'attachment; filename="form.pdf"'),
        ("Form 2024 (v2).pdf", 'attachment; filename="Form 2024 (v2).pdf"'),
        (
            "申请表.pdf",
            "attachment; filename=\"ShenQingBiao.pdf\"; filename*=UTF-8''%E7%94%B3%E8%AF%B7%E8%A1%A8.pdf",
        ),
        (
            "Café menu.docx",
            "attachment; filename=\"Cafe menu.docx\"; filename*=UTF-8''Caf%C3%A9%20menu.docx",
        ),
        ('a"b;c.pdf', "attachment; filename=\"a_b_c.pdf\"; filename*=UTF-8''a%22b%3Bc.pdf"),
        (
            "x\r\nSet-Cookie: y.pdf",
            "attachment; filename=\"xSet-Cookie_ y.pdf\"; filename*=UTF-8''xSet-Cookie%3A%20y.pdf",
        ),
        ("../../etc/passwd", 'attachment; filename="passwd"'),
        ("C:\\Users\\me\\form.pdf", 'attachment; filename="form.pdf"'),
        ("。.pdf", "attachment; filename=\"download.pdf\"; filename*=UTF-8''%E3%80%82.pdf"),
        ("", 'attachment; filename="download"'),
    ],
)
def test_attachment_disposition(name, header):
    assert attachment_disposition(name) == header


def test_names_are_cleaned_of_paths_and_control_characters():
    assert clean_filename("dir/sub/ok.pdf") == "ok.pdf"
    assert clean_filename("bad\x00name\x7f.pdf") == "badname.pdf"
    assert clean_filename(".hidden") == "hidden"
    assert ascii_filename("衡阳.xlsx") == "HengYang.xlsx"
    assert ascii_filename("¿?.pdf") == "download.pdf"


# --- Over the test client -------------------------------------------------------------------------


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def demo_file(name: str) -> PortalDocument:
    return PortalDocument.objects.get(file=f"documents/{name}")


@pytest.mark.django_db
def test_a_pdf_is_served_as_a_pdf_download(client):
    document = demo_file("sample-application-for-chinese-nationality.pdf")
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="sample-application-for-chinese-nationality.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert "Content-Encoding" not in response
    assert int(response["Content-Length"]) == document.file.size
    data = body(response)
    assert data.startswith(b"%PDF-") and data == document.file.open("rb").read()


@pytest.mark.django_db
def test_a_chinese_file_name_gets_an_ascii_fallback_and_the_utf8_name(client):
    document = demo_file("加入中国国籍申请表-样例.docx")
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="JiaRuZhongGuoGuoJiShenQingBiao-YangLi.docx"; ')
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    assert encoded.isascii() and unquote(encoded) == "加入中国国籍申请表-样例.docx"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("sample-accommodation-register.xlsx", OOXML + "spreadsheetml.sheet"),
        ("sample-public-transport-plan.odt", "application/vnd.oasis.opendocument.text"),
        ("sample-land-incentive-application.docx", OOXML + "wordprocessingml.document"),
    ],
)
def test_each_format_has_its_content_type(client, name, content_type):
    response = client.get(demo_file(name).url)
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'


@pytest.mark.django_db
def test_the_address_must_name_the_file(client):
    document = demo_file("sample-application-for-chinese-nationality.pdf")
    assert client.get(f"/documents/{document.pk}/other.pdf").status_code == 404
    assert client.get("/documents/999999/sample-application-for-chinese-nationality.pdf").status_code == 404


@pytest.mark.django_db
def test_an_uploaded_name_cannot_inject_headers(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = PortalDocument(title="Evil")
    document.file = ContentFile(sample_files.pdf_bytes("x", []), name='evil"\r\nX-Injected: 1.pdf')
    document.full_clean()
    document.save()
    response = client.get(document.url)
    assert response.status_code == 200
    assert "X-Injected" not in response
    disposition = response["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition
    assert disposition.count('"') == 2


@pytest.mark.django_db
def test_a_private_collection_still_asks_for_its_password(client):
    document = demo_file("sample-application-for-chinese-nationality.pdf")
    private = Collection.get_first_root_node().add_child(name="Private")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="secret"
    )
    document.collection = private
    document.save()
    response = client.get(document.url)
    assert response.status_code == 200
    assert "Content-Disposition" not in response
    assert b"%PDF" not in body(response)
    assert 'name="password"' in response.content.decode()


@pytest.mark.django_db
def test_conditional_requests_are_answered_with_not_modified(client):
    document = demo_file("sample-application-for-chinese-nationality.pdf")
    first = client.get(document.url)
    etag = first["ETag"]
    assert etag.strip('"') == document.file_hash
    again = client.get(document.url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304


@pytest.mark.django_db
def test_the_model_gives_the_same_headers_for_storages_without_local_files():
    document = demo_file("加入中国国籍申请表-样例.docx")
    assert document.content_disposition == attachment_disposition("加入中国国籍申请表-样例.docx")
    assert document.content_type.endswith("wordprocessingml.document")
    assert document.format_label == "Word (DOCX)"
