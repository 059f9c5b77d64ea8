"""The widget on the home page: shown while the newest observation is fresh, replaced by
a short note when there is none or it is too old; never fetches while rendering."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cityportal.core.tests.utils import soup, text_of
from cityportal.weather.conditions import Condition
from cityportal.weather.tests.test_services import make_observation

pytestmark = pytest.mark.django_db

NOT_AVAILABLE = "Weather information is not available right now."


def weather_area(client):
    return soup(client.get("/en/")).select_one("aside#weather")


def test_without_observation_the_widget_is_hidden(client):
    area = weather_area(client)
    assert text_of(area.select_one("h2")) == "Weather"
    widget = area.select_one(".weather")
    assert text_of(widget) == NOT_AVAILABLE
    assert widget.select_one(".weather__temperature") is None
    assert widget["data-weather-url"] == "/en/weather.json"
    assert widget["data-weather-version"] == "none"


def test_a_fresh_observation_is_shown_with_its_time(client):
    observed = timezone.now().replace(second=0, microsecond=0) - timedelta(minutes=20)
    observation = make_observation(
        observed, temperature=27.3, humidity=68, wind_speed=9.4, condition=Condition.OVERCAST
    )
    widget = weather_area(client).select_one(".weather")
    assert text_of(widget.select_one(".weather__place")) == "Hengyang"
    assert text_of(widget.select_one(".weather__temperature")) == "27 °C"
    assert text_of(widget.select_one(".weather__condition")) == "Overcast"
    details = {text_of(row.dt): text_of(row.dd) for row in widget.select(".weather__details div")}
    assert details == {"Humidity": "68%", "Wind": "9 km/h"}
    local = timezone.localtime(observed)
    time = widget.select_one(".weather__time time")
    assert time["datetime"] == local.isoformat()
    assert text_of(widget.select_one(".weather__time")) == f"Observed at {local:%Y-%m-%d %H:%M}"
    source = widget.select_one(".weather__source a")
    assert (text_of(source), source["href"]) == ("Open-Meteo", "https://open-meteo.com/")
    assert widget["data-weather-version"] == f"{observation.pk}-{observation.fetched_at.timestamp():.0f}"
    assert NOT_AVAILABLE not in text_of(widget)


def test_an_observation_older_than_the_maximum_age_is_hidden(client, settings):
    make_observation(timezone.now() - timedelta(hours=3, minutes=1))
    widget = weather_area(client).select_one(".weather")
    assert text_of(widget) == NOT_AVAILABLE


def test_the_maximum_age_is_a_setting(client, settings):
    make_observation(timezone.now() - timedelta(minutes=50))
    assert weather_area(client).select_one(".weather__temperature") is not None
    settings.CITYPORTAL_WEATHER_MAX_AGE = 30 * 60
    assert weather_area(client).select_one(".weather__temperature") is None


def test_an_unknown_condition_is_left_out(client):
    make_observation(timezone.now() - timedelta(minutes=5), condition=Condition.UNKNOWN, condition_code="4")
    widget = weather_area(client).select_one(".weather")
    assert widget.select_one(".weather__temperature") is not None
    assert widget.select_one(".weather__condition") is None


def test_a_frosty_reading_never_says_minus_zero(client):
    make_observation(timezone.now() - timedelta(minutes=5), temperature=-0.4)
    assert text_of(weather_area(client).select_one(".weather__temperature")) == "0 °C"


def test_rendering_the_home_page_does_not_fetch(client, settings, weather_server):
    settings.CITYPORTAL_WEATHER_BASE_URL = weather_server.base_url
    client.get("/en/")
    assert weather_server.requests == []


def test_the_widget_brings_its_style_and_script(client):
    page = soup(client.get("/en/"))
    assert page.select_one('link[rel=stylesheet][href$="weather/css/weather.css"]') is not None
    script = page.select_one('script[src$="weather/js/weather.js"]')
    assert script is not None and script.has_attr("defer")
