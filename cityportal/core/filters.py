"""Reading list filters from the query string, forgivingly: a filter that makes no
sense is dropped with a message in the visitor's language, never an error."""

from datetime import date, datetime, time

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _


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


def filter_by_date_range(queryset, filters: dict):
    """Keeps items first published within the chosen days (in the city's time zone)."""
    tz = timezone.get_current_timezone()
    if "date_from" in filters:
        start = datetime.combine(filters["date_from"], time.min, tzinfo=tz)
        queryset = queryset.filter(first_published_at__gte=start)
    if "date_to" in filters:
        end = datetime.combine(filters["date_to"], time.max, tzinfo=tz)
        queryset = queryset.filter(first_published_at__lte=end)
    return queryset
