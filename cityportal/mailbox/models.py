"""Mailbox of Government: letters from the public handled as cases with deadlines.

A letter arrives through the public form of a ``MailboxPage``; it gets a tracking number
and a query code, is routed by its type to a department of the directory, and is
answered there: a handler drafts a reply, a reviewer approves it, the writer is told.
Every step is written to the letter's audit trail (``LetterEvent``). See docs/mailbox.md.
"""

import os
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path, re_path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField

from cityportal.core.blocks import BodyBlock, stream_plain_text
from cityportal.core.models import PortalPage
from cityportal.core.pagination import redirect_page_one
from cityportal.news.models import ChannelPage

DEFAULT_DEADLINE_WORKING_DAYS = 5
MAX_DEADLINE_WORKING_DAYS = 60
LATEST_REPLIES_SHOWN = 5


class LetterType(models.TextChoices):
    CONSULTATION = "consultation", _("Consultation")
    SUGGESTION = "suggestion", _("Suggestion")
    COMPLAINT = "complaint", _("Complaint")
    SITE_ERROR = "site_error", _("Report of an error on this site")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    REPLIED = "replied", _("Replied")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (Status.RECEIVED, Status.ASSIGNED, Status.IN_PROGRESS)


class ReplyState(models.TextChoices):
    NONE = "", _("No reply yet")
    DRAFT = "draft", _("Draft")
    AWAITING_REVIEW = "review", _("Awaiting review")
    RETURNED = "returned", _("Sent back for changes")
    APPROVED = "approved", _("Approved and sent")


class PrivateStorage(FileSystemStorage):
    """Where attachments are kept: outside MEDIA_ROOT (which is served to anyone), in
    ``CITYPORTAL_MAILBOX_PRIVATE_ROOT``, read at each use so tests can move it. Files
    are only ever sent through the permission-checked admin view."""

    @property
    def base_location(self):
        return str(
            getattr(settings, "CITYPORTAL_MAILBOX_PRIVATE_ROOT", Path(settings.MEDIA_ROOT).parent / "private")
        )

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Mailbox attachments have no public address.")


def private_storage() -> PrivateStorage:
    return PrivateStorage()


class Letter(models.Model):
    """A letter to the Mailbox of Government and the case it opens. Staff see letters in
    the admin under Mailbox > Letters; contact details only the holding department's
    staff and mailbox administrators."""

    tracking_number = models.CharField(_("tracking number"), max_length=20, unique=True)
    # Only a salted hash of the query code is kept (see tracking.py).
    query_code_hash = models.CharField(max_length=128)
    # A random key the form carries, so that sending the same form twice (reload,
    # double click) stores one letter.
    submission_key = models.CharField(max_length=64, blank=True)
    received_at = models.DateTimeField(_("received"), db_index=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    letter_type = models.CharField(_("type"), max_length=20, choices=LetterType.choices)

    # Personal data: removed by `mailbox_retention` once the case has long been closed.
    name = models.CharField(_("name"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    personal_data_removed_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)

    country = models.CharField(_("country or region"), max_length=100)
    subject = models.CharField(_("subject"), max_length=60)
    message = models.TextField(_("message"), max_length=3000)
    consent_to_publish = models.BooleanField(_("consents to publication"), default=False)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    department = models.ForeignKey(
        "directory.DepartmentPage",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mailbox_letters",
    )
    # The department's name when the letter was given to it, for statistics and the
    # public list should the department page later be renamed or deleted.
    department_name = models.CharField(_("department name"), max_length=255, blank=True)
    due_date = models.DateField(_("reply due"))
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    reply_text = models.TextField(_("reply"), blank=True)
    reply_state = models.CharField(
        _("reply state"), max_length=10, choices=ReplyState.choices, default=ReplyState.NONE, blank=True
    )
    reply_author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reply_updated_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # What "Letters and replies" shows: copies with personal data removed, made when the
    # reply is approved (so they stay clean after the name is deleted by retention).
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    public_subject = models.CharField(max_length=200, blank=True)
    public_message = models.TextField(blank=True)
    public_reply = models.TextField(blank=True)
    public_search_text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission_key"],
                condition=~models.Q(submission_key=""),
                name="mailbox_letter_submission_key_unique",
            )
        ]
        indexes = [
            models.Index(fields=["status", "due_date"], name="mailbox_letter_open_due"),
            models.Index(fields=["department", "status"], name="mailbox_letter_department"),
        ]
        permissions = [
            (
                "administer_letters",
                "Can administer the mailbox: every letter, contact details, routing, exports",
            ),
            ("review_replies", "Can approve or send back replies to letters"),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_number} {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def has_personal_data(self) -> bool:
        return self.personal_data_removed_at is None

    def received_local(self) -> datetime:
        return timezone.localtime(self.received_at)


def attachment_path(instance: "Attachment", filename: str) -> str:
    # A random name: the writer's file name is kept only for display.
    import uuid

    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    now = timezone.now()
    return f"attachments/{now:%Y/%m}/{uuid.uuid4().hex}.{extension}"


class Attachment(models.Model):
    """A file sent with a letter (PDF, JPEG or PNG, checked by its content)."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("attachment")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class EventAction(models.TextChoices):
    RECEIVED = "received", _("Letter received")
    ROUTED = "routed", _("Routed to a department")
    TRANSFERRED = "transferred", _("Transferred")
    STATUS = "status", _("Status changed")
    NOTE = "note", _("Internal note")
    DRAFT_SAVED = "draft_saved", _("Reply draft saved")
    SUBMITTED = "submitted", _("Reply sent for review")
    RETURNED = "returned", _("Reply sent back")
    APPROVED = "approved", _("Reply approved")
    EMAIL_SENT = "email_sent", _("Email sent")
    EMAIL_FAILED = "email_failed", _("Email not sent")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn from publication")
    CONTACT_VIEWED = "contact_viewed", _("Contact details viewed")
    ATTACHMENT_DOWNLOADED = "attachment_downloaded", _("Attachment downloaded")
    EXPORTED = "exported", _("Letters exported")
    PERSONAL_DATA_REMOVED = "personal_data_removed", _("Personal data removed")
    REMINDER_SENT = "reminder_sent", _("Deadline reminder sent")


class LetterEvent(models.Model):
    """One entry of the audit trail: who did what to which letter, and when. Entries are
    only ever added (no admin view changes or deletes them). CSV exports, which concern
    many letters, are recorded with no letter."""

    letter = models.ForeignKey(Letter, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text too, so the trail still names the person if the account is deleted.
    user_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=30, choices=EventAction.choices)
    detail = models.TextField(blank=True)

    class Meta:
        verbose_name = _("letter event")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    def who(self) -> str:
        return self.user_name or (_("the writer") if self.action == EventAction.RECEIVED else _("the system"))


class RoutingRule(models.Model):
    """The routing table: which department answers each type of letter, and in how many
    working days. Mailbox administrators edit it under Mailbox > Routing table."""

    letter_type = models.CharField(_("letter type"), max_length=20, choices=LetterType.choices, unique=True)
    department = models.ForeignKey(
        "directory.DepartmentPage",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to use the default department of the mailbox settings."),
    )
    working_days = models.PositiveSmallIntegerField(
        _("working days to reply"),
        default=DEFAULT_DEADLINE_WORKING_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DEADLINE_WORKING_DAYS)],
        help_text=_("Counted from the day after the letter arrives, skipping weekends and holidays."),
    )

    panels = [FieldPanel("letter_type"), FieldPanel("department"), FieldPanel("working_days")]

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing table")
        ordering = ["letter_type"]

    def __str__(self) -> str:
        return str(self.get_letter_type_display())


class CalendarDay(models.Model):
    """An exception to the Monday-to-Friday week in the holiday calendar: a public holiday
    (a day off) or a make-up working day on a weekend (调休). Deadlines are counted on
    it. Mailbox administrators edit it under Mailbox > Holiday calendar."""

    HOLIDAY = "holiday"
    WORKDAY = "workday"
    KIND_CHOICES = [(HOLIDAY, _("Holiday (day off)")), (WORKDAY, _("Working day (make-up)"))]

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=KIND_CHOICES, default=HOLIDAY)
    name = models.CharField(_("name"), max_length=100, blank=True, help_text=_("For example: National Day."))

    panels = [FieldPanel("date"), FieldPanel("kind"), FieldPanel("name")]

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("holiday calendar")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}" + (f" ({self.name})" if self.name else "")

    def clean(self):
        super().clean()
        if self.date and self.kind == self.WORKDAY and self.date.weekday() < 5:
            raise ValidationError(
                {"kind": _("A make-up working day falls on a Saturday or a Sunday; this date is a weekday.")}
            )


class DailySequence(models.Model):
    """The last tracking number given on each day (city time), so numbers count 0001,
    0002... per day without gaps or repeats however many workers take letters."""

    day = models.DateField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.day}: {self.last}"


@register_setting(icon="mail")
class MailboxSettings(BaseGenericSetting):
    """Mailbox of Government settings: where letters go when the routing table names
    no department for their type."""

    default_department = models.ForeignKey(
        "directory.DepartmentPage",
        verbose_name=_("default department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Receives letters whose type has no department in the routing table."),
    )

    panels = [FieldPanel("default_department")]

    class Meta:
        verbose_name = _("mailbox settings")


class MailboxPage(ChannelPage):
    """The Mailbox of Government channel (Online Service > Mailbox of Government). Its
    address shows the mailbox's notices (the pages under it) and links to its parts:
    ``write/`` (the letter form), ``track/`` (follow a letter with its tracking number
    and query code), ``letters/`` (published letters and replies, searchable) and
    ``statistics/``. Editors write the introductions; letters are handled in the admin
    under Mailbox."""

    numbered_from_oldest = False  # listed in its own order, numbered from the first

    # The form and the track page carry CSRF tokens and answer each visitor: they are
    # always served by Django. ("letters/" and "statistics/" are the same for everyone.)
    static_publishable = False

    form_introduction = RichTextField(
        _("form introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Shown above the letter form: what the mailbox handles and what it does not."),
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("chinese_name"),
        FieldPanel("introduction"),
        FieldPanel("form_introduction"),
    ]
    subpage_types = ["mailbox.MailboxNoticePage"]

    class Meta:
        verbose_name = _("mailbox of government")

    def get_search_text_parts(self) -> list[str]:
        return super().get_search_text_parts() + [self.form_introduction]

    def listing_context(self, request, number=None) -> dict:
        from cityportal.mailbox.views import published_queryset

        context = super().listing_context(request, number)
        context["latest_letters"] = list(published_queryset()[:LATEST_REPLIES_SHOWN])
        return context

    @cached_property
    def _views(self):
        from cityportal.mailbox import views

        return views

    @path("write/")
    def write(self, request):
        return self._views.write_letter(self, request)

    @path("track/")
    def track(self, request):
        return self._views.track_letter(self, request)

    @path("letters/")
    def letters(self, request):
        return self._views.published_letters(self, request)

    @re_path(r"^letters/page/(?P<number>[^/]{1,40})/$")
    def letters_page(self, request, number):
        if (first_page := redirect_page_one(request, self.get_url(request) + "letters/", number)) is not None:
            return first_page
        return self._views.published_letters(self, request, number)

    @path("statistics/")
    def statistics(self, request):
        return self._views.statistics(self, request)


class MailboxNoticePage(PortalPage):
    """A notice of the Mailbox of Government, listed on the mailbox's page: how to write,
    what the mailbox handles, annual summaries. Editors add these under the mailbox."""

    listed_as_item = True

    summary = models.TextField(
        _("summary"),
        max_length=600,
        blank=True,
        help_text=_("One or two sentences for listings, feeds and search results."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"))

    content_panels = PortalPage.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    parent_page_types = ["mailbox.MailboxPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("mailbox notice")

    def get_search_text_parts(self) -> list[str]:
        return super().get_search_text_parts() + [self.summary, stream_plain_text(self.body)]

    def listing_summary(self) -> str:
        return self.summary
