"""Writing the audit trail of letters: every change, and every look at personal data."""

from datetime import timedelta

from django.utils import timezone

from cityportal.mailbox.models import EventAction, Letter, LetterEvent

# Looking at the same letter's contact details again within this time is not recorded
# again (each page load would otherwise add a line).
CONTACT_VIEW_QUIET = timedelta(minutes=10)


def user_label(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    full_name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    username = user.get_username()
    return f"{full_name} ({username})" if full_name and full_name != username else username


def log(letter: Letter | None, action: str, user=None, detail: str = "") -> LetterEvent:
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    return LetterEvent.objects.create(
        letter=letter,
        action=action,
        user=user if authenticated else None,
        user_name=user_label(user),
        detail=detail,
    )


def log_contact_view(letter: Letter, user) -> None:
    recent = LetterEvent.objects.filter(
        letter=letter,
        user=user,
        action=EventAction.CONTACT_VIEWED,
        at__gte=timezone.now() - CONTACT_VIEW_QUIET,
    )
    if not recent.exists():
        log(letter, EventAction.CONTACT_VIEWED, user)
