"""The demo's Mailbox of Government: its page, notices, tables and sample letters."""

import pytest

from cityportal.demo.sample_content import SAMPLE_MARK, SAMPLE_NOTICE
from cityportal.mailbox import deadlines, demo, tracking
from cityportal.mailbox.models import (
    CalendarDay,
    Letter,
    MailboxNoticePage,
    MailboxPage,
    MailboxSettings,
    RoutingRule,
    Status,
)
from cityportal.news.models import ChannelPage

pytestmark = pytest.mark.django_db

# Received dates of the samples give these numbers (one letter a day, except none).
EXPECTED_NUMBERS = [
    "20240408-0001",
    "20240415-0001",
    "20240422-0001",
    "20240425-0001",
    "20240506-0001",
    "20240508-0001",
    "20240513-0001",
    "20240516-0001",
    "20240517-0001",
]


def test_the_mailbox_channel(mailbox_page):
    assert mailbox_page.get_parent().slug == "online-service"
    assert mailbox_page.live and mailbox_page.show_in_menus
    assert isinstance(mailbox_page, ChannelPage)
    assert mailbox_page.static_publishable is False
    # It lists its notices, so it is not an empty channel.
    assert mailbox_page not in ChannelPage.without_live_items()
    notices = MailboxNoticePage.objects.child_of(mailbox_page).live()
    assert notices.count() == 2
    for notice in notices:
        assert notice.title.startswith(SAMPLE_MARK)
        assert notice.body[0].value.source == f"<p>{SAMPLE_NOTICE}</p>"


def test_sample_letters_are_marked_fictional_and_deterministic():
    letters = list(Letter.objects.filter(tracking_number__startswith="2024").order_by("received_at"))
    assert [letter.tracking_number for letter in letters] == EXPECTED_NUMBERS
    for letter, spec, code in zip(letters, demo.LETTERS, demo.sample_codes(), strict=True):
        assert letter.subject == f"{SAMPLE_MARK} {spec['subject']}"
        assert letter.email in ("", spec["email"]) and (
            not letter.email or letter.email.endswith("@example.org")
        )
        assert "Fictional" in letter.name or letter.name == "样例写信人丁"
        assert tracking.find_letter(letter.tracking_number, code) == letter
    assert demo.sample_codes() == demo.sample_codes()


def test_some_samples_are_published_and_some_overdue():
    published = Letter.objects.filter(published_at__isnull=False)
    assert published.count() == 4
    assert all(letter.consent_to_publish and "Fictional" not in letter.public_message for letter in published)
    assert Letter.objects.filter(status=Status.REPLIED, published_at__isnull=True).count() == 1
    overdue = deadlines.overdue(Letter.objects.all())
    assert overdue.count() == 4
    # Each case has a trail from its arrival.
    for letter in Letter.objects.all():
        assert letter.events.order_by("at", "pk").first().action == "received"


def test_routing_calendar_and_settings():
    assert RoutingRule.objects.count() == 4
    assert RoutingRule.objects.get(letter_type="suggestion").working_days == 10
    assert MailboxSettings.load().default_department.title == "Foreign Affairs Office (Sample)"
    assert CalendarDay.objects.filter(kind=CalendarDay.WORKDAY, date__year=2024).count() == 8
    assert all("sample calendar" in day.name for day in CalendarDay.objects.all())


def test_the_mailbox_page_is_the_only_one():
    assert MailboxPage.objects.count() == 1


def test_loading_the_demo_again_adds_no_second_copy(demo_home, settings, tmp_path):
    """The tables and letters outlive the page tree: a reload updates them."""
    from cityportal.demo.loader import load_demo

    settings.MEDIA_ROOT = tmp_path
    counts = (Letter.objects.count(), CalendarDay.objects.count(), RoutingRule.objects.count())
    demo_home.delete()
    assert Letter.objects.filter(department__isnull=False).count() == 0
    assert load_demo(progress=lambda line: None) is True
    assert (Letter.objects.count(), CalendarDay.objects.count(), RoutingRule.objects.count()) == counts
    # The letters are with the new department pages again.
    assert Letter.objects.filter(department__isnull=True).count() == 0
    assert MailboxSettings.load().default_department.title == "Foreign Affairs Office (Sample)"
