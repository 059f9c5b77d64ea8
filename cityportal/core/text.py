"""Plain text out of rich text, for search indexes, summaries and meta descriptions."""

import re
from collections.abc import Iterable

from django.utils.html import strip_tags
from django.utils.translation import pgettext

# Where one block of rich text ends: the words on either side belong to different blocks.
BLOCK_END = re.compile(r"(</(?:p|li|h[1-6]|div|blockquote)>|<br\s*/?>)", re.IGNORECASE)


def plain_text(html: str | None) -> str:
    """The text of rich text with one space between blocks and words. strip_tags alone
    glues "<li>Passport</li><li>Photo</li>" into "PassportPhoto", a word nobody searches for."""
    return " ".join(strip_tags(BLOCK_END.sub(r"\1 ", html or "")).split())


def join_list(items: Iterable[str]) -> str:
    """Items of a list inside a sentence, separated as the language does it ("a, b" in
    English, "a、b" in Chinese)."""
    return pgettext("separator between the items of a list", ", ").join(items)
