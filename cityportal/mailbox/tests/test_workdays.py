"""Deadlines in working days on the holiday calendar, with make-up working days."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from cityportal.mailbox.models import CalendarDay
from cityportal.mailbox.workdays import WorkCalendar, city_date, due_date

pytestmark = pytest.mark.django_db
CITY = ZoneInfo("Asia/Shanghai")


def calendar(holidays=(), workdays=()) -> WorkCalendar:
    return WorkCalendar(holidays=set(holidays), workdays=set(workdays))


def test_weekends_are_skipped():
    # Friday 2025-03-07 + 5 working days = Friday 2025-03-14.
    assert calendar().add_working_days(date(2025, 3, 7), 5) == date(2025, 3, 14)
    # Received on Saturday: counting starts on Monday.
    assert calendar().add_working_days(date(2025, 3, 8), 1) == date(2025, 3, 10)


def test_holidays_are_skipped_and_make_up_days_count():
    holidays = {date(2025, 3, 10), date(2025, 3, 11)}
    assert calendar(holidays).add_working_days(date(2025, 3, 7), 1) == date(2025, 3, 12)
    # A make-up working day on Saturday counts.
    assert calendar(holidays, {date(2025, 3, 8)}).add_working_days(date(2025, 3, 7), 1) == date(2025, 3, 8)


def test_working_days_between_counts_after_the_start_up_to_the_end():
    cal = calendar({date(2025, 3, 12)})
    assert cal.working_days_between(date(2025, 3, 10), date(2025, 3, 10)) == 0
    assert cal.working_days_between(date(2025, 3, 10), date(2025, 3, 14)) == 3  # 11, 13, 14
    assert cal.working_days_between(date(2025, 3, 14), date(2025, 3, 10)) == -3


def test_due_date_reads_the_calendar_from_the_database():
    # The demo's 2024 calendar: Labour Day 1-5 May off, Saturday 11 May a make-up day.
    received = datetime(2024, 4, 30, 15, 0, tzinfo=CITY)  # Tuesday
    # 6, 7, 8, 9, 10 May are the five working days after 30 April.
    assert due_date(received, 5) == date(2024, 5, 10)
    assert due_date(received, 6) == date(2024, 5, 11)  # the make-up Saturday
    CalendarDay.objects.create(date=date(2024, 5, 6), kind=CalendarDay.HOLIDAY)
    assert due_date(received, 5) == date(2024, 5, 11)


def test_the_received_date_is_the_city_date():
    # 17:30 UTC on Friday is 01:30 on Saturday in Hengyang.
    late = datetime(2025, 3, 7, 17, 30, tzinfo=ZoneInfo("UTC"))
    assert city_date(late) == date(2025, 3, 8)
    assert due_date(late, 1) == date(2025, 3, 10)


def test_a_make_up_day_must_be_on_a_weekend():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        CalendarDay(date=date(2025, 3, 12), kind=CalendarDay.WORKDAY).full_clean()
    CalendarDay(date=date(2025, 3, 15), kind=CalendarDay.WORKDAY).full_clean()
