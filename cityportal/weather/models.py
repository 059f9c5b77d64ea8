"""Weather observations fetched from a public weather service, shown in a widget."""

import math

from django.db import models
from django.utils.translation import gettext_lazy as _

from cityportal.weather.conditions import Condition


def _whole(value: float) -> int:
    """Rounded half away from zero, without the "-0" that round(-0.3) would print."""
    rounded = int(math.floor(abs(value) + 0.5)) * (1 if value >= 0 else -1)
    return rounded or 0


class Observation(models.Model):
    """One reading of the current weather at the city, as a weather service reported it.

    Editors do not write these: ``manage.py fetch_weather`` (run by cron) stores one per
    run, and the weather area of the home page shows the newest while it is fresh. Staff
    may look at them to see when the weather was last fetched and what the service sent.
    """

    provider = models.CharField(_("provider"), max_length=50, help_text=_("e.g. open-meteo"))
    location = models.CharField(_("location"), max_length=100)
    observed_at = models.DateTimeField(_("observed at"))
    fetched_at = models.DateTimeField(_("fetched at"))
    temperature = models.FloatField(_("temperature (°C)"))
    humidity = models.FloatField(_("relative humidity (%)"))
    wind_speed = models.FloatField(_("wind speed (km/h)"))
    condition = models.CharField(_("condition"), max_length=30, choices=Condition.choices)
    condition_code = models.CharField(
        _("provider's condition code"), max_length=20, blank=True, help_text=_("e.g. a WMO weather code")
    )
    raw = models.JSONField(_("answer of the service"), help_text=_("As received, for checking."))

    class Meta:
        verbose_name = _("weather observation")
        verbose_name_plural = _("weather observations")
        ordering = ["-observed_at", "-fetched_at"]
        constraints = [
            # Fetching twice within the service's interval refreshes one row, not two.
            models.UniqueConstraint(
                fields=["provider", "location", "observed_at"], name="weather_observation_once"
            ),
        ]
        indexes = [models.Index(fields=["location", "-observed_at"], name="weather_latest")]

    def __str__(self) -> str:
        return (
            f"{self.location} {self.observed_at:%Y-%m-%d %H:%M} UTC: {self.temperature} °C ({self.provider})"
        )

    @property
    def condition_text(self) -> str:
        """The condition in the visitor's language; empty when the service's code is unknown."""
        if self.condition == Condition.UNKNOWN:
            return ""
        return str(self.get_condition_display())

    @property
    def whole_temperature(self) -> int:
        return _whole(self.temperature)

    @property
    def whole_humidity(self) -> int:
        return _whole(self.humidity)

    @property
    def whole_wind_speed(self) -> int:
        return _whole(self.wind_speed)
