"""Removing personal data from what "Letters and replies" publishes.

The published copy never carries the name, email address or phone number fields. People
also write such things into the text itself ("I am Zhang Wei, call me on 138 ..."), so
the writer's own name, email and phone are replaced wherever they occur, and so is
anything that looks like an email address, a phone number or a Chinese identity card
number. Staff see the published copy before approving the reply (docs/mailbox.md).
"""

import re

from django.utils.translation import gettext as _

# ASCII only: \w would also take the Chinese words written right before an address.
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
# 18-character identity numbers (17 digits and a digit or X) and any run of 7 or more
# digits, possibly broken by spaces, dashes, dots or brackets, with an optional +.
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
PHONE = re.compile(r"(?<![0-9A-Za-z+])\+?\(?\d(?:[\d ().\-]{5,}\d)(?![0-9A-Za-z])")
# Dates (2024-05-18, 2024.5.18, 2024/05/18) have enough digits but are not phones.
DATE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}")
MIN_NAME_LENGTH = 2


def removed_mark() -> str:
    return _("[personal data removed]")


def _count_digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def redact(text: str, *, name: str = "", email: str = "", phone: str = "") -> str:
    """``text`` with the writer's contact details and anything like them replaced."""
    if not text:
        return ""
    mark = removed_mark()
    for value in sorted({v.strip() for v in (email, phone, name) if v and v.strip()}, key=len, reverse=True):
        if len(value) >= MIN_NAME_LENGTH:
            text = re.sub(re.escape(value), mark, text, flags=re.IGNORECASE)
    # A Western name may appear as its parts ("Mr Smith"): each capitalised part of three
    # letters or more, matched as a whole word with its capital (so "Park" in a name does
    # not take "industrial park" with it).
    for part in (name or "").split():
        if len(part) >= 3 and part[:1].isupper():
            text = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", mark, text)
    text = EMAIL.sub(mark, text)
    text = ID_NUMBER.sub(mark, text)

    def phone(match: re.Match) -> str:
        found = match.group(0)
        if _count_digits(found) < 7 or DATE.fullmatch(found.strip()):
            return found
        return mark

    return PHONE.sub(phone, text)
