"""Template helpers of the surveys app: times in the city's time zone."""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def city_time(value: datetime | None) -> SafeString | str:
    """``<time>`` with the date and time (to the minute) in the city's time zone."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return format_html(
        '<time datetime="{}">{}</time>',
        local.replace(second=0, microsecond=0).isoformat(),
        local.strftime("%Y-%m-%d %H:%M"),
    )


@register.simple_tag
def city_utc_offset() -> str:
    """The city's offset from UTC now, as "UTC+08:00"."""
    offset = timezone.localtime().strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"
