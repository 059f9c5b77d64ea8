"""The letter form: a letter is stored before the writer sees the thank-you page, which
gives the tracking number and query code (also emailed). Every invalid input gets its
own message and the form keeps what was typed."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cityportal.core.models import RateLimitHit
from cityportal.mailbox import tracking
from cityportal.mailbox.models import EventAction, Letter, Status
from cityportal.mailbox.tests.conftest import FOREIGN_AFFAIRS
from cityportal.mailbox.tests.files import HTML_PAGE, make_image, make_pdf

pytestmark = pytest.mark.django_db

SUBJECT = "Opening hours of the visa office"
MESSAGE = "When is the office open?\nI would like to come on Saturday. <script>alert(1)</script>"


def valid(**changes) -> dict:
    data = {
        "name": "张伟",
        "email": "zhang.wei@example.org",
        "phone": "",
        "country": "China",
        "letter_type": "consultation",
        "subject": SUBJECT,
        "message": MESSAGE,
        "consent": "yes",
        "website": "",
        "submission_key": "key-" + "x" * 20,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def post(client, url, data, files=None):
    payload = dict(data)
    if files:
        payload["attachments"] = files
    return client.post(url + "write/", payload)


def typed(response) -> dict:
    """What the re-shown form holds in each field."""
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("form", class_="mailbox-form")
    values = {
        i["name"]: i.get("value", "")
        for i in form.find_all("input")
        if i.get("type") not in ("radio", "file")
    }
    values.update(
        {i["name"]: i["value"] for i in form.find_all("input", type="radio") if i.has_attr("checked")}
    )
    values["message"] = form.find("textarea", attrs={"name": "message"}).text.strip()
    return values


def text_of(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def test_the_empty_form(client, mailbox_url):
    response = client.get(mailbox_url + "write/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'enctype="multipart/form-data"' in html
    # The honeypot is in the page but hidden from people.
    assert re.search(r'<div class="mailbox-hp">\s*<label for="id_website">', html)
    assert "no-store" in response["Cache-Control"]
    key = BeautifulSoup(html, "html.parser").find("input", attrs={"name": "submission_key"})["value"]
    assert len(key) >= 16


def test_a_letter_is_stored_routed_and_acknowledged(client, mailbox_url):
    pdf = SimpleUploadedFile("scan.pdf", make_pdf(), content_type="application/pdf")
    png = SimpleUploadedFile("photo.png", make_image("PNG"), content_type="image/png")
    response = post(client, mailbox_url, valid(), [pdf, png])
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    soup = BeautifulSoup(response.content, "html.parser")
    number = soup.find(class_="tracking-number")["data-tracking-number"]
    code = soup.find(class_="query-code")["data-query-code"]
    letter = Letter.objects.get(tracking_number=number)
    assert re.fullmatch(r"\d{8}-\d{4}", number)
    assert (letter.name, letter.email, letter.country, letter.subject) == (
        "张伟",
        "zhang.wei@example.org",
        "China",
        SUBJECT,
    )
    assert letter.message == MESSAGE.replace("\r\n", "\n")
    assert letter.consent_to_publish is True
    assert tracking.find_letter(number, code) == letter
    # Routed by the routing table: consultations go to the Foreign Affairs Office.
    assert letter.department.title == FOREIGN_AFFAIRS
    assert letter.status == Status.ASSIGNED
    assert letter.due_date > letter.received_at.date()
    assert [a.original_name for a in letter.attachments.all()] == ["scan.pdf", "photo.png"]
    assert list(letter.events.values_list("action", flat=True)) == [
        EventAction.RECEIVED,
        EventAction.ROUTED,
        EventAction.EMAIL_SENT,
    ]
    # The receipt by email, with the number, the code and the track link.
    assert len(mail.outbox) == 1
    receipt = mail.outbox[0]
    assert receipt.to == ["zhang.wei@example.org"]
    assert number in receipt.subject
    assert number in receipt.body and code in receipt.body
    assert "http://testserver" + mailbox_url + "track/" in receipt.body
    assert "zhang.wei@example.org" in text_of(response)


def test_sending_the_same_form_twice_stores_one_letter(client, mailbox_url):
    first = post(client, mailbox_url, valid())
    again = post(client, mailbox_url, valid())
    assert Letter.objects.filter(subject=SUBJECT).count() == 1
    number = BeautifulSoup(first.content, "html.parser").find(class_="tracking-number").text
    assert BeautifulSoup(again.content, "html.parser").find(class_="tracking-number").text == number
    assert "already been received" in text_of(again)
    assert BeautifulSoup(again.content, "html.parser").find(class_="query-code") is None
    assert len(mail.outbox) == 1


def test_a_phone_number_alone_is_enough(client, mailbox_url):
    response = post(client, mailbox_url, valid(email="", phone="+86 734 555 0101"))
    assert response.status_code == 200
    assert Letter.objects.get(subject=SUBJECT).phone == "+86 734 555 0101"
    assert mail.outbox == []


TOO_LONG_MESSAGE = "字" * 3001

INVALID = {
    "subject too short": (
        {"subject": "Visa info"},
        "subject",
        "The subject must have at least 10 characters; it has 9.",
    ),
    "subject too long": (
        {"subject": "S" * 61},
        "subject",
        "The subject can have at most 60 characters; it has 61.",
    ),
    "message too long": (
        {"message": TOO_LONG_MESSAGE},
        "message",
        "Your letter can have at most 3000 characters; it has 3001.",
    ),
    "no message": ({"message": "   "}, "message", "Write your letter."),
    "no contact": (
        {"email": "", "phone": ""},
        "email",
        "Give an email address or a phone number (or both), so that we can answer you.",
    ),
    "bad email": (
        {"email": "zhang.wei@"},
        "email",
        "“zhang.wei@” is not an email address like name@example.com.",
    ),
    "bad phone": ({"phone": "call me"}, "phone", "“call me” is not a phone number"),
    "no consent answer": (
        {"consent": None},
        "consent",
        "Say whether we may publish your letter and our reply.",
    ),
    "no type": ({"letter_type": None}, "letter_type", "Choose the type of your letter."),
    "unknown type": ({"letter_type": "praise"}, "letter_type", "Choose one of the types of letter listed."),
    "no name": ({"name": ""}, "name", "Enter your name."),
    "no country": ({"country": ""}, "country", "Enter your country or region."),
}


@pytest.mark.parametrize("case", INVALID)
def test_each_invalid_input_has_its_own_message_and_keeps_what_was_typed(client, mailbox_url, case):
    changes, field, message = INVALID[case]
    data = valid(**changes)
    response = post(client, mailbox_url, data)
    assert response.status_code == 400
    assert not Letter.objects.filter(subject=data.get("subject", SUBJECT)).exists()
    assert mail.outbox == []
    soup = BeautifulSoup(response.content, "html.parser")
    errors = soup.find(id=f"id_{field}_error")
    assert errors is not None and message in errors.get_text()
    # Listed in the summary at the top, linked to the field.
    summary = soup.find(class_="error-summary")
    assert message in summary.get_text()
    assert summary.find("a", href=re.compile(f"^#id_{field}"))
    assert soup.find(attrs={"aria-invalid": "true"})
    assert soup.title.text.startswith("Error:")
    values = typed(response)
    for name in ("name", "email", "phone", "country", "subject", "message", "letter_type", "consent"):
        expected = data.get(name, "")
        if name == "message":
            expected = expected.strip()
        if name == "letter_type" and expected == "praise":
            expected = ""  # not one of the choices, so no radio button can hold it
        assert values.get(name, "") == expected, name


def test_files_are_checked_by_content_and_the_letter_is_kept(client, mailbox_url):
    page = SimpleUploadedFile("letter.pdf", HTML_PAGE, content_type="application/pdf")
    response = post(client, mailbox_url, valid(), [page])
    assert response.status_code == 400
    text = text_of(response)
    assert (
        "“letter.pdf” is not a PDF, JPEG or PNG file (files are checked by their content, not their name)."
        in text
    )
    assert "browsers never let a web page fill in file choices" in text
    assert typed(response)["message"] == MESSAGE.strip()
    assert not Letter.objects.filter(subject=SUBJECT).exists()


def test_at_most_three_files(client, mailbox_url):
    files = [SimpleUploadedFile(f"p{i}.pdf", make_pdf()) for i in range(4)]
    response = post(client, mailbox_url, valid(), files)
    assert response.status_code == 400
    assert "You can attach at most 3 files; you chose 4." in text_of(response)
    assert typed(response)["subject"] == SUBJECT


def test_at_most_five_megabytes_each(client, mailbox_url):
    big = SimpleUploadedFile("big.pdf", make_pdf(5 * 1024 * 1024 + 1))
    response = post(client, mailbox_url, valid(), [big])
    assert response.status_code == 400
    assert "“big.pdf” is 5.0 MB; each file can be at most 5 MB." in text_of(response)
    assert typed(response)["subject"] == SUBJECT
    assert not Letter.objects.filter(subject=SUBJECT).exists()


def test_a_filled_honeypot_stops_the_letter_with_a_message(client, mailbox_url):
    response = post(client, mailbox_url, valid(website="http://spam.example"))
    assert response.status_code == 400
    assert "a field that must stay empty (it catches automated spam) was filled in" in text_of(response)
    assert typed(response)["message"] == MESSAGE.strip()
    assert not Letter.objects.filter(subject=SUBJECT).exists()


def test_the_rate_limit_per_address(client, mailbox_url, settings):
    settings.CITYPORTAL_MAILBOX_LETTERS_PER_HOUR = 2
    for number in range(2):
        assert post(client, mailbox_url, valid(submission_key=f"key-{number}" + "y" * 20)).status_code == 200
    response = post(client, mailbox_url, valid(subject="A third letter this hour", submission_key="z" * 24))
    assert response.status_code == 429
    text = text_of(response)
    assert "only 2 letters an hour can be sent from one connection" in text
    assert "Please try again in about" in text
    assert typed(response)["subject"] == "A third letter this hour"
    assert not Letter.objects.filter(subject="A third letter this hour").exists()
    # Another address is not affected.
    other = Client(REMOTE_ADDR="192.0.2.77")
    assert (
        post(other, mailbox_url, valid(submission_key="w" * 24, subject="From another address")).status_code
        == 200
    )
    # Addresses are stored only as hashes.
    assert not RateLimitHit.objects.filter(address_hash__contains="192.0.2").exists()


def test_a_missing_csrf_token_shows_the_form_again_with_what_was_typed(mailbox_url):
    client = Client(enforce_csrf_checks=True)
    client.get(mailbox_url + "write/")
    response = client.post(mailbox_url + "write/", valid())
    assert response.status_code == 403
    assert "its security check failed" in text_of(response)
    values = typed(response)
    assert values["subject"] == SUBJECT and values["name"] == "张伟"
    assert not Letter.objects.filter(subject=SUBJECT).exists()
    # With the token (taken from the re-shown form) the letter goes through.
    token = BeautifulSoup(response.content, "html.parser").find(
        "input", attrs={"name": "csrfmiddlewaretoken"}
    )
    sent = client.post(mailbox_url + "write/", {**valid(), "csrfmiddlewaretoken": token["value"]})
    assert sent.status_code == 200
    assert Letter.objects.filter(subject=SUBJECT).count() == 1


def test_other_forms_keep_the_portals_csrf_answer(mailbox_url):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/search/", {"q": "anything"})
    assert response.status_code == 403
    # The portal's own explanation (core.views.csrf_failure), not a mailbox form.
    assert "The form could not be sent" in response.content.decode()
    assert b"mailbox-form" not in response.content


def test_the_help_texts_are_worded_in_the_language_of_the_request(db):
    from django.utils import translation

    from cityportal.mailbox.forms import MESSAGE_MAX, SUBJECT_MAX, SUBJECT_MIN, LetterForm

    with translation.override("zh-hans"):
        fields = LetterForm().fields
        assert fields["subject"].help_text == f"{SUBJECT_MIN} 至 {SUBJECT_MAX} 个字符。"
        assert fields["message"].help_text == f"不超过 {MESSAGE_MAX} 个字符。"
    with translation.override("en"):
        assert LetterForm().fields["subject"].help_text == f"{SUBJECT_MIN} to {SUBJECT_MAX} characters."
