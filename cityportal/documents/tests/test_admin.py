"""Uploading files and editing documents in the Wagtail admin, as editors do: a file
whose bytes are not what its extension says is refused with a clear message, in every
upload form; document pages need an issuing body and an issue date to be published."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cityportal.documents import sample_files
from cityportal.documents.models import DocumentLibraryPage, DocumentPage, PortalDocument
from cityportal.documents.tests.test_formats import EXE, HTML, by_size, docx_with_macros

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, name: str, data: bytes):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": f"Upload of {name}",
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        },
    )


def test_a_real_pdf_is_uploaded(admin_client):
    response = upload(admin_client, "form.pdf", sample_files.pdf_bytes("Form", []))
    assert response.status_code == 302
    document = PortalDocument.objects.get(title="Upload of form.pdf")
    assert document.file.name == "documents/form.pdf"
    assert document.file_size > 0 and document.file_hash


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("setup.pdf", EXE, "“setup.pdf” is not a real PDF file: its contents look like a program (EXE)."),
        ("page.pdf", HTML, "its contents look like a web page or other markup (HTML/XML)"),
        ("form.docx", sample_files.pdf_bytes("x", []), "“form.docx” is not a real Word (DOCX) file"),
        ("macro.docx", docx_with_macros(), "“macro.docx” contains macros."),
        ("plan.ods", sample_files.odt_bytes("x", []), "is not a real OpenDocument spreadsheet (ODS) file"),
    ],
    ids=by_size,
)
def test_a_file_that_is_not_what_its_name_says_is_refused(admin_client, name, data, message):
    response = upload(admin_client, name, data)
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any(message in error for error in errors), errors
    assert message.split(":")[0] in response.content.decode().replace("&quot;", '"')
    assert not PortalDocument.objects.filter(title=f"Upload of {name}").exists()


def test_an_extension_outside_the_list_is_refused(admin_client):
    response = upload(admin_client, "run.exe", EXE)
    assert response.status_code == 200
    assert "file" in response.context["form"].errors


def test_the_multiple_upload_refuses_a_disguised_file(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": SimpleUploadedFile("invoice.pdf", HTML),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert "“invoice.pdf” is not a real PDF file" in data["error_message"]
    assert not PortalDocument.objects.filter(file="documents/invoice.pdf").exists()


def test_the_multiple_upload_takes_a_real_file(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": SimpleUploadedFile("table.xlsx", sample_files.xlsx_bytes("T", [])),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.json()["success"] is True
    assert PortalDocument.objects.filter(file="documents/table.xlsx").exists()


def test_replacing_a_file_with_a_disguised_one_is_refused_and_keeps_the_old_file(admin_client):
    upload(admin_client, "form.pdf", sample_files.pdf_bytes("Form", []))
    document = PortalDocument.objects.get(title="Upload of form.pdf")
    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": document.title,
            "file": SimpleUploadedFile("form.pdf", EXE),
            "collection": document.collection_id,
            "tags": "",
        },
    )
    assert response.status_code == 200
    assert "is not a real PDF file" in " ".join(response.context["form"].errors["file"])
    document.refresh_from_db()
    assert document.file.open("rb").read().startswith(b"%PDF-")


def test_changing_only_the_title_does_not_need_a_new_check(admin_client):
    upload(admin_client, "form.pdf", sample_files.pdf_bytes("Form", []))
    document = PortalDocument.objects.get(title="Upload of form.pdf")
    response = admin_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {"title": "Renamed", "collection": document.collection_id, "tags": ""},
    )
    assert response.status_code == 302
    assert PortalDocument.objects.get(pk=document.pk).title == "Renamed"


# --- Document pages --------------------------------------------------------------------------------


def document_form(**fields) -> dict:
    data = {
        "title": "Sample notice",
        "slug": "sample-notice",
        "document_number": "",
        "issuing_body": "",
        "issue_date": "",
        "effective_date": "",
        "status": "in_force",
        "replaced_by": "",
        "summary": "",
        "full_text": streamfield([]),
        "attachments": inline_formset([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        **fields,
    }
    return nested_form_data(data)


def add_url(library) -> str:
    return reverse("wagtailadmin_pages:add", args=["documents", "documentpage", library.pk])


def test_a_document_draft_may_lack_its_issuer_and_date_but_publishing_needs_them(admin_client):
    pdf = PortalDocument.objects.get(file="documents/sample-city-appearance-regulations-2023.pdf")
    library = DocumentLibraryPage.objects.get(slug="laws-and-regulations")
    response = admin_client.post(add_url(library), document_form(**{"action-save": "1"}))
    assert response.status_code == 302
    draft = DocumentPage.objects.get(slug="sample-notice")
    assert not draft.live
    edit = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    response = admin_client.post(edit, document_form(**{"action-publish": "1"}))
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"issuing_body", "issue_date"}
    response = admin_client.post(
        edit,
        document_form(
            issuing_body="Hengyang Municipal People's Government",
            issue_date="2024-05-01",
            attachments=inline_formset([{"document": pdf.pk, "label": ""}]),
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    published = DocumentPage.objects.get(pk=draft.pk)
    assert published.live and len(published.attached_files()) == 1


def test_a_document_in_force_cannot_name_a_replacement(admin_client):
    library = DocumentLibraryPage.objects.get(slug="laws-and-regulations")
    replacement = DocumentPage.objects.get(slug="city-appearance-regulations-2023")
    response = admin_client.post(
        add_url(library),
        document_form(
            issuing_body="Somebody",
            issue_date="2024-05-01",
            replaced_by=replacement.pk,
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 200
    assert "replaced_by" in response.context["form"].errors


def test_documents_only_go_in_document_libraries():
    from cityportal.news.models import ChannelPage

    assert DocumentPage.can_create_at(DocumentLibraryPage.objects.get(slug="taxation"))
    assert not DocumentPage.can_create_at(ChannelPage.objects.get(slug="hot-news"))


def test_the_admin_forms_of_documents_and_libraries_open(admin_client):
    library = DocumentLibraryPage.objects.get(slug="laws-and-regulations")
    document = DocumentPage.objects.get(slug="city-appearance-regulations-2016")
    for url in (
        add_url(library),
        reverse("wagtailadmin_pages:edit", args=[document.pk]),
        reverse("wagtailadmin_pages:edit", args=[library.pk]),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:add"),
    ):
        assert admin_client.get(url).status_code == 200, url
