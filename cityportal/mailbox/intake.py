"""Receiving a letter: one transaction stores it with its tracking number, routing,
deadline, attachments and the first lines of its audit trail, before the writer sees
anything. Files are written first (outside the database's write lock) under random
names, and removed again if the letter cannot be stored."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cityportal.mailbox import audit, tracking, workdays
from cityportal.mailbox.models import (
    DEFAULT_DEADLINE_WORKING_DAYS,
    Attachment,
    EventAction,
    Letter,
    MailboxSettings,
    RoutingRule,
    Status,
    attachment_path,
    private_storage,
)
from cityportal.mailbox.uploads import Sniffed, display_name


@dataclass
class Route:
    department: object | None
    working_days: int


@dataclass
class Received:
    letter: Letter
    # The plain query code, shown once and emailed; empty when the same form was sent
    # again (the code was given the first time and is not kept).
    query_code: str = ""
    duplicate: bool = False


@dataclass
class LetterData:
    letter_type: str
    name: str
    email: str
    phone: str
    country: str
    subject: str
    message: str
    consent_to_publish: bool
    language: str = "en"
    submission_key: str = ""
    files: list[tuple[UploadedFile, Sniffed]] = field(default_factory=list)


def default_working_days() -> int:
    return int(getattr(settings, "CITYPORTAL_MAILBOX_DEADLINE_WORKING_DAYS", DEFAULT_DEADLINE_WORKING_DAYS))


def route_for(letter_type: str) -> Route:
    """The department and deadline for a type of letter: the routing table's row, else
    the default department of the mailbox settings and the default deadline."""
    rule = RoutingRule.objects.filter(letter_type=letter_type).select_related("department").first()
    department = rule.department if rule is not None else None
    if department is None:
        department = MailboxSettings.load().default_department
    return Route(department, rule.working_days if rule is not None else default_working_days())


def _save_files(files: list[tuple[UploadedFile, Sniffed]]) -> list[dict]:
    storage = private_storage()
    saved = []
    try:
        for upload, sniffed in files:
            name = display_name(upload.name, sniffed)
            stored = storage.save(attachment_path(None, f"x.{sniffed.extension}"), upload)
            saved.append(
                {
                    "file": stored,
                    "original_name": name,
                    "content_type": sniffed.content_type,
                    "size": upload.size,
                }
            )
    except Exception:
        _remove_files(saved)
        raise
    return saved


def _remove_files(saved: list[dict]) -> None:
    storage = private_storage()
    for item in saved:
        storage.delete(item["file"])


def receive_letter(data: LetterData, *, received_at=None) -> Received:
    """Stores the letter and returns it with its query code."""
    if data.submission_key:
        earlier = Letter.objects.filter(submission_key=data.submission_key).first()
        if earlier is not None:
            return Received(earlier, duplicate=True)
    saved = _save_files(data.files)
    try:
        return _store(data, saved, received_at or timezone.now())
    except IntegrityError:
        _remove_files(saved)
        # The same form, sent twice at the same moment: the other request stored it.
        earlier = (
            Letter.objects.filter(submission_key=data.submission_key).first() if data.submission_key else None
        )
        if earlier is None:
            raise
        return Received(earlier, duplicate=True)
    except BaseException:
        _remove_files(saved)
        raise


def _store(data: LetterData, saved: list[dict], received_at) -> Received:
    route = route_for(data.letter_type)
    code = tracking.new_query_code()
    with transaction.atomic():
        number = tracking.next_tracking_number(workdays.city_date(received_at))
        letter = Letter.objects.create(
            tracking_number=number,
            query_code_hash=tracking.hash_code(code),
            submission_key=data.submission_key,
            received_at=received_at,
            language=data.language,
            letter_type=data.letter_type,
            name=data.name,
            email=data.email,
            phone=data.phone,
            country=data.country,
            subject=data.subject,
            message=data.message,
            consent_to_publish=data.consent_to_publish,
            status=Status.ASSIGNED if route.department is not None else Status.RECEIVED,
            department=route.department,
            department_name=route.department.title if route.department is not None else "",
            due_date=workdays.due_date(received_at, route.working_days),
        )
        Attachment.objects.bulk_create(Attachment(letter=letter, **item) for item in saved)
        audit.log(
            letter,
            EventAction.RECEIVED,
            detail=ngettext(
                "Sent through the website with %(count)d attachment.",
                "Sent through the website with %(count)d attachments.",
                len(saved),
            )
            % {"count": len(saved)},
        )
        if route.department is not None:
            audit.log(
                letter,
                EventAction.ROUTED,
                detail=_("Routed by its type to %(department)s; reply due %(due)s (%(days)d working days).")
                % {
                    "department": route.department.title,
                    "due": letter.due_date.isoformat(),
                    "days": route.working_days,
                },
            )
    return Received(letter, query_code=code)
