import pytest
from wagtail.models import Page

from cityportal.core.items import live_items

pytestmark = pytest.mark.django_db


def test_live_items_of_a_channel_are_its_live_children_newest_first(hot_news):
    items = list(live_items(within=hot_news))
    assert items == list(Page.objects.child_of(hot_news).live().order_by("-first_published_at", "-pk"))
    assert len(items) == 25
