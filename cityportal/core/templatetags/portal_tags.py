import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page

from cityportal.core import navigation
from cityportal.core.languages import lang_attribute

register = template.Library()


@register.inclusion_tag("core/includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    page = context.get("page") if isinstance(context.get("page"), Page) else None
    menu = navigation.build_menu(request, page) if request is not None else []
    return {"menu": menu, "request": request}


@register.inclusion_tag("core/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None, extra_title: str = ""):
    page = page or context.get("page")
    crumbs = navigation.breadcrumbs(page) if isinstance(page, Page) else []
    return {"crumbs": crumbs, "extra_title": extra_title, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def edition_home_url(context) -> str:
    request = context.get("request")
    home = navigation.edition_home(request) if request is not None else None
    return home.get_url(request) if home is not None else f"/{get_language()}/"


@register.inclusion_tag("core/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in the other editions, where a published translation exists."""
    request = context.get("request")
    page = context.get("page")
    links = []
    if isinstance(page, Page):
        for translation in page.get_translations().live().select_related("locale"):
            links.append(
                {
                    "url": translation.get_url(request),
                    "code": translation.locale.language_code,
                    "name": translation.locale.get_display_name(),
                }
            )
    return {"links": links}


@register.filter
def local_datetime(value) -> str:
    """A time in the city's time zone as YYYY-MM-DD HH:MM:SS (the 'Date Add in' format)."""
    if not value:
        return ""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")


@register.filter
def iso_datetime(value) -> str:
    """A time in the city's time zone as ISO 8601 to the second (2024-05-18T23:14:41+08:00),
    for <time datetime> and meta tags: HTML allows at most three fractional digits, and
    Django's "c" format writes six whenever the time has microseconds."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.filter
def jsonld(data) -> str:
    """JSON for a <script type="application/ld+json"> element, safe against "</script>"."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return mark_safe(text)  # noqa: S308 - escaped above


register.filter("lang_attr", lang_attribute)
