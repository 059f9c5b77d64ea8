"""The cron commands: mailbox_deadlines (list, --send), mailbox_retention, mailbox_groups."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cityportal.directory.models import DepartmentPage
from cityportal.mailbox.groups import ADMINISTRATORS, REVIEWERS
from cityportal.mailbox.models import EventAction, Letter, Status
from cityportal.mailbox.statistics import year_report
from cityportal.mailbox.tests.conftest import receive
from cityportal.mailbox.tests.files import make_pdf
from cityportal.mailbox.workdays import today

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# --- mailbox_deadlines --------------------------------------------------------------------


def test_deadlines_lists_overdue_and_due_soon_letters():
    due_today = receive(subject="A letter due today").letter
    Letter.objects.filter(pk=due_today.pk).update(due_date=today())
    later = receive(subject="A letter due in weeks").letter
    Letter.objects.filter(pk=later.pk).update(due_date=today() + timedelta(days=30))
    out, _err = run("mailbox_deadlines")
    overdue = Letter.objects.filter(status__in=["assigned", "in_progress", "received"], due_date__lt=today())
    assert overdue.count() == 4
    for letter in overdue:
        assert letter.tracking_number in out
    assert f"{due_today.tracking_number}  Due today" in out
    assert later.tracking_number not in out
    assert "4 overdue, 1 due soon." in out
    assert mail.outbox == []


def test_deadlines_send_reminds_each_departments_staff(handler, mailbox_admin):
    letter = receive(subject="A letter due today").letter
    Letter.objects.filter(pk=letter.pk).update(due_date=today())
    out, err = run("mailbox_deadlines", "--send")
    by_recipient = {tuple(m.to): m for m in mail.outbox}
    # The handler works in the Foreign Affairs Office, which holds this letter.
    reminder = by_recipient[("handler@example.org",)]
    assert letter.tracking_number in reminder.body and "Due today" in reminder.body
    assert "/admin/mailbox/letters/" in reminder.body
    assert letter.events.filter(action=EventAction.REMINDER_SENT, detail="handler@example.org").exists()
    # Departments whose staff have no email address are reported, not skipped silently.
    assert "nobody with an email address to remind" in err
    assert "reminder email(s) sent" in out


def test_deadlines_with_nothing_due(settings):
    Letter.objects.update(status=Status.CLOSED)
    out, _err = run("mailbox_deadlines", "--send")
    assert out.strip() == "No letters are overdue or due soon."
    assert mail.outbox == []


# --- mailbox_retention --------------------------------------------------------------------


def test_retention_removes_personal_data_of_long_closed_letters(settings, private_attachments):
    settings.CITYPORTAL_MAILBOX_RETENTION_DAYS = 365
    old = receive(files=[("id card.png", _png())], message="I am Wei Zhang, call +86 734 555 0101.").letter
    recent = receive(subject="Closed only last month").letter
    Letter.objects.filter(pk=old.pk).update(
        status=Status.CLOSED, closed_at=timezone.now() - timedelta(days=400), replied_at=timezone.now()
    )
    Letter.objects.filter(pk=recent.pk).update(
        status=Status.CLOSED, closed_at=timezone.now() - timedelta(days=30)
    )
    stored_file = private_attachments / old.attachments.get().file.name
    assert stored_file.exists()
    out, _err = run("mailbox_retention", "--dry-run")
    assert f"Would remove the personal data of {old.tracking_number}" in out
    assert Letter.objects.get(pk=old.pk).name == "Wei Zhang"

    out, _err = run("mailbox_retention")
    assert f"Removed the personal data of {old.tracking_number}" in out
    cleaned = Letter.objects.get(pk=old.pk)
    assert (cleaned.name, cleaned.email, cleaned.phone) == ("", "", "")
    assert "Zhang" not in cleaned.message and "555" not in cleaned.message
    assert cleaned.personal_data_removed_at is not None
    assert not cleaned.attachments.exists() and not stored_file.exists()
    assert cleaned.events.filter(action=EventAction.PERSONAL_DATA_REMOVED).count() == 1
    # The anonymous record still counts.
    assert year_report(cleaned.received_at.year).total.replied >= 1
    untouched = Letter.objects.get(pk=recent.pk)
    assert untouched.name == "Wei Zhang" and untouched.personal_data_removed_at is None

    # Idempotent: nothing more to do, nothing changed.
    out, _err = run("mailbox_retention")
    assert "0 letter(s) cleaned" in out
    assert cleaned.events.filter(action=EventAction.PERSONAL_DATA_REMOVED).count() == 1


def test_retention_also_removes_personal_data_from_the_audit_trail(settings, handler):
    # Reply drafts, notes and attachment downloads are copied into the history; the record
    # left after retention must be as anonymous there as in the letter itself.
    from cityportal.mailbox import audit, workflow

    settings.CITYPORTAL_MAILBOX_RETENTION_DAYS = 365
    old = receive(files=[("Wei Zhang passport.pdf", make_pdf())]).letter
    workflow.save_draft(old, handler, "Dear Wei Zhang, we called you on +86 734 555 0101.", for_review=False)
    workflow.add_note(old, handler, "Mr Zhang wrote again from wei.zhang@example.org.")
    audit.log(old, EventAction.ATTACHMENT_DOWNLOADED, handler, old.attachments.get().original_name)
    Letter.objects.filter(pk=old.pk).update(
        status=Status.CLOSED, closed_at=timezone.now() - timedelta(days=400), replied_at=timezone.now()
    )
    run("mailbox_retention")
    details = " ".join(old.events.values_list("detail", flat=True))
    assert "[personal data removed]" in details
    for personal in ("Zhang", "Wei", "555 0101", "wei.zhang@example.org"):
        assert personal not in details, personal


def _png() -> bytes:
    from cityportal.mailbox.tests.files import make_image

    return make_image("PNG")


# --- mailbox_groups -----------------------------------------------------------------------


def test_groups_have_least_privilege_and_departments_get_admin_access(foreign_affairs):
    foreign_affairs_group = foreign_affairs.staff_group
    foreign_affairs_group.permissions.clear()
    new = DepartmentPage.objects.filter(locale__language_code="en").exclude(pk=foreign_affairs.pk).first()
    DepartmentPage.objects.filter(pk=new.pk).update(staff_group=None)
    out, _err = run("mailbox_groups")
    assert "Mailbox groups are ready." in out
    administrators = set(
        Group.objects.get(name=ADMINISTRATORS).permissions.values_list("codename", flat=True)
    )
    assert {"access_admin", "administer_letters", "review_replies", "change_calendarday"} <= administrators
    assert not any(code.endswith("_page") for code in administrators)
    reviewers = set(Group.objects.get(name=REVIEWERS).permissions.values_list("codename", flat=True))
    # (Other apps may add their own harmless permissions, e.g. choosing documents.)
    assert {"access_admin", "review_replies"} <= reviewers
    assert "administer_letters" not in reviewers and not any("page" in code for code in reviewers)
    assert "access_admin" in set(foreign_affairs_group.permissions.values_list("codename", flat=True))
    new.refresh_from_db()
    assert new.staff_group is not None
    assert list(new.staff_group.permissions.values_list("codename", flat=True)) == ["access_admin"]
    assert not {"administer_letters", "review_replies"} & set(
        foreign_affairs_group.permissions.values_list("codename", flat=True)
    )
    # Running again changes nothing.
    before = Group.objects.count(), Permission.objects.filter(group__isnull=False).count()
    run("mailbox_groups")
    assert (Group.objects.count(), Permission.objects.filter(group__isnull=False).count()) == before


def test_attachment_sample_file_is_a_pdf():
    assert make_pdf().startswith(b"%PDF-")
