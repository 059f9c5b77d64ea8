"""The FAQ page type: a channel whose page is its content."""

import pytest
from wagtail.models import Page

from cityportal.core.tests.utils import soup
from cityportal.faq.models import FaqPage
from cityportal.faq.tests.conftest import category
from cityportal.news.models import ChannelPage, SectionPage

pytestmark = pytest.mark.django_db


def test_the_faq_is_a_channel_without_items():
    assert issubclass(FaqPage, ChannelPage)
    assert FaqPage.subpage_types == [] and FaqPage.lists_items is False
    assert not FaqPage.listed_as_item and FaqPage.static_publishable


def test_its_questions_and_answers_are_searchable_text(make_faq):
    faq = make_faq(category("Visas", ("How do I extend a visa?", "At the <b>exit and entry</b> office.")))
    parts = faq.get_search_text_parts()
    assert "Visas" in parts
    assert "How do I extend a visa? At the exit and entry office." in parts


def test_site_search_finds_a_question(client, demo_faq):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    results = soup(client.get("/en/search/?q=passport+lose"))
    assert demo_faq.title in [a.get_text(strip=True) for a in results.select(".search-result__title a")]


def test_the_empty_channels_report_does_not_list_an_faq_with_questions(demo_faq, make_faq):
    empty = ChannelPage.without_live_items()
    assert demo_faq.pk not in set(empty.values_list("pk", flat=True))
    # Plain channels without items are still reported (the report still works).
    section = SectionPage.objects.get(slug="online-service")
    plain = section.add_child(instance=ChannelPage(title="Nothing here", slug="nothing-here"))
    assert plain.pk in set(ChannelPage.without_live_items().values_list("pk", flat=True))


def test_the_section_page_describes_the_faq(client, demo_faq):
    section_page = soup(client.get(demo_faq.get_parent().url))
    box = section_page.find(id=f"channel-{demo_faq.pk}").find_parent("section")
    text = box.get_text(" ", strip=True)
    assert (
        "12 questions and answers: Visas and entry, Residence registration, "
        "Living in the city, Using this portal." in text
    )
    assert "Nothing has been published here yet." not in text
    assert box.select_one(f"a[href='{demo_faq.url}']")


def test_an_faq_without_questions(client, make_faq):
    faq = make_faq()
    page = soup(client.get(faq.url))
    assert "No questions have been added yet." in page.get_text()
    assert not page.select("script[type='application/ld+json']")
    assert faq.box_summary() == ""


def test_the_faq_has_no_numbered_pages(client, demo_faq):
    assert client.get(demo_faq.url + "page/2/").status_code == 404
    assert client.get(demo_faq.url + "page/1/").status_code == 404


def test_the_faq_can_be_created_in_a_section(admin_client):
    section = SectionPage.objects.get(slug="online-service")
    assert FaqPage.can_create_at(section)
    assert not FaqPage.can_create_at(Page.objects.get(slug="faq"))


def test_editors_can_open_the_faq_in_the_admin(admin_client, demo_faq):
    response = admin_client.get(f"/admin/pages/{demo_faq.pk}/edit/")
    assert response.status_code == 200
    assert "How do I use the Mailbox of Government?" in response.content.decode()
