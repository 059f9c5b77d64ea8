"""The news models: the first-publication lock, articles' rules and helpers, what
channels and sections list, and which channels count as empty."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.images import get_image_model

from cityportal.core.items import live_items
from cityportal.core.models import FirstPublicationLocked, PortalIdentity
from cityportal.core.tests.utils import city_time, make_article, make_channel
from cityportal.demo import reference_article as ref
from cityportal.demo.loader import HOT_NEWS_SAMPLES
from cityportal.news import models as news_models
from cityportal.news.models import ArticlePage, ChannelPage, SectionPage

REFERENCE_PUBLISHED = city_time(2024, 5, 18, 23, 14, 41)

pytestmark = pytest.mark.django_db


# --- The first publication time cannot be moved once a page is published ---------------


def test_reference_article_was_first_published_at_the_reference_time(reference_article):
    assert reference_article.first_published_at == REFERENCE_PUBLISHED


def test_saving_a_backdated_first_publication_time_is_refused(reference_article):
    reference_article.first_published_at = REFERENCE_PUBLISHED - timedelta(days=30)
    with pytest.raises(FirstPublicationLocked):
        reference_article.save()
    reference_article.refresh_from_db()
    assert reference_article.first_published_at == REFERENCE_PUBLISHED


def test_moving_the_first_publication_time_later_is_refused_too(reference_article):
    reference_article.first_published_at = REFERENCE_PUBLISHED + timedelta(seconds=1)
    with pytest.raises(FirstPublicationLocked):
        reference_article.save(update_fields=["first_published_at"])
    assert ArticlePage.objects.get(pk=reference_article.pk).first_published_at == REFERENCE_PUBLISHED


def test_publishing_a_revision_that_backdates_the_page_is_refused(reference_article):
    reference_article.first_published_at = REFERENCE_PUBLISHED - timedelta(days=365)
    revision = reference_article.save_revision()
    with pytest.raises(FirstPublicationLocked):
        revision.publish()
    assert ArticlePage.objects.get(pk=reference_article.pk).first_published_at == REFERENCE_PUBLISHED


def test_a_stale_copy_without_the_time_keeps_the_stored_one(reference_article):
    stale = ArticlePage.objects.get(pk=reference_article.pk)
    stale.first_published_at = None
    stale.title = "Edited title"
    stale.save()
    stored = ArticlePage.objects.get(pk=reference_article.pk)
    assert stored.title == "Edited title"
    assert stored.first_published_at == REFERENCE_PUBLISHED


def test_saves_that_do_not_write_the_time_are_not_checked(reference_article):
    reference_article.first_published_at = None
    reference_article.title = "Only the title"
    reference_article.save(update_fields=["title"])
    stored = ArticlePage.objects.get(pk=reference_article.pk)
    assert (stored.title, stored.first_published_at) == ("Only the title", REFERENCE_PUBLISHED)


def test_a_draft_gets_its_time_at_first_publication_and_keeps_it(hot_news):
    draft = ArticlePage(title="Draft", slug="draft", body=[("paragraph", "<p>x</p>")], live=False)
    hot_news.add_child(instance=draft)
    draft.save_revision()
    draft.refresh_from_db()
    assert draft.first_published_at is None
    before = timezone.now()
    draft.get_latest_revision().publish()
    draft.refresh_from_db()
    first = draft.first_published_at
    assert first is not None and first >= before
    draft.title = "Draft, edited"
    draft.save_revision().publish()
    draft.refresh_from_db()
    assert draft.first_published_at == first
    assert draft.last_published_at > first


def test_unpublishing_and_republishing_keeps_the_time(reference_article):
    reference_article.unpublish()
    reference_article.refresh_from_db()
    assert not reference_article.live
    assert reference_article.first_published_at == REFERENCE_PUBLISHED
    reference_article.save_revision().publish()
    reference_article.refresh_from_db()
    assert reference_article.live
    assert reference_article.first_published_at == REFERENCE_PUBLISHED


# --- Article rules --------------------------------------------------------------------------


@pytest.fixture
def image(db):
    return get_image_model().objects.order_by("pk").first()


def test_a_lead_image_needs_alternative_text(reference_article, image):
    reference_article.lead_image = image
    reference_article.lead_image_alt = "   "
    with pytest.raises(ValidationError) as error:
        reference_article.full_clean()
    assert "lead_image_alt" in error.value.message_dict
    assert "Describe the lead image" in error.value.message_dict["lead_image_alt"][0]
    reference_article.lead_image_alt = "Officials signing an agreement"
    reference_article.full_clean()


def test_no_alternative_text_is_needed_without_a_lead_image(reference_article):
    reference_article.lead_image = None
    reference_article.lead_image_alt = ""
    reference_article.full_clean()


def test_picture_news_needs_a_lead_image(reference_article):
    reference_article.is_picture_news = True
    with pytest.raises(ValidationError) as error:
        reference_article.full_clean()
    assert error.value.message_dict["is_picture_news"] == ["Picture news needs a lead image."]


def test_source_defaults_to_the_site_setting(hot_news, demo_home):
    article = make_article(hot_news, "No source given")
    identity = PortalIdentity.for_site(demo_home.get_site())
    assert article.display_source() == identity.default_article_source == ref.SOURCE
    identity.default_article_source = "Information Office"
    identity.save()
    assert ArticlePage.objects.get(pk=article.pk).display_source() == "Information Office"
    article.source = "Xinhua"
    assert article.display_source() == "Xinhua"


def test_listing_summary_uses_the_summary_then_the_first_paragraph(hot_news):
    article = make_article(
        hot_news,
        "Summaries",
        body=[("heading", {"text": "A heading", "level": "h2"}), ("paragraph", "<p>First <b>words</b>.</p>")],
    )
    assert article.listing_summary() == "First words."
    article.summary = "Given summary."
    assert article.listing_summary() == "Given summary."


def test_previous_and_next_follow_publication_order_within_the_channel(hot_news):
    older = make_article(hot_news, "Older", at=city_time(2030, 1, 1, 8, 0, 0))
    middle = make_article(hot_news, "Middle", at=city_time(2030, 1, 2, 8, 0, 0))
    newer = make_article(hot_news, "Newer", at=city_time(2030, 1, 3, 8, 0, 0))
    elsewhere = ChannelPage.objects.get(slug="special-report")
    make_article(elsewhere, "Other channel, in between", at=city_time(2030, 1, 2, 9, 0, 0))
    assert middle.previous_in_channel() == older
    assert middle.next_in_channel() == newer
    assert newer.next_in_channel() is None
    assert older.previous_in_channel().first_published_at < older.first_published_at


def test_the_reference_article_is_the_newest_of_hot_news(reference_article):
    assert reference_article.next_in_channel() is None
    previous = reference_article.previous_in_channel()
    assert previous.title.startswith("[Sample]")
    assert previous.first_published_at == max(
        p.first_published_at for p in reference_article.siblings_in_channel()
    )


def test_articles_published_at_the_same_second_still_have_an_order(hot_news):
    at = city_time(2030, 2, 1, 10, 0, 0)
    first = make_article(hot_news, "Same time A", at=at)
    second = make_article(hot_news, "Same time B", at=at)
    assert first.next_in_channel() == second
    assert second.previous_in_channel() == first


def test_related_articles_share_a_tag_then_fill_from_the_channel(hot_news):
    elsewhere = ChannelPage.objects.get(slug="investment-dynamic")
    article = make_article(hot_news, "Tagged")
    article.tags.add("river-bridge")
    article.save_revision().publish()
    partner = make_article(elsewhere, "Partner in another channel")
    partner.tags.add("river-bridge")
    partner.save_revision().publish()
    related = article.related_articles(count=5)
    assert related[0] == partner
    assert len(related) == 5
    assert article not in related
    assert all(r.get_parent().pk == hot_news.pk for r in related[1:])


@pytest.mark.parametrize("common_tag", [500, 1], ids=["rare-tag", "common-tag"])
def test_neighbours_and_related_articles_are_read_without_their_bodies(
    hot_news, django_assert_num_queries, monkeypatch, common_tag
):
    # A tag on at least COMMON_TAG articles takes the other query (the walk by time).
    monkeypatch.setattr(news_models, "COMMON_TAG", common_tag)
    older = make_article(hot_news, "Body-less older", at=city_time(2030, 3, 1, 8, 0, 0))
    article = make_article(hot_news, "Body-less middle", at=city_time(2030, 3, 2, 8, 0, 0))
    article.tags.add("ferry-pier")
    article.save_revision().publish()
    older.tags.add("ferry-pier")
    older.save_revision().publish()
    article = type(article).objects.get(pk=article.pk)
    shown = [article.previous_in_channel(), *article.related_articles(count=3)]
    assert shown[0] == older and older in shown[1:]
    assert all("body" in page.get_deferred_fields() for page in shown)
    # What the article page shows of them costs no further query.
    with django_assert_num_queries(0):
        assert all(page.title and page.first_published_at and page.url_path for page in shown)


def test_structured_data_describes_the_reference_article(rf, reference_article):
    request = rf.get(reference_article.url)
    data = reference_article.structured_data(request, reference_article.display_source())
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == ref.TITLE
    assert data["datePublished"] == "2024-05-18T23:14:41+08:00"
    assert data["author"] == {"@type": "Organization", "name": ref.SOURCE}
    assert data["translator"] == {"@type": "Person", "name": ref.TRANSLATOR}
    assert data["url"] == reference_article.full_url
    assert "image" not in data


# --- What channels and sections list --------------------------------------------------------


def test_a_channel_lists_its_live_items_newest_first(hot_news):
    items = list(hot_news.get_listing())
    assert items[0].title == ref.TITLE
    assert len(items) == HOT_NEWS_SAMPLES + 1  # and the reference article
    times = [item.first_published_at for item in items]
    assert times == sorted(times, reverse=True)
    assert all(isinstance(item, ArticlePage) for item in items)


def test_drafts_and_unpublished_items_are_not_listed(hot_news, reference_article):
    draft = ArticlePage(title="Not yet", slug="not-yet", body=[("paragraph", "<p>x</p>")], live=False)
    hot_news.add_child(instance=draft)
    reference_article.unpublish()
    titles = [item.title for item in hot_news.get_listing()]
    assert "Not yet" not in titles
    assert ref.TITLE not in titles
    assert len(titles) == HOT_NEWS_SAMPLES


def test_top_news_and_picture_news_channels_gather_featured_items():
    top = ChannelPage.objects.get(slug="topnews")
    pictures = ChannelPage.objects.get(slug="picturenews")
    assert [item.title for item in top.get_listing()] == [ref.TITLE]
    picture_items = list(pictures.get_listing())
    assert len(picture_items) == 4
    assert all(item.is_picture_news and item.lead_image_id for item in picture_items)


def test_section_shows_each_channel_with_its_latest_items():
    section = SectionPage.objects.get(slug="current-news")
    listed = section.channels_with_latest()
    assert [channel.slug for channel, _items in listed] == ["hot-news", "special-report", "hot-report"]
    for channel, items in listed:
        assert items == list(channel.get_listing()[:5])
    assert listed[0][1][0].title == ref.TITLE


def test_get_section_finds_the_top_level_section(reference_article, hot_news, demo_home):
    section = SectionPage.objects.get(slug="current-news")
    assert reference_article.get_section() == section
    assert hot_news.get_section() == section
    assert section.get_section() == section
    assert demo_home.get_section() is None


# --- Which channels are empty -----------------------------------------------------------------


def test_no_demo_channel_is_empty():
    assert list(ChannelPage.without_live_items()) == []


def test_empty_channels_are_the_ones_that_list_nothing(reference_article):
    section = SectionPage.objects.get(slug="current-news")
    make_channel(section, "Brand new")
    drafts_only = make_channel(section, "Drafts only")
    draft = ArticlePage(title="Draft", slug="draft", body=[("paragraph", "<p>x</p>")], live=False)
    drafts_only.add_child(instance=draft)
    # TopNews features only the reference article: unpublishing it empties TopNews too.
    reference_article.unpublish()
    empty = set(ChannelPage.without_live_items())
    assert {c.slug for c in empty} == {"brand-new", "drafts-only", "topnews"}
    # The single query agrees with asking each channel for its items.
    for channel in ChannelPage.objects.all():
        # (Channels whose page is the content, such as an FAQ, list no items but are not empty.)
        lists_nothing = channel.specific_class.lists_items and not channel.items().exists()
        assert (channel in empty) == lists_nothing, channel.title


def test_without_live_items_narrows_a_given_queryset():
    section = SectionPage.objects.get(slug="current-news")
    make_channel(section, "Empty here")
    other = SectionPage.objects.get(slug="tourism")
    make_channel(other, "Empty there")
    within = ChannelPage.objects.descendant_of(section)
    assert [c.title for c in ChannelPage.without_live_items(within)] == ["Empty here"]


def test_live_items_is_what_alldocslist_and_feeds_count(demo_home):
    everything = live_items(within=demo_home)
    # Items of every type: articles and the item types of other apps.
    assert everything.count() == live_items().count()
    assert everything.first().specific.title == ref.TITLE


def test_page_types_fit_the_tree_sections_hold_channels_and_channels_hold_items():
    from cityportal.home.models import HomePage
    from cityportal.news.models import AllDocsListPage, FeedIndexPage

    assert set(HomePage.allowed_subpage_models()) == {SectionPage, AllDocsListPage}
    section_children = set(SectionPage.allowed_subpage_models())
    assert {ChannelPage, FeedIndexPage} <= section_children
    assert ArticlePage not in section_children and SectionPage not in section_children
    channel_children = set(ChannelPage.allowed_subpage_models())
    assert ArticlePage in channel_children
    assert not channel_children & {SectionPage, ChannelPage, HomePage, AllDocsListPage, FeedIndexPage}
