"""Helpers shared by the portal's tests: making content the way editors do (add a page,
save a revision, publish it) and reading the HTML that visitors get."""

from datetime import datetime
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup
from django.utils.text import slugify

CITY_TZ = ZoneInfo("Asia/Shanghai")


def city_time(*args) -> datetime:
    """A moment on the city's clock, e.g. city_time(2024, 5, 18, 23, 14, 41)."""
    return datetime(*args, tzinfo=CITY_TZ)


def publish(parent, page, *, at: datetime | None = None):
    """Adds ``page`` under ``parent`` and publishes it. ``at`` sets the first publication
    time, as an import of older content would (before the first publication, so the
    lock on that time does not apply)."""
    if not page.slug:
        page.slug = slugify(page.title)[:80] or "page"
    if at is not None:
        page.first_published_at = at
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_article(channel, title: str, *, at: datetime | None = None, body=None, **fields):
    from cityportal.news.models import ArticlePage

    page = ArticlePage(title=title, body=body or [("paragraph", f"<p>Text of {title}.</p>")], **fields)
    return publish(channel, page, at=at)


def make_channel(section, title: str, **fields):
    from cityportal.news.models import ChannelPage

    return publish(section, ChannelPage(title=title, show_in_menus=True, **fields))


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(tag) -> str:
    """The visible text of an element, whitespace collapsed."""
    return " ".join(tag.get_text(" ").split())


def notices(page_soup) -> list[str]:
    return [text_of(p) for p in page_soup.select("main .notice")]


def listed_titles(page_soup, selector: str = "main .item-list--full .item-list__item > a") -> list[str]:
    return [text_of(a) for a in page_soup.select(selector)]
