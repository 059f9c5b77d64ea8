"""The search page as visitors use it, against the demo site indexed in the test
database (the real search backend: SQLite FTS5 with the Porter stemmer)."""

import re

import pytest
from django.db import connection
from wagtail.models import Page

from cityportal.demo import reference_article as ref
from cityportal.news.models import SectionPage
from cityportal.search.views import MAX_QUERY_LENGTH, RESULTS_PER_PAGE

from .helpers import add_article, city_time, notices, results, search, titles

pytestmark = pytest.mark.django_db


# The form and the simplest searches


def test_search_page_without_query_shows_the_form_only(client):
    response, content = search(client)
    assert 'name="q"' in content
    assert notices(content) == []
    assert results(content) == []
    assert "No results" not in content


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_empty_query_asks_for_a_word(client, query):
    _, content = search(client, q=query)
    assert "Type a word or phrase to search for." in notices(content)
    assert results(content) == []


def test_english_word_finds_the_reference_article(client, reference_article):
    _, content = search(client, q="coordinate")
    assert ref.TITLE in titles(content)
    assert re.search(r"\d+ results? for “coordinate”", content)


def test_each_result_names_where_it_is_listed(client, reference_article):
    from bs4 import BeautifulSoup

    _, content = search(client, q="coordinate")
    blocks = BeautifulSoup(content, "html.parser").select(".search-result")
    reference = next(b for b in blocks if ref.TITLE in b.get_text())
    assert reference.select_one(".search-result__meta span").get_text() == "Hot News"
    assert all(b.select_one(".search-result__meta span").get_text().strip() for b in blocks)


def test_search_covers_every_page_type(client):
    """Sections, channels and the all-documents list are pages too."""
    _, content = search(client, q="tourism")
    found = {r["url"] for r in results(content)}
    tourism = SectionPage.objects.get(slug="tourism")
    assert tourism.url in found
    _, content = search(client, q="hot news")
    assert "Hot News" in titles(content)


# English stemming


@pytest.mark.parametrize("query", ["investments", "coordinating", "Investing", "promoted", "cooperations"])
def test_english_query_matches_other_forms_of_the_word(client, reference_article, query):
    """The article says "investment", "coordinate", "promote", "cooperation"."""
    _, content = search(client, q=query)
    assert ref.TITLE in titles(content), query


def test_stemmed_match_is_highlighted(client, reference_article):
    _, content = search(client, q="investments")
    result = next(r for r in results(content) if r["title"] == ref.TITLE)
    assert "<mark>investment</mark>" in result["title_html"]
    assert "<mark>investment</mark>" in result["summary_html"]


# Chinese


def test_chinese_word_inside_the_source_name_is_found(client, reference_article):
    """The reference article's source is 衡阳市政府门户网站 ("Hengyang municipal
    government portal website"), one unbroken run of characters."""
    for word in ["政府", "门户网站", "衡阳市政府门户网站"]:
        _, content = search(client, q=word)
        assert ref.TITLE in titles(content), word


def test_chinese_word_inside_a_sentence_is_found_and_highlighted(client, hot_news):
    page = add_article(
        hot_news,
        "湘江风光带绿道建设",
        ["衡阳市今年重点推进湘江风光带绿道建设，方便市民骑行和散步。"],
        city_time(2024, 5, 10, 9, 0),
    )
    _, content = search(client, q="骑行")
    found = [r for r in results(content) if r["url"] == page.url]
    assert len(found) == 1
    assert "方便市民<mark>骑行</mark>和散步" in found[0]["summary_html"]


def test_chinese_highlight_inside_chinese_text(client, reference_article):
    _, content = search(client, q="政府")
    result = next(r for r in results(content) if r["title"] == ref.TITLE)
    assert "衡阳市<mark>政府</mark>门户网站" in result["summary_html"]


# Excerpts


def test_excerpt_is_taken_around_the_first_match_not_the_start(client, reference_article):
    """The name Suohui first appears in the seventh paragraph."""
    _, content = search(client, q="Suohui")
    result = next(r for r in results(content) if r["title"] == ref.TITLE)
    summary = result["summary_html"]
    assert "<mark>Suohui</mark>" in summary
    assert summary.startswith("…")
    assert "From May 15th" not in summary


# Filters


def test_section_filter_keeps_results_inside_the_section(client):
    investment = SectionPage.objects.get(slug="investment")
    _, everywhere = search(client, q="sample")
    _, inside = search(client, q="sample", section=str(investment.pk))
    inside_urls = [r["url"] for r in results(inside)]
    assert inside_urls
    assert all(url.startswith(investment.url) for url in inside_urls)
    assert any(not r["url"].startswith(investment.url) for r in results(everywhere))
    assert f'<option value="{investment.pk}" selected>' in inside


@pytest.mark.parametrize("section", ["abc", "-1", "99999999999999999999999999", "²", "0x10", "1.5"])
def test_unknown_section_searches_the_whole_site_with_a_message(client, reference_article, section):
    _, content = search(client, q="coordinate", section=section)
    assert "The chosen section does not exist, so the whole site was searched." in notices(content)
    assert ref.TITLE in titles(content)


def test_page_that_is_not_a_section_is_refused_as_section(client, reference_article, hot_news):
    _, content = search(client, q="coordinate", section=str(hot_news.pk))
    assert "The chosen section does not exist, so the whole site was searched." in notices(content)


def test_date_range_keeps_items_published_within_it(client, reference_article):
    # The reference article is dated 2024-05-18; every sample item is older.
    _, on_the_day = search(client, q="investment", date_from="2024-05-18", date_to="2024-05-18")
    assert titles(on_the_day) == [ref.TITLE]
    _, before = search(client, q="investment", date_to="2024-05-17")
    assert ref.TITLE not in titles(before)
    _, before = search(client, q="sample", date_to="2024-05-17")
    assert titles(before)
    assert all(r["published"].date().isoformat() <= "2024-05-17" for r in results(before))


@pytest.mark.parametrize(
    "value", ["2024-13-45", "yesterday", "18/05/2024", "2024-05-18'; DROP TABLE x", "9" * 300]
)
def test_malformed_date_is_ignored_with_a_message(client, reference_article, value):
    _, content = search(client, q="coordinate", date_from=value)
    message = notices(content)[0]
    assert "is not a date like 2024-05-18, so it was not used." in message
    assert ref.TITLE in titles(content)
    assert 'name="date_from" value=""' in content


def test_reversed_date_range_is_swapped_with_a_message(client, reference_article):
    _, content = search(client, q="investment", date_from="2024-05-19", date_to="2024-05-18")
    assert "The start date was after the end date, so the two were swapped." in notices(content)
    assert titles(content) == [ref.TITLE]
    assert 'name="date_from" value="2024-05-18"' in content
    assert 'name="date_to" value="2024-05-19"' in content


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "0001-01-01"},
        {"date_to": "9999-12-31"},
        {"date_from": "0001-01-01", "date_to": "9999-12-31"},
    ],
)
def test_far_away_dates_still_search(client, reference_article, params):
    """0001-01-01 at midnight in the city (UTC+8) is before the first moment a
    datetime can hold in UTC: such bounds exclude nothing and must not fail."""
    _, content = search(client, q="coordinate", **params)
    assert ref.TITLE in titles(content)
    assert notices(content) == []


# Sorting


@pytest.fixture
def two_matches(hot_news):
    """An older page that mentions the word everywhere and a newer one that mentions it
    once at the end of a long text."""
    word = "zephyrine"
    older = add_article(
        hot_news,
        f"Zephyrine bridge: zephyrine lights on the {word} river",
        [f"The {word} bridge. {word.title()} lights, {word} walks."],
        city_time(2023, 1, 5, 10, 0),
    )
    newer = add_article(
        hot_news,
        "Weekly notes on city works",
        ["Road repairs continue on several streets across the districts of the city. " * 8 + word],
        city_time(2024, 3, 1, 10, 0),
    )
    return word, older, newer


def test_sort_by_relevance_puts_the_best_match_first(client, two_matches):
    word, older, newer = two_matches
    _, content = search(client, q=word)
    assert [r["url"] for r in results(content)] == [older.url, newer.url]


def test_sort_by_date_puts_the_newest_first(client, two_matches):
    word, older, newer = two_matches
    _, content = search(client, q=word, sort="date")
    assert [r["url"] for r in results(content)] == [newer.url, older.url]
    assert '<option value="date" selected>' in content


def test_sort_by_date_orders_every_result_page(client):
    _, first = search(client, q="sample", sort="date")
    _, second = search(client, q="sample", sort="date", page="2")
    dates = [r["published"] for r in results(first) + results(second)]
    assert len(dates) == 2 * RESULTS_PER_PAGE
    assert dates == sorted(dates, reverse=True)


def test_unknown_sort_falls_back_to_relevance_with_a_message(client, reference_article):
    _, content = search(client, q="coordinate", sort="random()")
    assert "Results can be sorted by relevance or by date; relevance is used." in notices(content)
    assert ref.TITLE in titles(content)


# Pagination


def test_second_page_shows_the_next_results(client):
    _, first = search(client, q="sample")
    _, second = search(client, q="sample", page="2")
    first_urls = [r["url"] for r in results(first)]
    second_urls = [r["url"] for r in results(second)]
    assert len(first_urls) == len(second_urls) == RESULTS_PER_PAGE
    assert not set(first_urls) & set(second_urls)
    assert '<ol class="search-results" start="11">' in second
    assert 'aria-current="page" aria-label="Page 2">2</a>' in second
    assert "q=sample&amp;page=3" in second


@pytest.mark.parametrize("page", ["abc", "1.5", "２x", "9" * 5000])
def test_non_numeric_page_shows_the_first_page_with_a_message(client, page):
    _, content = search(client, q="sample", page=page)
    assert any("is not a page number, so the first page is shown." in n for n in notices(content))
    assert '<ol class="search-results" start="1">' in content


@pytest.mark.parametrize("page", ["0", "-3"])
def test_page_below_one_shows_the_first_page_with_a_message(client, page):
    _, content = search(client, q="sample", page=page)
    assert "Page numbers start at 1, so the first page is shown." in notices(content)
    assert '<ol class="search-results" start="1">' in content


@pytest.mark.parametrize("page", ["9999", "99999999999999999999999999"])
def test_page_beyond_the_last_shows_the_last_page_with_a_message(client, page):
    _, content = search(client, q="sample")
    count = int(re.search(r"(\d+) results for", content).group(1))
    last = -(-count // RESULTS_PER_PAGE)
    _, content = search(client, q="sample", page=page)
    assert f"There are only {last} pages, so the last page is shown." in notices(content)
    assert f'start="{(last - 1) * RESULTS_PER_PAGE + 1}"' in content
    assert results(content)


# Awkward input


def test_thousand_character_query_is_shortened_with_a_message(client, reference_article):
    query = ("investment " * 91)[:1000]
    assert len(query) == 1000
    response, content = search(client, q=query)
    assert (
        f"Your search was longer than {MAX_QUERY_LENGTH} characters, so only the start of it was used."
        in notices(content)
    )
    used = response.context["search_query"]
    assert len(used) <= MAX_QUERY_LENGTH
    assert used.split() == ["investment"] * len(used.split())  # no half word at the end
    assert ref.TITLE in titles(content)


def test_thousand_character_chinese_query_is_shortened(client):
    response, content = search(client, q="政府" * 500)
    assert len(response.context["search_query"]) == MAX_QUERY_LENGTH
    assert any("longer than" in n for n in notices(content))


HTML_NOTICE = "Your search contained HTML tags. They were removed and only the text was searched."


def test_html_tags_in_the_query_are_removed_with_a_message(client):
    response, content = search(client, q="<script>alert(1)</script>")
    assert HTML_NOTICE in notices(content)
    assert response.context["search_query"] == "alert(1)"
    assert "<script>alert" not in content
    assert "&lt;script&gt;" not in content  # not even echoed as text


def test_html_around_a_word_still_finds_it(client, reference_article):
    _, content = search(client, q='<b onmouseover="x()">coordinate</b>')
    assert HTML_NOTICE in notices(content)
    assert ref.TITLE in titles(content)
    assert "onmouseover" not in content


def test_only_html_tags_asks_for_a_word(client):
    _, content = search(client, q="<img src=x onerror=alert(1)>")
    assert HTML_NOTICE in notices(content)
    assert "Type a word or phrase to search for." in notices(content)
    assert "onerror" not in content


def test_markup_characters_that_are_not_tags_are_escaped(client):
    query = '<3 & "quotes" > 2'
    response, content = search(client, q=query)
    assert response.context["search_query"] == query
    assert HTML_NOTICE not in notices(content)
    assert "No results for “&lt;3 &amp; &quot;quotes&quot; &gt; 2”." in content
    assert 'value="&lt;3 &amp; &quot;quotes&quot; &gt; 2"' in content
    assert "<3 &" not in content


def test_sql_like_query_changes_nothing(client):
    pages_before = Page.objects.count()
    _, content = search(client, q="' OR 1=1; DROP TABLE wagtailcore_page; --")
    assert "No results for" in content or results(content)
    assert len(results(content)) < pages_before
    assert Page.objects.count() == pages_before
    assert "wagtailcore_page" in connection.introspection.table_names()


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "*",
        "NEAR(",
        "AND",
        "-",
        '"investment',
        "investment*",
        "NOT investment",
        "investment OR",
        "-investment",
        "NEAR(investment coordinate, 5)",
        "title:investment",
        "{title body}: coordinate",
        "^investment",
        "(investment",
        "investment)",
        "a_b",
        "_",
        "'; --",
        "\\",
        "\x00investment",
        "😀",
        "，。",
    ],
)
def test_engine_operators_and_odd_characters_never_break_the_search(client, query):
    _, content = search(client, q=query)
    outcome = (
        results(content)
        or "No results for" in content
        or "Your search has no letters or numbers in it. Try a word." in notices(content)
    )
    assert outcome, query


def test_operator_words_are_searched_as_plain_words(client, reference_article):
    _, content = search(client, q='"coordinate" AND investment*')
    assert ref.TITLE in titles(content)


def test_only_punctuation_says_to_try_a_word(client):
    _, content = search(client, q='"*-()')
    assert "Your search has no letters or numbers in it. Try a word." in notices(content)
    assert results(content) == []


# No results


def test_no_results_says_so_and_suggests_what_to_try(client):
    _, content = search(client, q="xylophonist")
    assert "No results for “xylophonist”." in content
    assert "You could try:" in content
    assert "checking the spelling of the words;" in content
    assert "browsing the menu above." in content
    assert results(content) == []


def test_no_results_for_several_words_suggests_each_word(client):
    _, content = search(client, q="investment xylophonist")
    assert "No results for “investment xylophonist”." in content
    assert "searching for fewer words, for example just:" in content
    assert '<a href="/en/search/?q=investment">investment</a>' in content
    assert '<a href="/en/search/?q=xylophonist">xylophonist</a>' in content


def test_no_results_with_filters_suggests_dropping_them(client, reference_article):
    investment = SectionPage.objects.get(slug="investment")
    _, content = search(client, q="coordinate", section=str(investment.pk))
    assert ref.TITLE not in titles(content)
    assert "No results for “coordinate”." in content
    assert '<a href="/en/search/?q=coordinate">searching the whole site without filters;</a>' in content


def test_chinese_interface_search_page_works(client):
    response = client.get("/zh-hans/search/", {"q": "政府", "page": "x", "date_from": "bad"})
    assert response.status_code == 200
    assert response.context["search_query"] == "政府"
    assert len(notices(response.content.decode())) == 2


@pytest.mark.django_db
def test_a_chinese_query_echoed_on_an_english_page_is_marked_as_chinese(client):
    html = client.get("/en/search/", {"q": "政府"}).content.decode()
    assert '“<span lang="zh-Hans">政府</span>”' in html
    assert 'value="政府" maxlength="1000" lang="zh-Hans"' in html
