"""Demo content of the directory: E-Government > Officials and Departments become the
directory's own channels, filled with fictional sample officials and departments.

Everything here is sample content: the officials are "Sample Official A" to "E" (no
real people), department names end in "(Sample)", each page opens with the demo's
sample notice, and every contact is a placeholder (example.org addresses, 555 numbers).
"""

import io
from datetime import datetime, timedelta

from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Page

from cityportal.demo.contributions import CITY_TZ, publish_at
from cityportal.demo.sample_content import SAMPLE_NOTICE
from cityportal.directory.models import DepartmentIndexPage, DepartmentPage, OfficialListPage, OfficialPage

SECTION = "e-government"
# Dated before the demo's reference article (2024-05-18), so it keeps leading the lists.
PUBLISHED = datetime(2024, 5, 6, 9, 0, tzinfo=CITY_TZ)
SAMPLE_MARK = "(Sample)"


def _officials_channel(*, title: str, slug: str, chinese_name: str = "") -> OfficialListPage:
    return OfficialListPage(
        title=title,
        slug=slug,
        chinese_name=chinese_name,
        introduction="<p>The leaders of the municipal government, in order of rank.</p>",
    )


def _departments_channel(*, title: str, slug: str, chinese_name: str = "") -> DepartmentIndexPage:
    return DepartmentIndexPage(
        title=title,
        slug=slug,
        chinese_name=chinese_name,
        introduction="<p>The departments of the municipal government, from A to Z.</p>",
    )


CHANNELS = {
    (SECTION, "officials"): _officials_channel,
    (SECTION, "departments"): _departments_channel,
}

# (name, position, rank, has a photo, responsibilities)
OFFICIALS = [
    ("Sample Official A", "Mayor (sample entry)", 1, True, "the overall work of the municipal government"),
    (
        "Sample Official B",
        "Executive Vice Mayor (sample entry)",
        2,
        True,
        "development and reform, finance, commerce and foreign affairs",
    ),
    ("Sample Official C", "Vice Mayor (sample entry)", 3, True, "education, health and culture"),
    ("Sample Official D", "Vice Mayor (sample entry)", 4, False, "transport, natural resources and planning"),
    (
        "Sample Official E",
        "Secretary-General of the Municipal Government (sample entry)",
        5,
        False,
        "the daily work of the General Office",
    ),
]

# (name, leader's name or "", functions, street number)
DEPARTMENTS = [
    (
        "Foreign Affairs Office (Sample)",
        "Sample Official B",
        "Handles the city's foreign affairs and exchanges with sister cities, receives "
        "foreign delegations, and helps foreign residents and visitors with consular matters.",
        1,
    ),
    (
        "The Commerce Bureau (Sample)",
        "Sample Official B",
        "Promotes foreign trade and investment, supervises markets for consumer goods and "
        "supports e-commerce.",
        2,
    ),
    (
        "Development and Reform Commission (Sample)",
        "",
        "Drafts the city's development plans, reviews major investment projects and guides economic reform.",
        3,
    ),
    (
        "Education Bureau (Sample)",
        "Sample Official C",
        "Runs public schools, licenses private schools and helps foreign families find school "
        "places for their children.",
        4,
    ),
    (
        "Health Commission (Sample)",
        "Sample Official C",
        "Oversees hospitals and community health stations, disease prevention and health "
        "information for residents.",
        5,
    ),
    (
        "Culture, Tourism, Radio and Television Bureau (Sample)",
        "",
        "Promotes tourism, protects cultural heritage and supports museums, libraries and performing arts.",
        6,
    ),
    (
        "Natural Resources and Planning Bureau (Sample)",
        "Sample Official D",
        "Manages land use, surveying and mapping, and the city's spatial planning.",
        7,
    ),
    (
        "Transport Bureau (Sample)",
        "Sample Official D",
        "Plans roads, buses and river transport, and licenses taxis and coaches.",
        8,
    ),
    (
        "Public Security Bureau Exit-Entry Administration (Sample)",
        "",
        "Issues residence permits and visa extensions for foreigners and registers their places of stay.",
        9,
    ),
    (
        "Market Supervision Administration (Sample)",
        "",
        "Registers businesses, checks product quality and food safety, and handles consumer complaints.",
        10,
    ),
]

OPENING_HOURS = (
    "Monday to Friday: 08:30–12:00 and 14:30–17:30 (sample hours)\nClosed on weekends and public holidays"
)


def placeholder_portrait(name: str, number: int):
    """A drawn silhouette standing in for an official's photo (no real person)."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    shades = [(88, 110, 140), (96, 128, 112), (128, 104, 92)]
    background = shades[number % len(shades)]
    picture = PILImage.new("RGB", (480, 600), background)
    draw = ImageDraw.Draw(picture)
    figure = (232, 236, 242)
    draw.ellipse((160, 110, 320, 290), fill=figure)
    draw.ellipse((70, 320, 410, 720), fill=figure)
    draw.text((24, 20), "Sample portrait", fill=(255, 255, 255), font_size=36)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=f"Placeholder portrait of {name}",
        file=ImageFile(buffer, name=f"sample-portrait-{number}.png"),
        description=f"Placeholder silhouette standing in for a photo of {name} (sample image)",
    )


def _paragraphs(*texts: str) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def populate(channels: dict, home: Page, progress) -> None:
    """Adds the sample officials and departments (deterministic, marked as samples)."""
    officials_channel = channels[(SECTION, "officials")]
    departments_channel = channels[(SECTION, "departments")]
    at = PUBLISHED
    officials = {}
    for number, (name, position, rank, has_photo, duties) in enumerate(OFFICIALS, 1):
        photo = placeholder_portrait(name, number) if has_photo else None
        official = OfficialPage(
            title=name,
            slug=slugify(name),
            position=position,
            rank=rank,
            photo=photo,
            photo_alt=photo.description if photo else "",
            responsibilities=_paragraphs(f"Responsible for {duties} (sample responsibilities)."),
            biography=_paragraphs(
                SAMPLE_NOTICE,
                f"{name} is a fictional official created to show how the Officials list "
                "and profile pages look. The text has no connection with any real person.",
            ),
            search_description=f"{name}, {position}",
        )
        officials[name] = publish_at(officials_channel, official, at)
        at -= timedelta(hours=1)
    for number, (name, leader, functions, street_number) in enumerate(DEPARTMENTS, 1):
        slug = slugify(name.replace(SAMPLE_MARK, ""))
        department = DepartmentPage(
            title=name,
            slug=slug,
            functions=_paragraphs(functions, SAMPLE_NOTICE),
            leader=officials.get(leader),
            address=f"{street_number} Example Road, Sample Building, Hengyang (example address)",
            phone=f"555-01{number:02d} (example number)",
            opening_hours=OPENING_HOURS,
            website=f"https://example.org/{slug}/",
            email=f"{slug}@example.org",
        )
        # The mailbox routes letters to this group; it holds no permissions.
        department.staff_group = Group.objects.get_or_create(name=department.staff_group_name())[0]
        publish_at(departments_channel, department, at)
        at -= timedelta(hours=1)
