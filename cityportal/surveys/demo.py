"""Demo content of the surveys app: the Online Investigation channel is a survey list
with one open sample survey (all four question kinds, results always public) and one
closed sample survey with published results, each with generated sample answers.

Everything is deterministic: block ids, dates and answers come from fixed seeds.
"""

import random
import uuid
from datetime import datetime, timedelta

from wagtail.models import Page

from cityportal.demo.contributions import CITY_TZ
from cityportal.surveys.blocks import FREE_TEXT, MULTIPLE_CHOICE, RATING, SINGLE_CHOICE
from cityportal.surveys.models import SurveyAnswer, SurveyIndexPage, SurveyPage, SurveyResponse

CHANNEL_KEY = ("online-service", "online-investigation")
SAMPLE_NOTE = (
    "<p><b>Sample content:</b> this survey and its answers were made up for the cityportal "
    "demonstration site. They are not real results.</p>"
)

OPEN_SURVEY = {
    "slug": "how-useful-is-the-english-portal",
    "title": "[Sample] How useful is the English portal?",
    "introduction": SAMPLE_NOTE
    + "<p>Tell us how you use the English edition of the city's portal and what you miss, "
    "so that it can be improved. Answering takes about two minutes.</p>",
    # Before the reference article (2024-05-18), which stays the newest item of the demo.
    "opens_at": datetime(2024, 5, 6, 9, 0, tzinfo=CITY_TZ),
    "closes_at": None,
    "results_visibility": SurveyPage.RESULTS_ALWAYS,
    "responses": 36,
    "questions": [
        (
            SINGLE_CHOICE,
            "How often do you visit the English portal?",
            {
                "options": [
                    "This is my first visit",
                    "A few times a year",
                    "About once a month",
                    "Every week",
                ],
                "weights": [5, 4, 3, 2],
            },
        ),
        (
            MULTIPLE_CHOICE,
            "What did you come to the portal for?",
            {
                "options": [
                    "News about the city",
                    "Tourism and travel",
                    "Investment and business",
                    "Living and working in the city",
                    "Visas and residence",
                    "Contacting the city government",
                ],
                "max_choices": 3,
                "weights": [4, 5, 2, 3, 3, 1],
            },
        ),
        (
            RATING,
            "How easy was it to find what you were looking for?",
            {"low_label": "Very hard", "high_label": "Very easy", "weights": [1, 2, 5, 7, 4]},
        ),
        (
            FREE_TEXT,
            "What should we add or improve?",
            {
                "required": False,
                "help_text": "Please do not include personal details such as your name or passport number.",
                "answers": [
                    "A map of bus routes in English would help.",
                    "More photos of the scenic areas, please.",
                    "The text size buttons are useful.",
                    "Opening hours of service centres would be good to have.",
                    "",
                    "",
                ],
            },
        ),
    ],
}

CLOSED_SURVEY = {
    "slug": "signs-and-maps-for-foreign-visitors",
    "title": "[Sample] Signs and maps for foreign visitors",
    "introduction": SAMPLE_NOTE
    + "<p>A survey among visitors about street signs and tourist maps in English.</p>",
    "opens_at": datetime(2024, 3, 1, 9, 0, tzinfo=CITY_TZ),
    "closes_at": datetime(2024, 3, 31, 18, 0, tzinfo=CITY_TZ),
    "results_visibility": SurveyPage.RESULTS_AFTER_CLOSING,
    "responses": 52,
    "questions": [
        (
            SINGLE_CHOICE,
            "Were the street signs in English easy to understand?",
            {"options": ["Yes, most of them", "Some of them", "No"], "weights": [6, 4, 1]},
        ),
        (
            RATING,
            "How would you rate the tourist maps of the city centre?",
            {"low_label": "Poor", "high_label": "Excellent", "weights": [1, 3, 6, 5, 2]},
        ),
        (
            MULTIPLE_CHOICE,
            "Where would more signs in English help you most?",
            {
                "options": [
                    "Railway stations",
                    "Bus stops",
                    "Hospitals",
                    "Government service centres",
                    "Scenic areas",
                ],
                "weights": [3, 5, 4, 2, 4],
            },
        ),
        (
            FREE_TEXT,
            "Any other comments?",
            {"required": False, "answers": ["More signs near the bus terminal, please.", "", "", ""]},
        ),
    ],
}

SURVEYS = [OPEN_SURVEY, CLOSED_SURVEY]


def block_id(*parts: object) -> str:
    """A fixed id for a block of the demo, so that every load stores the same survey."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "cityportal-demo:" + ":".join(str(p) for p in parts)))


def questions_data(spec: dict) -> list[dict]:
    """The survey's questions in the StreamField's stored form, ids included."""
    stream = []
    for number, (kind, text, extra) in enumerate(spec["questions"], 1):
        value = {
            "question": text,
            "help_text": extra.get("help_text", ""),
            "required": extra.get("required", True),
        }
        if kind in (SINGLE_CHOICE, MULTIPLE_CHOICE):
            value["options"] = [
                {"type": "item", "value": label, "id": block_id(spec["slug"], number, option)}
                for option, label in enumerate(extra["options"], 1)
            ]
        if kind == MULTIPLE_CHOICE:
            value["max_choices"] = extra.get("max_choices")
        if kind == RATING:
            value["low_label"], value["high_label"] = extra["low_label"], extra["high_label"]
        stream.append({"type": kind, "value": value, "id": block_id(spec["slug"], number)})
    return stream


def _channel_factory(*, title: str, slug: str, chinese_name: str = "") -> Page:
    return SurveyIndexPage(
        title=title,
        slug=slug,
        chinese_name=chinese_name,
        introduction="<p>Surveys of the city government: tell us what you think. Answers are "
        "anonymous, and results are published here when each survey allows it.</p>",
    )


CHANNELS = {CHANNEL_KEY: _channel_factory}


def _publish(index: SurveyIndexPage, spec: dict) -> SurveyPage:
    survey = SurveyPage(
        title=spec["title"],
        slug=spec["slug"],
        introduction=spec["introduction"],
        opens_at=spec["opens_at"],
        closes_at=spec["closes_at"],
        results_visibility=spec["results_visibility"],
        questions=questions_data(spec),
        # The "Date Add in" of a sample survey is its opening time, not the load time.
        first_published_at=spec["opens_at"],
    )
    index.add_child(instance=survey)
    survey.save_revision().publish()
    SurveyPage.objects.filter(pk=survey.pk).update(last_published_at=spec["opens_at"])
    survey.refresh_from_db()
    return survey


def _sample_answers(survey: SurveyPage, spec: dict, rng: random.Random) -> list[list[SurveyAnswer]]:
    specs = dict(enumerate(spec["questions"], 1))
    questions = survey.question_list()
    per_response = []
    for _ in range(spec["responses"]):
        answers = []
        for question in questions:
            kind, _text, extra = specs[question.number]
            common = {"question_id": question.id, "question": question.text}
            if kind == SINGLE_CHOICE:
                option = rng.choices(question.options, weights=extra["weights"])[0]
                answers.append(SurveyAnswer(option_id=option.id, option=option.label, **common))
            elif kind == MULTIPLE_CHOICE:
                count = rng.randint(1, extra.get("max_choices") or 3)
                chosen = set()
                while len(chosen) < count:
                    chosen.add(rng.choices(question.options, weights=extra["weights"])[0])
                answers.extend(
                    SurveyAnswer(option_id=o.id, option=o.label, **common)
                    for o in question.options
                    if o in chosen
                )
            elif kind == RATING:
                rating = rng.choices(range(1, 6), weights=extra["weights"])[0]
                answers.append(SurveyAnswer(rating=rating, **common))
            else:
                text = rng.choice(extra["answers"])
                if text:
                    answers.append(SurveyAnswer(text=text, **common))
        per_response.append(answers)
    return per_response


def _add_sample_responses(survey: SurveyPage, spec: dict) -> None:
    rng = random.Random(f"hengyang-demo:survey:{spec['slug']}")
    answer_sets = _sample_answers(survey, spec, rng)
    start = spec["opens_at"]
    responses = SurveyResponse.objects.bulk_create(
        SurveyResponse(survey=survey, submitted_at=start + timedelta(hours=5 + 13 * n, minutes=7 * n % 60))
        for n in range(len(answer_sets))
    )
    rows = []
    for response, answers in zip(responses, answer_sets, strict=True):
        for answer in answers:
            answer.response = response
            rows.append(answer)
    SurveyAnswer.objects.bulk_create(rows)


def populate(channels: dict, home: Page, progress) -> None:
    index = channels[CHANNEL_KEY]
    for spec in SURVEYS:
        survey = _publish(index, spec)
        _add_sample_responses(survey, spec)
