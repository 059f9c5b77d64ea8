"""Demo content of the investment app: Investment > Investment Projects, Industrial
Parks and Enterprise Focus become the app's own channels, filled with fictional sample
parks, projects and enterprises.

Everything here is sample content: titles start with "[Sample]", each page opens with
the demo's sample notice, and contacts are placeholders (example.org, 555 numbers).
"""

from datetime import datetime, timedelta
from decimal import Decimal

from django.utils.text import slugify
from wagtail.models import Page

from cityportal.demo.contributions import CITY_TZ, channel_factory, publish_at
from cityportal.demo.sample_content import SAMPLE_MARK, SAMPLE_NOTICE
from cityportal.investment.models import (
    EnterpriseListPage,
    EnterprisePage,
    IndustrialParkListPage,
    IndustrialParkPage,
    ProjectListPage,
    ProjectPage,
)

SECTION = "investment"
# Dated before the demo's reference article (2024-05-18), so it keeps leading the lists.
PUBLISHED = datetime(2024, 5, 8, 10, 0, tzinfo=CITY_TZ)


CHANNELS = {
    (SECTION, "investment-projects"): channel_factory(ProjectListPage),
    (SECTION, "industrial-parks"): channel_factory(IndustrialParkListPage),
    (SECTION, "enterprise-focus"): channel_factory(EnterpriseListPage),
}

# (name, area in km², leading industries, summary)
PARKS = [
    (
        "North Bank Industrial Park",
        Decimal("12.5"),
        ["Advanced manufacturing", "New materials", "Logistics"],
        "A fictional park for manufacturing and materials, beside a river port and a motorway.",
    ),
    (
        "Green Valley Science and Technology Park",
        Decimal("6.8"),
        ["Electronic information", "Biomedicine", "Software and services"],
        "A fictional park for research and light industry, with incubators for young companies.",
    ),
    (
        "Lakeside Agricultural Demonstration Park",
        Decimal("20"),
        ["Modern agriculture", "Food processing"],
        "A fictional park for growing, processing and packing farm produce.",
    ),
]

# (name, sector, park name or "", location, amount, currency, cooperation mode, status)
PROJECTS = [
    (
        "Precision Bearing Production Line",
        "advanced-manufacturing",
        "North Bank Industrial Park",
        "",
        Decimal("120000000"),
        "CNY",
        "joint-venture",
        "seeking",
    ),
    (
        "Lightweight Alloy Materials Plant",
        "new-materials",
        "North Bank Industrial Park",
        "",
        Decimal("350000000"),
        "CNY",
        "wholly-owned",
        "negotiating",
    ),
    (
        "Cold-chain Logistics Centre",
        "logistics",
        "North Bank Industrial Park",
        "Next to the river port",
        Decimal("80000000"),
        "CNY",
        "ppp",
        "seeking",
    ),
    (
        "Smart Sensor Assembly Base",
        "electronic-information",
        "Green Valley Science and Technology Park",
        "",
        Decimal("15000000"),
        "USD",
        "joint-venture",
        "signed",
    ),
    (
        "Medical Device Incubator",
        "biomedicine",
        "Green Valley Science and Technology Park",
        "",
        Decimal("60000000"),
        "CNY",
        "cooperation",
        "seeking",
    ),
    (
        "Fruit Juice Processing Plant",
        "agriculture",
        "Lakeside Agricultural Demonstration Park",
        "",
        Decimal("45000000"),
        "CNY",
        "negotiable",
        "seeking",
    ),
    (
        "Mountain Visitor Centre and Eco-lodge",
        "culture-tourism",
        "",
        "Near Mount Heng (sample location)",
        Decimal("200000000"),
        "CNY",
        "ppp",
        "seeking",
    ),
]

# (name, sector, summary)
ENTERPRISES = [
    (
        "Example Precision Machinery Co., Ltd.",
        "advanced-manufacturing",
        "A fictional maker of machine parts, used to show what an enterprise profile looks like.",
    ),
    (
        "Example Biotech Co., Ltd.",
        "biomedicine",
        "A fictional developer of diagnostic kits, used to show what an enterprise profile looks like.",
    ),
    (
        "Example Fresh Foods Co., Ltd.",
        "agriculture",
        "A fictional food processor, used to show what an enterprise profile looks like.",
    ),
]


def sample_title(name: str) -> str:
    return f"{SAMPLE_MARK} {name}"


def _body(*texts: str) -> list:
    return [("paragraph", f"<p>{text}</p>") for text in texts]


def _contact(number: int) -> dict:
    return {
        "contact_name": "Project Service Desk (sample contact)",
        "contact_phone": f"555-02{number:02d} (example number)",
        "contact_email": f"invest-{number}@example.org",
    }


def populate(channels: dict, home: Page, progress) -> None:
    """Adds the sample parks, projects and enterprises (deterministic, marked as samples)."""
    at = PUBLISHED
    parks = {}
    for number, (name, area, industries, summary) in enumerate(PARKS, 1):
        park = IndustrialParkPage(
            title=sample_title(name),
            slug=slugify(name),
            summary=summary,
            area_km2=area,
            leading_industries="\n".join(industries),
            location="Hengyang, Hunan Province (sample location)",
            website=f"https://example.org/{slugify(name)}/",
            profile=_body(
                SAMPLE_NOTICE,
                f"{name} is a fictional industrial park created to show how park pages look: "
                "its key facts, its contact and the projects that name it.",
            ),
            **_contact(number),
        )
        parks[name] = publish_at(channels[(SECTION, "industrial-parks")], park, at)
        at -= timedelta(hours=1)
    for number, (name, sector, park, location, amount, currency, mode, status) in enumerate(PROJECTS, 1):
        project = ProjectPage(
            title=sample_title(name),
            slug=slugify(name),
            summary=f"A fictional project: {name.lower()}, offered to show how project pages look.",
            sector=sector,
            park=parks.get(park),
            location=location,
            total_investment=amount,
            currency=currency,
            cooperation_mode=mode,
            status=status,
            body=_body(
                SAMPLE_NOTICE,
                "The figures, partners and plans on this page are invented for the demonstration.",
            ),
            **_contact(10 + number),
        )
        publish_at(channels[(SECTION, "investment-projects")], project, at)
        at -= timedelta(hours=1)
    for name, sector, summary in ENTERPRISES:
        slug = slugify(name)
        enterprise = EnterprisePage(
            title=sample_title(name),
            slug=slug,
            sector=sector,
            summary=summary,
            website=f"https://example.org/{slug}/",
            profile=_body(
                SAMPLE_NOTICE,
                f"{name} is a fictional company. Its profile shows where an enterprise's "
                "history, products and plans in the city would be described.",
            ),
        )
        publish_at(channels[(SECTION, "enterprise-focus")], enterprise, at)
        at -= timedelta(hours=1)
