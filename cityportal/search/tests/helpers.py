"""Helpers shared by the search tests: running a search as a visitor does, reading the
results out of the page, and adding pages to the demo site (indexed on save)."""

import html
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.html import strip_tags

from cityportal.news.models import ArticlePage, ChannelPage

CITY_TZ = ZoneInfo("Asia/Shanghai")
SEARCH_URL = "/en/search/"

_RESULT = re.compile(r'<li class="search-result">(.*?)</li>', re.S)
_TITLE = re.compile(r'<h2 class="search-result__title"><a href="([^"]*)">(.*?)</a></h2>', re.S)
_DATE = re.compile(r'<time datetime="([^"]+)">')
_SUMMARY = re.compile(r'<p class="search-result__summary">(.*?)</p>', re.S)
_NOTICE = re.compile(r'<p class="notice">(.*?)</p>', re.S)


def search(client, **params):
    response = client.get(SEARCH_URL, params)
    assert response.status_code == 200, response.status_code
    return response, response.content.decode()


def results(content: str) -> list[dict]:
    """Each result shown: its url, plain title, raw (highlighted) title and summary
    HTML, and publication time."""
    found = []
    for block in _RESULT.findall(content):
        title = _TITLE.search(block)
        date = _DATE.search(block)
        summary = _SUMMARY.search(block)
        found.append(
            {
                "url": title.group(1),
                "title": html.unescape(strip_tags(title.group(2))),
                "title_html": title.group(2),
                "summary_html": summary.group(1) if summary else "",
                "published": datetime.fromisoformat(date.group(1)) if date else None,
            }
        )
    return found


def titles(content: str) -> list[str]:
    return [r["title"] for r in results(content)]


def notices(content: str) -> list[str]:
    return [html.unescape(strip_tags(n)).strip() for n in _NOTICE.findall(content)]


def add_article(channel: ChannelPage, title: str, paragraphs: list[str], published: datetime, **fields):
    """A live article under ``channel``; saving it indexes it (the search backend's
    post-save handler runs its task immediately)."""
    page = ArticlePage(
        title=title,
        body=[("paragraph", f"<p>{p}</p>") for p in paragraphs],
        live=True,
        first_published_at=published,
        last_published_at=published,
        **fields,
    )
    channel.add_child(instance=page)
    return page


def city_time(*args) -> datetime:
    return datetime(*args, tzinfo=CITY_TZ)
