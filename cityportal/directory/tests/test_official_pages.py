"""The Officials list and an official's page as visitors get them."""

import json

import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cityportal.core.tests.utils import notices, soup, text_of
from cityportal.directory.tests.conftest import make_department, make_official

pytestmark = pytest.mark.django_db

OFFICIALS = "/en/e-government/officials/"


def test_the_officials_list_shows_names_positions_and_photos_in_rank_order(client, officials):
    page = soup(client.get(OFFICIALS))
    assert text_of(page.h1) == "Officials"
    cards = page.select("main .official-card")
    expected = list(officials.get_listing())
    assert [text_of(card.h2) for card in cards] == [o.title for o in expected]
    assert [o.rank for o in expected] == sorted(o.rank for o in expected)
    for card, official in zip(cards, expected, strict=True):
        assert card.h2.a["href"] == official.url
        assert text_of(card.select_one(".official-card__position")) == official.position
        img = card.find("img")
        if official.photo_id:
            assert img["alt"] == official.photo_alt != ""
        else:
            assert img is None


def test_rank_decides_the_order_not_the_tree(client, empty_officials):
    make_official(empty_officials, "Deputy", rank=2, position="Vice Mayor")
    make_official(empty_officials, "Leader", rank=1, position="Mayor")
    page = soup(client.get(empty_officials.url))
    assert [text_of(h) for h in page.select("main .official-card h2")] == ["Leader", "Deputy"]


def test_an_empty_officials_list_says_so(client, empty_officials):
    page = soup(client.get(empty_officials.url))
    assert text_of(page.select_one("main .empty")) == "No officials have been published yet."


def test_a_page_number_beyond_the_list_shows_the_list_with_a_message(client):
    page = soup(client.get(OFFICIALS + "page/9/"))
    assert notices(page) == ["There is only one page, so it is shown."]
    assert page.select("main .official-card")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_an_officials_page(client, officials, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    photo = get_image_model().objects.create(title="Portrait", file=get_test_image_file())
    official = make_official(
        officials,
        "Test Official",
        position="Vice Mayor",
        photo=photo,
        photo_alt="Portrait of Test Official",
        responsibilities="<p>Responsible for transport.</p>",
        biography="<p>Born in a river town.</p>",
        rank=7,
    )
    department = make_department(officials.get_parent().get_children().get(slug="departments"), "Port Office")
    department.leader = official
    department.save_revision().publish()
    page = soup(client.get(official.url))
    assert text_of(page.h1) == "Test Official"
    assert text_of(page.select_one(".profile__position")) == "Vice Mayor"
    img = page.select_one(".profile__photo img")
    assert img["alt"] == "Portrait of Test Official"
    headings = [text_of(h) for h in page.select("main h2")]
    assert headings == ["Responsibilities", "Departments led", "Biography"]
    assert "Responsible for transport." in text_of(page.main)
    assert "Born in a river town." in text_of(page.main)
    assert page.select_one(f"main a[href='{department.url}']")
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert (data["@type"], data["name"], data["jobTitle"]) == ("Person", "Test Official", "Vice Mayor")
    assert page.select_one(".back-link a")["href"] == officials.url


def test_an_official_without_photo_or_texts_shows_just_the_name_and_position(client, empty_officials):
    official = make_official(empty_officials, "Plain Official", position="Adviser")
    page = soup(client.get(official.url))
    assert page.select_one(".profile img") is None
    assert page.select("main h2") == []
    assert text_of(page.select_one(".profile__position")) == "Adviser"


def test_officials_are_in_the_section_page_and_the_channel_feed(client, officials):
    section = soup(client.get("/en/e-government/"))
    box = next(b for b in section.select("main .channel-box") if text_of(b.h2) == "Officials")
    assert [text_of(a) for a in box.select(".item-list a")] == [o.title for o in officials.get_listing()[:5]]
    feed = client.get(OFFICIALS + "rss.xml")
    assert feed.status_code == 200
    assert officials.get_listing().first().title in feed.content.decode()
