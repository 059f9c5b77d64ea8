"""Chinese word segmentation for the search index and for queries.

Chinese is written without spaces, so a full-text engine that splits on spaces sees a
whole sentence as one token and never finds a word inside it. jieba cuts the text into
words; we index those words separated by spaces, and cut each query the same way, so
that "政府" is found inside "衡阳市政府门户网站". Latin text passes through unchanged.

This module depends on nothing in the project, so any app may use it.
"""

import logging
import re
import threading

import jieba

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SPACE = re.compile(r"\s+")
_lock = threading.Lock()
_ready = False


def _ensure_loaded() -> None:
    """Load jieba's dictionary once per process (it takes about a second)."""
    global _ready
    if _ready:
        return
    with _lock:
        if not _ready:
            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
            _ready = True


def warm_up() -> None:
    """Loads the dictionary now (web workers call this at start-up)."""
    _ensure_loaded()


def contains_chinese(text: str) -> bool:
    return bool(_CJK.search(text or ""))


def segment_for_index(text: str) -> str:
    """Text to store in the index: Chinese runs cut into words, in search-engine mode
    (long words also yield their shorter parts), joined by spaces."""
    if not text:
        return ""
    if not contains_chinese(text):
        return _SPACE.sub(" ", text).strip()
    _ensure_loaded()
    words = (w.strip() for w in jieba.cut_for_search(text))
    return " ".join(w for w in words if w)


def segment_query(query: str) -> str:
    """A visitor's query cut the same way as indexed text (precise mode, so that a
    query word is not split into more pieces than the index holds)."""
    if not query:
        return ""
    if not contains_chinese(query):
        return _SPACE.sub(" ", query).strip()
    _ensure_loaded()
    words = (w.strip() for w in jieba.cut(query))
    return " ".join(w for w in words if w)


def query_terms(query: str) -> list[str]:
    """The words of a query, for highlighting matches in results."""
    return [t for t in segment_query(query).split(" ") if t and (t.isalnum() or contains_chinese(t))]
