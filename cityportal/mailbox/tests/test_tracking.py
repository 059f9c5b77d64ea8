"""Tracking numbers (per day in city time, unique) and query codes (random, hashed)."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from cityportal.mailbox import intake, tracking
from cityportal.mailbox.models import Letter
from cityportal.mailbox.tests.conftest import receive

pytestmark = pytest.mark.django_db


def test_numbers_count_per_day_in_city_time():
    late_evening_utc = datetime(2025, 6, 1, 17, 0, tzinfo=ZoneInfo("UTC"))  # 2 June, 01:00 in Hengyang

    def at(moment):
        return intake.receive_letter(
            intake.LetterData(
                letter_type="consultation",
                name="A",
                email="a@example.org",
                phone="",
                country="X",
                subject="A subject long enough",
                message="Text",
                consent_to_publish=False,
            ),
            received_at=moment,
        ).letter.tracking_number

    assert at(datetime(2025, 6, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))) == "20250601-0001"
    assert at(datetime(2025, 6, 1, 11, 0, tzinfo=ZoneInfo("Asia/Shanghai"))) == "20250601-0002"
    assert at(late_evening_utc) == "20250602-0001"
    assert at(datetime(2025, 6, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))) == "20250602-0002"


def test_query_code_is_random_and_only_its_hash_is_stored():
    received = receive()
    code = received.query_code
    assert re.fullmatch(f"[{tracking.CODE_ALPHABET}]{{12}}", code)
    stored = Letter.objects.get(pk=received.letter.pk)
    assert code not in stored.query_code_hash
    assert stored.query_code_hash.startswith("sha256$")
    assert tracking.code_matches(code, stored.query_code_hash)
    # Another letter gets an unrelated code.
    assert receive().query_code != code


def test_find_letter_accepts_the_code_as_typed_but_not_a_wrong_one():
    received = receive()
    number = received.letter.tracking_number
    spaced = tracking.format_code(received.query_code).lower().replace("-", " - ")
    assert tracking.find_letter(number, spaced) == received.letter
    assert tracking.find_letter(number.replace("-", ""), received.query_code) == received.letter
    assert tracking.find_letter(number, "ABCDEFGHJKMN") is None
    assert tracking.find_letter("20000101-0001", received.query_code) is None
    assert tracking.find_letter("not a number", received.query_code) is None


def test_a_wrong_code_and_an_unknown_number_cost_the_same_hashing(monkeypatch):
    received = receive()
    calls = []
    real = tracking.code_matches

    def counting(code, stored):
        calls.append(stored)
        return real(code, stored)

    monkeypatch.setattr(tracking, "code_matches", counting)
    tracking.find_letter(received.letter.tracking_number, "WRONGCODE234")
    tracking.find_letter("19990101-0001", "WRONGCODE234")
    tracking.find_letter("garbage", "WRONGCODE234")
    assert len(calls) == 3
