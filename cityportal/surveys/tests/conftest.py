"""A test survey with one question of each kind, with readable ids."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cityportal.core.tests.utils import publish

SINGLE, MULTI, RATING, TEXT = "single", "multi", "rating", "text"


def item(option_id: str, label: str) -> dict:
    return {"type": "item", "value": label, "id": option_id}


def standard_questions(*, required: bool = True) -> list[dict]:
    return [
        {
            "type": "single_choice",
            "id": SINGLE,
            "value": {
                "question": "How did you hear of the portal?",
                "help_text": "",
                "required": required,
                "options": [item("s1", "A friend"), item("s2", "A search engine"), item("s3", "A poster")],
            },
        },
        {
            "type": "multiple_choice",
            "id": MULTI,
            "value": {
                "question": "Which sections do you read?",
                "help_text": "",
                "required": required,
                "options": [
                    item("m1", "News"),
                    item("m2", "Tourism"),
                    item("m3", "Investment"),
                    item("m4", "Life"),
                ],
                "max_choices": 2,
            },
        },
        {
            "type": "rating",
            "id": RATING,
            "value": {
                "question": "How do you rate the portal?",
                "help_text": "",
                "required": required,
                "low_label": "Poor",
                "high_label": "Excellent",
            },
        },
        {
            "type": "free_text",
            "id": TEXT,
            "value": {"question": "What would you change?", "help_text": "", "required": required},
        },
    ]


def field(question_id: str) -> str:
    return f"q-{question_id}"


def valid_answers(**changes) -> dict:
    data = {field(SINGLE): "s2", field(MULTI): ["m1", "m3"], field(RATING): "4", field(TEXT): "More maps."}
    data.update({field(k): v for k, v in changes.items()})
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def survey_index(db):
    from cityportal.surveys.models import SurveyIndexPage

    return SurveyIndexPage.objects.get(slug="online-investigation")


@pytest.fixture
def make_survey(survey_index):
    from cityportal.surveys.models import SurveyPage

    def make(
        title: str = "Test survey",
        *,
        questions: list[dict] | None = None,
        opens_in: timedelta = timedelta(days=-1),
        closes_in: timedelta | None = timedelta(days=7),
        results: str = SurveyPage.RESULTS_ALWAYS,
        **fields,
    ) -> SurveyPage:
        now = timezone.now()
        page = SurveyPage(
            title=title,
            opens_at=now + opens_in,
            closes_at=now + closes_in if closes_in is not None else None,
            results_visibility=results,
            questions=questions if questions is not None else standard_questions(),
            **fields,
        )
        return publish(survey_index, page)

    return make


@pytest.fixture
def survey(make_survey):
    return make_survey()
