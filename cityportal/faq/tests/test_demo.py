"""The demo's FAQ channel: sample questions for foreigners, marked as sample content,
the same on every load."""

import pytest

from cityportal.faq import demo
from cityportal.faq.models import FaqPage
from cityportal.news.models import ChannelPage

pytestmark = pytest.mark.django_db


def test_the_faq_channel_is_an_faq_page(demo_home):
    channel = ChannelPage.objects.get(slug="faq").specific
    assert isinstance(channel, FaqPage)
    assert channel.get_parent().slug == "online-service"
    assert channel.live and channel.show_in_menus
    assert channel.get_parent().get_parent().pk == demo_home.pk


def test_sample_questions_for_foreigners(demo_faq):
    assert "Sample content:" in demo_faq.introduction and "not official rules" in demo_faq.introduction
    categories = demo_faq.faq_categories()
    assert [c.title for c in categories] == [
        "Visas and entry",
        "Residence registration",
        "Living in the city",
        "Using this portal",
    ]
    questions = [e.question for c in categories for e in c.entries]
    assert len(questions) == 12
    assert "How do I use the Mailbox of Government?" in questions
    assert "Do I have to register where I am staying?" in questions


def test_the_faq_is_the_same_on_every_load(demo_faq):
    stored = demo_faq.categories.get_prep_value()
    assert stored == demo.categories_data()
    assert stored[0]["id"] == demo.block_id(1)
    assert stored[0]["value"]["questions"][0]["id"] == demo.block_id(1, 1)
