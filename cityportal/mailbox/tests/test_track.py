"""The track page: the right number and code show the letter; a wrong code and an unknown
number get the very same answer; wrong tries are limited per address."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from cityportal.mailbox import tracking, workflow
from cityportal.mailbox.tests.conftest import receive

pytestmark = pytest.mark.django_db


def track(client, url, number, code):
    return client.post(url + "track/", {"tracking_number": number, "query_code": code})


def main_text(response) -> str:
    main = BeautifulSoup(response.content, "html.parser").find("main")
    return " ".join(main.get_text(" ").split())


def test_the_track_form(client, mailbox_url):
    response = client.get(mailbox_url + "track/")
    assert response.status_code == 200
    assert b'name="tracking_number"' in response.content and b'name="query_code"' in response.content
    assert "no-store" in response["Cache-Control"]


def test_the_right_pair_shows_status_dates_and_no_contact_details(client, mailbox_url):
    received = receive()
    letter = received.letter
    response = track(client, mailbox_url, letter.tracking_number, tracking.format_code(received.query_code))
    assert response.status_code == 200
    text = main_text(response)
    assert f"Letter {letter.tracking_number}" in text
    assert "Status: Assigned" in text
    assert letter.subject in text
    assert letter.due_date.isoformat() in text
    assert "Foreign Affairs Office (Sample)" in text
    assert letter.email not in text and letter.phone not in text
    assert "Reply" not in [h.text for h in BeautifulSoup(response.content, "html.parser").find_all("h3")]
    assert "no-store" in response["Cache-Control"]


def test_the_approved_reply_is_shown(client, mailbox_url, handler, reviewer):
    received = receive()
    letter = workflow.save_draft(received.letter, handler, "Open 9:00 to 17:00 on weekdays.", for_review=True)
    workflow.approve(letter, reviewer)
    response = track(client, mailbox_url, letter.tracking_number, received.query_code)
    text = main_text(response)
    assert "Status: Replied" in text
    assert "Open 9:00 to 17:00 on weekdays." in text


def test_a_draft_reply_is_not_shown(client, mailbox_url, handler):
    received = receive()
    workflow.save_draft(received.letter, handler, "Draft text not approved", for_review=True)
    response = track(client, mailbox_url, received.letter.tracking_number, received.query_code)
    assert "Draft text not approved" not in main_text(response)


def test_wrong_code_and_unknown_number_get_the_same_answer(client, mailbox_url):
    received = receive()
    wrong_code = track(client, mailbox_url, received.letter.tracking_number, "ABCDEFGHJKMN")
    unknown = track(client, mailbox_url, "20000101-0001", "ABCDEFGHJKMN")
    assert wrong_code.status_code == unknown.status_code == 200
    assert "No letter has this tracking number and query code." in main_text(wrong_code)
    # The same page apart from the number typed, which the form keeps.
    assert main_text(wrong_code).replace(received.letter.tracking_number, "N") == main_text(unknown).replace(
        "20000101-0001", "N"
    )
    assert received.letter.subject not in main_text(wrong_code)


def test_missing_fields_have_their_own_messages(client, mailbox_url):
    response = client.post(mailbox_url + "track/", {"tracking_number": "", "query_code": ""})
    assert response.status_code == 400
    text = main_text(response)
    assert "Enter the tracking number." in text and "Enter the query code." in text


def test_repeated_wrong_tries_are_limited_per_address(client, mailbox_url, settings):
    settings.CITYPORTAL_MAILBOX_TRACK_TRIES_PER_HOUR = 3
    received = receive()
    for _ in range(3):
        assert track(client, mailbox_url, "20000101-0001", "ABCDEFGHJKMN").status_code == 200
    limited = track(client, mailbox_url, received.letter.tracking_number, received.query_code)
    # Even the right pair is refused now, so that guessing gains nothing.
    assert limited.status_code == 429
    assert "Too many tracking numbers and codes that did not match" in main_text(limited)
    assert received.letter.subject not in main_text(limited)
    other = Client(REMOTE_ADDR="192.0.2.99")
    assert received.letter.subject in main_text(
        track(other, mailbox_url, received.letter.tracking_number, received.query_code)
    )


def test_a_missing_csrf_token_keeps_the_number(mailbox_url):
    client = Client(enforce_csrf_checks=True)
    response = client.post(mailbox_url + "track/", {"tracking_number": "20240518-0001", "query_code": "X"})
    assert response.status_code == 403
    assert "its security check failed" in main_text(response)
    assert b'value="20240518-0001"' in response.content
