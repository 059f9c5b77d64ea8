"""Counting a survey's answers: per option of choice questions, the distribution and
average of ratings. A handful of grouped queries, however many responses there are."""

from dataclasses import dataclass, field

from django.db.models import Count

from cityportal.surveys.blocks import FREE_TEXT, MULTIPLE_CHOICE, RATING, RATING_MAX, RATING_MIN
from cityportal.surveys.models import Question, SurveyAnswer, SurveyPage


@dataclass
class Row:
    label: str
    count: int
    percent: float  # of the people who answered the question


@dataclass
class QuestionResult:
    question: Question
    answered: int  # how many responses answered this question
    rows: list[Row] = field(default_factory=list)
    average: float | None = None

    @property
    def is_multiple(self) -> bool:
        return self.question.kind == MULTIPLE_CHOICE

    @property
    def is_rating(self) -> bool:
        return self.question.kind == RATING

    @property
    def is_free_text(self) -> bool:
        return self.question.kind == FREE_TEXT


@dataclass
class SurveyResults:
    responses: int
    questions: list[QuestionResult]


def _percent(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


def tally(survey: SurveyPage) -> SurveyResults:
    answers = SurveyAnswer.objects.filter(response__survey=survey)
    answered = dict(
        answers.values("question_id")
        .annotate(n=Count("response_id", distinct=True))
        .values_list("question_id", "n")
    )
    by_option = {
        (q, o): n
        for q, o, n in answers.exclude(option_id="")
        .values("question_id", "option_id")
        .annotate(n=Count("id"))
        .values_list("question_id", "option_id", "n")
    }
    by_rating = {
        (q, r): n
        for q, r, n in answers.filter(rating__isnull=False)
        .values("question_id", "rating")
        .annotate(n=Count("id"))
        .values_list("question_id", "rating", "n")
    }
    results = []
    for question in survey.question_list():
        total = answered.get(question.id, 0)
        result = QuestionResult(question=question, answered=total)
        if question.is_choice:
            # Options the editor has since removed are not counted (their answers stay
            # in the export).
            result.rows = [Row(o.label, by_option.get((question.id, o.id), 0), 0.0) for o in question.options]
        elif question.kind == RATING:
            result.rows = [
                Row(str(r), by_rating.get((question.id, r), 0), 0.0)
                for r in range(RATING_MIN, RATING_MAX + 1)
            ]
            rated = sum(row.count for row in result.rows)
            if rated:
                result.average = round(
                    sum(r * by_rating.get((question.id, r), 0) for r in range(RATING_MIN, RATING_MAX + 1))
                    / rated,
                    1,
                )
        for row in result.rows:
            row.percent = _percent(row.count, total)
        results.append(result)
    return SurveyResults(responses=survey.responses.count(), questions=results)
