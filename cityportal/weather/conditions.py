"""The weather conditions the widget can name, shared by every provider.

Each provider maps its own codes (Open-Meteo's WMO codes, another service's ids) to one
of these, so that the stored observation and the visitor's text do not depend on the
service: the labels are translated like the rest of the interface.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Condition(models.TextChoices):
    CLEAR = "clear", _("Clear sky")
    MAINLY_CLEAR = "mainly_clear", _("Mainly clear")
    PARTLY_CLOUDY = "partly_cloudy", _("Partly cloudy")
    OVERCAST = "overcast", _("Overcast")
    FOG = "fog", _("Fog")
    DRIZZLE = "drizzle", _("Drizzle")
    FREEZING_DRIZZLE = "freezing_drizzle", _("Freezing drizzle")
    LIGHT_RAIN = "light_rain", _("Light rain")
    RAIN = "rain", _("Rain")
    HEAVY_RAIN = "heavy_rain", _("Heavy rain")
    FREEZING_RAIN = "freezing_rain", _("Freezing rain")
    LIGHT_SNOW = "light_snow", _("Light snow")
    SNOW = "snow", _("Snow")
    HEAVY_SNOW = "heavy_snow", _("Heavy snow")
    SNOW_GRAINS = "snow_grains", _("Snow grains")
    RAIN_SHOWERS = "rain_showers", _("Rain showers")
    HEAVY_RAIN_SHOWERS = "heavy_rain_showers", _("Heavy rain showers")
    SNOW_SHOWERS = "snow_showers", _("Snow showers")
    THUNDERSTORM = "thunderstorm", _("Thunderstorm")
    THUNDERSTORM_WITH_HAIL = "thunderstorm_hail", _("Thunderstorm with hail")
    # A code the provider documents later than this table: the reading is still shown,
    # without a condition.
    UNKNOWN = "unknown", _("Not reported")
