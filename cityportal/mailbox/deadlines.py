"""Which open letters are overdue or due soon.

Overdue: still open (received, assigned, in progress) after the due date. Due soon: due
within ``CITYPORTAL_MAILBOX_DUE_SOON_WORKING_DAYS`` working days (default 1: due today or
on the next working day).
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cityportal.mailbox.models import OPEN_STATUSES, Letter
from cityportal.mailbox.workdays import WorkCalendar, today

OVERDUE = "overdue"
DUE_SOON = "due_soon"
DEFAULT_DUE_SOON_WORKING_DAYS = 1


def due_soon_working_days() -> int:
    return int(getattr(settings, "CITYPORTAL_MAILBOX_DUE_SOON_WORKING_DAYS", DEFAULT_DUE_SOON_WORKING_DAYS))


@dataclass
class Flag:
    kind: str  # OVERDUE, DUE_SOON or ""
    working_days: int  # left (due soon) or past (overdue)

    @property
    def label(self) -> str:
        if self.kind == OVERDUE:
            return ngettext(
                "Overdue by %(n)d working day", "Overdue by %(n)d working days", self.working_days
            ) % {"n": self.working_days}
        if self.kind == DUE_SOON:
            if self.working_days == 0:
                return _("Due today")
            return ngettext("Due in %(n)d working day", "Due in %(n)d working days", self.working_days) % {
                "n": self.working_days
            }
        return ""


def due_soon_limit(calendar: WorkCalendar, on: date) -> date:
    return calendar.add_working_days(on, due_soon_working_days())


def overdue(queryset: QuerySet[Letter], on: date | None = None) -> QuerySet[Letter]:
    on = on or today()
    return queryset.filter(status__in=OPEN_STATUSES, due_date__lt=on)


def due_soon(queryset: QuerySet[Letter], on: date | None = None) -> QuerySet[Letter]:
    on = on or today()
    limit = due_soon_limit(WorkCalendar.around(on), on)
    return queryset.filter(status__in=OPEN_STATUSES, due_date__gte=on, due_date__lte=limit)


def flag_for(letter: Letter, calendar: WorkCalendar, on: date) -> Flag:
    if not letter.is_open:
        return Flag("", 0)
    if letter.due_date < on:
        # The working days that have passed since the due date, at least one.
        return Flag(OVERDUE, max(1, calendar.working_days_between(letter.due_date, on)))
    if letter.due_date <= due_soon_limit(calendar, on):
        return Flag(DUE_SOON, calendar.working_days_between(on, letter.due_date))
    return Flag("", 0)


@dataclass
class FlaggedLetter:
    letter: Letter
    flag: Flag

    @property
    def label(self) -> str:
        return self.flag.label


def flagged(queryset: QuerySet[Letter], on: date | None = None) -> list[FlaggedLetter]:
    """Open letters that are overdue or due soon, the most urgent first."""
    on = on or today()
    limit = due_soon_limit(WorkCalendar.around(on), on)
    letters = list(
        queryset.filter(status__in=OPEN_STATUSES, due_date__lte=limit).order_by("due_date", "received_at")
    )
    if not letters:
        return []
    # Read from the oldest due date, so that long-overdue letters are counted right.
    calendar = WorkCalendar.between(min(letters[0].due_date, on), limit)
    return [FlaggedLetter(letter, flag_for(letter, calendar, on)) for letter in letters]
