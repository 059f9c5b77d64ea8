"""Retention: personal data of a letter are kept while its case needs them, then
removed: name, email, phone and attachment files are deleted, and the writer's name,
email and phone (and anything like them) are taken out of the subject, text, reply and
the history of the case.
The anonymous record (type, dates, department, text, reply) stays for the statistics
and for "Letters and replies" (whose copy was cleaned when it was published)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import ngettext

from cityportal.mailbox import audit
from cityportal.mailbox.models import Attachment, EventAction, Letter, LetterEvent, Status, private_storage
from cityportal.mailbox.redaction import redact

DEFAULT_RETENTION_DAYS = 3 * 365


def retention_days() -> int:
    return int(getattr(settings, "CITYPORTAL_MAILBOX_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def expired_letters() -> QuerySet[Letter]:
    cutoff = timezone.now() - timedelta(days=retention_days())
    return Letter.objects.filter(
        status=Status.CLOSED, closed_at__lt=cutoff, personal_data_removed_at__isnull=True
    ).order_by("closed_at", "pk")


def remove_personal_data(letter: Letter) -> None:
    storage = private_storage()
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if letter.personal_data_removed_at is not None:
            return
        attachments = list(letter.attachments.all())
        names = [a.file.name for a in attachments if a.file]
        Attachment.objects.filter(letter=letter).delete()
        # The text keeps no trace of them either: the record left is anonymous.
        contact = {"name": letter.name, "email": letter.email, "phone": letter.phone}
        letter.subject = redact(letter.subject, **contact)[: Letter._meta.get_field("subject").max_length]
        letter.message = redact(letter.message, **contact)
        letter.reply_text = redact(letter.reply_text, **contact)
        letter.review_comment = redact(letter.review_comment, **contact)
        # The history holds copies (reply drafts, notes, names of downloaded files).
        for event in letter.events.exclude(detail=""):
            cleaned = redact(event.detail, **contact)
            if cleaned != event.detail:
                LetterEvent.objects.filter(pk=event.pk).update(detail=cleaned)
        letter.name = letter.email = letter.phone = ""
        letter.personal_data_removed_at = timezone.now()
        letter.save(
            update_fields=[
                "name",
                "email",
                "phone",
                "subject",
                "message",
                "reply_text",
                "review_comment",
                "personal_data_removed_at",
            ]
        )
        audit.log(
            letter,
            EventAction.PERSONAL_DATA_REMOVED,
            detail=ngettext(
                "Name, email, phone and %(count)d attachment removed after %(days)d days.",
                "Name, email, phone and %(count)d attachments removed after %(days)d days.",
                len(attachments),
            )
            % {"count": len(attachments), "days": retention_days()},
        )
    # Files go once the database no longer points at them.
    for name in names:
        storage.delete(name)


def remove_expired_personal_data(*, dry_run: bool = False) -> list[Letter]:
    letters = list(expired_letters())
    if not dry_run:
        for letter in letters:
            remove_personal_data(letter)
    return letters
