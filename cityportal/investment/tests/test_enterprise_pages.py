"""The Enterprise Focus list and an enterprise's profile."""

import json

import pytest

from cityportal.core.tests.utils import publish, soup, text_of
from cityportal.investment.models import EnterprisePage

pytestmark = pytest.mark.django_db

ENTERPRISES = "/en/investment/enterprise-focus/"


def test_the_enterprise_list_shows_names_sectors_and_summaries(client, enterprises):
    page = soup(client.get(ENTERPRISES))
    assert text_of(page.h1) == "Enterprise Focus"
    cards = page.select("main .project-card")
    expected = list(enterprises.get_listing())
    assert [text_of(c.h2) for c in cards] == [e.title for e in expected]
    assert text_of(cards[0].select_one(".project-card__sector")) == expected[0].get_sector_display()


def test_an_enterprise_profile(client, enterprises):
    enterprise = publish(
        enterprises,
        EnterprisePage(
            title="River Robotics Ltd.",
            sector="advanced-manufacturing",
            website="https://example.org/robotics/",
            profile=[("paragraph", "<p>Makes welding robots.</p>")],
        ),
    )
    page = soup(client.get(enterprise.url))
    assert text_of(page.h1) == "River Robotics Ltd."
    facts = {text_of(dt): dt.find_next_sibling("dd") for dt in page.select("main .facts dt")}
    assert text_of(facts["Sector"]) == "Advanced manufacturing"
    assert facts["Website"].a["href"] == "https://example.org/robotics/"
    assert "Makes welding robots." in text_of(page.select_one(".investment-item__body"))
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "River Robotics Ltd.",
        "url": "https://example.org/robotics/",
        "description": "Makes welding robots.",
    }
    # Its listing summary comes from the profile when there is no summary.
    listing = soup(client.get(ENTERPRISES))
    assert "Makes welding robots." in text_of(listing.select_one("main .project-card"))
