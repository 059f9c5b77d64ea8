"""What visitors get from a document library (filters, sorting, pagination in the path,
messages for bad input) and from a document page (facts, status and replacement,
attachments with type and size)."""

import json

import pytest
from django.template.defaultfilters import filesizeformat

from cityportal.core.tests.utils import notices, soup, text_of
from cityportal.documents.models import DocumentLibraryPage, DocumentPage

pytestmark = pytest.mark.django_db

LAWS = "/en/e-government/laws-and-regulations/"
FORMS = "/en/online-service/forms-for-download/"
CONGRESS = "Standing Committee of Hengyang Municipal People's Congress"


def titles(page) -> list[str]:
    return [text_of(a) for a in page.select("main .document-list__title")]


def laws_newest_first() -> list[str]:
    library = DocumentLibraryPage.objects.get(slug="laws-and-regulations")
    return [d.title for d in library.documents().order_by("-issue_date")]


def test_the_library_lists_its_documents_newest_first(client):
    page = soup(client.get(LAWS))
    assert titles(page) == laws_newest_first()
    assert titles(page)[0] == (
        "[Sample] Regulations on City Appearance and Environmental Sanitation (2023 revision)"
    )
    first = page.select_one("main .document-list__item")
    meta = text_of(first.select_one(".document-list__meta"))
    assert meta == f"[2023] Sample Announcement No. 7 {CONGRESS} Issued 2023-09-28 In force"
    assert text_of(page.select_one(".result-count")) == "6 documents"
    assert notices(page) == []
    assert page.select_one('meta[name="robots"]') is None


def test_filter_by_issuing_body(client):
    page = soup(client.get(LAWS, {"issuer": CONGRESS}))
    assert len(titles(page)) == 2
    assert all("City Appearance" in t for t in titles(page))
    assert page.select_one("#filter-issuer option[selected]")["value"] == CONGRESS
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"


def test_filter_by_year_and_status(client):
    page = soup(client.get(LAWS, {"year": "2016"}))
    assert titles(page) == ["[Sample] Regulations on City Appearance and Environmental Sanitation (2016)"]
    page = soup(client.get(LAWS, {"status": "repealed"}))
    assert set(titles(page)) == {
        "[Sample] Regulations on City Appearance and Environmental Sanitation (2016)",
        "[Sample] Provisions on Fireworks Safety during Festivals",
    }
    page = soup(client.get(LAWS, {"status": "amended", "year": "2018"}))
    assert titles(page) == ["[Sample] Measures for the Administration of Public Parking (2018)"]
    assert page.select_one("#filter-year option[selected]")["value"] == "2018"
    assert page.select_one("#filter-status option[selected]")["value"] == "amended"


def test_sort_oldest_first(client):
    page = soup(client.get(LAWS, {"sort": "oldest"}))
    assert titles(page) == list(reversed(laws_newest_first()))
    assert page.select_one("#filter-sort option[selected]")["value"] == "oldest"


def test_a_year_with_no_documents_says_so(client):
    page = soup(client.get(LAWS, {"year": "1999"}))
    assert titles(page) == []
    assert "No documents match these filters." in text_of(page.select_one("main .empty"))
    assert page.select_one("main a[href='/en/e-government/laws-and-regulations/']") is not None


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"issuer": "Nobody"}, "No document here was issued by “Nobody”, so that filter was not used."),
        ({"year": "20x4"}, "“20x4” is not a year like 2024, so it was not used."),
        ({"year": "٢٠٢٣"}, "“٢٠٢٣” is not a year like 2024, so it was not used."),
        ({"status": "in-force"}, "“in-force” is not a document status, so it was not used."),
        ({"sort": "random"}, "“random” is not a sort order, so the newest documents are shown first."),
    ],
)
def test_bad_filter_values_give_a_message_and_are_not_used(client, query, message):
    response = client.get(LAWS, query)
    assert response.status_code == 200
    page = soup(response)
    assert notices(page) == [message]
    assert titles(page) == laws_newest_first()


def test_several_bad_values_give_several_messages_and_good_ones_still_apply(client):
    page = soup(client.get(LAWS, {"year": "2016", "status": "gone", "issuer": "x" * 500}))
    assert len(notices(page)) == 2
    assert titles(page) == ["[Sample] Regulations on City Appearance and Environmental Sanitation (2016)"]
    assert "x" * 61 not in " ".join(notices(page))


def test_typed_markup_is_escaped(client):
    html = client.get(LAWS, {"issuer": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_pagination_is_in_the_path_and_keeps_the_filters(client, settings):
    settings.CITYPORTAL_ITEMS_PER_PAGE = 2
    page = soup(client.get(LAWS + "page/2/", {"sort": "oldest"}))
    assert titles(page) == list(reversed(laws_newest_first()))[2:4]
    links = [a["href"] for a in page.select("nav.pagination a")]
    assert LAWS + "page/3/?sort=oldest" in links
    assert LAWS + "?sort=oldest" in links
    first = client.get(LAWS + "page/1/", {"sort": "oldest"})
    assert first.status_code == 301 and first["Location"] == LAWS + "?sort=oldest"
    beyond = soup(client.get(LAWS + "page/7/"))
    assert "There are only 3 pages, so the last page is shown." in notices(beyond)
    assert client.get(LAWS + "page/abc/").status_code == 200


def test_library_pages_do_not_depend_on_the_visitor(client, admin_client):
    for url in (LAWS, LAWS + "?status=repealed"):
        anonymous = client.get(url)
        assert anonymous.content == admin_client.get(url).content
        assert "csrfmiddlewaretoken" not in anonymous.content.decode()
        assert not anonymous.cookies
    form = soup(client.get(LAWS)).select_one("main form.filters")
    assert form["method"] == "get"


def test_the_library_feed_and_section_box_list_documents(client):
    feed = client.get(LAWS + "rss.xml").content.decode()
    assert "[Sample] Measures for the Protection of Ancient and Famous Trees" in feed
    section = soup(client.get("/en/e-government/"))
    box = next(b for b in section.select(".channel-box") if "Laws and Regulations" in text_of(b))
    assert "[Sample] Regulations on City Appearance" in text_of(box)


# --- The document page -----------------------------------------------------------------------------


def document_page(client, slug: str):
    document = DocumentPage.objects.get(slug=slug)
    return soup(client.get(document.url))


def facts(page) -> dict[str, str]:
    return {
        text_of(div.select_one("dt")): text_of(div.select_one("dd"))
        for div in page.select(".document-facts div")
    }


def test_a_document_shows_its_facts_and_full_text(client):
    page = document_page(client, "city-appearance-regulations-2023")
    assert facts(page) == {
        "Document number": "[2023] Sample Announcement No. 7",
        "Issuing body": CONGRESS,
        "Issue date": "2023-09-28",
        "Effective date": "2024-01-01",
        "Status": "In force",
    }
    text = text_of(page.select_one(".document__text"))
    assert text.startswith(
        "Full text Sample content: this document was written for the cityportal demonstration site."
    )
    assert "Article 1:" in text
    assert page.select_one(".document__status-notice") is None


def test_a_repealed_document_links_what_replaced_it_and_the_replacement_links_back(client):
    page = document_page(client, "city-appearance-regulations-2016")
    assert facts(page)["Status"] == "Repealed"
    notice = page.select_one(".document__status-notice")
    assert text_of(notice).startswith("This document has been repealed. It was replaced by:")
    replacement = DocumentPage.objects.get(slug="city-appearance-regulations-2023")
    assert notice.select_one("a")["href"] == replacement.url
    page = document_page(client, "city-appearance-regulations-2023")
    replaces = page.select_one(".document__replaces")
    assert [a["href"] for a in replaces.select("a")] == [
        DocumentPage.objects.get(slug="city-appearance-regulations-2016").url
    ]
    assert "Repealed" in text_of(replaces)


def test_an_amended_document_links_the_amendment(client):
    page = document_page(client, "public-parking-measures-2018")
    assert facts(page)["Status"] == "Amended"
    notice = page.select_one(".document__status-notice")
    assert text_of(notice).startswith("This document has been amended by:")
    assert text_of(notice.select_one("a")) == (
        "[Sample] Decision on Amending the Measures for the Administration of Public Parking"
    )


def test_a_repealed_document_without_replacement_says_it_is_no_longer_in_force(client):
    page = document_page(client, "festival-fireworks-provisions")
    assert text_of(page.select_one(".document__status-notice")) == (
        "This document has been repealed and is no longer in force."
    )


def test_an_unpublished_replacement_is_not_linked(client):
    DocumentPage.objects.get(slug="city-appearance-regulations-2023").unpublish()
    page = document_page(client, "city-appearance-regulations-2016")
    notice = page.select_one(".document__status-notice")
    assert notice.select("a") == []
    assert "no longer in force" in text_of(notice)


def test_attachments_show_their_type_and_size(client):
    page = document_page(client, "application-form-for-chinese-nationality")
    links = page.select(".document__files a.attachment-list__link")
    assert len(links) == 2
    pdf, docx = (text_of(a) for a in links)
    assert pdf.startswith("Application form to print (PDF, ")
    assert pdf.endswith(" KB)") or pdf.endswith(" bytes)")
    assert docx.startswith("Editable form in Chinese (Word (DOCX), ")
    assert links[0]["href"].endswith("/sample-application-for-chinese-nationality.pdf")
    assert links[0].has_attr("download")
    response = client.get(links[0]["href"])
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_the_size_shown_is_the_file_size(client):
    document = DocumentPage.objects.get(slug="temporary-accommodation-registration-form")
    attachment = document.attached_files()[1]
    size = attachment.document.file.size
    shown = filesizeformat(size)
    assert shown.endswith("KB") and shown.replace("\xa0", " ") != "0 bytes"
    page = soup(client.get(document.url))
    link = text_of(page.select(".attachment-list__link")[1])
    assert link == f"Register of guests for hosts (Excel (XLSX), {shown.replace(chr(160), ' ')})"


def test_structured_data_of_a_document(client):
    page = document_page(client, "city-appearance-regulations-2023")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "DigitalDocument"
    assert data["identifier"] == "[2023] Sample Announcement No. 7"
    assert data["datePublished"] == "2023-09-28"
    assert data["author"]["name"] == CONGRESS
