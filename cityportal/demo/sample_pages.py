"""Sample items stored as article pages, written in batches.

Used by the demo loader (a few hundred items) and by ``generate_sample_items`` (up to
100,000 and more). Rows are written in batches instead of one ``Page.save()`` per page:
the tree paths are computed here, ``wagtailcore_page`` and ``news_articlepage`` rows are
inserted a batch at a time, tags in one INSERT per batch, and each channel's child count
is fixed with one UPDATE. Batch inserts send no ``post_save`` signals, so the per-page
search-index and reference-index tasks never run; ``index_pages`` then adds the new
pages to the search index in bulk. What is stored is what ``Page.save()`` (the loader's
``add_children``) would store, apart from the translation keys, which are derived from
the seed instead of random; a test compares the two.
"""

import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import F
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from cityportal.demo.sample_content import SampleItem, sample_items
from cityportal.news.models import ArticlePage, ArticleTag, ChannelPage

BATCH_SIZE = 1000
# Namespace of the translation keys of sample pages (uuid5 of seed, channel key, slug).
TRANSLATION_KEY_NAMESPACE = uuid.UUID("5d7c2a44-3b8e-4f0e-9a51-6c1f3e2b9d70")

Progress = Callable[[str], None]


def article_from_sample(item: SampleItem, *, with_tags: bool = True) -> ArticlePage:
    """An unsaved article for a sample item. ``with_tags=False`` leaves the tags to the
    caller (the batch writer stores them in one INSERT instead of a lookup per page)."""
    page = ArticlePage(
        title=item.title,
        draft_title=item.title,
        slug=item.slug,
        summary=item.summary,
        body=[("paragraph", f"<p>{p}</p>") for p in item.paragraphs],
        translator="",
        live=True,
        has_unpublished_changes=False,
        first_published_at=item.first_published_at,
        last_published_at=item.first_published_at,
    )
    if with_tags:
        page.tags.add(*item.tags)
    return page


@dataclass
class ChannelPlan:
    """What one channel gets: ``count`` items from its own run of the generator,
    ``channel_key`` seeding the run, appended after the channel's last child."""

    channel: ChannelPage
    key: str
    count: int
    first_number: int
    newest: datetime
    last_step: int
    existing_slugs: set[str] = field(default_factory=set, repr=False)

    @classmethod
    def for_channel(
        cls, channel: ChannelPage, key: str, count: int, *, first_number: int, newest: datetime
    ) -> "ChannelPlan":
        children = Page.objects.child_of(channel)
        last = children.order_by("-path").only("path").first()
        return cls(
            channel=channel,
            key=key,
            count=count,
            first_number=first_number,
            newest=newest,
            last_step=Page._str2int(last.path[-Page.steplen :]) if last else 0,
            existing_slugs=set(children.values_list("slug", flat=True)),
        )

    def items(self, seed: str) -> Iterator[SampleItem]:
        return sample_items(
            self.key, self.count, newest=self.newest, seed=seed, first_number=self.first_number
        )


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
        plan.existing_slugs.add(item.slug)
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


def write_plans(
    plans: Iterable[ChannelPlan],
    seed: str,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> list[int]:
    """Stores every plan's items, ``batch_size`` at a time, and returns the new page ids
    in the order written. Call inside a transaction; the pages are not indexed yet."""
    plans = list(plans)
    total = sum(plan.count for plan in plans)
    started = time.monotonic()
    tag_ids: dict[str, int] = {}
    page_ids: list[int] = []
    batch: list[tuple[ChannelPlan, SampleItem]] = []

    def flush() -> None:
        page_ids.extend(_write_batch(batch, seed, tag_ids))
        batch.clear()
        if progress:
            progress(f"  wrote {len(page_ids):,} of {total:,} items ({time.monotonic() - started:.1f} s)")

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
            plan.channel.numchild += plan.count
    return page_ids


def index_pages(
    page_ids: list[int], *, batch_size: int = BATCH_SIZE, progress: Progress | None = None
) -> None:
    """Adds the given articles to every auto-updated search backend, a batch at a time."""
    backends = list(get_search_backends(with_auto_update=True))
    started = time.monotonic()
    done = 0
    for start in range(0, len(page_ids), batch_size):
        chunk = page_ids[start : start + batch_size]
        # The indexer reads the segmented text several times per page; PortalPage
        # segments it once and keeps the result.
        objects = list(ArticlePage.get_indexed_objects().filter(pk__in=chunk).order_by("pk"))
        for backend in backends:
            backend.add_bulk(ArticlePage, objects)
        done += len(chunk)
        if progress:
            progress(f"  indexed {done:,} of {len(page_ids):,} items ({time.monotonic() - started:.1f} s)")
