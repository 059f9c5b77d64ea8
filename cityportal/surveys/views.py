"""What visitors do with a survey: answer it once, see the thank-you message, read the
published results.

One response per visitor: a signed cookie marks the browser that answered, and a
per-address limit (``core.ratelimit``, shared by every worker) stops a flood of answers
from one connection whose cookies are cleared. Neither the response nor the answers
store the visitor's address or account.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import number_format

from cityportal.core import ratelimit
from cityportal.surveys.blocks import FREE_TEXT_MAX_LENGTH
from cityportal.surveys.forms import SurveyForm
from cityportal.surveys.models import OPEN, SurveyAnswer, SurveyPage, SurveyResponse
from cityportal.surveys.results import tally

COOKIE_SALT = "cityportal.surveys.answered"
# Browsers keep cookies for at most 400 days.
COOKIE_MAX_AGE = 400 * 24 * 3600
RATE_PERIOD = timedelta(days=1)
# Responses accepted per survey from one address per day. More than one, because many
# people can share one address (an office, a campus, a mobile carrier's gateway).
DEFAULT_RESPONSES_PER_ADDRESS = 5


def cookie_name(survey: SurveyPage) -> str:
    return f"survey-{survey.pk}-answered"


def rate_bucket(survey: SurveyPage) -> str:
    return f"survey-{survey.pk}"


def responses_per_address() -> int:
    return int(getattr(settings, "CITYPORTAL_SURVEY_RESPONSES_PER_ADDRESS", DEFAULT_RESPONSES_PER_ADDRESS))


def has_answered(request: HttpRequest, survey: SurveyPage) -> bool:
    value = request.get_signed_cookie(cookie_name(survey), default=None, salt=COOKIE_SALT)
    return value == str(survey.pk)


def mark_answered(response: HttpResponse, request: HttpRequest, survey: SurveyPage) -> None:
    response.set_signed_cookie(
        cookie_name(survey),
        str(survey.pk),
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        # Sent back only to this survey's own pages.
        path=urlsplit(survey.get_url(request)).path,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def seconds_until_address_may_answer(request: HttpRequest, survey: SurveyPage) -> int:
    return ratelimit.seconds_until_allowed(
        request, rate_bucket(survey), limit=responses_per_address(), period=RATE_PERIOD
    )


def _render(survey: SurveyPage, request: HttpRequest, state: str, **context) -> HttpResponse:
    now = timezone.now()
    # A new survey shown in the admin's preview has no address yet.
    page_url = survey.get_url(request) or ""
    context.update(
        page=survey,
        self=survey,
        state=state,
        status=survey.status(now),
        results_public=survey.results_are_public(now),
        page_url=page_url,
        results_url=page_url + "results/",
        index_page=survey.get_parent() if survey.path else None,
        free_text_max=FREE_TEXT_MAX_LENGTH,
        free_text_max_display=number_format(FREE_TEXT_MAX_LENGTH, force_grouping=True),
    )
    response = TemplateResponse(request, survey.get_template(request), context)
    # The page carries a CSRF token and answers per visitor: never store it in a cache.
    add_never_cache_headers(response)
    return response


@transaction.atomic
def save_response(survey: SurveyPage, form: SurveyForm, submission_key: str = "") -> SurveyResponse:
    """The response and all its answers, or nothing."""
    response = SurveyResponse.objects.create(survey=survey, submission_key=submission_key)
    answers = form.answers()
    for answer in answers:
        answer.response = response
    SurveyAnswer.objects.bulk_create(answers)
    return response


def survey_view(survey: SurveyPage, request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    posted = request.method == "POST"
    status = survey.status()
    if status != OPEN:
        return _render(survey, request, status, refused_post=posted)
    if has_answered(request, survey):
        return _render(survey, request, "already_answered", refused_post=posted)
    wait = seconds_until_address_may_answer(request, survey)
    if wait:
        return _render(survey, request, "rate_limited", refused_post=posted, wait=ratelimit.wait_text(wait))
    if not posted:
        return _render(survey, request, "form", form=SurveyForm(survey.question_list()))
    form = SurveyForm(survey.question_list(), data=request.POST)
    if not form.is_valid():
        return _render(survey, request, "form", form=form)
    key = form.cleaned_data.get("submission_key", "")
    # The same form sent again before the first answer's cookie arrived (a double click,
    # a resend): it was stored once, and the visitor is thanked again.
    if not (key and SurveyResponse.objects.filter(survey=survey, submission_key=key).exists()):
        try:
            save_response(survey, form, submission_key=key)
        except IntegrityError:
            # Both copies arrived at the same moment: the other request stored it.
            if not (key and SurveyResponse.objects.filter(survey=survey, submission_key=key).exists()):
                raise
        else:
            ratelimit.record(request, rate_bucket(survey))
    # Post/redirect/get: reloading the thank-you page does not send the answers again.
    redirect = HttpResponseRedirect(survey.get_url(request) + "thanks/")
    mark_answered(redirect, request, survey)
    add_never_cache_headers(redirect)
    return redirect


def thanks_view(survey: SurveyPage, request: HttpRequest) -> HttpResponse:
    if not has_answered(request, survey):
        return HttpResponseRedirect(survey.get_url(request))
    return _render(survey, request, "thanks")


def results_view(survey: SurveyPage, request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    if survey.results_visibility == SurveyPage.RESULTS_NEVER:
        raise Http404("The results of this survey are not published.")
    now = timezone.now()
    context = {
        "page": survey,
        "self": survey,
        "status": survey.status(now),
        "results_public": survey.results_are_public(now),
        "index_page": survey.get_parent(),
    }
    if context["results_public"]:
        context["results"] = tally(survey)
    return TemplateResponse(request, "surveys/survey_page_results.html", context)
