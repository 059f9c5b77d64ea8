"""Section and channel pages as visitors see them: channels with their latest items,
items newest first 20 to a page with page numbers in the path, forgiving page numbers,
empty channels, and the English titles with Chinese names of the User experience channels."""

import pytest

from cityportal.core.tests.utils import city_time, listed_titles, make_article, make_channel, notices, soup
from cityportal.core.tests.utils import text_of as text
from cityportal.demo import reference_article as ref
from cityportal.news.models import ChannelPage, SectionPage

pytestmark = pytest.mark.django_db

HOT_NEWS = "/en/current-news/hot-news/"


@pytest.fixture
def hot_news_titles(hot_news) -> list[str]:
    """Hot News items newest first, as the database orders them (25: 24 samples and the
    reference article)."""
    return [item.title for item in hot_news.get_listing()]


# --- Section pages ------------------------------------------------------------------------------


def test_a_section_page_shows_its_channels_with_their_latest_items(client, hot_news_titles):
    page = soup(client.get("/en/current-news/"))
    boxes = page.select("main .channel-box")
    assert [text(box.h2) for box in boxes] == ["Hot News", "Special Report", "Hot Report"]
    hot = boxes[0]
    assert hot.h2.a["href"] == HOT_NEWS
    assert [text(a) for a in hot.select(".item-list a")] == hot_news_titles[:5]
    assert text(hot.select_one(".more a")) == "More in Hot News"
    for box in boxes[1:]:
        channel = ChannelPage.objects.get(title=text(box.h2))
        assert [text(a) for a in box.select(".item-list a")] == [
            item.title for item in channel.get_listing()[:5]
        ]


def test_a_section_page_says_which_channel_has_nothing_yet(client):
    make_channel(SectionPage.objects.get(slug="current-news"), "Announcements")
    page = soup(client.get("/en/current-news/"))
    box = page.select("main .channel-box")[-1]
    assert text(box.h2) == "Announcements"
    assert text(box.select_one(".empty")) == "Nothing has been published here yet."


def test_every_section_page_is_served(client):
    for section in SectionPage.objects.live():
        page = soup(client.get(section.url))
        assert text(page.h1) == section.title


# --- Channel pages --------------------------------------------------------------------------------


def test_a_channel_lists_its_items_newest_first_and_numbers_its_pages_from_the_oldest(
    client, hot_news_titles
):
    assert len(hot_news_titles) == 45
    first = soup(client.get(HOT_NEWS))
    assert text(first.h1) == "Hot News"
    # The own page shows the newest 25: the twenty of a full block, and the five after it.
    assert listed_titles(first) == hot_news_titles[:25]
    assert listed_titles(first)[0] == ref.TITLE
    oldest = soup(client.get(HOT_NEWS + "page/1/"))
    assert listed_titles(oldest) == hot_news_titles[25:]
    assert notices(first) == notices(oldest) == []


def test_a_new_item_changes_the_own_page_and_leaves_the_numbered_page_as_it_was(client, hot_news):
    before = listed_titles(soup(client.get(HOT_NEWS + "page/1/")))
    for number in range(14):
        make_article(hot_news, f"Fresh news {number}", at=city_time(2024, 6, 1, 9, number, 0))
    assert listed_titles(soup(client.get(HOT_NEWS + "page/1/"))) == before
    assert client.get(HOT_NEWS + "page/2/").status_code == 302
    # Sixty items: a second numbered page holds the twenty after the oldest.
    make_article(hot_news, "Fresh news 14", at=city_time(2024, 6, 1, 10, 0, 0))
    titles = [item.title for item in hot_news.get_listing()]
    assert listed_titles(soup(client.get(HOT_NEWS + "page/2/"))) == titles[20:40]
    assert listed_titles(soup(client.get(HOT_NEWS))) == titles[:20]


@pytest.mark.parametrize("url", [HOT_NEWS, "/en/current-news/", "/en/alldocslist/", "/en/"])
def test_item_dates_are_shown_on_the_city_clock(client, url):
    page = soup(client.get(url))
    times = page.select("main .item-list__item time")
    first = next(t for t in times if t.find_previous_sibling("a").get_text() == ref.TITLE)
    assert text(first) == "2024-05-18"
    assert first["datetime"] == "2024-05-18T23:14:41+08:00"
    # Samples were published at times with microseconds; HTML allows at most three
    # fractional digits in a datetime attribute, so none are written.
    assert len(times) > 5
    assert all("." not in t["datetime"] and t["datetime"].endswith("+08:00") for t in times)


def test_pagination_links_number_pages_in_the_path(client, hot_news):
    for number in range(20):  # 65 items: numbered pages 1 and 2, the own page 25
        make_article(hot_news, f"Fresh news {number}", at=city_time(2024, 6, 1, 9, number, 0))
    nav = soup(client.get(HOT_NEWS)).select_one("nav.pagination")
    links = {text(a): a["href"] for a in nav.select("a")}
    assert links == {"Newest": HOT_NEWS, "Older": HOT_NEWS + "page/2/", "Oldest": HOT_NEWS + "page/1/"}
    assert nav.select_one('[aria-current="page"]')["href"] == HOT_NEWS
    assert nav.select_one('a[rel="next"]')["href"] == HOT_NEWS + "page/2/"
    nav2 = soup(client.get(HOT_NEWS + "page/2/")).select_one("nav.pagination")
    links = {text(a): a["href"] for a in nav2.select("a")}
    # The newest numbered page names the number after it, which sends to the own page
    # until there is a page of its own: the link never has to change.
    assert links == {
        "Newest": HOT_NEWS,
        "Newer": HOT_NEWS + "page/3/",
        "Page 2": HOT_NEWS + "page/2/",
        "Older": HOT_NEWS + "page/1/",
    }
    assert nav2.select_one('[aria-current="page"]')["href"] == HOT_NEWS + "page/2/"
    nav1 = soup(client.get(HOT_NEWS + "page/1/")).select_one("nav.pagination")
    assert {text(a): a["href"] for a in nav1.select("a")}["Newer"] == HOT_NEWS + "page/2/"
    assert nav1.select_one('a[rel="next"]') is None
    assert client.get(HOT_NEWS + "page/3/")["Location"] == HOT_NEWS


def test_a_single_page_channel_has_no_pagination(client):
    page = soup(client.get("/en/current-news/hot-report/"))
    assert page.select_one("nav.pagination") is None
    assert 3 <= len(listed_titles(page)) <= 8


def test_a_number_spelt_otherwise_redirects_to_the_page(client):
    response = client.get(f"{HOT_NEWS}page/01/")
    assert response.status_code == 301
    assert response["Location"] == HOT_NEWS + "page/1/"


@pytest.mark.parametrize("number", ["2", "3"])
def test_a_number_whose_items_are_on_the_own_page_redirects_there(client, number):
    response = client.get(f"{HOT_NEWS}page/{number}/")
    assert response.status_code == 302
    assert response["Location"] == HOT_NEWS


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("abc", "“abc” is not a page number, so the newest items are shown."),
        ("0", "Page numbers start at 1, so the newest items are shown."),
        ("-3", "Page numbers start at 1, so the newest items are shown."),
        ("99", "There is no page 99 yet, so the newest items are shown."),
        ("2_0", "“2_0” is not a page number, so the newest items are shown."),
    ],
)
def test_bad_page_numbers_show_the_newest_items_with_a_message(client, hot_news_titles, number, message):
    response = client.get(f"{HOT_NEWS}page/{number}/")
    page = soup(response)
    assert notices(page) == [message]
    assert listed_titles(page) == hot_news_titles[:25]
    # Such an address is not one to index; the canonical link names the page shown.
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert page.select_one('link[rel="canonical"]')["href"].endswith(HOT_NEWS)


def test_a_very_long_number_is_not_a_page(client):
    page = soup(client.get(f"{HOT_NEWS}page/{'9' * 32}/"))
    assert notices(page) == [f"There is no page {'9' * 32} yet, so the newest items are shown."]


def test_an_over_long_page_segment_is_not_found(client):
    assert client.get(HOT_NEWS + "page/" + "9" * 41 + "/").status_code == 404


def test_canonical_urls_of_channel_pages(client, hot_news):
    first = soup(client.get(HOT_NEWS)).select_one('link[rel="canonical"]')["href"]
    second = soup(client.get(HOT_NEWS + "page/1/")).select_one('link[rel="canonical"]')["href"]
    assert first == hot_news.full_url
    assert second == hot_news.full_url + "page/1/"
    assert second.startswith("http")


def test_an_empty_channel_says_so(client):
    channel = make_channel(SectionPage.objects.get(slug="current-news"), "Announcements")
    page = soup(client.get(channel.url))
    assert text(page.select_one("main .empty")) == "Nothing has been published in this channel yet."
    assert listed_titles(page) == []
    assert page.select_one("nav.pagination") is None
    # Asking for a numbered page of an empty channel shows its (empty) own page.
    later = soup(client.get(channel.url + "page/3/"))
    assert notices(later) == ["There is no page 3 yet, so the newest items are shown."]


def test_a_new_item_appears_first_in_its_channel(client, hot_news):
    make_article(hot_news, "Fresh news", at=city_time(2024, 6, 1, 9, 0, 0))
    assert listed_titles(soup(client.get(HOT_NEWS)))[:2] == ["Fresh news", ref.TITLE]


def test_top_news_and_picture_news_list_featured_items(client):
    top = soup(client.get("/en/special-column/topnews/"))
    assert listed_titles(top) == [ref.TITLE]
    pictures = soup(client.get("/en/special-column/picturenews/"))
    assert len(listed_titles(pictures)) == 4


@pytest.mark.parametrize(
    ("slug", "title", "chinese"),
    [
        ("information-architecture", "Information Architecture", "信息构建"),
        ("usability", "Usability", "可用性"),
        ("language-norms", "Language Norms", "语言规范"),
    ],
)
def test_user_experience_channels_have_english_titles_and_keep_their_chinese_names(
    client, slug, title, chinese
):
    channel = ChannelPage.objects.get(slug=slug)
    assert (channel.title, channel.chinese_name) == (title, chinese)
    assert channel.get_parent().slug == "user-experience"
    page = soup(client.get(channel.url))
    name = page.select_one("h1 [lang]")
    assert text(name) == chinese
    assert name["lang"] == "zh-Hans"
    assert text(page.h1) == f"{title} {chinese}"


def test_channels_without_a_chinese_name_show_only_the_title(client):
    page = soup(client.get(HOT_NEWS))
    assert page.h1.select_one("[lang]") is None
