"""Rate limits on public forms, per visitor address, shared by every worker process.

    from cityportal.core import ratelimit
    wait = ratelimit.seconds_until_allowed(request, "mailbox-letter", limit=5, period=timedelta(hours=1))
    if wait: ...show a message saying when to try again...
    ratelimit.record(request, "mailbox-letter")

Addresses are hashed with the secret key before they are stored (personal data is kept
only as far as needed). Behind a reverse proxy, set ``CITYPORTAL_TRUSTED_PROXIES`` to the
number of proxies that append to X-Forwarded-For; otherwise the header is ignored, since
a visitor could forge it.
"""

import hashlib
import hmac
import math
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import ngettext

from cityportal.core.models import RateLimitHit


def client_address(request: HttpRequest) -> str:
    trusted = int(getattr(settings, "CITYPORTAL_TRUSTED_PROXIES", 0) or 0)
    if trusted > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= trusted:
            return forwarded[-trusted]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def address_hash(request: HttpRequest) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256
    ).hexdigest()


# Hits are kept this long, then deleted whatever their bucket: no limit may count over
# a longer period.
LONGEST_PERIOD = timedelta(days=1)


def seconds_until_allowed(request: HttpRequest, bucket: str, *, limit: int, period: timedelta) -> int:
    """0 if the visitor may act now; otherwise how many seconds until the oldest counted
    action leaves the window."""
    if period > LONGEST_PERIOD:
        raise ValueError(f"Rate limits count over at most {LONGEST_PERIOD}; {period} is longer.")
    now = timezone.now()
    recent = list(
        RateLimitHit.objects.filter(
            bucket=bucket, address_hash=address_hash(request), created_at__gt=now - period
        )
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:limit]
    )
    if len(recent) < limit:
        return 0
    return max(1, math.ceil((recent[-1] + period - now).total_seconds()))


def wait_text(seconds: int) -> str:
    """How long a refused visitor should wait, for "please try again in ...": in minutes
    up to an hour and a half, then in whole hours (rounded up, never "0 minutes")."""
    minutes = max(1, math.ceil(seconds / 60))
    if minutes >= 90:
        hours = math.ceil(minutes / 60)
        return ngettext("about %(n)d hour", "about %(n)d hours", hours) % {"n": hours}
    return ngettext("about %(n)d minute", "about %(n)d minutes", minutes) % {"n": minutes}


def record(request: HttpRequest, bucket: str) -> None:
    """Counts one action, and forgets every hit older than LONGEST_PERIOD (of every
    address and bucket: an address that never comes back, or a closed survey's bucket,
    would otherwise stay in the table for good)."""
    key = address_hash(request)
    now = timezone.now()
    RateLimitHit.objects.filter(created_at__lt=now - LONGEST_PERIOD).delete()
    RateLimitHit.objects.create(bucket=bucket, address_hash=key, created_at=now)


def reset(request: HttpRequest, bucket: str) -> None:
    """Forgets this address's hits in a bucket (e.g. after a correct tracking code)."""
    RateLimitHit.objects.filter(bucket=bucket, address_hash=address_hash(request)).delete()
