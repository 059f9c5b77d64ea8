"""The demo's Online Investigation channel: a survey list with one open and one closed
sample survey, both with sample answers, made the same way on every load."""

import pytest
from django.utils import timezone

from cityportal.demo.sample_content import SAMPLE_MARK
from cityportal.news.models import ChannelPage
from cityportal.surveys import demo
from cityportal.surveys.models import CLOSED, OPEN, SurveyIndexPage, SurveyPage
from cityportal.surveys.results import tally

pytestmark = pytest.mark.django_db


def test_online_investigation_is_a_survey_list(demo_home):
    channel = ChannelPage.objects.get(slug="online-investigation").specific
    assert isinstance(channel, SurveyIndexPage)
    assert channel.get_parent().slug == "online-service"
    assert channel.live and channel.show_in_menus
    assert channel.get_parent().get_parent().pk == demo_home.pk


def test_one_open_and_one_closed_sample_survey():
    surveys = {s.slug: s for s in SurveyPage.objects.live()}
    assert set(surveys) == {"how-useful-is-the-english-portal", "signs-and-maps-for-foreign-visitors"}
    open_survey = surveys["how-useful-is-the-english-portal"]
    closed_survey = surveys["signs-and-maps-for-foreign-visitors"]
    assert open_survey.title == "[Sample] How useful is the English portal?"
    assert all(
        s.title.startswith(SAMPLE_MARK) and "Sample content" in s.introduction for s in surveys.values()
    )
    now = timezone.now()
    assert open_survey.status(now) == OPEN and open_survey.results_are_public(now)
    assert closed_survey.status(now) == CLOSED and closed_survey.results_are_public(now)
    assert closed_survey.results_visibility == SurveyPage.RESULTS_AFTER_CLOSING
    assert {q.kind for q in open_survey.question_list()} == {
        "single_choice",
        "multiple_choice",
        "rating",
        "free_text",
    }


def test_the_reference_article_stays_the_newest_item(reference_article):
    for survey in SurveyPage.objects.all():
        assert survey.first_published_at < reference_article.first_published_at


def test_sample_answers_fill_the_results():
    for spec in demo.SURVEYS:
        survey = SurveyPage.objects.get(slug=spec["slug"])
        results = tally(survey)
        assert results.responses == spec["responses"]
        for result in results.questions:
            assert result.answered > 0
            if result.rows:
                assert sum(r.count for r in result.rows) >= result.answered
        answered_at = list(survey.responses.values_list("submitted_at", flat=True))
        assert all(
            survey.opens_at <= t and (survey.closes_at is None or t < survey.closes_at) for t in answered_at
        )


def test_the_demo_is_the_same_on_every_load():
    """Block ids, dates and answers come from fixed seeds (the values below were read
    from the first load and written down)."""
    survey = SurveyPage.objects.get(slug="how-useful-is-the-english-portal")
    questions = survey.question_list()
    assert questions[0].id == demo.block_id("how-useful-is-the-english-portal", 1)
    assert questions[0].options[0].id == demo.block_id("how-useful-is-the-english-portal", 1, 1)
    assert survey.first_published_at == demo.OPEN_SURVEY["opens_at"]
    results = tally(survey)
    assert [r.count for r in results.questions[0].rows] == EXPECTED_FIRST_QUESTION_COUNTS
    assert results.questions[2].average == EXPECTED_AVERAGE_RATING


EXPECTED_FIRST_QUESTION_COUNTS = [12, 13, 6, 5]
EXPECTED_AVERAGE_RATING = 3.8
