"""Who may see and do what with letters (docs/mailbox.md, "Roles and permissions").

- Mailbox administrators (permission ``mailbox.administer_letters``, held by the group
  "Mailbox administrators"; superusers too): every letter with its contact details and
  attachments; transfer, handle, review, close; routing table, holiday calendar,
  settings; CSV exports with personal data.
- Reviewers (``mailbox.review_replies``, group "Mailbox reviewers"): every letter, but
  without contact details or attachments; approve or send back replies drafted by
  someone else; notes.
- Department staff (members of a department's staff group, see the directory): the
  letters their department holds, with contact details and attachments; notes, reply
  drafts, transfers, closing.
- Anyone else (editors, another department's staff): no letter at all; the letter's
  address answers "not found".
"""

from django.db.models import QuerySet

from cityportal.mailbox.models import Letter, ReplyState

ADMIN_PERMISSION = "mailbox.administer_letters"
REVIEW_PERMISSION = "mailbox.review_replies"


def is_mailbox_admin(user) -> bool:
    return bool(user and user.is_active and user.has_perm(ADMIN_PERMISSION))


def is_reviewer(user) -> bool:
    return bool(user and user.is_active and (user.has_perm(REVIEW_PERMISSION) or is_mailbox_admin(user)))


def staff_department_ids(user) -> set[int]:
    """The departments whose staff group the user belongs to (all language editions)."""
    if not (user and user.is_active and user.is_authenticated):
        return set()
    cached = getattr(user, "_mailbox_department_ids", None)
    if cached is None:
        from cityportal.directory.models import DepartmentPage

        cached = set(
            DepartmentPage.objects.filter(staff_group__in=user.groups.all()).values_list("pk", flat=True)
        )
        user._mailbox_department_ids = cached
    return cached


def has_mailbox_access(user) -> bool:
    return is_mailbox_admin(user) or is_reviewer(user) or bool(staff_department_ids(user))


def visible_letters(user) -> QuerySet[Letter]:
    if is_mailbox_admin(user) or is_reviewer(user):
        return Letter.objects.all()
    departments = staff_department_ids(user)
    if departments:
        return Letter.objects.filter(department_id__in=departments)
    return Letter.objects.none()


def is_department_staff(user, letter: Letter) -> bool:
    return letter.department_id is not None and letter.department_id in staff_department_ids(user)


def may_see_contact(user, letter: Letter) -> bool:
    """Name, email, phone and attachments."""
    return is_mailbox_admin(user) or is_department_staff(user, letter)


def may_handle(user, letter: Letter) -> bool:
    """Draft replies, transfer, change status, close."""
    return is_mailbox_admin(user) or is_department_staff(user, letter)


def may_review(user, letter: Letter) -> bool:
    """Approve or send back the reply now awaiting review: never one's own draft. (A
    draft whose author's account is gone, or a sample's, may be approved by any
    reviewer.)"""
    return (
        is_reviewer(user)
        and letter.reply_state == ReplyState.AWAITING_REVIEW
        and letter.reply_author_id != user.pk
    )


def may_export_personal_data(user) -> bool:
    return is_mailbox_admin(user)
