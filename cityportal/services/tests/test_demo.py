"""The demo's guide channels: the Online Service channels for foreigners and Life >
Service Guide are guide channels holding complete sample guides, each plainly marked as
sample content and linked to its forms."""

import pytest
from wagtail.models import Page

from cityportal.documents.models import DocumentPage
from cityportal.services import demo
from cityportal.services.models import GuideChannelPage, ServiceGuidePage

pytestmark = pytest.mark.django_db

EXPECTED_CHANNELS = {
    ("online-service", "naturalization"),
    ("online-service", "international-marriage"),
    ("online-service", "entry-and-exit"),
    ("online-service", "residence-affairs"),
    ("life", "service-guide"),
}


def test_the_five_demo_channels_are_guide_channels(demo_home):
    channels = GuideChannelPage.objects.descendant_of(demo_home)
    assert {(c.get_parent().slug, c.slug) for c in channels} == EXPECTED_CHANNELS
    assert all(c.live and c.show_in_menus for c in channels)
    assert set(demo.CHANNELS) == EXPECTED_CHANNELS


def test_each_guide_channel_has_published_sample_guides_only():
    for channel in GuideChannelPage.objects.all():
        children = list(Page.objects.child_of(channel).specific())
        assert len(children) >= 2, channel.title
        for guide in children:
            assert isinstance(guide, ServiceGuidePage)
            assert guide.live
            assert guide.title.startswith("[Sample] "), guide.title
            assert guide.summary.startswith("Sample content, not the official rules"), guide.summary


def test_every_sample_guide_is_complete():
    guides = ServiceGuidePage.objects.live()
    assert guides.count() == sum(len(g) for g in demo.SAMPLE_GUIDES.values())
    for guide in guides:
        assert guide.missing_elements() == [], guide.title


def test_the_naturalization_guide_links_the_nationality_form():
    guide = ServiceGuidePage.objects.get(slug="applying-for-chinese-nationality")
    assert guide.get_parent().slug == "naturalization"
    forms = guide.forms()
    assert [f.title for f in forms] == ["[Sample] Application form for Chinese nationality"]
    assert forms[0].get_parent().slug == "forms-for-download"
    assert isinstance(forms[0], DocumentPage)


def test_demo_dates_are_fixed():
    guide = ServiceGuidePage.objects.get(slug="applying-for-chinese-nationality")
    assert guide.first_published_at.isoformat() == "2024-03-04T02:00:00+00:00"
    assert guide.last_reviewed.isoformat() == "2026-09-15"
