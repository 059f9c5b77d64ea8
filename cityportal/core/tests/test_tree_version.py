"""The page tree's version token changes with every page or site change, and never
comes back after a rollback."""

import pytest
from django.db import transaction
from wagtail.models import Site

from cityportal.core import tree_version
from cityportal.core.tests.utils import make_channel
from cityportal.news.models import SectionPage

pytestmark = pytest.mark.django_db


def test_page_and_site_changes_give_a_new_token(hot_news):
    seen = [tree_version.current()]
    hot_news.save_revision().publish()
    seen.append(tree_version.current())
    channel = make_channel(SectionPage.objects.get(slug="current-news"), "Moved channel")
    seen.append(tree_version.current())
    channel.move(SectionPage.objects.get(slug="about-hengyang"), pos="last-child")
    seen.append(tree_version.current())
    channel.delete()
    seen.append(tree_version.current())
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Another name"
    site.save()
    seen.append(tree_version.current())
    assert len(set(seen)) == len(seen)


def test_a_rolled_back_change_leaves_no_token_behind(hot_news):
    before = tree_version.current()
    with transaction.atomic():
        hot_news.save_revision().publish()
        inside = tree_version.current()
        transaction.set_rollback(True)
    assert tree_version.current() == before
    hot_news.refresh_from_db()
    hot_news.save_revision().publish()
    assert tree_version.current() not in (before, inside)


def test_cached_is_built_once_per_token():
    calls = []
    build = lambda: calls.append(1) or len(calls)  # noqa: E731
    assert tree_version.cached("k", build) == 1
    assert tree_version.cached("k", build) == 1
    tree_version.bump()
    assert tree_version.cached("k", build) == 2


def test_a_request_reads_the_token_once_unless_it_changes_the_tree(hot_news):
    from cityportal.core.models import PageTreeVersion

    with tree_version.pinned():
        first = tree_version.current()
        PageTreeVersion.objects.update(token="changed by another process")
        assert tree_version.current() == first  # one version of the tree per request
        tree_version.bump()  # but its own change it sees at once
        assert tree_version.current() not in (first, "changed by another process")
    PageTreeVersion.objects.update(token="changed by another process")
    assert tree_version.current() == "changed by another process"


def test_locale_view_restriction_and_identity_changes_give_a_new_token(hot_news):
    from wagtail.models import Locale, PageViewRestriction

    from cityportal.core.models import PortalIdentity

    seen = [tree_version.current()]
    login = PageViewRestriction.LOGIN
    restriction = PageViewRestriction.objects.create(page=hot_news, restriction_type=login)
    seen.append(tree_version.current())
    restriction.delete()
    seen.append(tree_version.current())
    Locale.objects.create(language_code="fr")
    seen.append(tree_version.current())
    identity = PortalIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.site_name = "Renamed portal"
    identity.save()
    seen.append(tree_version.current())
    assert len(set(seen)) == len(seen)


def test_a_cached_value_reports_what_building_it_read_each_time_it_is_used():
    from cityportal.core import render_record

    def build():
        render_record.record(render_record.page_key(1))
        return "the menu"

    with render_record.recording() as building:
        assert tree_version.cached("reporting", build) == "the menu"
    with render_record.recording() as reusing:
        assert tree_version.cached("reporting", build) == "the menu"
    assert building == reusing == {"p:1"}
