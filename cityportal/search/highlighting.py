"""Where a result matches a query: excerpts around the first match, with every match
wrapped in <mark> and everything else HTML-escaped.

Matching follows the index: a Chinese query word (as cut by jieba) is found anywhere
inside Chinese text, since Chinese has no spaces to mark word edges; an English word
matches words with the same Porter stem ("investments" marks "investment"), computed by
the very stemmer SQLite's index uses (see ``porter_stems``).
"""

import html
import re
import sqlite3
import threading
from collections.abc import Iterable

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from cityportal.search.segmentation import contains_chinese

# A word as FTS5's unicode61 tokenizer sees it (letters and digits), with Chinese runs
# left out: jieba, not the tokenizer, decides where Chinese words are.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_LATIN_WORD = re.compile(rf"[^\W_{_CJK}]+")
_SPACE = re.compile(r"\s+")
ELLIPSIS = "…"

_local = threading.local()
_stem_cache: dict[str, str] = {}
_STEM_CACHE_LIMIT = 50_000


def _stemmer() -> sqlite3.Connection | None:
    """A private in-memory SQLite database per thread, holding an FTS5 table with the
    index's tokenizer; None where this SQLite build has no FTS5."""
    if not hasattr(_local, "connection"):
        connection = sqlite3.connect(":memory:")
        try:
            connection.execute(
                "CREATE VIRTUAL TABLE temp.words USING fts5(word, tokenize='porter unicode61')"
            )
            connection.execute("CREATE VIRTUAL TABLE temp.stems USING fts5vocab(temp, words, 'instance')")
        except sqlite3.OperationalError:
            connection.close()
            connection = None
        _local.connection = connection
    return _local.connection


def porter_stems(words: Iterable[str]) -> dict[str, str]:
    """Each word's Porter stem, lowercased and without diacritics, as SQLite's
    ``porter unicode61`` tokenizer stores it. Without FTS5, the lowercased word."""
    stems: dict[str, str] = {}
    missing = []
    for word in {w for w in words if w}:
        # Read each word once: another thread may clear the cache meanwhile.
        stem = _stem_cache.get(word)
        if stem is None:
            missing.append(word)
        else:
            stems[word] = stem
    if missing:
        connection = _stemmer()
        found: dict[str, str] = {}
        if connection is not None:
            with connection:
                connection.executemany(
                    "INSERT INTO temp.words(rowid, word) VALUES (?, ?)", enumerate(missing, 1)
                )
                for doc, term in connection.execute(
                    "SELECT doc, term FROM temp.stems WHERE offset = 0"
                ).fetchall():
                    found[missing[doc - 1]] = term
                connection.execute("DELETE FROM temp.words")
        if len(_stem_cache) > _STEM_CACHE_LIMIT:
            _stem_cache.clear()
        for word in missing:
            stems[word] = _stem_cache[word] = found.get(word, word.lower())
    return stems


def match_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of every match of the query ``terms`` in ``text``, in order,
    overlapping matches merged."""
    terms = [t for t in terms if t]
    spans: list[tuple[int, int]] = []
    for term in {t for t in terms if contains_chinese(t)}:
        spans.extend(m.span() for m in re.finditer(re.escape(term), text))
    latin_terms = {t for t in terms if not contains_chinese(t)}
    if latin_terms:
        wanted = set(porter_stems(latin_terms).values()) | {t.lower() for t in latin_terms}
        words = list(_LATIN_WORD.finditer(text))
        stems = porter_stems(m.group(0) for m in words)
        spans.extend(m.span() for m in words if stems[m.group(0)] in wanted or m.group(0).lower() in wanted)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans: list[tuple[int, int]]) -> SafeString:
    out, position = [], 0
    for start, end in spans:
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above


def highlight(text: str, terms: Iterable[str]) -> SafeString:
    """``text`` HTML-escaped, with each match of ``terms`` wrapped in <mark>."""
    text = text or ""
    return _marked(text, match_spans(text, terms))


def plain_text(value: str) -> str:
    """Readable text of a stored value that may hold HTML (rich text), on one line."""
    return _SPACE.sub(" ", html.unescape(strip_tags(value or ""))).strip()


def excerpt(text: str, terms: Iterable[str], width: int = 240) -> SafeString | None:
    """About ``width`` characters of ``text`` around its first match, highlighted,
    with an ellipsis where text was cut; None if ``text`` does not match."""
    text = plain_text(text)
    spans = match_spans(text, terms)
    if not spans:
        return None
    first = spans[0][0]
    start = max(0, first - width // 4)
    if start > 0:
        # Begin at a word (in spaced scripts): just after the next space, if near.
        space = text.find(" ", start, min(first, start + 20))
        start = space + 1 if space != -1 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", max(spans[0][1], end - 20), end)
        end = space if space != -1 else end
    inside = [(max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start]
    body = _marked(text[start:end], inside)
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    return mark_safe(f"{prefix}{body}{suffix}")  # noqa: S308 - body is escaped by _marked


def page_excerpt(page, terms: list[str], width: int = 240) -> SafeString | None:
    """An excerpt around the first match in the page's searchable text other than its
    title (description, summary, source, body... in the page's own order)."""
    parts_of = getattr(page, "get_search_text_parts", None)
    parts = parts_of()[1:] if callable(parts_of) else [page.search_description]
    for part in parts:
        found = excerpt(part, terms, width)
        if found is not None:
            return found
    return None
