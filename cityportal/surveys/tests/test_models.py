"""Survey pages and the survey list: status by the clock, result visibility, editor
checks, the order of the list, and surveys as content items of the portal."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.blocks.struct_block import StructBlockValidationError

from cityportal.core.tests.utils import soup
from cityportal.news.models import ChannelPage, SectionPage
from cityportal.surveys.blocks import MultipleChoiceQuestionBlock, QuestionsBlock, SingleChoiceQuestionBlock
from cityportal.surveys.models import CLOSED, OPEN, UPCOMING, SurveyIndexPage, SurveyPage
from cityportal.surveys.tests.conftest import MULTI, RATING, SINGLE, TEXT

pytestmark = pytest.mark.django_db


def test_status_follows_the_clock(survey):
    opens, closes = survey.opens_at, survey.closes_at
    assert survey.status(opens - timedelta(seconds=1)) == UPCOMING
    assert survey.status(opens) == OPEN
    assert survey.status(closes - timedelta(seconds=1)) == OPEN
    assert survey.status(closes) == CLOSED
    survey.closes_at = None
    assert survey.status(opens + timedelta(days=3650)) == OPEN


@pytest.mark.parametrize(
    ("visibility", "open_results", "closed_results"),
    [
        (SurveyPage.RESULTS_NEVER, False, False),
        (SurveyPage.RESULTS_AFTER_CLOSING, False, True),
        (SurveyPage.RESULTS_ALWAYS, True, True),
    ],
)
def test_result_visibility(survey, visibility, open_results, closed_results):
    survey.results_visibility = visibility
    assert survey.results_are_public(survey.opens_at) is open_results
    assert survey.results_are_public(survey.closes_at) is closed_results
    assert survey.results_are_public(survey.opens_at - timedelta(days=1)) is (
        visibility == SurveyPage.RESULTS_ALWAYS
    )


def test_a_survey_must_close_after_it_opens(survey):
    survey.closes_at = survey.opens_at
    with pytest.raises(ValidationError) as raised:
        survey.full_clean()
    assert raised.value.message_dict["closes_at"] == ["The survey must close after it opens."]


def test_questions_keep_their_ids(survey):
    questions = survey.question_list()
    assert [(q.id, q.kind, q.number, q.required) for q in questions] == [
        (SINGLE, "single_choice", 1, True),
        (MULTI, "multiple_choice", 2, True),
        (RATING, "rating", 3, True),
        (TEXT, "free_text", 4, True),
    ]
    assert [(o.id, o.label) for o in questions[0].options] == [
        ("s1", "A friend"),
        ("s2", "A search engine"),
        ("s3", "A poster"),
    ]
    assert questions[1].max_choices == 2
    assert (questions[2].low_label, questions[2].high_label) == ("Poor", "Excellent")


def test_editor_checks_on_choice_questions():
    single = SingleChoiceQuestionBlock()
    with pytest.raises(StructBlockValidationError) as raised:
        single.clean(single.to_python({"question": "Q", "required": True, "options": ["Yes", "yes "]}))
    assert raised.value.block_errors["options"].messages == ["Two options have the same text."]
    with pytest.raises(StructBlockValidationError):
        single.clean(single.to_python({"question": "Q", "required": True, "options": ["Only one"]}))
    multiple = MultipleChoiceQuestionBlock()
    with pytest.raises(StructBlockValidationError) as raised:
        multiple.clean(multiple.to_python({"question": "Q", "options": ["A", "B"], "max_choices": 3}))
    assert raised.value.block_errors["max_choices"].messages == ["There are fewer options than this number."]
    assert multiple.clean(multiple.to_python({"question": "Q", "options": ["A", "B"], "max_choices": 2}))


def test_a_survey_needs_a_question():
    with pytest.raises(ValidationError):
        QuestionsBlock().clean(QuestionsBlock().to_python([]))


def test_surveys_are_content_items_under_the_survey_list():
    assert SurveyPage.listed_as_item and not SurveyIndexPage.listed_as_item
    assert SurveyPage.parent_page_types == ["surveys.SurveyIndexPage"]
    assert SurveyIndexPage.subpage_types == ["surveys.SurveyPage"]
    # Surveys have forms and the list changes with the clock: always served by Django.
    assert not SurveyPage.static_publishable and not SurveyIndexPage.static_publishable
    assert issubclass(SurveyIndexPage, ChannelPage)


def test_the_list_orders_open_then_upcoming_then_closed(client, survey_index, make_survey):
    day = timedelta(days=1)
    make_survey("Open, closes late", closes_in=9 * day)
    make_survey("Open, no closing date", closes_in=None)
    make_survey("Open, closes soon", closes_in=2 * day)
    make_survey("Upcoming, later", opens_in=5 * day, closes_in=9 * day)
    make_survey("Upcoming, sooner", opens_in=2 * day, closes_in=9 * day)
    make_survey("Closed long ago", opens_in=-90 * day, closes_in=-60 * day)
    make_survey("Closed lately", opens_in=-20 * day, closes_in=-1 * day)
    html = soup(client.get(survey_index.url))
    groups = {
        section.h2.get_text(strip=True): [
            a.get_text(strip=True) for a in section.select(".survey-list__title")
        ]
        for section in html.select(".survey-group")
    }
    assert groups == {
        "Open now": [
            "Open, closes soon",
            "Open, closes late",
            "Open, no closing date",
            "[Sample] How useful is the English portal?",
        ],
        "Upcoming": ["Upcoming, sooner", "Upcoming, later"],
        "Closed": ["Closed lately", "Closed long ago", "[Sample] Signs and maps for foreign visitors"],
    }
    upcoming = html.select_one(".survey-group--upcoming .survey-list__dates").get_text(" ", strip=True)
    assert upcoming.startswith("Opens on ")
    assert "Dates and times are in the city's time zone (UTC+08:00)." in html.get_text(" ", strip=True)


def test_the_list_paginates_in_the_path(client, survey_index, make_survey, settings):
    settings.CITYPORTAL_ITEMS_PER_PAGE = 2
    make_survey("Upcoming one", opens_in=timedelta(days=3))
    page_two = client.get(survey_index.url + "page/2/")
    assert page_two.status_code == 200
    titles = [a.get_text(strip=True) for a in soup(page_two).select(".survey-list__title")]
    assert titles == ["[Sample] Signs and maps for foreign visitors"]
    # Empty groups are announced on the first page only.
    assert [h.get_text(strip=True) for h in soup(page_two).select(".survey-group h2")] == ["Closed"]
    assert "Page numbers start at 1" in client.get(survey_index.url + "page/0/").content.decode()


def test_closed_surveys_with_public_results_link_them(client, survey_index):
    html = soup(client.get(survey_index.url))
    links = [a["href"] for a in html.select(".survey-list__results")]
    assert links == [
        survey_index.url + "how-useful-is-the-english-portal/results/",
        survey_index.url + "signs-and-maps-for-foreign-visitors/results/",
    ]


def test_surveys_show_in_the_section_and_all_docs_list(client, survey):
    section = SectionPage.objects.get(slug="online-service")
    box = soup(client.get(section.url)).find(id=f"channel-{survey.get_parent().pk}").find_parent("section")
    assert survey.title in box.get_text()
    assert survey.title in client.get("/en/alldocslist/").content.decode()
    assert survey.title in client.get(survey.get_parent().url + "rss.xml").content.decode()


def test_surveys_are_found_by_site_search(client, make_survey):
    from django.core.management import call_command

    make_survey("Cycling lanes", introduction="<p>About bicycles in the old town.</p>")
    call_command("update_index", verbosity=0)
    assert "Cycling lanes" in client.get("/en/search/?q=bicycles").content.decode()


def test_the_first_publication_time_is_kept(survey):
    first = survey.first_published_at
    survey.title = "Renamed"
    survey.save_revision().publish()
    survey.refresh_from_db()
    assert survey.first_published_at == first
    assert first <= timezone.now()


def test_the_list_and_the_results_are_the_same_for_everyone(client, admin_client, survey_index, survey):
    """Dynamic, but nothing per visitor (no token, no cookie), so caches may share them."""
    for address in (survey_index.url, survey.url + "results/"):
        anonymous = client.get(address)
        assert anonymous.content == admin_client.get(address).content
        assert not anonymous.cookies
        assert "csrfmiddlewaretoken" not in anonymous.content.decode()
