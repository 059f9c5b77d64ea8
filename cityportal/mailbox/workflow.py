"""What staff do with a letter. Each action checks who may do it, changes the letter in
a transaction (the row is re-read under lock, so two people acting at once do not undo
each other) and writes the audit trail.

Lifecycle (docs/mailbox.md): received -> assigned (routed to a department) -> in
progress (someone works on it) -> replied (the reply was approved and the writer told)
-> closed. The reply goes: draft -> awaiting review -> approved, or sent back
(returned) to be changed and sent for review again.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cityportal.mailbox import access, audit, redaction
from cityportal.mailbox.models import EventAction, Letter, ReplyState, Status
from cityportal.search.segmentation import segment_for_index


class ActionRefused(ValidationError):
    """The action does not fit the letter's state (say, approving a reply twice)."""


def _locked(letter: Letter) -> Letter:
    return Letter.objects.select_for_update().get(pk=letter.pk)


def _set_status(letter: Letter, status: str, user) -> None:
    if letter.status != status:
        audit.log(
            letter,
            EventAction.STATUS,
            user,
            _("%(old)s → %(new)s") % {"old": Status(letter.status).label, "new": Status(status).label},
        )
        letter.status = status


def _start(letter: Letter, user) -> None:
    if letter.status in (Status.RECEIVED, Status.ASSIGNED):
        _set_status(letter, Status.IN_PROGRESS, user)


def transfer(letter: Letter, user, department, reason: str) -> Letter:
    """Gives the letter to another department (its staff group then sees it)."""
    if not access.may_handle(user, letter):
        raise PermissionDenied
    with transaction.atomic():
        letter = _locked(letter)
        if not letter.is_open:
            raise ActionRefused(_("A letter that has been answered or closed cannot be transferred."))
        if department.pk == letter.department_id:
            raise ActionRefused(_("The letter is already with this department."))
        previous = letter.department_name or _("no department")
        letter.department = department
        letter.department_name = department.title
        if letter.reply_state == ReplyState.AWAITING_REVIEW:
            # The new department decides what to answer: the pending review is called off.
            letter.reply_state = ReplyState.DRAFT
        audit.log(
            letter,
            EventAction.TRANSFERRED,
            user,
            _("From %(old)s to %(new)s. Reason: %(reason)s")
            % {"old": previous, "new": department.title, "reason": reason},
        )
        _set_status(letter, Status.ASSIGNED, user)
        letter.save()
    return letter


def add_note(letter: Letter, user, text: str) -> Letter:
    if not access.visible_letters(user).filter(pk=letter.pk).exists():
        raise PermissionDenied
    audit.log(letter, EventAction.NOTE, user, text)
    return letter


def start(letter: Letter, user) -> Letter:
    if not access.may_handle(user, letter):
        raise PermissionDenied
    with transaction.atomic():
        letter = _locked(letter)
        if letter.status not in (Status.RECEIVED, Status.ASSIGNED):
            raise ActionRefused(_("Work on this letter has already started."))
        _start(letter, user)
        letter.save()
    return letter


def save_draft(letter: Letter, user, text: str, *, for_review: bool) -> Letter:
    """Saves the reply text; with ``for_review`` it goes to the reviewers. Whoever
    saves the text is its author, and may not approve it."""
    if not access.may_handle(user, letter):
        raise PermissionDenied
    with transaction.atomic():
        letter = _locked(letter)
        if not letter.is_open:
            raise ActionRefused(_("This letter has already been answered."))
        changed = text != letter.reply_text
        letter.reply_text = text
        letter.reply_author = user
        letter.reply_updated_at = timezone.now()
        letter.reply_state = ReplyState.AWAITING_REVIEW if for_review else ReplyState.DRAFT
        _start(letter, user)
        audit.log(letter, EventAction.DRAFT_SAVED, user, text if changed else _("(text unchanged)"))
        if for_review:
            audit.log(letter, EventAction.SUBMITTED, user)
        letter.save()
    return letter


def public_copy(letter: Letter, reply_text: str | None = None) -> dict:
    """What "Letters and replies" would show: personal data removed."""
    contact = {"name": letter.name, "email": letter.email, "phone": letter.phone}
    subject = redaction.redact(letter.subject, **contact)
    message = redaction.redact(letter.message, **contact)
    reply = redaction.redact(letter.reply_text if reply_text is None else reply_text, **contact)
    return {
        "public_subject": subject,
        "public_message": message,
        "public_reply": reply,
        "public_search_text": segment_for_index(f"{subject} {message} {reply}"),
    }


def approve(letter: Letter, user) -> Letter:
    """Approves the reply: the letter is replied, published if the writer agreed. The
    caller then tells the writer (emails.send_reply_notice)."""
    with transaction.atomic():
        letter = _locked(letter)
        if not access.may_review(user, letter):
            if letter.reply_state == ReplyState.AWAITING_REVIEW and letter.reply_author_id == user.pk:
                raise ActionRefused(_("You wrote this reply, so someone else must approve it."))
            if letter.reply_state != ReplyState.AWAITING_REVIEW:
                raise ActionRefused(_("There is no reply awaiting review."))
            raise PermissionDenied
        now = timezone.now()
        letter.reply_state = ReplyState.APPROVED
        letter.reviewer = user
        letter.review_comment = ""
        letter.replied_at = now
        if letter.consent_to_publish:
            for key, value in public_copy(letter).items():
                setattr(letter, key, value)
            letter.published_at = now
        audit.log(
            letter,
            EventAction.APPROVED,
            user,
            _("Published in Letters and replies.")
            if letter.consent_to_publish
            else _("Not published: the writer did not agree to publication."),
        )
        _set_status(letter, Status.REPLIED, user)
        letter.save()
    return letter


def send_back(letter: Letter, user, comment: str) -> Letter:
    with transaction.atomic():
        letter = _locked(letter)
        if not access.may_review(user, letter):
            if letter.reply_state != ReplyState.AWAITING_REVIEW:
                raise ActionRefused(_("There is no reply awaiting review."))
            raise PermissionDenied
        letter.reply_state = ReplyState.RETURNED
        letter.review_comment = comment
        letter.reviewer = user
        audit.log(letter, EventAction.RETURNED, user, comment)
        letter.save()
    return letter


def close(letter: Letter, user, reason: str = "") -> Letter:
    """Closes a replied letter; a mailbox administrator may also close an open one (spam,
    a duplicate), giving the reason."""
    if not access.may_handle(user, letter):
        raise PermissionDenied
    with transaction.atomic():
        letter = _locked(letter)
        if letter.status == Status.CLOSED:
            raise ActionRefused(_("The letter is already closed."))
        if letter.status != Status.REPLIED:
            if not access.is_mailbox_admin(user):
                raise ActionRefused(_("Only a mailbox administrator can close a letter that has no reply."))
            if not reason.strip():
                raise ActionRefused(_("Say why the letter is closed without a reply."))
        letter.closed_at = timezone.now()
        audit.log(letter, EventAction.CLOSED, user, reason)
        _set_status(letter, Status.CLOSED, user)
        letter.save()
    return letter


def withdraw(letter: Letter, user, reason: str) -> Letter:
    """Takes a letter off "Letters and replies" (say, personal data the redaction missed)."""
    if not access.is_mailbox_admin(user):
        raise PermissionDenied
    with transaction.atomic():
        letter = _locked(letter)
        if letter.published_at is None:
            raise ActionRefused(_("The letter is not published."))
        letter.published_at = None
        audit.log(letter, EventAction.WITHDRAWN, user, reason)
        letter.save()
    return letter
