"""Coordinates as visitors read them and as the map link of the settings needs them."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cityportal.media import geo


def test_coordinates_text_names_the_hemispheres_without_trailing_zeros():
    assert geo.coordinates_text(Decimal("27.250000"), Decimal("112.735000")) == "27.25° N, 112.735° E"
    assert geo.coordinates_text(Decimal("-33.856000"), Decimal("-70.650000")) == "33.856° S, 70.65° W"
    assert geo.coordinates_text(Decimal("0"), Decimal("0")) == "0° N, 0° E"


def test_the_map_link_follows_the_setting(settings):
    settings.CITYPORTAL_MAP_LINK = "https://tiles.example.test/#{zoom}/{lat}/{lon}"
    assert (
        geo.map_link(Decimal("26.893000"), Decimal("112.572000"), 12)
        == "https://tiles.example.test/#12/26.893/112.572"
    )
    settings.CITYPORTAL_MAP_LINK = ""
    assert geo.map_link(Decimal("1"), Decimal("2")).startswith("https://www.openstreetmap.org/?mlat=1&mlon=2")


def test_both_coordinates_or_neither():
    geo.check_pair(None, None)
    geo.check_pair(Decimal("1"), Decimal("2"))
    with pytest.raises(ValidationError) as error:
        geo.check_pair(None, Decimal("2"))
    assert error.value.message_dict == {"latitude": ["Give both the latitude and the longitude, or neither."]}


def test_the_tile_map_is_off_unless_a_tile_server_is_configured(monkeypatch):
    import importlib

    from cityportal.settings import base

    monkeypatch.delenv("CITYPORTAL_MAP_TILES_URL", raising=False)
    assert importlib.reload(base).CITYPORTAL_MAP_TILES["url"] == ""
    monkeypatch.setenv("CITYPORTAL_MAP_TILES_URL", "https://tiles.example.gov.cn/{z}/{x}/{y}.png")
    assert (
        importlib.reload(base).CITYPORTAL_MAP_TILES["url"] == "https://tiles.example.gov.cn/{z}/{x}/{y}.png"
    )
    monkeypatch.delenv("CITYPORTAL_MAP_TILES_URL")
    importlib.reload(base)


def test_coordinates_text_in_chinese_names_the_hemisphere_first():
    from django.utils import translation

    with translation.override("zh-hans"):
        assert geo.coordinates_text(Decimal("27.25"), Decimal("112.735")) == "北纬 27.25°，东经 112.735°"
        assert geo.coordinates_text(Decimal("-33.856"), Decimal("-70.65")) == "南纬 33.856°，西经 70.65°"
