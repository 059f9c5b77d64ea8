"""Marking text that is in another language than the page around it."""

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from cityportal.search.segmentation import contains_chinese


def lang_attribute(text: str) -> SafeString | str:
    """` lang="zh-Hans"` for Chinese text shown in another edition (e.g. a Chinese source on
    an English page), so screen readers switch pronunciation (WCAG 3.1.2); else nothing."""
    if contains_chinese(str(text or "")) and not (get_language() or "").startswith("zh"):
        return mark_safe(' lang="zh-Hans"')
    return ""
