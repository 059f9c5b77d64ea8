"""Public statistics of the mailbox, per month and per department.

Letters are counted in the month they were received (city time). For each group:
received; replied (the reply was approved and sent); replied on time (on or before the
due date); the median number of working days from receipt to reply, counted on the
holiday calendar like the deadlines.
"""

import statistics as pystats
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cityportal.mailbox.models import Letter
from cityportal.mailbox.workdays import WorkCalendar, city_date, city_tz, today


@dataclass
class Row:
    label: str
    received: int = 0
    replied: int = 0
    on_time: int = 0
    days: list[int] = field(default_factory=list)
    key: str = ""

    @property
    def median_days(self) -> float | None:
        return pystats.median(self.days) if self.days else None

    @property
    def on_time_percent(self) -> int | None:
        return round(100 * self.on_time / self.received) if self.received else None

    def add(self, replied_days: int | None, on_time: bool) -> None:
        self.received += 1
        if replied_days is not None:
            self.replied += 1
            self.days.append(replied_days)
            if on_time:
                self.on_time += 1


@dataclass
class YearReport:
    year: int
    months: list[Row]
    departments: list[Row]
    total: Row


def years_with_letters() -> list[int]:
    return sorted(
        {moment.year for moment in Letter.objects.datetimes("received_at", "year", tzinfo=city_tz())}
    )


def _bounds(year: int) -> tuple[datetime, datetime]:
    zone = city_tz()
    return (
        datetime.combine(date(year, 1, 1), time.min, tzinfo=zone),
        datetime.combine(date(year + 1, 1, 1), time.min, tzinfo=zone),
    )


def year_report(year: int) -> YearReport:
    start, end = _bounds(year)
    letters = Letter.objects.filter(received_at__gte=start, received_at__lt=end).values_list(
        "received_at", "replied_at", "due_date", "department_id", "department_name"
    )
    calendar = WorkCalendar.between(date(year, 1, 1), date(year + 1, 12, 31))
    now = today()
    # The current year up to this month; a past year up to its last month with letters.
    last_month = now.month if year == now.year else 1
    months = [
        Row(label=date_format(date(year, month, 1), "YEAR_MONTH_FORMAT"), key=f"{year}-{month:02d}")
        for month in range(1, 13)
    ]
    departments: dict[object, Row] = {}
    total = Row(label=_("Whole year"))
    latest_month = 0
    for received_at, replied_at, due, department_id, department_name in letters:
        received_day = city_date(received_at)
        replied_days = on_time = None
        if replied_at is not None:
            replied_day = city_date(replied_at)
            replied_days = max(0, calendar.working_days_between(received_day, replied_day))
            on_time = replied_day <= due
        months[received_day.month - 1].add(replied_days, bool(on_time))
        latest_month = max(latest_month, received_day.month)
        key = department_id if department_id is not None else department_name or ""
        row = departments.get(key)
        if row is None:
            row = departments[key] = Row(label=department_name or _("Not yet given to a department"))
        row.add(replied_days, bool(on_time))
        total.add(replied_days, bool(on_time))
    shown = max(last_month, latest_month)
    return YearReport(
        year=year,
        months=months[:shown],
        departments=sorted(departments.values(), key=lambda r: r.label.casefold()),
        total=total,
    )


@dataclass
class Bar:
    kind: str
    label: str
    value: int
    percent: int  # whole percent: the chart draws it with one of 101 CSS classes


def chart_rows(rows: list[Row]) -> list[tuple[Row, list[Bar]]]:
    """Bar lengths (percent of the busiest month) for the chart beside the table."""
    highest = max((r.received for r in rows), default=0) or 1
    kinds = [("received", _("Received")), ("replied", _("Replied")), ("on-time", _("Replied on time"))]
    chart = []
    for row in rows:
        values = [row.received, row.replied, row.on_time]
        chart.append(
            (
                row,
                [
                    Bar(kind, label, value, round(100 * value / highest))
                    for (kind, label), value in zip(kinds, values, strict=True)
                ],
            )
        )
    return chart
