"""The Industrial Parks list and a park's page, with the projects that name it."""

from decimal import Decimal

import pytest

from cityportal.core.tests.utils import soup, text_of
from cityportal.investment.tests.conftest import make_park, make_project

pytestmark = pytest.mark.django_db

PARKS = "/en/investment/industrial-parks/"


def test_the_parks_list_shows_parks_by_name_with_their_facts(client, parks):
    page = soup(client.get(PARKS))
    assert text_of(page.h1) == "Industrial Parks"
    names = [text_of(h) for h in page.select("main .project-card__title")]
    assert names == sorted(names) == [p.title for p in parks.get_listing()]
    card = page.select_one("main .project-card")
    facts = {text_of(dt): text_of(dt.find_next_sibling("dd")) for dt in card.select("dt")}
    first = parks.get_listing().first()
    assert facts["Area"] == first.formatted_area
    assert facts["Leading industries"] == ", ".join(first.industries())


def test_a_parks_page_shows_its_facts_and_its_live_projects(client, parks, projects):
    park = make_park(
        parks,
        "River Park",
        summary="A park by the river.",
        area_km2=Decimal("8.25"),
        leading_industries="New materials\nLogistics",
        location="East bank",
        website="https://example.org/river-park/",
        contact_phone="555-0150",
        profile=[("paragraph", "<p>Close to the port.</p>")],
    )
    make_project(projects, "River bearings", park=park, sector="advanced-manufacturing")
    hidden = make_project(projects, "River draft", park=park)
    hidden.unpublish()
    make_project(projects, "Elsewhere", location="Downtown")
    page = soup(client.get(park.url))
    assert text_of(page.h1) == "River Park"
    facts = {text_of(dt): dt.find_next_sibling("dd") for dt in page.select("main .facts-card dt")}
    assert text_of(facts["Area"]) == "8.25 km²"
    assert [text_of(li) for li in facts["Leading industries"].select("li")] == ["New materials", "Logistics"]
    assert text_of(facts["Location"]) == "East bank"
    assert facts["Website"].a["href"] == "https://example.org/river-park/"
    assert text_of(facts["Phone"]) == "555-0150"
    assert "Close to the port." in text_of(page.select_one(".investment-item__body"))
    listed = page.select(".park-projects .project-card__title a")
    assert [text_of(a) for a in listed] == ["River bearings"]
    assert text_of(page.select_one(".park-projects dd")) == "Advanced manufacturing"


def test_a_park_without_projects_says_so(client, parks):
    park = make_park(parks, "Empty Park")
    page = soup(client.get(park.url))
    assert text_of(page.select_one(".park-projects .empty")) == (
        "No investment projects in this park have been published yet."
    )
    assert page.select_one("main .facts-card dd") is None


def test_the_demo_parks_list_their_sample_projects(client):
    page = soup(client.get(PARKS + "north-bank-industrial-park/"))
    listed = [text_of(a) for a in page.select(".park-projects .project-card__title a")]
    assert "[Sample] Precision Bearing Production Line" in listed
    assert "CNY 120,000,000" in text_of(page.select_one(".park-projects"))
