"""/<language>/weather.json: the widget's content for pages published as static files.
The same for everyone, cacheable, revalidated with an ETag."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from cityportal.weather.tests.test_services import make_observation

pytestmark = pytest.mark.django_db


def test_without_an_observation_it_says_none(client):
    response = client.get("/en/weather.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert (data["available"], data["version"], data["observation"]) == (False, "none", None)
    assert data["html"] == '<p class="empty">Weather information is not available right now.</p>'


def test_with_a_fresh_observation_it_gives_data_and_html(client):
    observed = timezone.now().replace(second=0, microsecond=0) - timedelta(minutes=10)
    observation = make_observation(observed, temperature=27.3, humidity=68, wind_speed=9.4)
    data = client.get("/en/weather.json").json()
    assert data["available"] is True
    assert data["version"] == f"{observation.pk}-{observation.fetched_at.timestamp():.0f}"
    assert data["observation"] == {
        "location": "Hengyang",
        "observed_at": timezone.localtime(observed).isoformat(),
        "fetched_at": timezone.localtime(observation.fetched_at).isoformat(),
        "temperature_c": 27.3,
        "relative_humidity_percent": 68.0,
        "wind_speed_kmh": 9.4,
        "condition": "clear",
        "condition_text": "Clear sky",
        "provider": "open-meteo",
    }
    html = BeautifulSoup(data["html"], "html.parser")
    assert html.select_one(".weather__temperature").get_text() == "27 °C"


def test_a_stale_observation_is_not_available(client):
    make_observation(timezone.now() - timedelta(hours=4))
    assert client.get("/en/weather.json").json()["available"] is False


def test_it_is_cacheable_by_everyone_and_sets_no_cookie(client, settings):
    response = client.get("/en/weather.json")
    assert response["Cache-Control"] == f"public, max-age={settings.CITYPORTAL_WEATHER_JSON_MAX_AGE}"
    assert response["ETag"].startswith('"')
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_an_unchanged_answer_is_revalidated_with_304(client):
    first = client.get("/en/weather.json")
    again = client.get("/en/weather.json", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    make_observation(timezone.now() - timedelta(minutes=5))
    changed = client.get("/en/weather.json", headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_the_html_is_in_the_language_of_the_address(client):
    data = client.get("/zh-hans/weather.json").json()
    assert "暂时无法提供天气信息。" in data["html"]


def test_only_reading_is_allowed(client):
    assert client.post("/en/weather.json").status_code == 405
    assert client.head("/en/weather.json").status_code == 200


def test_text_from_the_database_is_escaped(client, settings):
    settings.CITYPORTAL_WEATHER_LOCATION_NAME = "<script>alert(1)</script>"
    make_observation(timezone.now() - timedelta(minutes=5), location="<script>alert(1)</script>")
    html = client.get("/en/weather.json").json()["html"]
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
