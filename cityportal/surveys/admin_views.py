"""Staff views in the Wagtail admin: every survey's results with its free-text answers,
and the CSV export of the responses.

Only people with the "Can view survey response" permission (``surveys.view_surveyresponse``,
granted to a group under Settings > Groups) may see them: free-text answers can hold
what visitors would not want published.
"""

import csv
from collections.abc import Iterator

from django.db.models import Count
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cityportal.surveys.blocks import FREE_TEXT, MULTIPLE_CHOICE
from cityportal.surveys.models import Question, SurveyAnswer, SurveyPage, SurveyResponse
from cityportal.surveys.results import tally

PERMISSION = "surveys.view_surveyresponse"
# The results view lists at most this many written answers per question; the CSV has all.
FREE_TEXT_SHOWN = 200
# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def may_see_responses(user) -> bool:
    return user.is_active and user.has_perm(PERMISSION)


class ResponsesPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_see_responses(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class SurveyListView(ResponsesPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "surveys/admin/survey_list.html"
    page_title = gettext_lazy("Survey results")
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["surveys"] = (
            SurveyPage.objects.annotate(response_count=Count("responses"))
            .select_related("locale")
            .order_by("-opens_at", "pk")
        )
        return context


class SurveyResultsView(ResponsesPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "surveys/admin/survey_results.html"
    header_icon = "tasks"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.survey = get_object_or_404(SurveyPage, pk=kwargs["page_id"])

    def get_page_title(self):
        return _("Results: %(title)s") % {"title": self.survey.title}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("surveys_admin:index"), "label": _("Survey results")},
            {"url": "", "label": self.survey.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        free_text = []
        for question in self.survey.question_list():
            if question.kind != FREE_TEXT:
                continue
            answers = SurveyAnswer.objects.filter(
                response__survey=self.survey, question_id=question.id
            ).exclude(text="")
            free_text.append(
                {
                    "question": question,
                    "total": answers.count(),
                    "answers": answers.select_related("response").order_by("-response__submitted_at", "-pk")[
                        :FREE_TEXT_SHOWN
                    ],
                }
            )
        context.update(
            survey=self.survey,
            results=tally(self.survey),
            free_text=free_text,
            free_text_shown=FREE_TEXT_SHOWN,
            export_url=reverse("surveys_admin:export", args=[self.survey.pk]),
        )
        return context


def spreadsheet_safe(value: object) -> str:
    """A cell value that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class _Echo:
    """A file-like object whose write() hands the line back, for streaming csv rows."""

    def write(self, value: str) -> str:
        return value


def export_rows(survey: SurveyPage) -> Iterator[list[str]]:
    """The header, then one row per response (oldest first): its number, when it was
    sent (city time) and one column per question. Questions the editor has removed
    since keep a column of their own at the end."""
    questions = survey.question_list()
    current_ids = {q.id for q in questions}
    removed = {}
    for question_id, text in (
        SurveyAnswer.objects.filter(response__survey=survey)
        .exclude(question_id__in=current_ids)
        .order_by("response_id", "pk")
        .values_list("question_id", "question")
    ):
        removed.setdefault(question_id, text)
    columns: list[tuple[str, Question | None]] = [(q.id, q) for q in questions] + [
        (question_id, None) for question_id in removed
    ]
    header = [_("Response"), _("Sent at (%(zone)s)") % {"zone": timezone.get_current_timezone_name()}]
    for question_id, question in columns:
        header.append(
            question.text if question else _("%(question)s (removed)") % {"question": removed[question_id]}
        )
    yield [spreadsheet_safe(h) for h in header]

    responses = (
        SurveyResponse.objects.filter(survey=survey)
        .order_by("submitted_at", "pk")
        .prefetch_related("answers")
    )
    for response in responses.iterator(chunk_size=500):
        by_question: dict[str, list[SurveyAnswer]] = {}
        for answer in sorted(response.answers.all(), key=lambda a: a.pk):
            by_question.setdefault(answer.question_id, []).append(answer)
        row = [str(response.pk), timezone.localtime(response.submitted_at).strftime("%Y-%m-%d %H:%M:%S")]
        for question_id, question in columns:
            answers = by_question.get(question_id, [])
            cells = []
            for answer in answers:
                if answer.option_id:
                    # The option's wording today, or as it was when the answer came.
                    cells.append(
                        (question.option_label(answer.option_id) if question else "") or answer.option
                    )
                elif answer.rating is not None:
                    cells.append(str(answer.rating))
                else:
                    cells.append(answer.text)
            joiner = "; " if question is None or question.kind == MULTIPLE_CHOICE else " "
            row.append(joiner.join(cells))
        yield [spreadsheet_safe(cell) for cell in row]


def export_csv(request: HttpRequest, page_id: int) -> HttpResponse:
    if not may_see_responses(request.user):
        return permission_denied(request)
    survey = get_object_or_404(SurveyPage, pk=page_id)
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        # A byte-order mark, so that spreadsheet programs read the file as UTF-8 (Chinese).
        yield "\ufeff"
        for row in export_rows(survey):
            yield writer.writerow(row)

    filename = f"survey-{slugify(survey.slug) or survey.pk}-{timezone.localdate().isoformat()}.csv"
    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
