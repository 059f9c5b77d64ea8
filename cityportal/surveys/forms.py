"""The answer form of a survey, built from its questions.

Every way an answer can be wrong has its own message, in the visitor's language, and a
form with errors shows again everything that was typed or chosen. Values that the page
never offered (a changed option id, a rating of 7) are refused, not stored.
"""

import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cityportal.core.submission_keys import new_key, read_key
from cityportal.surveys.blocks import (
    FREE_TEXT,
    FREE_TEXT_MAX_LENGTH,
    MULTIPLE_CHOICE,
    RATING,
    RATING_MAX,
    RATING_MIN,
    SINGLE_CHOICE,
)
from cityportal.surveys.models import Question, SurveyAnswer

_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,9}")


class QuestionField(forms.Field):
    """A field for one question; ``clean`` gives the answer or the question's message."""

    def __init__(self, question: Question, **kwargs):
        self.question = question
        super().__init__(required=question.required, **kwargs)


class SingleChoiceField(QuestionField):
    widget = forms.RadioSelect

    def clean(self, value):
        value = (value or "").strip() if isinstance(value, str) else ""
        if not value:
            if self.required:
                raise ValidationError(_("Choose one of the answers."), code="required")
            return None
        if value not in {o.id for o in self.question.options}:
            raise ValidationError(
                _(
                    "The answer sent is not one of the options of this question. "
                    "Choose one of the options shown."
                ),
                code="invalid_choice",
            )
        return value


class MultipleChoiceField(QuestionField):
    widget = forms.CheckboxSelectMultiple

    def clean(self, value):
        values = [v.strip() for v in (value or []) if isinstance(v, str) and v.strip()]
        chosen = list(dict.fromkeys(values))  # a value sent twice counts once
        if not chosen:
            if self.required:
                raise ValidationError(_("Tick at least one answer."), code="required")
            return []
        known = {o.id for o in self.question.options}
        if any(v not in known for v in chosen):
            raise ValidationError(
                _("One of the answers sent is not an option of this question. Tick only the options shown."),
                code="invalid_choice",
            )
        limit = self.question.max_choices
        if limit and len(chosen) > limit:
            raise ValidationError(
                ngettext(
                    "Tick at most %(max)d answer; you ticked %(count)d.",
                    "Tick at most %(max)d answers; you ticked %(count)d.",
                    limit,
                )
                % {"max": limit, "count": len(chosen)},
                code="too_many",
            )
        # In the order of the options, whatever order the browser sent them in.
        return [o.id for o in self.question.options if o.id in chosen]


class RatingField(QuestionField):
    widget = forms.RadioSelect

    def clean(self, value):
        value = (value or "").strip() if isinstance(value, str) else ""
        if not value:
            if self.required:
                raise ValidationError(
                    _("Choose a rating from %(min)d to %(max)d.") % {"min": RATING_MIN, "max": RATING_MAX},
                    code="required",
                )
            return None
        if not _WHOLE_NUMBER.fullmatch(value):
            raise ValidationError(
                _("The rating must be a whole number from %(min)d to %(max)d.")
                % {"min": RATING_MIN, "max": RATING_MAX},
                code="not_a_number",
            )
        rating = int(value)
        if not RATING_MIN <= rating <= RATING_MAX:
            raise ValidationError(
                _("%(value)d is outside the scale: the rating must be from %(min)d to %(max)d.")
                % {"value": rating, "min": RATING_MIN, "max": RATING_MAX},
                code="out_of_range",
            )
        return rating


class FreeTextField(QuestionField):
    widget = forms.Textarea

    def clean(self, value):
        # Browsers send line breaks as \r\n but count them as one character against
        # maxlength; count them the same way here.
        text = (value if isinstance(value, str) else "").replace("\r\n", "\n").replace("\r", "\n").strip()
        if not text:
            if self.required:
                raise ValidationError(_("Write an answer to this question."), code="required")
            return ""
        if "\x00" in text:
            raise ValidationError(
                _("The answer contains a character that cannot be stored (a null character)."),
                code="null_characters",
            )
        if len(text) > FREE_TEXT_MAX_LENGTH:
            raise ValidationError(
                _("Your answer is %(length)s characters long; the limit is %(max)s. Please shorten it.")
                % {
                    "length": number_format(len(text), force_grouping=True),
                    "max": number_format(FREE_TEXT_MAX_LENGTH, force_grouping=True),
                },
                code="too_long",
            )
        return text


FIELD_FOR_KIND = {
    SINGLE_CHOICE: SingleChoiceField,
    MULTIPLE_CHOICE: MultipleChoiceField,
    RATING: RatingField,
    FREE_TEXT: FreeTextField,
}


@dataclass
class QuestionRow:
    """What the template needs to draw one question, with what the visitor sent."""

    question: Question
    field: forms.BoundField

    @property
    def errors(self) -> list[str]:
        return list(self.field.errors)

    @property
    def selected(self) -> set[str]:
        value = self.field.value()
        if value is None:
            return set()
        if isinstance(value, list | tuple):
            return {str(v) for v in value}
        return {str(value)}

    @property
    def text(self) -> str:
        value = self.field.value()
        return value if isinstance(value, str) else ""

    @property
    def first_input_id(self) -> str:
        if self.question.kind == FREE_TEXT:
            return self.question.field_name
        return f"{self.question.field_name}-1"

    def rating_choices(self) -> list[tuple[int, str]]:
        return [(n, str(n)) for n in range(RATING_MIN, RATING_MAX + 1)]


class SurveyForm(forms.Form):
    """One field per question, named after the question's stable id."""

    def __init__(self, questions: list[Question], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[question.field_name] = FIELD_FOR_KIND[question.kind](question)
        # Not a question: the key of this copy of the form (see SurveyResponse).
        self.fields["submission_key"] = forms.CharField(required=False, widget=forms.HiddenInput)
        if not self.is_bound:
            self.initial.setdefault("submission_key", new_key())

    def clean_submission_key(self) -> str:
        # A key that is not one of ours only turns the check off: the answers still count.
        return read_key(self.cleaned_data.get("submission_key")) or ""

    def rows(self) -> list[QuestionRow]:
        return [QuestionRow(q, self[q.field_name]) for q in self.questions]

    def error_rows(self) -> list[QuestionRow]:
        return [row for row in self.rows() if row.errors]

    def answers(self) -> list[SurveyAnswer]:
        """Unsaved answer rows for a valid form (response not yet set)."""
        answers = []
        for question in self.questions:
            value = self.cleaned_data.get(question.field_name)
            if value in (None, "", []):
                continue
            common = {"question_id": question.id, "question": question.text[:300]}
            if question.kind == SINGLE_CHOICE:
                answers.append(SurveyAnswer(option_id=value, option=question.option_label(value), **common))
            elif question.kind == MULTIPLE_CHOICE:
                answers.extend(
                    SurveyAnswer(option_id=v, option=question.option_label(v), **common) for v in value
                )
            elif question.kind == RATING:
                answers.append(SurveyAnswer(rating=value, **common))
            else:
                answers.append(SurveyAnswer(text=value, **common))
        return answers
