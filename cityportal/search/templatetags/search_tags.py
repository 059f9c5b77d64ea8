import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def highlight(text: str, terms: list[str]) -> SafeString:
    """Escapes ``text`` and wraps each occurrence of a search term in <mark>."""
    escaped = escape(text or "")
    words = sorted({escape(t) for t in terms or [] if t}, key=len, reverse=True)
    if not words:
        return mark_safe(escaped)  # noqa: S308 - escaped above
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped))  # noqa: S308


@register.simple_tag
def result_summary(page) -> str:
    summary = getattr(page, "listing_summary", None)
    if callable(summary):
        return summary()
    return page.search_description or ""
