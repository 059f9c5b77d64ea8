"""The public side of the mailbox, served through the routes of ``MailboxPage``.

- ``write/``: the letter form. A letter is stored (one transaction) before the
  thank-you page is sent; that page shows the tracking number and query code and is
  never cached. Spam is kept out by a honeypot field and a per-address limit.
- ``track/``: number + code -> the letter's subject, status, dates, department and
  approved reply (not the letter's text or contact details, in case the code leaks). A
  wrong code and an unknown number give the same answer; wrong tries are limited per
  address.
- ``letters/``: letters and replies whose writers agreed to publication, personal data
  removed, newest reply first, searchable (``?q=``), ``letters/page/2/``.
- ``statistics/``: received, replied, on time and median working days, per month and
  per department, for a year (``?year=``).

The last two read neither session nor user (they could be published as static files);
the first two carry CSRF tokens and are always served by Django.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cityportal.core import ratelimit
from cityportal.core.filters import read_search_words
from cityportal.core.pagination import paginate
from cityportal.core.views import csrf_failure as portal_csrf_failure
from cityportal.mailbox import emails, intake, tracking, workdays
from cityportal.mailbox import statistics as stats
from cityportal.mailbox.forms import LetterForm, TrackForm
from cityportal.mailbox.models import Letter, LetterType, MailboxPage, ReplyState, Status
from cityportal.search.segmentation import segment_query

LETTER_BUCKET = "mailbox-letter"
TRACK_BUCKET = "mailbox-track"
DEFAULT_LETTERS_PER_HOUR = 5
DEFAULT_TRACK_TRIES_PER_HOUR = 10
LETTERS_PER_PAGE = 10
MAX_QUERY_LENGTH = 100

STATUS_EXPLANATIONS = {
    Status.RECEIVED: gettext_lazy("Your letter has arrived and is waiting to be given to a department."),
    Status.ASSIGNED: gettext_lazy("A department has your letter and will start on it soon."),
    Status.IN_PROGRESS: gettext_lazy("The department is preparing a reply."),
    Status.REPLIED: gettext_lazy("The reply is ready: read it below."),
    Status.CLOSED: gettext_lazy("The case is closed."),
}


def letters_per_hour() -> int:
    return int(getattr(settings, "CITYPORTAL_MAILBOX_LETTERS_PER_HOUR", DEFAULT_LETTERS_PER_HOUR))


def track_tries_per_hour() -> int:
    return int(getattr(settings, "CITYPORTAL_MAILBOX_TRACK_TRIES_PER_HOUR", DEFAULT_TRACK_TRIES_PER_HOUR))


def _private(response: HttpResponse) -> HttpResponse:
    """Pages that show a code or a letter's state to one person: never stored by caches."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    return response


def _render(
    page: MailboxPage, request: HttpRequest, template: str, context: dict, status: int = 200
) -> HttpResponse:
    response = page.render(request, template=template, context_overrides=context)
    response.status_code = status
    return response


# --- Writing a letter -------------------------------------------------------------------


def render_letter_form(
    page: MailboxPage, request: HttpRequest, form: LetterForm, *, problem: str = "", status: int = 200
) -> HttpResponse:
    context = {
        "form": form,
        "problem": problem,
        "lost_files": form.lost_files() and (bool(problem) or bool(form.errors)),
        "route_title": _("Write a letter"),
    }
    return _private(_render(page, request, "mailbox/mailbox_page_write.html", context, status))


def write_letter(page: MailboxPage, request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if request.method != "POST":
        return render_letter_form(page, request, LetterForm())
    form = LetterForm(request.POST, request.FILES)
    if form.honeypot_filled:
        return render_letter_form(
            page,
            request,
            form,
            problem=_(
                "Your letter was not sent: a field that must stay empty (it catches automated spam) "
                "was filled in. If you are a person, your browser may have filled it: send the letter "
                "again from this page."
            ),
            status=400,
        )
    wait = ratelimit.seconds_until_allowed(
        request, LETTER_BUCKET, limit=letters_per_hour(), period=timedelta(hours=1)
    )
    if wait:
        return render_letter_form(
            page,
            request,
            form,
            problem=ngettext(
                "Your letter was not sent: only %(limit)d letter an hour can be sent from one "
                "connection. Please try again in %(wait)s; what you wrote is still below.",
                "Your letter was not sent: only %(limit)d letters an hour can be sent from one "
                "connection. Please try again in %(wait)s; what you wrote is still below.",
                letters_per_hour(),
            )
            % {"limit": letters_per_hour(), "wait": ratelimit.wait_text(wait)},
            status=429,
        )
    if not form.is_valid():
        return render_letter_form(page, request, form, status=400)
    data = form.cleaned_data
    received = intake.receive_letter(
        intake.LetterData(
            letter_type=data["letter_type"],
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            country=data["country"],
            subject=data["subject"],
            message=data["message"],
            consent_to_publish=data["consent"] == "yes",
            language=translation.get_language() or settings.LANGUAGE_CODE,
            submission_key=data["submission_key"],
            files=form.sniffed,
        )
    )
    email_sent = False
    if not received.duplicate:
        ratelimit.record(request, LETTER_BUCKET)
        email_sent = emails.send_receipt(
            received.letter, received.query_code, request.build_absolute_uri(page.get_url(request) + "track/")
        )
    context = {
        "letter": received.letter,
        "query_code": tracking.format_code(received.query_code) if received.query_code else "",
        "duplicate": received.duplicate,
        "email_sent": email_sent,
        "route_title": _("Letter received"),
    }
    return _private(_render(page, request, "mailbox/mailbox_page_thanks.html", context))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The portal's CSRF failure page (core.views.csrf_failure), except on the mailbox's
    forms: there the form is shown again with what was typed and a message (an expired
    page or a blocked cookie is the usual cause), so that nothing typed is lost."""
    try:
        page, route = _mailbox_form_for(request)
    except Exception:  # noqa: BLE001 - anything unexpected: Django's own page
        page, route = None, ""
    if page is None:
        return portal_csrf_failure(request, reason=reason)
    problem = _(
        "Your form could not be accepted because its security check failed: this happens when a "
        "page was open for a long time or your browser blocks cookies. Check that cookies are "
        "allowed for this site, then send it again."
    )
    if route == "write":
        form = LetterForm(request.POST, request.FILES)
        # Shown again as typed, without checking each field yet.
        form._errors = ErrorDict()
        form.cleaned_data = {}
        response = render_letter_form(page, request, form, problem=problem, status=403)
    else:
        form = TrackForm(initial={"tracking_number": request.POST.get("tracking_number", "")[:30]})
        response = _render_track(page, request, form, problem=problem, status=403)
    return response


def _mailbox_form_for(request: HttpRequest):
    """The mailbox page and form ("write" or "track") a POST was sent to, if any."""
    match = re.search(r"/(write|track)/$", request.path)
    if request.method != "POST" or not match:
        return None, ""
    for page in MailboxPage.objects.live().public():
        if request.path == page.get_url(request) + match.group(1) + "/":
            return page, match.group(1)
    return None, ""


# --- Tracking a letter ------------------------------------------------------------------


def _render_track(page, request, form, *, letter=None, problem="", status=200):
    context = {
        "form": form,
        "letter": letter,
        "problem": problem,
        "explanation": STATUS_EXPLANATIONS.get(letter.status, "") if letter else "",
        "show_reply": bool(letter and letter.reply_state == ReplyState.APPROVED),
        "status_steps": Status.choices,
        "route_title": _("Track your letter"),
    }
    return _private(_render(page, request, "mailbox/mailbox_page_track.html", context, status))


def track_letter(page: MailboxPage, request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if request.method != "POST":
        return _render_track(page, request, TrackForm())
    form = TrackForm(request.POST)
    if not form.is_valid():
        return _render_track(page, request, form, status=400)
    wait = ratelimit.seconds_until_allowed(
        request, TRACK_BUCKET, limit=track_tries_per_hour(), period=timedelta(hours=1)
    )
    if wait:
        # Checked before the code, so that a right guess after too many wrong ones
        # gives nothing away.
        return _render_track(
            page,
            request,
            form,
            problem=_(
                "Too many tracking numbers and codes that did not match were tried from your "
                "connection. Please try again in %(wait)s."
            )
            % {"wait": ratelimit.wait_text(wait)},
            status=429,
        )
    letter = tracking.find_letter(form.cleaned_data["tracking_number"], form.cleaned_data["query_code"])
    if letter is None:
        ratelimit.record(request, TRACK_BUCKET)
        return _render_track(
            page,
            request,
            TrackForm(initial={"tracking_number": form.cleaned_data["tracking_number"]}),
            problem=_(
                "No letter has this tracking number and query code. Check both and try again: the "
                "code was shown when you sent the letter and emailed to you if you gave an address."
            ),
        )
    return _render_track(page, request, TrackForm(), letter=letter)


# --- Letters and replies ----------------------------------------------------------------


def published_queryset() -> QuerySet[Letter]:
    return Letter.objects.filter(
        published_at__isnull=False, consent_to_publish=True, reply_state=ReplyState.APPROVED
    ).order_by("-replied_at", "-pk")


def search_letters(queryset: QuerySet[Letter], query: str) -> QuerySet[Letter]:
    """Letters whose published text has every word of the query. Chinese queries are cut
    into words with jieba first, so "公交线路" finds a letter about 线路 and 公交 even
    where the two words are apart."""
    for term in segment_query(query).split(" "):
        term = term.strip()
        if any(c.isalnum() for c in term):
            queryset = queryset.filter(public_search_text__icontains=term)
    return queryset


def published_letters(page: MailboxPage, request: HttpRequest, number=None) -> HttpResponse:
    problems: list[str] = []
    query = read_search_words(request, problems, max_length=MAX_QUERY_LENGTH)
    letters = published_queryset()
    if query:
        letters = search_letters(letters, query)
    listing = paginate(letters, number, LETTERS_PER_PAGE)
    context = {
        "listing": listing,
        "letters": listing.page.object_list,
        "query": query,
        "query_problems": problems,
        "query_string": request.GET.urlencode() if query else "",
        "base_url": page.get_url(request) + "letters/",
        "route_title": _("Letters and replies"),
        "letter_types": dict(LetterType.choices),
    }
    return _render(page, request, "mailbox/mailbox_page_letters.html", context)


# --- Statistics -------------------------------------------------------------------------


def statistics(page: MailboxPage, request: HttpRequest) -> HttpResponse:
    years = stats.years_with_letters()
    today = workdays.today()
    default_year = years[-1] if years else today.year
    raw = request.GET.get("year", "").strip()
    problem = ""
    year = default_year
    if raw:
        if re.fullmatch(r"[0-9]{4}", raw) and int(raw) in years:
            year = int(raw)
        else:
            problem = _("There are no statistics for “%(value)s”, so %(year)d is shown.") % {
                "value": raw[:20],
                "year": default_year,
            }
    report = stats.year_report(year)
    context = {
        "report": report,
        "year": year,
        "years": years,
        "problem": problem,
        "route_title": _("Statistics"),
        "chart": stats.chart_rows(report.months),
    }
    return _render(page, request, "mailbox/mailbox_page_statistics.html", context)
