"""Geographic coordinates shared by attractions and maps: validated fields, the text
shown to visitors and the link to the map service chosen in the settings."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

DEFAULT_MAP_LINK = "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map={zoom}/{lat}/{lon}"


def latitude_field() -> models.DecimalField:
    message = _("Latitude must be between -90 and 90 degrees.")
    return models.DecimalField(
        _("latitude"),
        # Room for any number an editor types, so that the range check below answers
        # ("between -90 and 90") rather than a count of digits.
        max_digits=12,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90, message=message), MaxValueValidator(90, message=message)],
        help_text=_("Decimal degrees, north positive, e.g. 27.254"),
    )


def longitude_field() -> models.DecimalField:
    message = _("Longitude must be between -180 and 180 degrees.")
    return models.DecimalField(
        _("longitude"),
        max_digits=12,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180, message=message), MaxValueValidator(180, message=message)],
        help_text=_("Decimal degrees, east positive, e.g. 112.735"),
    )


def check_pair(latitude, longitude) -> None:
    """A place has both coordinates or neither: one alone cannot be shown on a map."""
    if (latitude is None) != (longitude is None):
        missing = "longitude" if longitude is None else "latitude"
        raise ValidationError({missing: gettext("Give both the latitude and the longitude, or neither.")})


class CoordinatesMixin:
    """For pages with ``latitude`` and ``longitude``: ``clean_coordinates()`` asks for both
    or neither, unless one of them was already refused (then its own message suffices);
    ``has_place`` says whether the page can be shown on a map."""

    def full_clean(self, *args, exclude=None, **kwargs):
        # The admin's form leaves out the fields it refused; remember which.
        self._not_cleaned = set(exclude or ())
        return super().full_clean(*args, exclude=exclude, **kwargs)

    def clean_coordinates(self) -> None:
        if not {"latitude", "longitude"} & getattr(self, "_not_cleaned", set()):
            check_pair(self.latitude, self.longitude)

    @property
    def has_place(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def _plain(value: Decimal) -> str:
    # 27.250000 -> 27.25: trailing zeros say nothing to a visitor or a map service.
    text = format(Decimal(value).normalize(), "f")
    return text


def coordinates_text(latitude, longitude) -> str:
    """27.25° N, 112.735° E"""
    lat, lon = Decimal(latitude), Decimal(longitude)
    # Whole sentences, one per quarter of the globe: Chinese puts the hemisphere first
    # ("北纬 27.25°，东经 112.735°"), so "N"/"E" cannot be translated on their own.
    if lat >= 0:
        text = gettext("%(lat)s° N, %(lon)s° E") if lon >= 0 else gettext("%(lat)s° N, %(lon)s° W")
    else:
        text = gettext("%(lat)s° S, %(lon)s° E") if lon >= 0 else gettext("%(lat)s° S, %(lon)s° W")
    return text % {"lat": _plain(abs(lat)), "lon": _plain(abs(lon))}


def map_link(latitude, longitude, zoom: int = 15) -> str:
    """The address of the place on the map service set by CITYPORTAL_MAP_LINK."""
    template = getattr(settings, "CITYPORTAL_MAP_LINK", DEFAULT_MAP_LINK) or DEFAULT_MAP_LINK
    return template.format(lat=_plain(latitude), lon=_plain(longitude), zoom=zoom)


def geo_coordinates(latitude, longitude) -> dict:
    """schema.org GeoCoordinates."""
    return {"@type": "GeoCoordinates", "latitude": float(latitude), "longitude": float(longitude)}
