"""generate_sample_items: N more sample items on top of the demo site, written in batches."""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import transaction
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from cityportal.core.items import parents_of
from cityportal.demo.bulk import DEFAULT_SEED, generate_sample_items, own_item_channels, plan_channels
from cityportal.demo.loader import add_children
from cityportal.demo.sample_content import SAMPLE_MARK, SAMPLE_NOTICE
from cityportal.demo.sample_pages import article_from_sample
from cityportal.news.models import ArticlePage, ChannelPage

pytestmark = pytest.mark.django_db

N = 300


def child_counts() -> dict[int, int]:
    return {channel.pk: channel.numchild for channel in ChannelPage.objects.all()}


def stored(page_ids) -> dict[str, dict]:
    """What the database holds for these articles, by address, without ids and the
    random parts (translation keys, StreamField block ids)."""
    content_type = ContentType.objects.get_for_model(ArticlePage)
    result = {}
    for page in ArticlePage.objects.filter(pk__in=page_ids):
        fields = {
            f.attname: getattr(page, f.attname)
            for f in ArticlePage._meta.concrete_fields
            if f.attname not in ("id", "page_ptr_id", "translation_key", "body")
        }
        fields["body"] = [(block.block_type, block.value.source) for block in page.body]
        fields["tags"] = sorted(page.tags.names())
        entry = IndexEntry.objects.get(content_type=content_type, object_id=str(page.pk))
        fields["index"] = (entry.title, entry.autocomplete, entry.body)
        result[page.url_path] = fields
    return result


@pytest.fixture
def generated(db):
    before_pages = Page.objects.count()
    before_counts = child_counts()
    before_ids = list(Page.objects.values_list("pk", flat=True))
    out = io.StringIO()
    call_command("generate_sample_items", items=N, batch_size=100, stdout=out)
    new = ArticlePage.objects.exclude(pk__in=before_ids)
    return {"out": out.getvalue(), "before_pages": before_pages, "before_counts": before_counts, "new": new}


def test_adds_exactly_n_live_sample_items(generated):
    assert Page.objects.count() == generated["before_pages"] + N
    new = list(generated["new"])
    assert len(new) == N
    assert all(page.live and not page.has_unpublished_changes for page in new)
    assert all(page.title.startswith(SAMPLE_MARK) for page in new)
    assert all(page.body[0].value.source == f"<p>{SAMPLE_NOTICE}</p>" for page in new)
    assert all(page.first_published_at and page.last_published_at == page.first_published_at for page in new)


def test_tree_stays_valid_and_child_counts_are_right(generated, demo_home):
    assert Page.find_problems() == ([], [], [], [], [])
    after = child_counts()
    gained = {pk: after[pk] - generated["before_counts"][pk] for pk in after}
    own = {channel.pk for channel in own_item_channels(demo_home)}
    assert len(own) == 23  # the channels that take articles
    assert sum(gained.values()) == N
    assert sorted(gained[pk] for pk in own) == [13] * 22 + [14]  # spread evenly
    assert all(gained[pk] == 0 for pk in after if pk not in own)  # TopNews, PictureNews
    for channel in ChannelPage.objects.all():
        assert channel.numchild == Page.objects.child_of(channel).count()


def test_items_go_only_where_editors_could_put_them(generated, client):
    """Articles only in channels that take them (not galleries or guide channels), and
    those channels' pages still render."""
    parents = parents_of(generated["new"])
    for channel in {parent.pk: parent for parent in parents.values()}.values():
        assert ArticlePage in channel.specific_class.allowed_subpage_models(), channel.title
        assert client.get(channel.url).status_code == 200


def test_new_items_are_listed_in_their_channels(generated, demo_home, client):
    for channel in own_item_channels(demo_home):
        listing = list(channel.get_listing().values_list("pk", flat=True))
        assert len(listing) == channel.numchild
        new_here = set(generated["new"].child_of(channel).values_list("pk", flat=True))
        assert new_here and new_here <= set(listing)
        # Dated before everything that was there: they follow the demo's own items.
        assert set(listing[-len(new_here) :]) == new_here

    hot_news = ChannelPage.objects.get(slug="hot-news")
    oldest = generated["new"].child_of(hot_news).order_by("first_published_at").first()
    response = client.get(hot_news.url + "page/1/")  # the oldest items
    assert response.status_code == 200
    assert oldest.url in response.content.decode()
    assert client.get(oldest.url).status_code == 200


def test_new_items_are_in_the_search_index(generated):
    content_type = ContentType.objects.get_for_model(ArticlePage)
    ids = [str(pk) for pk in generated["new"].values_list("pk", flat=True)]
    assert IndexEntry.objects.filter(content_type=content_type, object_id__in=ids).count() == N
    page = generated["new"].order_by("pk").last()
    found = Page.objects.live().search(page.title, operator="and")
    assert page.pk in {result.pk for result in found}


def test_command_shows_progress(generated):
    lines = generated["out"].splitlines()
    assert lines[0] == f"Writing {N} sample items into 23 channels (seed {DEFAULT_SEED!r})"
    assert [line.split(" (")[0] for line in lines if "wrote" in line] == [
        "  wrote 100 of 300 items",
        "  wrote 200 of 300 items",
        "  wrote 300 of 300 items",
    ]
    assert [line.split(" (")[0] for line in lines if "indexed" in line] == [
        "  indexed 100 of 300 items",
        "  indexed 200 of 300 items",
        "  indexed 300 of 300 items",
    ]
    assert lines[-1].startswith(f"Added {N} sample items to 23 channels in ")


def generate_and_read(seed: str) -> dict[str, dict]:
    """Generates inside a savepoint, reads what was stored, then rolls it back."""
    with transaction.atomic():
        result = generate_sample_items(120, seed=seed)
        contents = stored(result.page_ids)
        transaction.set_rollback(True)
    return contents


def test_same_seed_same_items():
    first = generate_and_read("same")
    assert len(first) == 120
    assert generate_and_read("same") == first
    assert generate_and_read("other") != first


def test_second_run_adds_more_without_slug_clashes(demo_home):
    generate_sample_items(98)
    generate_sample_items(98)
    assert Page.find_problems() == ([], [], [], [], [])
    for channel in own_item_channels(demo_home):
        slugs = list(Page.objects.child_of(channel).values_list("slug", flat=True))
        assert len(slugs) == len(set(slugs))


def test_stores_what_page_save_would(demo_home):
    """The batch writer and the ordinary path (``add_children``: ``Page.save`` with its
    signals indexing each page) store the same pages, tags and search-index entries."""
    with transaction.atomic():
        plans = plan_channels(demo_home, 23)
        ids = []
        for plan in plans:
            before = set(Page.objects.child_of(plan.channel).values_list("pk", flat=True))
            add_children(plan.channel, (article_from_sample(item) for item in plan.items(DEFAULT_SEED)))
            ids += Page.objects.child_of(plan.channel).exclude(pk__in=before).values_list("pk", flat=True)
        by_save = stored(ids)
        counts_by_save = child_counts()
        transaction.set_rollback(True)
    with transaction.atomic():
        result = generate_sample_items(23)
        by_batch = stored(result.page_ids)
        counts_by_batch = child_counts()
        transaction.set_rollback(True)
    assert len(by_save) == 23
    assert by_batch == by_save
    assert counts_by_batch == counts_by_save


def test_needs_the_demo_site(monkeypatch):
    monkeypatch.setattr("cityportal.demo.bulk.demo_home", lambda: None)
    with pytest.raises(CommandError, match="load_demo"):
        call_command("generate_sample_items", items=10, stdout=io.StringIO())


def test_rejects_a_non_positive_count():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("generate_sample_items", items=0, stdout=io.StringIO())
