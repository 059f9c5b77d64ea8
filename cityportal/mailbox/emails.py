"""Emails of the mailbox: the receipt with the tracking number and query code, the
notice that a reply is ready, and deadline reminders to department staff.

Sent with Django's email backend (console in development, SMTP from the environment in
production, in memory in tests). A failed send never loses a letter: it is written to
the audit trail, and the writer still has the number and code on screen.
"""

import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cityportal.mailbox import audit
from cityportal.mailbox.models import EventAction, Letter
from cityportal.mailbox.tracking import format_code

if TYPE_CHECKING:
    from cityportal.mailbox.models import MailboxPage

logger = logging.getLogger(__name__)


def mailbox_page_for(letter: Letter) -> "MailboxPage | None":
    """The mailbox page in the letter's language (or any live one), for links."""
    from cityportal.mailbox.models import MailboxPage

    pages = MailboxPage.objects.live().public().order_by("path")
    return pages.filter(locale__language_code=letter.language).first() or pages.first()


def track_url_for(letter: Letter, request=None) -> str:
    page = mailbox_page_for(letter)
    if page is None:
        return ""
    return page.get_full_url(request) + "track/"


def _send(letter: Letter | None, subject: str, body: str, recipients: list[str], what: str) -> bool:
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)
    except Exception:  # noqa: BLE001 - any mail failure is recorded, never shown as an error page
        logger.exception("Mailbox email not sent (%s)", what)
        if letter is not None:
            audit.log(letter, EventAction.EMAIL_FAILED, detail=what)
        return False
    if letter is not None:
        audit.log(letter, EventAction.EMAIL_SENT, detail=what)
    return True


def send_receipt(letter: Letter, query_code: str, track_url: str) -> bool:
    """To the writer: the tracking number, the query code and where to use them."""
    if not letter.email:
        return False
    with translation.override(letter.language):
        subject = _("Your letter %(number)s to the Mailbox of Government") % {
            "number": letter.tracking_number
        }
        body = render_to_string(
            "mailbox/email/receipt.txt",
            {"letter": letter, "query_code": format_code(query_code), "track_url": track_url},
        )
    return _send(letter, subject, body, [letter.email], "receipt to the writer")


def send_reply_notice(letter: Letter, track_url: str) -> bool:
    """To the writer: the reply is ready, with the track link (the reply is not in the
    email: anyone who reads the email could otherwise read it without the code)."""
    if not letter.email:
        return False
    with translation.override(letter.language):
        subject = _("A reply to your letter %(number)s") % {"number": letter.tracking_number}
        body = render_to_string("mailbox/email/reply_notice.txt", {"letter": letter, "track_url": track_url})
    return _send(letter, subject, body, [letter.email], "reply notice to the writer")


def send_reminder(recipients: list[str], rows: list, admin_url: str) -> bool:
    """To staff: their letters that are due soon or overdue."""
    subject = ngettext(
        "Mailbox of Government: %(count)d letter due soon or overdue",
        "Mailbox of Government: %(count)d letters due soon or overdue",
        len(rows),
    ) % {"count": len(rows)}
    body = render_to_string("mailbox/email/reminder.txt", {"rows": rows, "admin_url": admin_url})
    return _send(None, subject, body, recipients, "deadline reminder")
