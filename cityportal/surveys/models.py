"""Online Investigation: public surveys with anonymous answers and published results."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, DateTimeField, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField

from cityportal.core.models import PortalPage
from cityportal.core.text import plain_text
from cityportal.news.models import ChannelPage
from cityportal.surveys.blocks import (
    FREE_TEXT,
    MULTIPLE_CHOICE,
    RATING,
    SINGLE_CHOICE,
    QuestionsBlock,
)

OPEN, UPCOMING, CLOSED = "open", "upcoming", "closed"
_STATUS_RANK = {OPEN: 0, UPCOMING: 1, CLOSED: 2}


@dataclass(frozen=True)
class Option:
    id: str
    label: str


@dataclass(frozen=True)
class Question:
    """One question of a survey as visitors see it (read from the StreamField)."""

    id: str
    kind: str
    number: int
    text: str
    help_text: str = ""
    required: bool = True
    options: tuple[Option, ...] = ()
    max_choices: int | None = None
    low_label: str = ""
    high_label: str = ""

    @property
    def is_choice(self) -> bool:
        return self.kind in (SINGLE_CHOICE, MULTIPLE_CHOICE)

    @property
    def field_name(self) -> str:
        return f"q-{self.id}"

    def option_label(self, option_id: str) -> str:
        return next((o.label for o in self.options if o.id == option_id), "")


class SurveyIndexPage(ChannelPage):
    """The Online Investigation channel: editors add surveys under it; visitors see which
    surveys are open now, which are coming and which have closed (with their results)."""

    numbered_from_oldest = False  # listed in its own order, numbered from the first

    # What is "open now" changes with the clock, so the list is always served by Django.
    static_publishable = False

    content_panels = PortalPage.content_panels + [
        FieldPanel("chinese_name"),
        FieldPanel("introduction"),
    ]
    subpage_types = ["surveys.SurveyPage"]

    class Meta:
        verbose_name = _("survey list (Online Investigation)")

    def get_listing(self, request=None):
        """Open surveys first (closing soonest first), then upcoming ones (opening soonest
        first), then closed ones (most recently closed first)."""
        now = timezone.now()
        return (
            SurveyPage.objects.live()
            .public()
            .child_of(self)
            .annotate(
                status_rank=Case(
                    When(opens_at__gt=now, then=Value(_STATUS_RANK[UPCOMING])),
                    When(closes_at__lte=now, then=Value(_STATUS_RANK[CLOSED])),
                    default=Value(_STATUS_RANK[OPEN]),
                    output_field=IntegerField(),
                ),
                ascending_time=Case(
                    When(opens_at__gt=now, then=F("opens_at")),
                    When(Q(closes_at__gt=now), then=F("closes_at")),
                    default=None,
                    output_field=DateTimeField(),
                ),
                descending_time=Case(
                    When(closes_at__lte=now, then=F("closes_at")), default=None, output_field=DateTimeField()
                ),
            )
            .order_by(
                "status_rank",
                F("ascending_time").asc(nulls_last=True),
                F("descending_time").desc(nulls_last=True),
                "-first_published_at",
                "pk",
            )
        )

    def listing_context(self, request, number=None) -> dict:
        context = super().listing_context(request, number)
        now = timezone.now()
        groups: dict[str, list] = {OPEN: [], UPCOMING: [], CLOSED: []}
        for survey in context["items"]:
            groups[survey.status(now)].append(survey)
        context["survey_groups"] = [
            (OPEN, _("Open now"), groups[OPEN]),
            (UPCOMING, _("Upcoming"), groups[UPCOMING]),
            (CLOSED, _("Closed"), groups[CLOSED]),
        ]
        return context


class SurveyPage(RoutablePageMixin, PortalPage):
    """A survey ("online investigation"): the questions, when it opens and closes, and
    whether its results are published. Visitors answer anonymously, once each; staff
    read every answer (free text included) and export them as CSV in the admin."""

    listed_as_item = True
    # The form carries a per-visitor CSRF token and the page answers "already answered".
    static_publishable = False

    RESULTS_NEVER = "never"
    RESULTS_AFTER_CLOSING = "after_closing"
    RESULTS_ALWAYS = "always"
    RESULTS_CHOICES = [
        (RESULTS_NEVER, _("Never (only staff see them)")),
        (RESULTS_AFTER_CLOSING, _("After the survey closes")),
        (RESULTS_ALWAYS, _("Always, also while the survey is open")),
    ]

    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Why the survey is held and how its results will be used."),
    )
    opens_at = models.DateTimeField(
        _("opens at"), default=timezone.now, help_text=_("Date and time in the city's time zone.")
    )
    closes_at = models.DateTimeField(
        _("closes at"),
        null=True,
        blank=True,
        help_text=_("Date and time in the city's time zone. Leave empty to keep the survey open."),
    )
    results_visibility = models.CharField(
        _("publish the results"),
        max_length=20,
        choices=RESULTS_CHOICES,
        default=RESULTS_AFTER_CLOSING,
        help_text=_("Counts per option and rating averages. Free-text answers are never published."),
    )
    questions = StreamField(QuestionsBlock(), verbose_name=_("questions"))
    thank_you_text = models.CharField(
        _("thank-you message"),
        max_length=300,
        blank=True,
        help_text=_("Shown after a visitor sends the answers. Leave empty for the standard message."),
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("opens_at"), FieldPanel("closes_at"), FieldPanel("results_visibility")],
            heading=_("When"),
        ),
        FieldPanel("questions"),
        FieldPanel("thank_you_text"),
    ]
    parent_page_types = ["surveys.SurveyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("survey")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The survey must close after it opens.")})

    # -- what visitors see -----------------------------------------------------------

    def status(self, now: datetime | None = None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return UPCOMING
        if self.closes_at is not None and now >= self.closes_at:
            return CLOSED
        return OPEN

    def is_open(self, now: datetime | None = None) -> bool:
        return self.status(now) == OPEN

    def results_are_public(self, now: datetime | None = None) -> bool:
        if self.results_visibility == self.RESULTS_ALWAYS:
            return True
        return self.results_visibility == self.RESULTS_AFTER_CLOSING and self.status(now) == CLOSED

    def question_list(self) -> list[Question]:
        questions = []
        for number, child in enumerate(self.questions, 1):
            value = child.value
            options = ()
            if child.block_type in (SINGLE_CHOICE, MULTIPLE_CHOICE):
                options = tuple(
                    Option(item.id, item.value) for item in value["options"].bound_blocks if item.value
                )
            questions.append(
                Question(
                    id=str(child.id),
                    kind=child.block_type,
                    number=number,
                    text=value["question"],
                    help_text=value.get("help_text") or "",
                    required=bool(value.get("required")),
                    options=options,
                    max_choices=value.get("max_choices") or None,
                    low_label=value.get("low_label") or "",
                    high_label=value.get("high_label") or "",
                )
            )
        return questions

    def has_free_text(self) -> bool:
        return any(child.block_type == FREE_TEXT for child in self.questions)

    def get_search_text_parts(self) -> list[str]:
        return super().get_search_text_parts() + [
            self.introduction,
            *(q.text for q in self.question_list()),
        ]

    def listing_summary(self) -> str:
        return Truncator(plain_text(self.introduction)).words(40)

    # Routes and views live in views.py (visitor) and admin_views.py (staff).
    @path("")
    def survey(self, request):
        from cityportal.surveys.views import survey_view

        return survey_view(self, request)

    @path("thanks/")
    def thanks(self, request):
        from cityportal.surveys.views import thanks_view

        return thanks_view(self, request)

    @path("results/")
    def results(self, request):
        from cityportal.surveys.views import results_view

        return results_view(self, request)


class SurveyResponse(models.Model):
    """One visitor's answers to a survey. Anonymous: no user, no address is stored."""

    survey = models.ForeignKey(
        SurveyPage, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    submitted_at = models.DateTimeField(_("sent at"), default=timezone.now)
    # A random key the form carries (not the visitor's), so that the same form sent twice
    # (a double click, a resend after a lost connection) is stored once.
    submission_key = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        indexes = [models.Index(fields=["survey", "submitted_at"], name="surveys_response_by_time")]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "submission_key"],
                condition=~Q(submission_key=""),
                name="surveys_response_submission_key_unique",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.submitted_at:%Y-%m-%d %H:%M})"


class SurveyAnswer(models.Model):
    """The answer to one question of a response. A multiple-choice question gets one row
    per ticked option. The question and option texts are copied so that an export still
    reads well after the editor rewords or removes them."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question_id = models.CharField(max_length=64)
    question = models.CharField(max_length=300)
    option_id = models.CharField(max_length=64, blank=True)
    option = models.CharField(max_length=200, blank=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        indexes = [models.Index(fields=["question_id", "option_id"], name="surveys_answer_by_option")]

    def __str__(self) -> str:
        return self.option or (
            str(self.rating) if self.rating is not None else Truncator(self.text).chars(40)
        )


__all__ = ["CLOSED", "FREE_TEXT", "OPEN", "RATING", "UPCOMING", "Question", "SurveyPage"]
