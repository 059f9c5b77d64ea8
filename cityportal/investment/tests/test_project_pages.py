"""The Investment Projects list (with its filters) and a project's page as visitors get
them."""

from decimal import Decimal

import pytest

from cityportal.core.tests.utils import notices, soup, text_of
from cityportal.investment.models import ProjectPage
from cityportal.investment.tests.conftest import make_park, make_project

pytestmark = pytest.mark.django_db

PROJECTS = "/en/investment/investment-projects/"


def titles(page) -> list[str]:
    return [text_of(h) for h in page.select("main .project-card__title")]


def test_the_projects_list_shows_each_projects_key_facts(client, projects):
    page = soup(client.get(PROJECTS))
    assert text_of(page.h1) == "Investment Projects"
    expected = list(projects.get_listing())
    assert titles(page) == [p.title for p in expected]
    card = page.select_one("main .project-card")
    first = expected[0]
    facts = {text_of(dt): text_of(dt.find_next_sibling("dd")) for dt in card.select("dt")}
    assert facts["Sector"] == first.get_sector_display()
    assert facts["Total investment"] == first.formatted_investment
    assert facts["Status"] == first.get_status_display()
    assert text_of(page.select_one("main .result-count")) == f"{len(expected)} projects"


def test_the_filter_form_offers_the_sectors_in_use_and_the_parks(client, projects):
    page = soup(client.get(PROJECTS))
    form = page.select_one("main form.filters")
    assert form["method"] == "get" and form["action"] == PROJECTS
    sectors = [o["value"] for o in form.select("#filter-sector option")]
    used = set(ProjectPage.objects.child_of(projects).values_list("sector", flat=True))
    assert sectors[0] == "" and set(sectors[1:]) == used
    parks = [text_of(o) for o in form.select("#filter-park option")][1:]
    assert parks == sorted(parks) and len(parks) == 3
    assert page.find("meta", attrs={"name": "robots"}) is None
    assert not page.find("input", attrs={"name": "csrfmiddlewaretoken"})


def test_filtering_by_sector_and_park(client, projects):
    north = ProjectPage.objects.get(slug="precision-bearing-production-line").park
    page = soup(client.get(PROJECTS, {"sector": "new-materials"}))
    assert titles(page) == ["[Sample] Lightweight Alloy Materials Plant"]
    assert page.select_one("#filter-sector option[selected]")["value"] == "new-materials"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    page = soup(client.get(PROJECTS, {"park": north.pk}))
    assert set(titles(page)) == {p.title for p in north.live_projects()}
    assert page.select_one("#filter-park option[selected]")["value"] == str(north.pk)
    page = soup(client.get(PROJECTS, {"park": north.pk, "sector": "logistics"}))
    assert titles(page) == ["[Sample] Cold-chain Logistics Centre"]
    assert text_of(page.select_one("main .result-count")) == "1 project"
    assert page.select_one("main form.filters a")["href"] == PROJECTS


def test_a_filter_without_matches_says_so(client, projects):
    page = soup(client.get(PROJECTS, {"sector": "other"}))
    assert titles(page) == []
    assert text_of(page.select_one("main .empty")) == (
        "No projects match these filters. Try all sectors or all parks."
    )


@pytest.mark.parametrize(
    "params",
    [
        {"sector": "<script>alert(1)</script>"},
        {"park": "1' OR '1'='1"},
        {"park": "١٢"},
        {"sector": "x" * 5000, "park": "9" * 5000},
    ],
)
def test_bad_filter_values_get_a_message_and_the_full_list(client, projects, params):
    response = client.get(PROJECTS, params)
    page = soup(response)
    assert notices(page)
    assert len(titles(page)) == projects.get_listing().count()
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_pages_of_a_filtered_list_keep_the_filter_in_their_links(client, empty_projects):
    for number in range(21):
        make_project(empty_projects, f"Materials project {number:02d}", sector="new-materials")
    make_project(empty_projects, "Other project", sector="other")
    page = soup(client.get(empty_projects.url, {"sector": "new-materials", "park": "nonsense"}))
    assert len(titles(page)) == 20
    next_link = page.select_one("main .pagination a[rel=next]")
    # Only the filter that was used goes along; the bad park value is dropped.
    assert next_link["href"] == empty_projects.url + "page/2/?sector=new-materials"
    second = soup(client.get(next_link["href"]))
    assert titles(second) == ["Materials project 00"]


def test_a_projects_page_shows_its_key_facts_and_contact(client, projects, parks):
    park = make_park(parks, "Harbour Park")
    project = make_project(
        projects,
        "Container Terminal",
        summary="A terminal for river barges.",
        sector="logistics",
        park=park,
        location="South quay",
        total_investment=Decimal("120000000.00"),
        currency="CNY",
        cooperation_mode="ppp",
        status="negotiating",
        contact_name="Port Desk",
        contact_phone="555-0123",
        contact_email="port@example.org",
        body=[("paragraph", "<p>Two berths and a rail siding.</p>")],
    )
    page = soup(client.get(project.url))
    assert text_of(page.h1) == "Container Terminal"
    assert text_of(page.select_one(".investment-item__summary")) == "A terminal for river barges."
    facts = {text_of(dt): dt.find_next_sibling("dd") for dt in page.select("main .facts dt")}
    assert list(facts) == [
        "Sector",
        "Industrial park",
        "Location",
        "Total investment",
        "Cooperation mode",
        "Status",
        "Contact person or office",
        "Phone",
        "Email",
    ]
    assert text_of(facts["Sector"]) == "Logistics and trade"
    assert facts["Industrial park"].a["href"] == park.url
    assert text_of(facts["Total investment"]) == "CNY 120,000,000"
    assert text_of(facts["Cooperation mode"]) == "Public-private partnership"
    assert text_of(facts["Status"]) == "Under negotiation"
    assert facts["Email"].a["href"] == "mailto:port@example.org"
    assert "Two berths and a rail siding." in text_of(page.select_one(".investment-item__body"))


def test_a_project_in_an_unpublished_park_does_not_link_to_it(client, projects, parks):
    park = make_park(parks, "Closed Park")
    project = make_project(projects, "Orphan project", park=park, location="")
    park.unpublish()
    page = soup(client.get(project.url))
    assert "Closed Park" not in text_of(page.main)
    assert page.select_one("main .facts-card__contact") is None, "no contact was given"


def test_projects_appear_in_the_section_page_and_the_channel_feed(client, projects):
    section = soup(client.get("/en/investment/"))
    box = next(b for b in section.select("main .channel-box") if text_of(b.h2) == "Investment Projects")
    assert [text_of(a) for a in box.select(".item-list a")] == [p.title for p in projects.get_listing()[:5]]
    feed = client.get(PROJECTS + "rss.xml").content.decode()
    assert "[Sample] Precision Bearing Production Line" in feed
