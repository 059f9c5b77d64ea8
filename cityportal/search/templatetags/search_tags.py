from django import template
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from cityportal.search import highlighting

register = template.Library()

EXCERPT_WIDTH = 240


@register.filter
def highlight(text: str, terms: list[str]) -> SafeString:
    """Escapes ``text`` and wraps each match of a search term in <mark>."""
    return highlighting.highlight(text, terms or [])


@register.simple_tag
def result_summary(page) -> str:
    summary = getattr(page, "listing_summary", None)
    if callable(summary):
        return summary()
    return page.search_description or ""


@register.simple_tag
def result_excerpt(page, terms: list[str]) -> SafeString:
    """The page's text around its first match, matches marked; if only the title
    matched, the start of its summary."""
    found = highlighting.page_excerpt(page, terms or [], EXCERPT_WIDTH)
    if found is not None:
        return found
    summary = highlighting.plain_text(result_summary(page))
    return highlighting.highlight(Truncator(summary).chars(EXCERPT_WIDTH), terms or [])
