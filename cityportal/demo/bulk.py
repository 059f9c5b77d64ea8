"""Large sample sites for benchmarks: N more sample items spread over the demo's channels.

The items come from the demo's own generator (``sample_content.sample_items``), one run
per channel, so the same seed on the same site always gives the same items. They are
dated before everything already in their channel, so the demo's front pages look as
they did and the new items form the channel's history behind them. They are written in
batches and then indexed in bulk (see ``sample_pages``).
"""

import time
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import Min
from wagtail.models import Page

from cityportal.core import tree_version
from cityportal.demo.loader import SAMPLES_NEWEST, demo_home
from cityportal.demo.sample_pages import BATCH_SIZE, ChannelPlan, Progress, index_pages, write_plans
from cityportal.news.models import ArticlePage, ChannelPage

DEFAULT_SEED = "cityportal-bench"
# Generated items start this long before the oldest item already in their channel.
GAP_BEFORE_EXISTING = timedelta(hours=1)


class NoDemoSite(Exception):
    """The demo site must be loaded before sample items can be added to it."""


@dataclass
class GenerationResult:
    created: int
    channels: int
    seconds_writing: float
    seconds_indexing: float
    page_ids: list[int] = field(repr=False, default_factory=list)

    @property
    def seconds(self) -> float:
        return self.seconds_writing + self.seconds_indexing


def own_item_channels(home: Page) -> list[ChannelPage]:
    """The live channels under ``home`` that list their own items and take articles
    (the generated items), in tree order: not galleries, say."""
    channels = (
        ChannelPage.objects.live()
        .descendant_of(home)
        .filter(listing_source=ChannelPage.LISTING_OWN)
        .order_by("path")
    )
    return [c for c in channels if ArticlePage in c.specific_class.allowed_subpage_models()]


def spread(total: int, parts: int) -> list[int]:
    """``total`` split over ``parts`` as evenly as possible, the first parts one larger."""
    base, extra = divmod(total, parts)
    return [base + (1 if index < extra else 0) for index in range(parts)]


def plan_channels(home: Page, total: int) -> list[ChannelPlan]:
    channels = own_item_channels(home)
    if not channels:
        raise NoDemoSite("The demo site has no channels with their own items.")
    plans = []
    for channel, count in zip(channels, spread(total, len(channels)), strict=True):
        oldest = Page.objects.child_of(channel).aggregate(oldest=Min("first_published_at"))["oldest"]
        plans.append(
            ChannelPlan.for_channel(
                channel,
                channel.url_path[len(home.url_path) :].strip("/"),
                count,
                # Numbers (the end of the slugs) continue after the channel's children.
                first_number=channel.numchild + 1,
                newest=(oldest or SAMPLES_NEWEST) - GAP_BEFORE_EXISTING,
            )
        )
    return plans


def generate_sample_items(
    total: int,
    *,
    seed: str = DEFAULT_SEED,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> GenerationResult:
    """Adds ``total`` sample items to the demo site's own-item channels and indexes them,
    all in one transaction."""
    if total < 0:
        raise ValueError("The number of items cannot be negative.")
    if batch_size < 1:
        raise ValueError("The batch size must be at least 1.")
    home = demo_home()
    if home is None:
        raise NoDemoSite("There is no demo site: run `manage.py load_demo` first.")
    say = progress or (lambda line: None)
    with transaction.atomic():
        plans = plan_channels(home, total)
        say(f"Writing {total:,} sample items into {len(plans)} channels (seed {seed!r})")
        started = time.monotonic()
        page_ids = write_plans(plans, seed, batch_size=batch_size, progress=say)
        writing = time.monotonic() - started

        say(f"Adding {len(page_ids):,} items to the search index")
        started = time.monotonic()
        index_pages(page_ids, batch_size=batch_size, progress=say)
        indexing = time.monotonic() - started
        tree_version.bump(bulk=True)  # written without Page.save, whose signals would do this
    return GenerationResult(
        created=len(page_ids),
        channels=len(plans),
        seconds_writing=writing,
        seconds_indexing=indexing,
        page_ids=page_ids,
    )
