"""Site search: every page type of the current edition, Chinese segmented with jieba."""

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from modelsearch.query import PlainText
from wagtail.models import Locale, Page

from cityportal.core.filters import filter_by_date_range, read_date_range
from cityportal.core.navigation import edition_home
from cityportal.core.pagination import paginate
from cityportal.search.segmentation import segment_query

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
SORTS = ("relevance", "date")
_WORD = re.compile(r"\w+", re.UNICODE)


def clean_query(raw: str) -> tuple[str, list[str]]:
    """The query as the visitor meant it, and messages about anything changed."""
    notices = []
    query = " ".join(raw.split())
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH]
        notices.append(
            _("Your search was longer than %(max)d characters, so only the start of it was used.")
            % {"max": MAX_QUERY_LENGTH}
        )
    return query, notices


def engine_query(query: str) -> str:
    """Words for the search engine: segmented like the index, punctuation and operator
    characters dropped, so that no input can break the engine's query syntax."""
    return " ".join(_WORD.findall(segment_query(query)))


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
    raw_section = request.GET.get("section", "").strip()
    if raw_section:
        section = sections.filter(pk=int(raw_section)).first() if raw_section.isdigit() else None
        if section is None:
            notices.append(_("The chosen section does not exist, so the whole site was searched."))
        else:
            filters["section"] = section
    read_date_range(request, filters, notices)

    words = engine_query(query)
    listing = None
    if not query:
        if "q" in request.GET:
            notices.append(_("Type a word or phrase to search for."))
    elif not words:
        notices.append(_("Your search has no letters or numbers in it. Try a word."))
    else:
        pages = Page.objects.live().public().filter(locale=Locale.get_active())
        if home is not None:
            pages = pages.descendant_of(filters.get("section", home), inclusive=True)
        pages = filter_by_date_range(pages, filters)
        if sort == "date":
            pages = pages.order_by("-first_published_at")
        results = pages.search(PlainText(words, operator="and"), order_by_relevance=(sort == "relevance"))
        listing = paginate(results, request.GET.get("page"), RESULTS_PER_PAGE)
        listing.page.object_list = [p.specific for p in listing.page.object_list]

    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "listing": listing,
            "notices": notices,
            "sort": sort,
            "sections": sections,
            "filters": filters,
            "query_string": params.urlencode(),
            "highlight_terms": words.split(),
        },
    )
