"""Working days on the city's calendar: Monday to Friday, except the public holidays of
the holiday calendar, plus the make-up working days it lists on weekends (调休).

Deadlines count working days from the day after a letter arrives (in the city's time
zone): a letter received on Friday evening with 5 working days is due on the next
Friday; one received on a holiday or a weekend starts counting on the next working day
all the same. A letter replied on its due date is on time.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from cityportal.mailbox.models import CalendarDay

# A deadline never reaches further than this many calendar days; the calendar is read
# for that window only.
_HORIZON_DAYS = 400


def city_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def city_date(moment: datetime) -> date:
    """The date of ``moment`` on the city's clock."""
    return moment.astimezone(city_tz()).date()


@dataclass
class WorkCalendar:
    """The calendar's exceptions between two dates, read once, for many computations."""

    holidays: set[date] = field(default_factory=set)
    workdays: set[date] = field(default_factory=set)

    @classmethod
    def between(cls, start: date, end: date) -> "WorkCalendar":
        calendar = cls()
        for day, kind in CalendarDay.objects.filter(date__gte=start, date__lte=end).values_list(
            "date", "kind"
        ):
            (calendar.workdays if kind == CalendarDay.WORKDAY else calendar.holidays).add(day)
        return calendar

    @classmethod
    def around(cls, day: date) -> "WorkCalendar":
        return cls.between(day - timedelta(days=_HORIZON_DAYS), day + timedelta(days=_HORIZON_DAYS))

    @classmethod
    def since(cls, earliest: date, on: date) -> "WorkCalendar":
        """From ``earliest`` (or ``on``, if that comes first) to as far after ``on`` as a
        deadline reaches: for counting back to old dates and forward to deadlines."""
        return cls.between(min(earliest, on), on + timedelta(days=_HORIZON_DAYS))

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start`` (``start`` itself not counted)."""
        day = start
        remaining = count
        while remaining > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end``; negative if ``end``
        comes first (how many working days ``end`` lies before ``start``)."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


def due_date(received: datetime, working_days: int) -> date:
    """When the reply to a letter received at ``received`` is due."""
    start = city_date(received)
    return WorkCalendar.between(start, start + timedelta(days=_HORIZON_DAYS)).add_working_days(
        start, working_days
    )


def today() -> date:
    from django.utils import timezone

    return city_date(timezone.now())
