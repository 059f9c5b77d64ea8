"""Answering a survey as a visitor: the form, one response per visitor, closed and
upcoming surveys, every invalid input, CSRF, storage and the public results."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from cityportal.core.models import RateLimitHit
from cityportal.core.tests.utils import soup
from cityportal.surveys.models import SurveyAnswer, SurveyPage, SurveyResponse
from cityportal.surveys.tests.conftest import MULTI, RATING, SINGLE, TEXT, field, valid_answers
from cityportal.surveys.views import cookie_name, save_response

pytestmark = pytest.mark.django_db


def test_an_open_survey_shows_its_form(client, survey):
    response = client.get(survey.url)
    assert response.status_code == 200
    html = soup(response)
    form = html.select_one("form.survey-form")
    assert form["method"] == "post" and form["action"] == survey.url
    assert form.select_one("input[name=csrfmiddlewaretoken]")
    legends = [legend.get_text(" ", strip=True) for legend in form.select("legend")]
    assert legends == [
        "1. How did you hear of the portal? (required)",
        "2. Which sections do you read? (required)",
        "3. How do you rate the portal? (required)",
    ]
    assert form.select_one(f"label[for={field(TEXT)}]").get_text(" ", strip=True) == (
        "4. What would you change? (required)"
    )
    assert [i["value"] for i in form.select(f"input[name={field(SINGLE)}]")] == ["s1", "s2", "s3"]
    assert [i["type"] for i in form.select(f"input[name={field(MULTI)}]")] == ["checkbox"] * 4
    assert [i["value"] for i in form.select(f"input[name={field(RATING)}]")] == ["1", "2", "3", "4", "5"]
    assert form.select_one(f"textarea[name={field(TEXT)}]")["maxlength"] == "2000"
    assert "Tick up to 2 answers." in form.get_text()
    # The form has a per-visitor token: no shared cache may keep the page.
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_question_texts_are_escaped(client, make_survey):
    from cityportal.surveys.tests.conftest import standard_questions

    questions = standard_questions()
    questions[0]["value"]["question"] = "<script>alert(1)</script> Which?"
    survey = make_survey(questions=questions)
    body = client.get(survey.url).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Which?" in body


def post(client, survey, data):
    return client.post(survey.url, data)


def test_sending_valid_answers_stores_them_and_thanks_the_visitor(client, survey):
    response = post(client, survey, valid_answers())
    assert response.status_code == 302
    assert response["Location"] == survey.url + "thanks/"
    stored = SurveyResponse.objects.get(survey=survey)
    assert sorted((a.question_id, a.option_id, a.rating, a.text) for a in stored.answers.all()) == [
        (MULTI, "m1", None, ""),
        (MULTI, "m3", None, ""),
        (RATING, "", 4, ""),
        (SINGLE, "s2", None, ""),
        (TEXT, "", None, "More maps."),
    ]
    cookie = response.cookies[cookie_name(survey)]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["path"] == survey.url
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    text = soup(thanks).select_one("main").get_text(" ", strip=True)
    assert "Thank you" in text and "Your answers have been recorded." in text
    assert soup(thanks).select_one(f"a[href='{survey.url}results/']")
    assert not soup(thanks).select_one("form.survey-form")


def test_the_editor_can_word_the_thank_you_message(client, make_survey):
    survey = make_survey(thank_you_text="Thanks, your voice counts.")
    post(client, survey, valid_answers())
    assert "Thanks, your voice counts." in client.get(survey.url + "thanks/").content.decode()


def test_the_thank_you_page_needs_an_answer(client, survey):
    response = client.get(survey.url + "thanks/")
    assert response.status_code == 302 and response["Location"] == survey.url


def test_a_response_stores_no_address_and_no_user(admin_client, survey):
    post(admin_client, survey, valid_answers())
    response_fields = {f.name for f in SurveyResponse._meta.get_fields()}
    answer_fields = {f.name for f in SurveyAnswer._meta.get_fields()}
    # submission_key is the form's random key, not the visitor's.
    assert response_fields == {"id", "survey", "submitted_at", "submission_key", "answers"}
    assert answer_fields == {
        "id",
        "response",
        "question_id",
        "question",
        "option_id",
        "option",
        "rating",
        "text",
    }
    # The rate limit keeps only a keyed hash of the address.
    hit = RateLimitHit.objects.get(bucket=f"survey-{survey.pk}")
    assert "127.0.0.1" not in hit.address_hash and len(hit.address_hash) == 64


def test_response_and_answers_are_saved_together_or_not_at_all(survey):
    class FormWithABrokenAnswer:
        """Answers as a valid form gives them, plus one the database refuses (a
        PositiveSmallIntegerField holds no negative number)."""

        def answers(self):
            return [
                SurveyAnswer(question_id=SINGLE, question="q", option_id="s1", option="A friend"),
                SurveyAnswer(question_id=RATING, question="q", rating=-1),
            ]

    with transaction.atomic(), pytest.raises(IntegrityError):
        save_response(survey, FormWithABrokenAnswer())
    assert not SurveyResponse.objects.filter(survey=survey).exists()
    assert not SurveyAnswer.objects.filter(question_id=SINGLE, response__survey=survey).exists()


def test_a_second_try_is_refused_with_a_message(client, survey):
    post(client, survey, valid_answers())
    again = client.get(survey.url)
    text = soup(again).select_one("main").get_text(" ", strip=True)
    assert "You have already answered this survey." in text
    assert not soup(again).select_one("form.survey-form")
    resent = post(client, survey, valid_answers(**{SINGLE: "s1"}))
    assert resent.status_code == 200
    assert "the answers you just sent were not recorded" in resent.content.decode()
    assert SurveyResponse.objects.filter(survey=survey).count() == 1


def test_the_same_form_sent_twice_is_stored_once(survey):
    # A double click, or a resend after a lost connection: the second request leaves
    # before the answer to the first (and its cookie) arrives.
    first_request, second_request = Client(), Client()
    key = soup(first_request.get(survey.url)).select_one("form.survey-form input[name=submission_key]")[
        "value"
    ]
    data = {**valid_answers(), "submission_key": key}
    assert first_request.post(survey.url, data).status_code == 302
    resent = second_request.post(survey.url, data)
    assert resent.status_code == 302 and resent["Location"] == survey.url + "thanks/"
    assert cookie_name(survey) in resent.cookies
    assert SurveyResponse.objects.filter(survey=survey).count() == 1
    assert RateLimitHit.objects.filter(bucket=f"survey-{survey.pk}").count() == 1
    # Another copy of the form is another response.
    other_key = soup(Client().get(survey.url)).select_one("input[name=submission_key]")["value"]
    assert other_key != key
    assert Client().post(survey.url, {**valid_answers(), "submission_key": other_key}).status_code == 302
    assert SurveyResponse.objects.filter(survey=survey).count() == 2


def test_a_forged_cookie_does_not_count(client, survey):
    client.cookies[cookie_name(survey)] = str(survey.pk)
    assert soup(client.get(survey.url)).select_one("form.survey-form")


def test_the_cookie_of_one_survey_does_not_block_another(client, survey, make_survey):
    post(client, survey, valid_answers())
    other = make_survey("Another survey")
    assert soup(client.get(other.url)).select_one("form.survey-form")


def test_one_address_is_limited_even_without_cookies(settings, survey):
    settings.CITYPORTAL_SURVEY_RESPONSES_PER_ADDRESS = 2
    for _ in range(2):
        assert post(Client(REMOTE_ADDR="10.1.1.1"), survey, valid_answers()).status_code == 302
    refused = post(Client(REMOTE_ADDR="10.1.1.1"), survey, valid_answers())
    text = soup(refused).select_one("main").get_text(" ", strip=True)
    assert "This survey cannot take more answers from your internet connection today." in text
    assert "please try again in about 24 hours" in text
    assert "The answers you just sent were not recorded." in text
    assert SurveyResponse.objects.filter(survey=survey).count() == 2
    # The form is not even offered, so nobody fills it in for nothing.
    assert not soup(Client(REMOTE_ADDR="10.1.1.1").get(survey.url)).select_one("form.survey-form")
    assert post(Client(REMOTE_ADDR="10.1.1.2"), survey, valid_answers()).status_code == 302


def test_a_closed_survey_says_so_and_takes_no_answers(client, make_survey):
    survey = make_survey(opens_in=timedelta(days=-10), closes_in=timedelta(days=-1))
    page = client.get(survey.url)
    text = soup(page).select_one("main").get_text(" ", strip=True)
    assert "This survey closed on" in text and "It no longer takes answers." in text
    assert not soup(page).select_one("main form")
    refused = post(client, survey, valid_answers())
    assert "The answers you sent were not recorded." in refused.content.decode()
    assert not SurveyResponse.objects.filter(survey=survey).exists()


def test_an_upcoming_survey_says_when_it_opens(client, make_survey):
    survey = make_survey(opens_in=timedelta(days=2), closes_in=timedelta(days=9))
    page = client.get(survey.url)
    html = soup(page)
    assert "This survey opens on" in html.select_one("main").get_text(" ", strip=True)
    assert html.select_one(".survey-status").get_text(strip=True) == "Upcoming"
    assert not html.select_one("main form")
    post(client, survey, valid_answers())
    assert not SurveyResponse.objects.filter(survey=survey).exists()


def test_the_survey_closes_at_its_closing_time(client, make_survey):
    survey = make_survey(opens_in=timedelta(days=-3), closes_in=timedelta(seconds=-1))
    assert not soup(client.get(survey.url)).select_one("main form")


INVALID = {
    "single-unanswered": (SINGLE, None, "Choose one of the answers."),
    "single-tampered": (
        SINGLE,
        "not-an-option",
        "The answer sent is not one of the options of this question.",
    ),
    "multi-unanswered": (MULTI, None, "Tick at least one answer."),
    "multi-unknown": (MULTI, ["m1", "m9"], "One of the answers sent is not an option of this question."),
    "multi-too-many": (MULTI, ["m1", "m2", "m3"], "Tick at most 2 answers; you ticked 3."),
    "rating-unanswered": (RATING, None, "Choose a rating from 1 to 5."),
    "rating-not-a-number": (RATING, "five", "The rating must be a whole number from 1 to 5."),
    "rating-out-of-range": (RATING, "7", "7 is outside the scale: the rating must be from 1 to 5."),
    "text-unanswered": (TEXT, None, "Write an answer to this question."),
    "text-too-long": (TEXT, "y" * 2500, "Your answer is 2,500 characters long; the limit is 2,000."),
}


@pytest.mark.parametrize("case", INVALID)
def test_invalid_input_gets_its_message_and_keeps_what_was_typed(client, survey, case):
    question_id, value, message = INVALID[case]
    data = valid_answers(**{question_id: value})
    response = post(client, survey, data)
    assert response.status_code == 200
    assert not SurveyResponse.objects.filter(survey=survey).exists()
    html = soup(response)
    assert html.title.get_text().startswith("Error:")
    # The message beside the question, tied to it for screen readers...
    error = html.select_one(f"#{field(question_id)}-error")
    assert message in error.get_text()
    described = html.select_one(f"#{field(question_id)}") or html.select_one(f"[name={field(question_id)}]")
    assert f"{field(question_id)}-error" in described["aria-describedby"]
    # ...and in the summary at the top, linking to the question's first input.
    summary = html.select_one(".error-summary")
    assert summary["role"] == "alert"
    links = summary.select("a")
    assert len(links) == 1 and message in links[0].get_text()
    target = links[0]["href"].lstrip("#")
    assert html.find(id=target).name in ("input", "textarea")
    # Everything else is shown as the visitor left it.
    checked = {(i["name"], i["value"]) for i in html.select("input[checked]")}
    expected = set()
    if question_id != SINGLE:
        expected.add((field(SINGLE), "s2"))
    if question_id != MULTI:
        expected |= {(field(MULTI), "m1"), (field(MULTI), "m3")}
    if question_id != RATING:
        expected.add((field(RATING), "4"))
    if question_id == MULTI and value == ["m1", "m2", "m3"]:
        expected |= {(field(MULTI), "m1"), (field(MULTI), "m2"), (field(MULTI), "m3")}
    if question_id == MULTI and value == ["m1", "m9"]:
        expected.add((field(MULTI), "m1"))
    assert checked == expected
    textarea = html.select_one(f"textarea[name={field(TEXT)}]").get_text()
    assert textarea == (
        value if question_id == TEXT and value else "" if question_id == TEXT else "More maps."
    )


def test_several_mistakes_are_all_listed(client, survey):
    response = post(client, survey, {field(RATING): "0"})
    summary = soup(response).select(".error-summary a")
    assert [a.get_text(" ", strip=True).split(":")[0] for a in summary] == [
        "Question 1",
        "Question 2",
        "Question 3",
        "Question 4",
    ]


def test_a_submission_without_csrf_token_is_refused(survey):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(survey.url, valid_answers())
    assert response.status_code == 403
    assert not SurveyResponse.objects.filter(survey=survey).exists()


def test_a_submission_with_the_form_token_is_accepted(survey):
    browser = Client(enforce_csrf_checks=True)
    token = soup(browser.get(survey.url)).select_one("input[name=csrfmiddlewaretoken]")["value"]
    response = browser.post(survey.url, {**valid_answers(), "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert SurveyResponse.objects.filter(survey=survey).count() == 1


def test_other_methods_are_not_allowed(client, survey):
    assert client.put(survey.url).status_code == 405
    assert client.post(survey.url + "results/").status_code == 405
    assert client.head(survey.url).status_code == 200


# -- results ---------------------------------------------------------------------


def answer(survey, **changes):
    assert (
        post(
            Client(REMOTE_ADDR=f"10.9.{len(changes)}.{SurveyResponse.objects.count() % 250}"),
            survey,
            valid_answers(**changes),
        ).status_code
        == 302
    )


def result_rows(html, number: int) -> list[list[str]]:
    table = html.select(".results-table")[number - 1]
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("th, td")] for row in table.select("tbody tr")
    ]


def test_results_count_each_option_with_percentages(client, survey):
    answer(survey)
    answer(survey, **{SINGLE: "s1", MULTI: ["m1"], RATING: "5"})
    answer(survey, **{SINGLE: "s2", MULTI: ["m2", "m3"], RATING: "2", TEXT: "Secret opinion"})
    answer(survey, **{SINGLE: "s2", MULTI: ["m4"], RATING: "4"})
    page = client.get(survey.url + "results/")
    assert page.status_code == 200
    html = soup(page)
    assert "4 responses in total." in html.get_text(" ", strip=True)
    assert result_rows(html, 1) == [
        ["A friend", "1", "25.0%"],
        ["A search engine", "3", "75.0%"],
        ["A poster", "0", "0.0%"],
    ]
    assert result_rows(html, 2) == [
        ["News", "2", "50.0%"],
        ["Tourism", "1", "25.0%"],
        ["Investment", "2", "50.0%"],
        ["Life", "1", "25.0%"],
    ]
    assert result_rows(html, 3) == [
        ["1 (Poor)", "0", "0.0%"],
        ["2", "1", "25.0%"],
        ["3", "0", "0.0%"],
        ["4", "2", "50.0%"],
        ["5 (Excellent)", "1", "25.0%"],
    ]
    assert "Average rating: 3.8 out of 5" in html.get_text(" ", strip=True)
    # The chart: one bar per row, as wide as the share; hidden from screen readers,
    # which read the same figure as text beside it.
    bars = html.select(".results-table")[0].select("svg.bar")
    assert [b["aria-hidden"] for b in bars] == ["true"] * 3
    assert [b.select_one(".bar__fill")["width"] for b in bars] == ["25.0", "75.0", "0.0"]
    # Free text stays with the staff.
    assert "Secret opinion" not in page.content.decode()
    assert "4 people answered this question in their own words." in html.get_text(" ", strip=True)
    assert len(html.select(".results-table")) == 3


def test_results_that_are_never_published_are_not_found(client, make_survey):
    survey = make_survey(results=SurveyPage.RESULTS_NEVER)
    assert client.get(survey.url + "results/").status_code == 404
    assert "results/" not in client.get(survey.url).content.decode().split("<main")[1]


def test_results_after_closing_wait_for_the_closing(client, make_survey):
    survey = make_survey(results=SurveyPage.RESULTS_AFTER_CLOSING)
    answer(survey)
    page = client.get(survey.url + "results/")
    html = soup(page)
    assert page.status_code == 200
    assert "will be published here after it closes on" in html.select_one("main").get_text(" ", strip=True)
    assert not html.select(".results-table")
    assert html.select_one("meta[name=robots]")["content"] == "noindex"

    closed = make_survey(
        "Closed one",
        results=SurveyPage.RESULTS_AFTER_CLOSING,
        opens_in=timedelta(days=-9),
        closes_in=timedelta(days=-2),
    )
    page = soup(client.get(closed.url + "results/"))
    assert len(page.select(".results-table")) == 3
    assert "See the results of this survey" in soup(client.get(closed.url)).get_text()


def test_results_with_no_answers_yet(client, survey):
    html = soup(client.get(survey.url + "results/"))
    text = html.get_text(" ", strip=True)
    assert "0 responses in total." in text and "No ratings yet." in text


def test_a_removed_option_is_left_out_of_the_results(client, survey):
    answer(survey, **{SINGLE: "s3"})
    del survey.questions[0].value["options"][2]
    survey.save_revision().publish()
    survey.refresh_from_db()
    rows = result_rows(soup(client.get(survey.url + "results/")), 1)
    assert [r[0] for r in rows] == ["A friend", "A search engine"]


def test_the_admin_preview_shows_the_form(survey, survey_index):
    """Wagtail renders previews through serve_preview with a request of its own making."""
    response = survey.make_preview_request()
    assert response.status_code == 200
    assert soup(response).select_one("form.survey-form")
    # A new survey, not saved yet, has no address.
    new = SurveyPage(title="Draft survey", slug="draft-survey", questions=survey.questions.raw_data)
    new.depth, new.path, new.locale = survey_index.depth + 1, survey_index.path + "ZZZZ", survey_index.locale
    response = new.make_preview_request()
    assert response.status_code == 200
    assert len(soup(response).select("form.survey-form fieldset")) == 3
