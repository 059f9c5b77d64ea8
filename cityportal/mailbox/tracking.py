"""Tracking numbers and query codes.

A tracking number (``20240518-0007``) says on which day (city time) a letter arrived and
its place in that day's count; it is not secret. The query code is: 12 random characters
from an alphabet without look-alikes (0/O, 1/I/L), about 59 bits, drawn with ``secrets``
and unrelated to the number. Only a salted SHA-256 hash of it is stored; a random code of
that length needs no slow password hash. Comparisons are constant-time, and a number
that does not exist costs the same hashing as a wrong code for one that does.
"""

import hashlib
import hmac
import re
import secrets
from datetime import date

from django.db import transaction
from django.db.models import F

from cityportal.mailbox.models import DailySequence, Letter

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12
CODE_GROUP = 4
HASH_SCHEME = "sha256"
_NUMBER = re.compile(r"^(\d{8})-?(\d{4,6})$")
# A hash of a code nobody has, compared when a tracking number is unknown so that the
# answer takes as long as for a known number with a wrong code.
_DUMMY_HASH = f"{HASH_SCHEME}$0000000000000000${'0' * 64}"


def next_tracking_number(day: date) -> str:
    """The next number of ``day``. Must run inside the transaction that stores the
    letter: the day's counter row stays locked until it commits (PostgreSQL), and SQLite
    in IMMEDIATE mode lets one writer at a time in, so no two letters share a number."""
    assert transaction.get_connection().in_atomic_block, "call inside the letter's transaction"
    DailySequence.objects.select_for_update().get_or_create(day=day)
    DailySequence.objects.filter(day=day).update(last=F("last") + 1)
    number = DailySequence.objects.get(day=day).last
    return f"{day:%Y%m%d}-{number:04d}"


def new_query_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """``K7QM3XPD9T2R`` -> ``K7QM-3XPD-9T2R``, easier to copy by hand."""
    return "-".join(code[i : i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))


def normalize_code(typed: str) -> str:
    """What a person typed, as the code is stored: dashes and spaces dropped, capitals."""
    return re.sub(r"[\s\-]", "", typed or "").upper()[:64]


def normalize_number(typed: str) -> str:
    """A typed tracking number in its stored form, or "" if it cannot be one."""
    match = _NUMBER.match(re.sub(r"\s", "", typed or "")[:30])
    return f"{match.group(1)}-{match.group(2)}" if match else ""


def hash_code(code: str, salt: str | None = None) -> str:
    salt = salt or secrets.token_hex(8)
    digest = hashlib.sha256(f"{salt}:{normalize_code(code)}".encode()).hexdigest()
    return f"{HASH_SCHEME}${salt}${digest}"


def code_matches(code: str, stored: str) -> bool:
    try:
        scheme, salt, _digest = stored.split("$", 2)
    except ValueError:
        scheme, salt = "", "0"
    candidate = hash_code(code, salt)
    return hmac.compare_digest(candidate.encode(), stored.encode()) and scheme == HASH_SCHEME


def find_letter(number: str, code: str) -> Letter | None:
    """The letter with this number if the code is its own; None otherwise, whether the
    number is unknown or the code wrong (the caller cannot tell which)."""
    normalized = normalize_number(number)
    # Queried even for a malformed number, so that the answer takes as long.
    letter = Letter.objects.filter(tracking_number=normalized or "-").first()
    stored = letter.query_code_hash if letter is not None else _DUMMY_HASH
    matches = code_matches(code, stored)
    return letter if (letter is not None and matches) else None
