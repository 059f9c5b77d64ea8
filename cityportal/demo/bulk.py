"""Large sample sites for benchmarks: N more sample items spread over the demo's channels.

The items come from the demo's own generator (``sample_content.sample_items``), one run
per channel, so the same seed on the same site always gives the same items. They are
dated before everything already in their channel, so the demo's front pages look as
they did and the new items form the channel's history behind them.

Rows are written in batches instead of one ``Page.save()`` per page: the tree paths are
computed here, ``wagtailcore_page`` and ``news_articlepage`` rows are inserted a batch
at a time, tags in one INSERT per batch, and each channel's child count is fixed with
one UPDATE. Batch inserts send no ``post_save`` signals, so the per-page search-index
and reference-index tasks never run; the new items are then added to the search index
in bulk, ``batch_size`` at a time. The result is what ``add_children`` (``Page.save``)
would store, apart from the deterministic ``translation_key``; a test compares the two.
"""

import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, Min
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from cityportal.demo.loader import SAMPLES_NEWEST, article_from_sample, demo_home
from cityportal.demo.sample_content import SampleItem, sample_items
from cityportal.news.models import ArticlePage, ArticleTag, ChannelPage

DEFAULT_SEED = "cityportal-bench"
BATCH_SIZE = 1000
# Generated items start this long before the oldest item already in their channel.
GAP_BEFORE_EXISTING = timedelta(hours=1)
# Namespace of the translation keys of generated items (uuid5 of seed, channel, slug).
TRANSLATION_KEY_NAMESPACE = uuid.UUID("5d7c2a44-3b8e-4f0e-9a51-6c1f3e2b9d70")

Progress = Callable[[str], None]


class NoDemoSite(Exception):
    """The demo site must be loaded before sample items can be added to it."""


@dataclass
class ChannelPlan:
    """What one channel gets: ``count`` items from its own run of the generator."""

    channel: ChannelPage
    key: str
    count: int
    first_number: int
    newest: datetime
    last_step: int
    existing_slugs: set[str] = field(default_factory=set, repr=False)

    def items(self, seed: str) -> Iterator[SampleItem]:
        return sample_items(
            self.key, self.count, newest=self.newest, seed=seed, first_number=self.first_number
        )


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
    """The live channels under ``home`` that list their own items, in tree order."""
    return list(
        ChannelPage.objects.live()
        .descendant_of(home)
        .filter(listing_source=ChannelPage.LISTING_OWN)
        .order_by("path")
    )


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
        children = Page.objects.child_of(channel)
        last = children.order_by("-path").only("path").first()
        oldest = children.aggregate(oldest=Min("first_published_at"))["oldest"]
        plans.append(
            ChannelPlan(
                channel=channel,
                key=channel.url_path[len(home.url_path) :].strip("/"),
                count=count,
                first_number=channel.numchild + 1,
                newest=(oldest or SAMPLES_NEWEST) - GAP_BEFORE_EXISTING,
                last_step=Page._str2int(last.path[-Page.steplen :]) if last else 0,
                existing_slugs=set(children.values_list("slug", flat=True)),
            )
        )
    return plans


def _resolve_tags(names: set[str]) -> dict[str, int]:
    """Tag ids by name, creating the missing tags the way ``page.tags.add`` does."""
    tag_model = ArticleTag.tag_model()
    ids = dict(tag_model.objects.filter(name__in=names).values_list("name", "pk"))
    for name in sorted(names - ids.keys()):
        ids[name] = tag_model.objects.create(name=name).pk
    return ids


def _write_batch(
    batch: list[tuple[ChannelPlan, SampleItem]], seed: str, tag_ids: dict[str, int]
) -> list[int]:
    missing = {name for _plan, item in batch for name in item.tags} - tag_ids.keys()
    if missing:
        tag_ids.update(_resolve_tags(missing))
    articles = []
    for plan, item in batch:
        if item.slug in plan.existing_slugs:
            raise ValueError(f"{plan.channel.url_path} already has a page with the slug {item.slug!r}")
        plan.last_step += 1
        channel = plan.channel
        article = article_from_sample(item, with_tags=False)
        article.path = Page._get_path(channel.path, channel.depth + 1, plan.last_step)
        article.depth = channel.depth + 1
        article.numchild = 0
        article.locale_id = channel.locale_id
        article.url_path = f"{channel.url_path}{item.slug}/"
        article.translation_key = uuid.uuid5(TRANSLATION_KEY_NAMESPACE, f"{seed}:{plan.key}:{item.slug}")
        articles.append(article)

    # Django's bulk_create refuses multi-table models, so each table gets its own batch
    # insert: the page rows (returning their new ids), then the article rows.
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    returned = Page._base_manager.all()._batched_insert(articles, fields=page_fields, batch_size=None)
    if len(returned) != len(articles):
        raise RuntimeError("The database did not return the ids of the inserted pages.")
    for article, (page_id,) in zip(articles, returned, strict=True):
        article.id = article.page_ptr_id = page_id
        article._state.adding = False
    ArticlePage._base_manager.all()._batched_insert(
        articles, fields=ArticlePage._meta.local_concrete_fields, batch_size=None
    )
    ArticleTag.objects.bulk_create(
        [
            ArticleTag(content_object_id=article.pk, tag_id=tag_ids[name])
            for article, (_plan, item) in zip(articles, batch, strict=True)
            for name in item.tags
        ]
    )
    return [article.pk for article in articles]


def _constant(value: str) -> Callable[[], str]:
    return lambda: value


def index_pages(
    page_ids: list[int], *, batch_size: int = BATCH_SIZE, progress: Progress | None = None
) -> None:
    """Adds the given articles to every auto-updated search backend, a batch at a time."""
    backends = list(get_search_backends(with_auto_update=True))
    started = time.monotonic()
    done = 0
    for start in range(0, len(page_ids), batch_size):
        chunk = page_ids[start : start + batch_size]
        objects = list(ArticlePage.get_indexed_objects().filter(pk__in=chunk).order_by("pk"))
        for obj in objects:
            # The indexer reads every search field three times (for title, body and
            # autocomplete); segmenting the page text once per page is enough.
            obj.segmented_search_text = _constant(obj.segmented_search_text())
        for backend in backends:
            backend.add_bulk(ArticlePage, objects)
        done += len(chunk)
        if progress:
            progress(f"  indexed {done:,} of {len(page_ids):,} items ({time.monotonic() - started:.1f} s)")


def generate_sample_items(
    total: int,
    *,
    seed: str = DEFAULT_SEED,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> GenerationResult:
    """Adds ``total`` sample items to the demo site's own-item channels and indexes them."""
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
        tag_ids: dict[str, int] = {}
        page_ids: list[int] = []
        batch: list[tuple[ChannelPlan, SampleItem]] = []

        def flush() -> None:
            page_ids.extend(_write_batch(batch, seed, tag_ids))
            batch.clear()
            say(f"  wrote {len(page_ids):,} of {total:,} items ({time.monotonic() - started:.1f} s)")

        for plan in plans:
            for item in plan.items(seed):
                batch.append((plan, item))
                if len(batch) >= batch_size:
                    flush()
        if batch:
            flush()
        for plan in plans:
            if plan.count:
                Page.objects.filter(pk=plan.channel.pk).update(numchild=F("numchild") + plan.count)
        writing = time.monotonic() - started

        say(f"Adding {len(page_ids):,} items to the search index")
        started = time.monotonic()
        index_pages(page_ids, batch_size=batch_size, progress=say)
        indexing = time.monotonic() - started
    return GenerationResult(
        created=len(page_ids),
        channels=len(plans),
        seconds_writing=writing,
        seconds_indexing=indexing,
        page_ids=page_ids,
    )
