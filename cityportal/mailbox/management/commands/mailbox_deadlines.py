"""Lists letters that are overdue or due soon; with --send, emails each department's
staff about theirs (letters with no department go to the mailbox administrators).
Meant for cron or a task runner, once a working day."""

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.urls import reverse

from cityportal.mailbox import audit, deadlines, emails
from cityportal.mailbox.groups import ADMINISTRATORS
from cityportal.mailbox.models import EventAction, Letter


def _recipients(department) -> list[str]:
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if department is not None and department.staff_group_id:
        users = users.filter(groups=department.staff_group_id)
    else:
        users = users.filter(Q(groups__name=ADMINISTRATORS) | Q(is_superuser=True))
    return sorted(set(users.values_list("email", flat=True)))


class Command(BaseCommand):
    help = (
        "Lists open letters that are overdue or due within CITYPORTAL_MAILBOX_DUE_SOON_WORKING_DAYS "
        "working days. --send emails each department's staff the list of their letters."
    )

    def add_arguments(self, parser):
        parser.add_argument("--send", action="store_true", help="email the staff of each department")

    def handle(self, *args, send: bool, **options) -> None:
        flagged = deadlines.flagged(Letter.objects.select_related("department"))
        if not flagged:
            self.stdout.write("No letters are overdue or due soon.")
            return
        for item in flagged:
            letter = item.letter
            self.stdout.write(
                f"{letter.tracking_number}  {item.label:<28}  due {letter.due_date:%Y-%m-%d}  "
                f"{letter.department_name or '(no department)'}  {letter.subject}"
            )
        overdue = sum(1 for item in flagged if item.flag.kind == deadlines.OVERDUE)
        self.stdout.write(f"{overdue} overdue, {len(flagged) - overdue} due soon.")
        if not send:
            return
        by_department = defaultdict(list)
        for item in flagged:
            by_department[item.letter.department].append(item)
        admin_url = (
            settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("mailbox_admin:index") + "?flag=overdue"
        )
        sent = 0
        for department, items in by_department.items():
            recipients = _recipients(department)
            name = department.title if department is not None else "(no department)"
            if not recipients:
                self.stderr.write(f"{name}: nobody with an email address to remind.")
                continue
            if emails.send_reminder(recipients, items, admin_url):
                sent += 1
                for item in items:
                    audit.log(item.letter, EventAction.REMINDER_SENT, detail=", ".join(recipients))
                self.stdout.write(f"{name}: reminded {len(recipients)} person(s) of {len(items)} letter(s).")
            else:
                self.stderr.write(f"{name}: the reminder could not be sent.")
        self.stdout.write(self.style.SUCCESS(f"{sent} reminder email(s) sent."))
