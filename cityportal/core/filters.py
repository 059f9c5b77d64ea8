"""Reading list filters from the query string, forgivingly: a filter that makes no
sense is dropped with a message in the visitor's language, never an error."""

import re
from datetime import UTC, date, datetime, time

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

# Database ids are positive 64-bit integers; longer digit strings cannot be one.
_ID = re.compile(r"[0-9]{1,18}")


def parse_id(value: str) -> int | None:
    """A page id typed into a query string, or None if it cannot be one (ASCII digits
    only: "²".isdigit() is true, but int("²") fails)."""
    value = (value or "").strip()
    return int(value) if _ID.fullmatch(value) else None


def read_search_words(request: HttpRequest, problems: list[str], *, max_length: int = 100) -> str:
    """The ``q`` of a listing's search box with spaces tidied; a longer one is cut to
    ``max_length`` characters, with a message."""
    query = " ".join(request.GET.get("q", "").split())
    if len(query) > max_length:
        query = query[:max_length].rstrip()
        problems.append(
            _("Your search was longer than %(count)d characters, so only the start was used.")
            % {"count": max_length}
        )
    return query


def parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except (TypeError, ValueError):
        return None


def read_date_range(request: HttpRequest, filters: dict, problems: list[str]) -> None:
    """Reads ``date_from`` and ``date_to`` into ``filters``; explains any it cannot use."""
    for key in ("date_from", "date_to"):
        raw = request.GET.get(key, "").strip()
        if not raw:
            continue
        parsed = parse_date(raw)
        if parsed is None:
            problems.append(
                _("“%(value)s” is not a date like 2024-05-18, so it was not used.") % {"value": raw[:30]}
            )
        else:
            filters[key] = parsed
    if "date_from" in filters and "date_to" in filters and filters["date_from"] > filters["date_to"]:
        problems.append(_("The start date was after the end date, so the two were swapped."))
        filters["date_from"], filters["date_to"] = filters["date_to"], filters["date_from"]


def _bound(day: date, at: time) -> datetime | None:
    """The moment ``at`` on ``day`` in the city's time zone, or None when it lies beyond
    what a datetime can hold in UTC (0001-01-01 in UTC+8 is still year 0 in UTC): such a
    bound excludes nothing, so it is simply not applied."""
    moment = datetime.combine(day, at, tzinfo=timezone.get_current_timezone())
    try:
        moment.astimezone(UTC)
    except OverflowError:
        return None
    return moment


def filter_by_date_range(queryset, filters: dict):
    """Keeps items first published within the chosen days (in the city's time zone)."""
    if "date_from" in filters and (start := _bound(filters["date_from"], time.min)) is not None:
        queryset = queryset.filter(first_published_at__gte=start)
    if "date_to" in filters and (end := _bound(filters["date_to"], time.max)) is not None:
        queryset = queryset.filter(first_published_at__lte=end)
    return queryset
