"""Deterministic sample items for channels that have no real content.

Every item says plainly that it is sample content: titles start with "[Sample]" and the
first paragraph says it describes no real events or people. The same seed always gives
the same items, so the demo site and benchmark sites are reproducible.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils.text import slugify

SAMPLE_MARK = "[Sample]"
SAMPLE_NOTICE = (
    "This item is sample content generated for the cityportal demonstration site. "
    "It does not describe real events, decisions or people."
)

SUBJECTS = [
    "Municipal service centre",
    "City library",
    "Riverside park",
    "Bus network",
    "Community health station",
    "Night market",
    "Vocational school",
    "Industrial park office",
    "Visitor information centre",
    "Water supply office",
    "Sports stadium",
    "Museum of local history",
    "Tax service hall",
    "Employment service centre",
    "Cultural centre",
    "Tourist hotline",
    "Exhibition centre",
    "Foreign affairs service desk",
    "Railway station square",
    "Old town street",
]
ACTIONS = [
    "extends opening hours",
    "publishes updated guidance",
    "welcomes visitors for the season",
    "holds a public consultation",
    "updates its timetable",
    "reports figures for the quarter",
    "opens an English help desk",
    "simplifies its application steps",
    "adds online booking",
    "announces a weekend event",
    "invites comments on a draft plan",
    "improves accessibility",
]
DETAILS = [
    "Residents and visitors can find the details at the service counter or by phone.",
    "The change takes effect from the first working day of next month.",
    "Staff who speak English are available during normal opening hours.",
    "Further information will be published in this channel when it is available.",
    "Applicants are advised to bring a valid identity document.",
    "The arrangement follows comments received from the public.",
    "Opening hours on public holidays are published separately.",
    "The service is free of charge.",
]


@dataclass
class SampleItem:
    title: str
    slug: str
    summary: str
    paragraphs: list[str]
    first_published_at: datetime
    tags: list[str] = field(default_factory=list)


def sample_items(
    channel_key: str,
    count: int,
    *,
    newest: datetime,
    seed: str = "cityportal-demo",
    mean_gap_hours: float = 60.0,
    first_number: int = 1,
) -> Iterator[SampleItem]:
    """``count`` sample items for one channel, newest first, the newest published at
    ``newest`` and each earlier one a random number of hours before the last.

    Items are numbered ``first_number`` (the oldest) upwards; the number ends the slug.
    A channel that already holds items numbered 1 to n gets more with ``first_number=n + 1``
    without a slug clash."""
    rng = random.Random(f"{seed}:{channel_key}")
    when = newest
    for number in range(first_number + count - 1, first_number - 1, -1):
        subject = rng.choice(SUBJECTS)
        action = rng.choice(ACTIONS)
        title = f"{SAMPLE_MARK} {subject} {action}"
        details = rng.sample(DETAILS, k=3)
        paragraphs = [
            SAMPLE_NOTICE,
            f"The {subject.lower()} {action} (sample item {number}). " + details[0],
            " ".join(details[1:]),
        ]
        yield SampleItem(
            title=title,
            slug=f"{slugify(title)[:60]}-{number}",
            summary=f"{subject} {action}. Sample content for the demonstration site.",
            paragraphs=paragraphs,
            first_published_at=when,
            tags=[slugify(subject)[:50]],
        )
        when -= timedelta(hours=rng.uniform(0.3, 2.0) * mean_gap_hours, seconds=rng.randint(0, 59))
