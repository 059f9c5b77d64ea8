"""Document models: the custom document model's checks and headers, document pages'
rules, and how documents appear as content items."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from cityportal.core.items import item_page_models, live_items
from cityportal.core.tests.utils import soup, text_of
from cityportal.documents import sample_files
from cityportal.documents.models import DocumentLibraryPage, DocumentPage, PortalDocument
from cityportal.documents.tests.test_formats import HTML

pytestmark = pytest.mark.django_db


def test_wagtail_uses_the_portal_document_model():
    assert get_document_model() is PortalDocument


def test_a_new_file_is_checked_by_its_bytes(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = PortalDocument(title="Disguised")
    document.file = ContentFile(HTML, name="report.pdf")
    with pytest.raises(ValidationError) as refused:
        document.full_clean()
    assert "“report.pdf” is not a real PDF file" in refused.value.message_dict["file"][0]
    document.file = ContentFile(sample_files.pdf_bytes("Report", []), name="report.pdf")
    document.full_clean()


def test_format_labels_and_content_types():
    assert PortalDocument(file="documents/a.PDF").content_type == "application/pdf"
    assert PortalDocument(file="documents/a.ods").format_label == "OpenDocument spreadsheet (ODS)"
    assert PortalDocument(file="documents/a.bin").content_type == "application/octet-stream"
    assert PortalDocument(file="documents/a.bin").format_label == "BIN"


def test_a_document_cannot_replace_itself():
    document = DocumentPage.objects.get(slug="city-appearance-regulations-2016")
    document.replaced_by = document
    with pytest.raises(ValidationError) as refused:
        document.full_clean()
    assert "replaced_by" in refused.value.message_dict


def test_a_document_in_force_has_no_replacement():
    document = DocumentPage.objects.get(slug="city-appearance-regulations-2016")
    document.status = DocumentPage.IN_FORCE
    with pytest.raises(ValidationError) as refused:
        document.full_clean()
    assert "set its status to amended or repealed" in refused.value.message_dict["replaced_by"][0]


def test_documents_are_content_items():
    assert DocumentPage in item_page_models()
    library = DocumentLibraryPage.objects.get(slug="taxation")
    assert {p.specific_class for p in live_items(within=library)} == {DocumentPage}


def test_listing_summary_and_search_text():
    document = DocumentPage.objects.get(slug="ancient-trees-protection-measures")
    assert document.listing_summary().startswith("Sample measures on recording")
    text = " ".join(document.get_search_text_parts())
    assert "Sample Decree No. 12" in text and "Hengyang Municipal People's Government" in text
    document.summary = ""
    assert document.listing_summary().startswith("Sample content: this document was written")


def test_documents_are_found_by_site_search(client):
    page = soup(client.get("/en/search/", {"q": "invoices"}))
    found = text_of(page.select_one("main"))
    assert "[Sample] Guide to Invoices for Enterprises with Foreign Capital" in found


def test_the_filter_choices_come_from_the_published_documents():
    library = DocumentLibraryPage.objects.get(slug="laws-and-regulations")
    assert library.years() == [2023, 2022, 2021, 2018, 2016, 2015]
    assert library.issuers() == [
        "General Office of Hengyang Municipal People's Government",
        "Hengyang Municipal People's Government",
        "Standing Committee of Hengyang Municipal People's Congress",
    ]
    DocumentPage.objects.get(slug="festival-fireworks-provisions").unpublish()
    assert 2015 not in library.years()
    assert "General Office of Hengyang Municipal People's Government" not in library.issuers()


def test_the_listing_without_a_request_is_newest_first():
    library = DocumentLibraryPage.objects.get(slug="taxation")
    dates = [d.issue_date for d in library.get_listing()]
    assert dates == sorted(dates, reverse=True)
    assert [d.pk for d in library.latest_items(2)] == [d.pk for d in library.get_listing()[:2]]
