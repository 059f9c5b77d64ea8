"""Incremental publishing: a change re-publishes exactly what shows it, worked out from
what each render read, never from a list kept per page type."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.db.models import Max
from wagtail.models import Page

from cityportal.core import render_record
from cityportal.core.tests.utils import make_article
from cityportal.news.models import AllDocsListPage, ChannelPage, SectionPage
from cityportal.publishing import changes, publisher, units
from cityportal.publishing.models import Dependency, PublishedFile
from cityportal.publishing.render import Renderer

pytestmark = pytest.mark.django_db


def sitemap_units() -> list[str]:
    return [unit for unit in units.all_units() if unit.split(":")[0] == units.SITEMAP]


def sitemap_file(page) -> str:
    """The address of the sitemap file that lists the page."""
    return f"/sitemap-pages-{render_record.page_range_of(page.pk)}.xml"


@pytest.fixture
def published(public_dir, settings, demo_home, hot_news, reference_article):
    """A part of the site published, as the full rebuild would leave it: home, the
    Current News section and its channels, the reference article, another section's
    channel, AllDocsList, the feeds and the sitemap (in files of 50 page ids, so that
    the demo has several)."""
    settings.CITYPORTAL_PAGE_RANGE_SIZE = 50
    current_news = SectionPage.objects.get(slug="current-news")
    elsewhere = ChannelPage.objects.live().not_descendant_of(current_news).first()
    pages = [
        demo_home,
        current_news,
        *ChannelPage.objects.child_of(current_news),
        reference_article,
        elsewhere,
    ]
    pages.append(AllDocsListPage.objects.live().first())
    unit_list = [unit for page in pages for unit in units.page_units(page)]
    unit_list += ["site-feed:en", *sitemap_units()]
    report = publisher.publish_units(unit_list)
    assert report.failures == []
    return {"section": current_news, "elsewhere": elsewhere, "pages": pages}


def read(public_dir, url: str) -> str:
    return (public_dir / units.url_to_file(url)).read_text()


def test_a_new_article_is_published_with_everything_that_lists_it(
    published, publish_on_change, public_dir, hot_news, demo_home, reference_article
):
    with publish_on_change():
        article = make_article(hot_news, "Xiangjiang bridge opens to traffic")
    article.refresh_from_db()
    assert "Xiangjiang bridge opens to traffic" in read(public_dir, article.url)
    for listing in (hot_news.url, published["section"].url, demo_home.url, "/en/alldocslist/"):
        assert article.url in read(public_dir, listing), listing
    assert article.url in read(public_dir, hot_news.url + "rss.xml")
    assert article.url in read(public_dir, "/en/rss.xml")
    assert article.url in read(public_dir, sitemap_file(article))
    # The article that was newest now links to it as its next item.
    assert article.url in read(public_dir, reference_article.url)


@pytest.mark.parametrize(
    "listing_source, flags",
    [
        (ChannelPage.LISTING_TOP_NEWS, {"is_top_news": True}),
        (ChannelPage.LISTING_PICTURE_NEWS, {"is_picture_news": True}),
    ],
)
def test_a_featured_article_joins_the_channel_that_gathers_it_from_another_section(
    published, publish_on_change, public_dir, hot_news, listing_source, flags
):
    gathering = ChannelPage.objects.get(listing_source=listing_source, locale=hot_news.locale)
    assert not gathering.is_descendant_of(hot_news.get_parent())
    publisher.publish_units(units.page_units(gathering))
    if listing_source == ChannelPage.LISTING_PICTURE_NEWS:
        pictured = ChannelPage.featured_articles(listing_source, hot_news.locale).first()
        flags = {**flags, "lead_image": pictured.lead_image, "lead_image_alt": "The new bridge at dusk"}
    with publish_on_change():
        article = make_article(hot_news, "Xiangjiang bridge opens to traffic", **flags)
    article.refresh_from_db()
    assert article.url in read(public_dir, gathering.url)


def test_the_plan_names_what_shows_the_change_and_nothing_else(
    published, demo_home, hot_news, reference_article
):
    article = make_article(hot_news, "Xiangjiang bridge opens to traffic")
    first, then = changes.affected(changes.Change(page_ids={article.pk}))
    assert first == {units.page_unit(article.pk)}
    section, elsewhere = published["section"], published["elsewhere"]
    alldocs = AllDocsListPage.objects.live().first()
    listing_it = {units.page_unit(page.pk) for page in (demo_home, section, hot_news, alldocs)}
    sitemap = {units.SITEMAP, f"{units.SITEMAP}:{render_record.page_range_of(article.pk)}"}
    assert listing_it | {"site-feed:en"} | sitemap <= then
    # Of the sitemap, only the index and the file of the article's range of ids.
    assert {unit for unit in then if unit.startswith(units.SITEMAP)} == sitemap
    # Not another section's channel, nor the section's other channels, nor the article
    # that shows its neighbours (it follows the article's render, below).
    others = ChannelPage.objects.child_of(section).exclude(pk=hot_news.pk)
    assert others.exists()
    not_listing = {units.page_unit(page.pk) for page in (elsewhere, reference_article, *others)}
    assert not_listing.isdisjoint(then)
    # After the article's own render, its neighbours follow.
    publisher.publish_units(sorted(first))
    assert units.page_unit(reference_article.pk) in changes.neighbours(first)


def test_an_unpublished_article_disappears_from_disk_and_from_every_listing(
    published, publish_on_change, public_dir, hot_news, reference_article
):
    url = reference_article.url
    assert (public_dir / units.url_to_file(url)).exists()
    with publish_on_change():
        reference_article.unpublish()
    assert not (public_dir / units.url_to_file(url)).exists()
    assert not PublishedFile.objects.filter(unit=units.page_unit(reference_article.pk)).exists()
    assert url not in read(public_dir, hot_news.url)
    assert url not in read(public_dir, sitemap_file(reference_article))


def test_a_moved_article_leaves_its_old_channel_and_address(
    published, publish_on_change, public_dir, hot_news, reference_article
):
    special = ChannelPage.objects.get(slug="special-report")
    old_url = reference_article.url
    with publish_on_change():
        reference_article.move(special, pos="last-child")
    reference_article.refresh_from_db()
    new_url = reference_article.url
    assert new_url.startswith(special.url)
    assert not (public_dir / units.url_to_file(old_url)).exists()
    assert reference_article.title in read(public_dir, new_url)
    assert old_url not in read(public_dir, hot_news.url)
    assert new_url in read(public_dir, special.url)


def test_a_renamed_article_is_renamed_wherever_it_is_listed(
    published, publish_on_change, public_dir, hot_news, demo_home, reference_article
):
    reference_article.title = "Liu Yuegao returns from Beijing"
    with publish_on_change():
        reference_article.save_revision().publish()
    for url in (reference_article.url, hot_news.url, demo_home.url, hot_news.url + "rss.xml"):
        assert "Liu Yuegao returns from Beijing" in read(public_dir, url), url


def listing_files(channel) -> dict[str, object]:
    """Each page of a channel's listing on disk, with when it was last written."""
    on_disk = PublishedFile.objects.filter(unit__in=units.page_units(channel), path__endswith="index.html")
    return dict(on_disk.values_list("path", "published_at"))


def test_an_edit_in_place_republishes_only_the_listing_pages_that_show_it(
    published, publish_on_change, public_dir, hot_news, reference_article
):
    before = listing_files(hot_news)
    assert len(before) > 1, "the channel has later pages"
    sitemap_files = PublishedFile.objects.filter(unit__startswith=units.SITEMAP, path__endswith=".xml")
    sitemap_before = dict(sitemap_files.values_list("path", "published_at"))
    assert len(sitemap_before) > 3, "the demo has several sitemap files"
    reference_article.title = "Liu Yuegao returns from Beijing"
    with publish_on_change():
        reference_article.save_revision().publish()
    after = listing_files(hot_news)
    showing = {path for path in after if reference_article.url in (public_dir / path).read_text()}
    assert showing, "some page of the channel lists the article"
    for path in showing:
        assert "Liu Yuegao returns from Beijing" in (public_dir / path).read_text(), path
    assert {path for path in after if after[path] != before[path]} == showing
    # The sitemap gives each page's time of last publication: the file of the page's
    # range of ids is written again (one key stands for its pages), no other file.
    own = sitemap_file(reference_article)
    assert reference_article.url in read(public_dir, own)
    own_unit = f"{units.SITEMAP}:{render_record.page_range_of(reference_article.pk)}"
    sitemap_keys = set(Dependency.objects.filter(unit=own_unit).values_list("key", flat=True))
    assert render_record.page_range_key(render_record.page_range_of(reference_article.pk)) in sitemap_keys
    assert len(sitemap_keys) < 5
    sitemap_after = dict(sitemap_files.values_list("path", "published_at"))
    rewritten = {path for path in sitemap_after if sitemap_after[path] != sitemap_before[path]}
    assert rewritten == {"sitemap.xml", units.url_to_file(own)}


def test_a_page_that_opens_a_range_of_ids_gets_a_sitemap_file_and_takes_it_along(
    public_dir, settings, publish_on_change, hot_news
):
    settings.CITYPORTAL_PAGE_RANGE_SIZE = Page.objects.aggregate(last=Max("id"))["last"]
    assert sitemap_units() == [units.SITEMAP, f"{units.SITEMAP}:1"]
    publisher.publish_units(sitemap_units())
    with publish_on_change():
        article = make_article(hot_news, "Xiangjiang bridge opens to traffic")
    article.refresh_from_db()
    new_file = sitemap_file(article)
    assert new_file != "/sitemap-pages-1.xml"
    assert article.full_url in read(public_dir, new_file)
    assert new_file in read(public_dir, "/sitemap.xml")
    with publish_on_change():
        article.unpublish()
    assert not (public_dir / units.url_to_file(new_file)).exists()
    assert new_file not in read(public_dir, "/sitemap.xml")
    assert "/sitemap-pages-1.xml" in read(public_dir, "/sitemap.xml")


def test_an_edit_that_may_move_the_page_in_a_listing_republishes_the_listing_from_its_place_on(
    published, publish_on_change, hot_news, reference_article
):
    before = listing_files(hot_news)
    reference_article.is_top_news = not reference_article.is_top_news  # TopNews lists by it
    with publish_on_change():
        reference_article.save_revision().publish()
    after = listing_files(hot_news)
    # Every page that lists items from its publication time on; the numbered pages of
    # older items cannot change and are left as they were.
    unchanged = [path for path in before if after[path] == before[path]]
    assert unchanged == [units.url_to_file(hot_news.url + "page/1/")]


def test_a_listing_publishes_the_page_it_grows_and_withdraws_the_page_it_loses(
    public_dir, publish_on_change, settings, hot_news
):
    count = hot_news.get_listing().count()
    assert count % 2 == 1
    # One more item makes two full blocks: the older becomes numbered page 1.
    settings.CITYPORTAL_ITEMS_PER_PAGE = (count + 1) // 2
    oldest = hot_news.get_listing().last()
    publisher.publish_units(units.page_units(hot_news))
    page_1 = public_dir / units.url_to_file(hot_news.url + "page/1/")
    assert not page_1.exists()
    with publish_on_change():
        article = make_article(hot_news, "Xiangjiang bridge opens to traffic")
    assert oldest.url in page_1.read_text()
    with publish_on_change():
        article.unpublish()
    assert not page_1.exists()
    assert not PublishedFile.objects.filter(unit=units.page_unit(hot_news.pk, "/page/1/")).exists()


def numbered_page_units(listing) -> set[str]:
    return {unit for unit in units.page_units(listing) if "@/page/" in unit}


def test_a_new_article_leaves_every_numbered_page_of_its_listings_as_it_was(
    published, publish_on_change, public_dir, hot_news
):
    alldocs = AllDocsListPage.objects.live().first()
    numbered = numbered_page_units(hot_news) | numbered_page_units(alldocs)
    assert len(numbered) > 5
    written = dict(PublishedFile.objects.filter(unit__in=numbered).values_list("path", "published_at"))
    with publish_on_change():
        article = make_article(hot_news, "Xiangjiang bridge opens to traffic")
    article.refresh_from_db()
    assert article.url in read(public_dir, hot_news.url)
    assert article.url in read(public_dir, alldocs.url)
    on_disk = dict(PublishedFile.objects.filter(unit__in=numbered).values_list("path", "published_at"))
    assert on_disk == written
    first, then = changes.affected(changes.Change(page_ids={article.pk}))
    assert {units.page_unit(hot_news.pk), units.page_unit(alldocs.pk)} <= then
    assert then & numbered == set()


def test_an_article_dated_among_the_numbered_pages_republishes_those_from_its_place_on(
    published, publish_on_change, public_dir, hot_news
):
    page_1 = units.page_unit(hot_news.pk, "/page/1/")
    oldest = hot_news.get_listing().last()
    at = oldest.first_published_at + timedelta(seconds=1)
    with publish_on_change():
        backdated = make_article(hot_news, "An old notice", at=at)
    backdated.refresh_from_db()
    assert backdated.url in read(public_dir, hot_news.url + "page/1/")
    first, then = changes.affected(changes.Change(page_ids={backdated.pk}))
    assert page_1 in then


def test_an_item_withdrawn_from_a_numbered_page_republishes_it_and_one_from_the_own_page_does_not(
    published, publish_on_change, public_dir, hot_news, reference_article
):
    page_1 = PublishedFile.objects.filter(
        unit=units.page_unit(hot_news.pk, "/page/1/"), path__endswith=".html"
    )
    oldest = hot_news.get_listing().last()
    assert oldest.url in read(public_dir, hot_news.url + "page/1/")
    written = page_1.get().published_at
    with publish_on_change():
        reference_article.unpublish()  # the newest: on the own page
    assert reference_article.url not in read(public_dir, hot_news.url)
    assert page_1.get().published_at == written
    with publish_on_change():
        oldest.unpublish()
    assert page_1.get().published_at > written
    assert oldest.url not in read(public_dir, hot_news.url + "page/1/")


def test_a_change_to_what_every_page_shows_republishes_the_whole_site(published, hot_news, reference_article):
    sample = [units.page_unit(page.pk) for page in published["pages"]]
    chrome = publisher.learn_chrome(sample, Renderer())
    Dependency.objects.bulk_create(Dependency(unit=units.CHROME, key=key) for key in chrome)
    # A section is in the menu of every page.
    assert changes.affected(changes.Change(page_ids={published["section"].pk})) is None
    assert changes.affected(changes.Change(page_ids={reference_article.pk})) is not None
    # A new channel joins the menu.
    from cityportal.core.tests.utils import make_channel

    channel = make_channel(published["section"], "Announcements")
    assert changes.affected(changes.Change(page_ids={channel.pk})) is None


def test_changes_of_one_transaction_become_one_task_and_rolled_back_ones_none(
    published, publish_on_change, hot_news, monkeypatch
):
    from cityportal.publishing import tasks

    handed_over = []

    class RecordingTask:
        def enqueue(self, **arguments):
            handed_over.append(arguments)

    monkeypatch.setattr(tasks, "publish_changes", RecordingTask())
    with publish_on_change():
        try:
            with transaction.atomic():
                make_article(hot_news, "Withdrawn before it was out")
                raise RuntimeError("the editor's save failed")
        except RuntimeError:
            pass
        with transaction.atomic():
            first = make_article(hot_news, "First of two")
            second = make_article(hot_news, "Second of two")
    assert len(handed_over) == 1
    assert set(handed_over[0]["page_ids"]) == {first.pk, second.pk}


def test_a_view_restriction_withdraws_the_subtree_from_disk_and_from_the_sitemap(
    published, publish_on_change, public_dir, hot_news, reference_article
):
    from wagtail.models import PageViewRestriction

    url = reference_article.url
    assert (public_dir / units.url_to_file(url)).exists()
    assert url in read(public_dir, sitemap_file(reference_article))
    with publish_on_change():
        restriction = PageViewRestriction.objects.create(
            page=hot_news, restriction_type=PageViewRestriction.LOGIN
        )
    # Signed-in readers only: no file a static server would hand to anyone.
    assert not (public_dir / units.url_to_file(url)).exists()
    assert not (public_dir / units.url_to_file(hot_news.url)).exists()
    assert url not in read(public_dir, sitemap_file(reference_article))
    assert url not in read(public_dir, published["section"].url)  # nor listed for all
    with publish_on_change():
        restriction.delete()
    assert (public_dir / units.url_to_file(url)).exists()
    assert url in read(public_dir, sitemap_file(reference_article))
    assert url in read(public_dir, published["section"].url)
