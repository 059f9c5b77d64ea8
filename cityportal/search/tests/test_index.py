"""The search index itself: the SQLite FTS5 table with the Porter stemmer, kept in step
with the index entries by triggers, and pages indexed as they are saved."""

import pytest
from django.db import connection
from modelsearch.query import PlainText
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from cityportal.demo import reference_article as ref
from cityportal.search.views import engine_query

from .helpers import add_article, city_time

pytestmark = pytest.mark.django_db

FTS_TABLE = "wagtailsearch_indexentry_fts"


def found(query: str) -> list[Page]:
    """Live pages the search backend finds for a visitor's query (segmented like the
    search page does), best first."""
    return list(Page.objects.live().search(PlainText(engine_query(query), operator="and")))


def sqlite_master(kind: str, name: str) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = %s AND name = %s", [kind, name])
        row = cursor.fetchone()
    return row[0] if row else None


@pytest.fixture
def sqlite_fts():
    if connection.vendor != "sqlite":
        pytest.fail("These tests describe the SQLite index; run the suite on SQLite.")
    assert type(get_search_backend()).__name__ == "SQLiteSearchBackend"


def test_fts_table_uses_the_porter_stemmer(sqlite_fts):
    sql = sqlite_master("table", FTS_TABLE)
    assert "tokenize='porter unicode61'" in sql
    assert "fts5(autocomplete, body, title" in sql


@pytest.mark.parametrize("action", ["insert", "update", "delete"])
def test_triggers_keep_the_fts_table_in_step(sqlite_fts, action):
    sql = sqlite_master("trigger", f"{action}_wagtailsearch_indexentry_fts")
    assert sql is not None
    assert f"AFTER {action.upper()} ON wagtailsearch_indexentry" in sql


def test_fts_table_holds_every_index_entry(sqlite_fts):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {FTS_TABLE}")  # noqa: S608 - constant name
        in_fts = cursor.fetchone()[0]
        cursor.execute("SELECT COUNT(*) FROM wagtailsearch_indexentry")
        entries = cursor.fetchone()[0]
    assert entries > 250
    assert in_fts == entries


@pytest.mark.parametrize(
    ("query", "text_says"),
    [
        ("investments", "investment"),
        ("invest", "investment"),
        ("coordinating", "coordinate"),
        ("coordinated", "coordinate"),
        ("enterprise", "enterprises"),
        ("cooperating", "cooperation"),
    ],
)
def test_english_words_match_by_stem(sqlite_fts, reference_article, query, text_says):
    assert query not in ref.TITLE.split() + " ".join(ref.PARAGRAPHS).split()
    assert text_says in ref.TITLE + " ".join(ref.PARAGRAPHS)
    assert reference_article.pk in [p.pk for p in found(query)]


def test_unrelated_word_does_not_match(sqlite_fts, reference_article):
    assert reference_article.pk not in [p.pk for p in found("investigation")]


@pytest.mark.parametrize("query", ["衡阳", "衡阳市", "政府", "门户网站", "衡阳市政府门户网站"])
def test_chinese_words_still_match_with_the_stemmer(sqlite_fts, reference_article, query):
    assert reference_article.pk in [p.pk for p in found(query)]


def test_new_page_is_indexed_when_saved_and_removed_when_deleted(hot_news):
    assert found("quokkaberry") == []
    page = add_article(hot_news, "Quokkaberry festival", ["Tasting quokkaberries."], city_time(2024, 4, 1))
    assert [p.pk for p in found("quokkaberry")] == [page.pk]
    assert [p.pk for p in found("quokkaberries")] == [page.pk]
    page.delete()
    assert found("quokkaberry") == []


def test_edited_text_is_reindexed(hot_news):
    page = add_article(hot_news, "Ferry timetable", ["Departures at nine."], city_time(2024, 4, 2))
    assert [p.pk for p in found("ferry")] == [page.pk]
    assert found("hovercraft") == []
    page.title = "Hovercraft timetable"
    page.save()
    assert [p.pk for p in found("hovercraft")] == [page.pk]
    assert found("ferry") == []


def test_admin_autocomplete_still_finds_whole_words_and_short_prefixes(sqlite_fts, reference_article):
    """Wagtail's admin searches the same table as you type (the last word as a prefix).
    With the stemmer a prefix matches while it is no longer than the word's stem."""
    for typed in ["Yueg", "Yuegao", "Liu Yuegao", "coordinate", "coordin", "invest", "investment"]:
        pks = [p.pk for p in Page.objects.autocomplete(typed)]
        assert reference_article.pk in pks, typed
