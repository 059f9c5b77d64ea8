import pytest
from wagtail.models import Page

from cityportal.core.items import live_items
from cityportal.demo.loader import HOT_NEWS_SAMPLES

pytestmark = pytest.mark.django_db


def test_live_items_of_a_channel_are_its_live_children_newest_first(hot_news):
    items = list(live_items(within=hot_news))
    assert items == list(Page.objects.child_of(hot_news).live().order_by("-first_published_at", "-pk"))
    assert len(items) == HOT_NEWS_SAMPLES + 1  # and the reference article


def test_segmented_search_text_is_recomputed_only_when_the_text_changes(reference_article, monkeypatch):
    from cityportal.core import models as core_models

    calls = []
    real = core_models.segment_for_index
    monkeypatch.setattr(core_models, "segment_for_index", lambda text: calls.append(text) or real(text))
    first = reference_article.segmented_search_text()
    assert reference_article.segmented_search_text() == first
    assert len(calls) == 1
    reference_article.title = "衡阳市政府 new title"
    assert "政府" in reference_article.segmented_search_text().split()
    assert len(calls) == 2


def test_publishing_a_stored_revision_keeps_the_first_publication_time(hot_news):
    """Revisions keep times to the millisecond; publishing one that was stored after the
    first publication (as workflows and scheduled publishing do) must neither fail nor
    move "Date Add in"."""
    from wagtail.models import Revision

    from cityportal.core.tests.utils import make_article
    from cityportal.news.models import ArticlePage

    article = make_article(hot_news, "Revised later")
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=article.first_published_at.replace(microsecond=123456)
    )
    first = ArticlePage.objects.get(pk=article.pk).first_published_at
    fresh = ArticlePage.objects.get(pk=article.pk)
    fresh.title = "Revised later, second version"
    revision_id = fresh.save_revision().pk
    Revision.objects.get(pk=revision_id).publish()
    republished = ArticlePage.objects.get(pk=article.pk)
    assert republished.title == "Revised later, second version"
    assert republished.first_published_at == first


def test_parents_of_fetches_every_parent_in_one_query(reference_article, hot_news, django_assert_num_queries):
    from cityportal.core.items import parents_of

    with django_assert_num_queries(1):
        parents = parents_of([reference_article, hot_news], "title")
    assert parents[reference_article.pk].pk == hot_news.pk
    assert parents[hot_news.pk].title == "Current News"
