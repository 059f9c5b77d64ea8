"""A random key in each copy of a public form (the mailbox's letter form, a survey), so
that the same copy sent twice (a double click, a resend before the answer arrived) is
stored once: the key is saved with what was sent, under a unique constraint."""

import re
import secrets

_KEY = re.compile(r"[A-Za-z0-9_\-]{16,64}")


def new_key() -> str:
    return secrets.token_urlsafe(24)


def read_key(value: str | None) -> str | None:
    """The key a form came back with, or None when it does not look like one of ours."""
    key = (value or "").strip()
    return key if _KEY.fullmatch(key) else None
