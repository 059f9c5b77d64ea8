"""Site search: every page type of the current edition, Chinese segmented with jieba.

Whatever a visitor types or puts in the address bar, the answer is a search page: input
that cannot be used as it is (too long, no words, a section or date or page number that
makes no sense) is adjusted or dropped, and a message says what happened.
"""

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import format_html, strip_tags
from django.utils.translation import gettext as _
from modelsearch.query import PlainText
from wagtail.models import Locale, Page

from cityportal.core.filters import filter_by_date_range, parse_id, read_date_range
from cityportal.core.items import parents_of
from cityportal.core.languages import lang_attribute
from cityportal.core.navigation import edition_home
from cityportal.core.pagination import paginate
from cityportal.search.segmentation import segment_query

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
SORTS = ("relevance", "date")
# Suggested single-word searches when a search of several words finds nothing.
MAX_WORD_SUGGESTIONS = 5
# A word as the full-text engine's tokenizer sees it: letters and digits. Everything
# else (quotes, *, -, parentheses, ^, :) is query syntax to the engine and is dropped.
_WORD = re.compile(r"[^\W_]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_query(raw: str) -> tuple[str, list[str]]:
    """The query as the visitor meant it, and messages about anything changed."""
    notices = []
    query = " ".join(_CONTROL.sub(" ", raw).split())
    text = " ".join(strip_tags(query).split())
    if text != query:
        # Pasted markup: the visitor meant the words, not the tags.
        notices.append(
            _("Your search contained HTML tags. They were removed and only the text was searched.")
        )
        query = text
    if len(query) > MAX_QUERY_LENGTH:
        cut = query[:MAX_QUERY_LENGTH]
        if query[MAX_QUERY_LENGTH] != " " and " " in cut:
            # Do not search for half a word.
            cut = cut.rsplit(" ", 1)[0]
        query = cut.strip()
        notices.append(
            _("Your search was longer than %(max)d characters, so only the start of it was used.")
            % {"max": MAX_QUERY_LENGTH}
        )
    return query, notices


def engine_terms(query: str) -> list[str]:
    """Words for the search engine: segmented like the index, punctuation and operator
    characters dropped, so that no input can break the engine's query syntax."""
    return _WORD.findall(segment_query(query))


def engine_query(query: str) -> str:
    return " ".join(engine_terms(query))


def read_section(request: HttpRequest, sections, filters: dict, notices: list[str]) -> None:
    raw = request.GET.get("section", "").strip()
    if not raw:
        return
    number = parse_id(raw)
    section = sections.filter(pk=number).first() if number is not None else None
    if section is None:
        notices.append(_("The chosen section does not exist, so the whole site was searched."))
    else:
        filters["section"] = section


def search(request: HttpRequest) -> HttpResponse:
    query, notices = clean_query(request.GET.get("q", ""))
    sort = request.GET.get("sort", "relevance")
    if sort not in SORTS:
        notices.append(_("Results can be sorted by relevance or by date; relevance is used."))
        sort = "relevance"

    home = edition_home(request)
    sections = (
        Page.objects.live().public().in_menu().child_of(home).filter(numchild__gt=0)
        if home
        else Page.objects.none()
    )
    filters: dict = {}
    read_section(request, sections, filters, notices)
    read_date_range(request, filters, notices)

    terms = engine_terms(query)
    listing = None
    if not query:
        if "q" in request.GET:
            notices.append(_("Type a word or phrase to search for."))
    elif not terms:
        notices.append(_("Your search has no letters or numbers in it. Try a word."))
    else:
        pages = Page.objects.live().public().filter(locale=Locale.get_active())
        if home is not None:
            pages = pages.descendant_of(filters.get("section", home), inclusive=True)
        pages = filter_by_date_range(pages, filters)
        if sort == "date":
            pages = pages.order_by("-first_published_at", "-id")
        results = pages.search(
            PlainText(" ".join(terms), operator="and"), order_by_relevance=(sort == "relevance")
        )
        listing = paginate(results, request.GET.get("page"), RESULTS_PER_PAGE)
        found = [p.specific for p in listing.page.object_list]
        # Each result names where it is listed: all the parents in one query.
        parents = parents_of(found, "title")
        for page in found:
            page.listed_in = parents[page.pk]
        listing.page.object_list = found

    params = request.GET.copy()
    params.pop("page", None)
    unique_terms = list(dict.fromkeys(terms))
    return render(
        request,
        "search/search.html",
        {
            "search_query": query,
            # The query echoed in sentences, marked as Chinese where it is (WCAG 3.1.2).
            "query_markup": format_html("<span{}>{}</span>", lang, query)
            if (lang := lang_attribute(query))
            else query,
            "listing": listing,
            "notices": notices,
            "sort": sort,
            "sections": sections,
            "filters": filters,
            "query_string": params.urlencode(),
            "highlight_terms": unique_terms,
            "word_suggestions": unique_terms[:MAX_WORD_SUGGESTIONS] if len(unique_terms) > 1 else [],
        },
    )
