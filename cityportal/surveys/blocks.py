"""The question kinds an editor can put in a survey.

Each question is a block of the survey's ``questions`` StreamField. Answers refer to a
question by its block id, and to an option by its list-item id: both stay the same when
the editor rewords a question or reorders the survey, so counts follow the question.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

SINGLE_CHOICE = "single_choice"
MULTIPLE_CHOICE = "multiple_choice"
RATING = "rating"
FREE_TEXT = "free_text"

# The longest free-text answer accepted (the form says so; longer ones get a message).
FREE_TEXT_MAX_LENGTH = 2000
RATING_MIN, RATING_MAX = 1, 5


class BaseQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    help_text = blocks.CharBlock(
        label=_("Hint"),
        required=False,
        max_length=300,
        help_text=_("Optional explanation shown under the question."),
    )
    required = blocks.BooleanBlock(
        label=_("An answer is required"),
        required=False,
        default=True,
    )


class SingleChoiceQuestionBlock(BaseQuestionBlock):
    """A question answered by choosing one option (radio buttons)."""

    options = blocks.ListBlock(
        blocks.CharBlock(label=_("Option"), max_length=200),
        label=_("Options"),
        min_num=2,
        help_text=_(
            "Rewording an option keeps its answers; removing one takes its answers out of the results."
        ),
    )

    class Meta:
        icon = "radio-full"
        label = _("Single choice")

    def clean(self, value):
        value = super().clean(value)
        labels = [label.strip().casefold() for label in value["options"]]
        if len(set(labels)) != len(labels):
            raise StructBlockValidationError(
                block_errors={"options": ValidationError(_("Two options have the same text."))}
            )
        return value


class MultipleChoiceQuestionBlock(SingleChoiceQuestionBlock):
    """A question answered by ticking one or more options (checkboxes)."""

    max_choices = blocks.IntegerBlock(
        label=_("Most options a visitor may tick"),
        required=False,
        min_value=1,
        help_text=_("Leave empty to allow any number."),
    )

    class Meta:
        icon = "tasks"
        label = _("Multiple choice")

    def clean(self, value):
        value = super().clean(value)
        if value["max_choices"] and value["max_choices"] > len(value["options"]):
            raise StructBlockValidationError(
                block_errors={"max_choices": ValidationError(_("There are fewer options than this number."))}
            )
        return value


class RatingQuestionBlock(BaseQuestionBlock):
    """A rating on a scale of 1 to 5."""

    low_label = blocks.CharBlock(
        label=_("Meaning of 1"), max_length=60, required=False, help_text=_("For example: Not useful")
    )
    high_label = blocks.CharBlock(
        label=_("Meaning of 5"), max_length=60, required=False, help_text=_("For example: Very useful")
    )

    class Meta:
        icon = "pick"
        label = _("Rating 1 to 5")


class FreeTextQuestionBlock(BaseQuestionBlock):
    """A question answered in the visitor's own words (at most 2,000 characters).
    Free-text answers are shown only to staff, never on the public results page."""

    class Meta:
        icon = "pilcrow"
        label = _("Free text")


class QuestionsBlock(blocks.StreamBlock):
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    rating = RatingQuestionBlock()
    free_text = FreeTextQuestionBlock()

    class Meta:
        min_num = 1
