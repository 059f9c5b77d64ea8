"""The answer form: what it accepts, and a message of its own for each kind of mistake."""

import pytest
from django.http import QueryDict

from cityportal.surveys.forms import SurveyForm
from cityportal.surveys.tests.conftest import (
    MULTI,
    RATING,
    SINGLE,
    TEXT,
    field,
    standard_questions,
    valid_answers,
)

pytestmark = pytest.mark.django_db


def form_for(survey, data: dict) -> SurveyForm:
    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = value
    return SurveyForm(survey.question_list(), data=query)


def error_of(form: SurveyForm, question_id: str) -> tuple[str, str]:
    assert not form.is_valid()
    errors = form.errors.as_data()[field(question_id)]
    assert len(errors) == 1
    return errors[0].code, errors[0].messages[0]


def test_valid_answers_become_answer_rows(survey):
    form = form_for(survey, valid_answers(**{MULTI: ["m3", "m1"]}))
    assert form.is_valid(), form.errors
    answers = [(a.question_id, a.option_id, a.option, a.rating, a.text) for a in form.answers()]
    assert answers == [
        (SINGLE, "s2", "A search engine", None, ""),
        # In the order of the options, not the order sent.
        (MULTI, "m1", "News", None, ""),
        (MULTI, "m3", "Investment", None, ""),
        (RATING, "", "", 4, ""),
        (TEXT, "", "", None, "More maps."),
    ]


@pytest.mark.parametrize(
    ("question_id", "code", "message"),
    [
        (SINGLE, "required", "Choose one of the answers."),
        (MULTI, "required", "Tick at least one answer."),
        (RATING, "required", "Choose a rating from 1 to 5."),
        (TEXT, "required", "Write an answer to this question."),
    ],
)
def test_each_required_question_left_unanswered_has_its_message(survey, question_id, code, message):
    form = form_for(survey, valid_answers(**{question_id: None}))
    assert error_of(form, question_id) == (code, message)
    assert list(form.errors) == [field(question_id)]


def test_blank_text_counts_as_unanswered(survey):
    form = form_for(survey, valid_answers(**{TEXT: "   \r\n  "}))
    assert error_of(form, TEXT)[0] == "required"


def test_optional_questions_may_be_left_out(make_survey):
    survey = make_survey(questions=standard_questions(required=False))
    form = form_for(survey, {})
    assert form.is_valid(), form.errors
    assert form.answers() == []


def test_a_choice_that_is_not_an_option_is_refused(survey):
    code, message = error_of(form_for(survey, valid_answers(**{SINGLE: "s9"})), SINGLE)
    assert code == "invalid_choice"
    assert message == (
        "The answer sent is not one of the options of this question. Choose one of the options shown."
    )


def test_an_option_of_another_question_is_refused(survey):
    assert error_of(form_for(survey, valid_answers(**{SINGLE: "m1"})), SINGLE)[0] == "invalid_choice"


def test_multiple_choice_with_an_unknown_value_is_refused(survey):
    code, message = error_of(form_for(survey, valid_answers(**{MULTI: ["m1", "<script>"]})), MULTI)
    assert code == "invalid_choice"
    assert (
        message == "One of the answers sent is not an option of this question. Tick only the options shown."
    )


def test_multiple_choice_with_too_many_values_is_refused(survey):
    code, message = error_of(form_for(survey, valid_answers(**{MULTI: ["m1", "m2", "m4"]})), MULTI)
    assert (code, message) == ("too_many", "Tick at most 2 answers; you ticked 3.")


def test_a_value_sent_twice_counts_once(survey):
    form = form_for(survey, valid_answers(**{MULTI: ["m1", "m2", "m1", "m2"]}))
    assert form.is_valid(), form.errors
    assert [a.option_id for a in form.answers() if a.question_id == MULTI] == ["m1", "m2"]


@pytest.mark.parametrize("value", ["abc", "3.5", "٣", "4 stars", "1e1"])
def test_a_rating_that_is_not_a_whole_number_is_refused(survey, value):
    assert error_of(form_for(survey, valid_answers(**{RATING: value})), RATING) == (
        "not_a_number",
        "The rating must be a whole number from 1 to 5.",
    )


@pytest.mark.parametrize("value", ["0", "6", "-1", "99999"])
def test_a_rating_outside_the_scale_is_refused(survey, value):
    assert error_of(form_for(survey, valid_answers(**{RATING: value})), RATING) == (
        "out_of_range",
        f"{int(value)} is outside the scale: the rating must be from 1 to 5.",
    )


@pytest.mark.parametrize("value", ["1", "5", " 3 "])
def test_ratings_on_the_scale_are_accepted(survey, value):
    form = form_for(survey, valid_answers(**{RATING: value}))
    assert form.is_valid(), form.errors
    assert form.cleaned_data[field(RATING)] == int(value)


def test_free_text_over_the_limit_is_refused(survey):
    code, message = error_of(form_for(survey, valid_answers(**{TEXT: "x" * 2001})), TEXT)
    assert (code, message) == (
        "too_long",
        "Your answer is 2,001 characters long; the limit is 2,000. Please shorten it.",
    )


def test_free_text_at_the_limit_is_accepted_counting_line_breaks_as_browsers_do(survey):
    assert form_for(survey, valid_answers(**{TEXT: "x" * 2000})).is_valid()
    # 1,000 lines: 2,000 characters as the browser counts them, 2,999 as sent (\r\n).
    text = "\r\n".join(["x"] * 1000) + "y"
    assert len(text) == 2999
    form = form_for(survey, valid_answers(**{TEXT: text}))
    assert form.is_valid(), form.errors
    assert form.cleaned_data[field(TEXT)] == "\n".join(["x"] * 1000) + "y"


def test_free_text_with_a_null_character_is_refused(survey):
    assert error_of(form_for(survey, valid_answers(**{TEXT: "a\x00b"})), TEXT)[0] == "null_characters"


def test_each_mistake_has_a_message_of_its_own(survey):
    """Every kind of invalid input gets a different message."""
    cases = [
        (SINGLE, None),
        (SINGLE, "s9"),
        (MULTI, None),
        (MULTI, ["zz"]),
        (MULTI, ["m1", "m2", "m3"]),
        (RATING, None),
        (RATING, "x"),
        (RATING, "9"),
        (TEXT, None),
        (TEXT, "x" * 3000),
    ]
    messages = [error_of(form_for(survey, valid_answers(**{q: v})), q)[1] for q, v in cases]
    assert len(set(messages)) == len(messages)
