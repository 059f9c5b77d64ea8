"""What visitors get from a guide channel and a service guide: every element in its own
section, the numbered procedure, where to go, the forms, and nothing user-specific."""

import json

import pytest

from cityportal.core.tests.utils import soup, text_of
from cityportal.services.models import GuideChannelPage, ServiceGuidePage

pytestmark = pytest.mark.django_db

GUIDE_URL = "/en/online-service/naturalization/applying-for-chinese-nationality/"
CHANNEL_URL = "/en/online-service/naturalization/"


@pytest.fixture
def guide_page(client):
    return soup(client.get(GUIDE_URL))


def section(page, anchor: str):
    found = page.select_one(f"main section#{anchor}")
    assert found is not None, anchor
    return found


def test_the_guide_shows_each_element_under_its_own_heading(guide_page):
    headings = [text_of(h) for h in guide_page.select("main section.guide__section > h2")]
    assert headings == [
        "Who it is for",
        "Conditions",
        "Materials to bring",
        "Procedure",
        "Fees and time limit",
        "Where to go",
        "Apply online",
        "Forms",
        "Legal basis",
    ]
    assert text_of(guide_page.select_one("main h1")) == "[Sample] Applying for Chinese nationality"
    assert "close relatives" in text_of(section(guide_page, "who"))
    assert "Nationality Law of the People's Republic of China" in text_of(section(guide_page, "legal-basis"))
    # The table of contents leads to each section.
    targets = [a["href"] for a in guide_page.select("nav.guide-contents a")]
    for target in targets:
        assert guide_page.select_one(target) is not None, target


def test_the_guide_says_it_is_sample_content(guide_page):
    summary = text_of(guide_page.select_one(".guide__summary"))
    assert summary.startswith("Sample content, not the official rules:")
    assert "Check the current requirements with the office" in summary


def test_the_procedure_is_a_numbered_list_in_order(guide_page):
    steps = guide_page.select("#procedure ol.steps > li")
    assert [text_of(s.select_one(".steps__title")) for s in steps] == [
        "Prepare your materials",
        "Apply in person",
        "Review",
        "Decision",
        "Collect your certificate",
    ]


def test_materials_are_a_checklist(guide_page):
    items = [text_of(li) for li in guide_page.select("#materials ul.checklist > li")]
    assert items[0] == "Valid passport (original and one copy)"
    assert len(items) == 5


def test_fees_time_limit_and_where_to_go(guide_page):
    facts = {
        text_of(div.select_one("dt")): text_of(div.select_one("dd"))
        for div in guide_page.select("#fees dl div, #where dl div")
    }
    assert facts["Processing time limit"].startswith("Sample: several months")
    assert facts["Fees"].startswith("Sample: ask the office")
    assert facts["Office"] == "Exit-Entry Service Hall, Hengyang Public Security Bureau (sample)"
    assert facts["Address"].startswith("Sample address:")
    assert "Monday to Friday" in facts["Opening hours"]
    phone = guide_page.select_one("#where a[href^='tel:']")
    assert phone["href"] == "tel:07340000000"


def test_a_guide_without_online_service_says_so(guide_page):
    assert "not available online" in text_of(section(guide_page, "online"))
    assert section(guide_page, "online").select("a") == []


def test_a_guide_with_online_service_links_it(client):
    page = soup(client.get("/en/online-service/entry-and-exit/extending-a-visa/"))
    link = page.select_one("#online a.guide__online")
    assert link["href"] == "https://example.org/sample-online-visa-service"
    assert "external" in link["rel"]


def test_the_guide_links_its_forms(guide_page):
    links = section(guide_page, "forms").select("a")
    assert [(text_of(a), a["href"]) for a in links] == [
        (
            "[Sample] Application form for Chinese nationality",
            "/en/online-service/forms-for-download/application-form-for-chinese-nationality/",
        )
    ]


def test_the_form_links_back_to_the_guides_that_use_it(client):
    page = soup(client.get("/en/online-service/forms-for-download/application-form-for-chinese-nationality/"))
    used_by = page.select_one(".document__guides")
    assert text_of(used_by.select_one("h2")) == "Used by these service guides"
    assert {a["href"] for a in used_by.select("a")} == {
        GUIDE_URL,
        "/en/online-service/naturalization/restoring-chinese-nationality/",
    }


def test_an_unpublished_guide_is_not_listed_on_its_form(client):
    ServiceGuidePage.objects.get(slug="restoring-chinese-nationality").unpublish()
    page = soup(client.get("/en/online-service/forms-for-download/application-form-for-chinese-nationality/"))
    assert [a["href"] for a in page.select(".document__guides a")] == [GUIDE_URL]


def test_structured_data_describes_a_government_service(guide_page):
    data = json.loads(guide_page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "GovernmentService"
    assert data["name"] == "[Sample] Applying for Chinese nationality"
    assert data["provider"]["name"].startswith("Exit-Entry Service Hall")


def test_the_guide_channel_lists_its_guides_with_whom_they_are_for(client):
    page = soup(client.get(CHANNEL_URL))
    assert text_of(page.select_one("main h1")) == "Naturalization"
    items = page.select("ul.guide-list > li")
    titles = [text_of(li.select_one("a")) for li in items]
    assert titles == ["[Sample] Restoring Chinese nationality", "[Sample] Applying for Chinese nationality"]
    assert text_of(items[1].select_one(".guide-list__who")).startswith("For: Foreign nationals")
    assert page.select_one('link[rel="alternate"][href$="naturalization/rss.xml"]') is not None


def test_the_guide_channel_paginates_in_the_path(client, settings):
    settings.CITYPORTAL_ITEMS_PER_PAGE = 1
    # Numbered from the oldest: page 1 holds the oldest guide, the own page the newest.
    page = soup(client.get(CHANNEL_URL + "page/1/"))
    assert [text_of(a) for a in page.select("ul.guide-list > li > a")] == [
        "[Sample] Applying for Chinese nationality"
    ]
    response = client.get(CHANNEL_URL + "page/9/")
    assert response.status_code == 200
    assert "There is no page 9 yet" in response.content.decode()


def test_the_channel_feed_lists_guides(client):
    response = client.get(CHANNEL_URL + "rss.xml")
    assert response.status_code == 200
    assert "[Sample] Applying for Chinese nationality" in response.content.decode()


def test_the_section_page_shows_the_guide_channels(client):
    page = soup(client.get("/en/online-service/"))
    box = next(b for b in page.select(".channel-box") if "Naturalization" in text_of(b.select_one("h2")))
    assert "[Sample] Applying for Chinese nationality" in text_of(box)


def test_guide_pages_do_not_depend_on_the_visitor(client, admin_client):
    for url in (GUIDE_URL, CHANNEL_URL):
        anonymous = client.get(url)
        staff = admin_client.get(url)
        assert anonymous.content == staff.content
        assert "csrfmiddlewaretoken" not in anonymous.content.decode()
        assert not anonymous.cookies


def test_a_guide_channel_with_no_guides_says_so(client):
    channel = GuideChannelPage.objects.get(slug="residence-affairs")
    for guide in ServiceGuidePage.objects.child_of(channel):
        guide.unpublish()
    page = soup(client.get("/en/online-service/residence-affairs/"))
    assert "No service guides have been published in this channel yet." in text_of(page.select_one("main"))


def test_text_is_escaped(client):
    guide = ServiceGuidePage.objects.get(slug="applying-for-chinese-nationality")
    guide.office = '<script>alert("x")</script>'
    guide.save_revision().publish()
    html = client.get(GUIDE_URL).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html
