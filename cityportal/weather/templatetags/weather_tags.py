"""The weather widget, for the weather area of the home page: {% weather_widget %}."""

from django import template

from cityportal.weather.services import widget_context

register = template.Library()


@register.inclusion_tag("weather/widget.html")
def weather_widget() -> dict:
    """The newest stored observation while it is fresh, or a short note that there is
    none. Reads the database only: nothing is fetched while a page is rendered."""
    return widget_context()
