"""The questions of an FAQ page: their anchors, and which of them match a search.

Anchors are made from the words of each question ("#q-how-do-i-register-my-residence"),
so a link to a question keeps working when questions are added, removed or reordered;
two questions with the same words get "-2", "-3" in page order.

Search runs over the page's own questions and answers (an FAQ has tens, not
thousands): the query is cleaned and cut into words as site search does (jieba for
Chinese, see ``cityportal.search.segmentation``), and a question matches when every word
is found in it or its answer, English words by their stem ("visas" finds "visa"),
Chinese words anywhere in the text.
"""

from dataclasses import dataclass, field

from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cityportal.core.languages import lang_attribute
from cityportal.search.highlighting import match_spans, plain_text
from cityportal.search.views import clean_query, engine_terms

ANCHOR_MAX_LENGTH = 60
MAX_WORD_SUGGESTIONS = 5


@dataclass
class Entry:
    question: str
    answer: object  # RichText
    anchor: str
    answer_text: str

    @property
    def text(self) -> str:
        return f"{self.question} {self.answer_text}"


@dataclass
class Category:
    title: str
    anchor: str
    entries: list[Entry] = field(default_factory=list)


def make_anchor(prefix: str, text: str, used: set[str]) -> str:
    """A page-unique id from ``text``: "q-what-is-a-visa", then "q-what-is-a-visa-2"."""
    slug = slugify(text, allow_unicode=True)
    if len(slug) > ANCHOR_MAX_LENGTH:
        # Cut at a word boundary where there is one.
        cut = slug[:ANCHOR_MAX_LENGTH]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    base = f"{prefix}-{slug or 'untitled'}"
    anchor, number = base, 2
    while anchor in used:
        anchor, number = f"{base}-{number}", number + 1
    used.add(anchor)
    return anchor


def categories_of(stream) -> list[Category]:
    used: set[str] = set()
    categories = []
    for child in stream:
        if child.block_type != "category":
            continue
        title = child.value["title"]
        category = Category(title=title, anchor=make_anchor("c", title, used))
        for item in child.value["questions"]:
            answer = item["answer"]
            category.entries.append(
                Entry(
                    question=item["question"],
                    answer=answer,
                    anchor=make_anchor("q", item["question"], used),
                    answer_text=plain_text(getattr(answer, "source", answer) or ""),
                )
            )
        categories.append(category)
    return categories


def entry_matches(entry: Entry, terms: list[str]) -> bool:
    return all(match_spans(entry.text, [term]) for term in terms)


def filter_categories(categories: list[Category], terms: list[str]) -> list[Category]:
    """The categories with only their matching questions (empty ones left out)."""
    found = []
    for category in categories:
        entries = [e for e in category.entries if entry_matches(e, terms)]
        if entries:
            found.append(Category(category.title, category.anchor, entries))
    return found


def search_categories(request: HttpRequest, categories: list[Category]) -> dict:
    """Template context for the FAQ search (``?q=``) of this request."""
    context = {
        "faq_searched": False,
        "faq_query": "",
        "faq_terms": [],
        "faq_notices": [],
        "shown_categories": categories,
    }
    if "q" not in request.GET:
        return context
    query, notices = clean_query(request.GET.get("q", ""))
    context.update(faq_query=query, faq_notices=notices)
    terms = list(dict.fromkeys(engine_terms(query)))
    if not query:
        notices.append(_("Type a word or phrase to search for."))
        return context
    if not terms:
        notices.append(_("Your search has no letters or numbers in it. Try a word."))
        return context
    shown = filter_categories(categories, terms)
    suggestions = []
    if not shown and len(terms) > 1:
        for term in terms:
            count = sum(entry_matches(e, [term]) for c in categories for e in c.entries)
            if count:
                suggestions.append((term, count))
    context.update(
        faq_searched=True,
        faq_terms=terms,
        # The query echoed in sentences, marked as Chinese where it is (WCAG 3.1.2).
        faq_query_markup=format_html("<span{}>{}</span>", lang, query)
        if (lang := lang_attribute(query))
        else query,
        shown_categories=shown,
        match_count=sum(len(c.entries) for c in shown),
        word_suggestions=suggestions[:MAX_WORD_SUGGESTIONS],
    )
    return context
