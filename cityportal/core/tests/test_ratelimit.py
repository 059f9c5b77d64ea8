from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from cityportal.core import ratelimit
from cityportal.core.models import RateLimitHit

pytestmark = pytest.mark.django_db
HOUR = timedelta(hours=1)


def request_from(address: str, forwarded: str = ""):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **extra)


def test_the_limit_counts_per_address_and_bucket():
    alice, bob = request_from("10.0.0.1"), request_from("10.0.0.2")
    for _ in range(5):
        assert ratelimit.seconds_until_allowed(alice, "letters", limit=5, period=HOUR) == 0
        ratelimit.record(alice, "letters")
    wait = ratelimit.seconds_until_allowed(alice, "letters", limit=5, period=HOUR)
    assert 3590 <= wait <= 3600
    assert ratelimit.seconds_until_allowed(bob, "letters", limit=5, period=HOUR) == 0
    assert ratelimit.seconds_until_allowed(alice, "surveys", limit=5, period=HOUR) == 0


def test_hits_leave_the_window_and_old_ones_are_forgotten():
    alice = request_from("10.0.0.1")
    for _ in range(5):
        ratelimit.record(alice, "letters")
    RateLimitHit.objects.update(created_at=timezone.now() - timedelta(hours=2))
    assert ratelimit.seconds_until_allowed(alice, "letters", limit=5, period=HOUR) == 0
    ratelimit.record(request_from("10.0.0.2"), "letters")
    ratelimit.record(request_from("10.0.0.3"), "surveys")
    RateLimitHit.objects.update(created_at=timezone.now() - timedelta(days=2))
    ratelimit.record(alice, "letters")
    # Old hits go, whoever made them and in whichever bucket.
    assert list(RateLimitHit.objects.values_list("bucket", flat=True)) == ["letters"]


def test_addresses_are_stored_only_as_keyed_hashes():
    ratelimit.record(request_from("203.0.113.9"), "letters")
    stored = RateLimitHit.objects.get().address_hash
    assert "203.0.113.9" not in stored and len(stored) == 64


def test_reset_forgets_an_address():
    alice = request_from("10.0.0.1")
    for _ in range(3):
        ratelimit.record(alice, "wrong-codes")
    ratelimit.reset(alice, "wrong-codes")
    assert ratelimit.seconds_until_allowed(alice, "wrong-codes", limit=1, period=HOUR) == 0


def test_forwarded_for_is_ignored_unless_proxies_are_trusted(settings):
    forged = request_from("10.0.0.1", forwarded="198.51.100.7")
    assert ratelimit.client_address(forged) == "10.0.0.1"
    settings.CITYPORTAL_TRUSTED_PROXIES = 1
    assert ratelimit.client_address(forged) == "198.51.100.7"
    chained = request_from("10.0.0.1", forwarded="1.2.3.4, 198.51.100.7")
    assert ratelimit.client_address(chained) == "198.51.100.7"


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (1, "about 1 minute"),
        (61, "about 2 minutes"),
        (89 * 60, "about 89 minutes"),
        (90 * 60, "about 2 hours"),
        (24 * 3600, "about 24 hours"),
    ],
)
def test_wait_text_counts_minutes_then_hours_rounding_up(seconds, expected):
    assert ratelimit.wait_text(seconds) == expected


def test_no_limit_counts_over_more_than_the_time_hits_are_kept():
    with pytest.raises(ValueError):
        ratelimit.seconds_until_allowed(
            request_from("10.0.0.1"), "letters", limit=5, period=timedelta(days=2)
        )
