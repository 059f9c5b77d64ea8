"""weather.json: the widget's current content, for pages published as static files."""

import hashlib
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from cityportal.weather.services import widget_context


@require_safe
def weather_json(request: HttpRequest) -> HttpResponse:
    """The observation the widget shows now (or none), as data and as the widget's HTML
    in the language of the address (/en/weather.json, /zh-hans/weather.json).

    The same for every visitor and cacheable for CITYPORTAL_WEATHER_JSON_MAX_AGE
    seconds, with an ETag for revalidation; it reads neither session nor user, so it
    sets no cookie."""
    context = widget_context()
    observation = context["observation"]
    data = {
        "available": observation is not None,
        "version": context["weather_version"],
        "observation": None,
        # Rendered without the request: nothing in it may depend on the visitor.
        "html": render_to_string("weather/observation.html", context).strip(),
    }
    if observation is not None:
        data["observation"] = {
            "location": observation.location,
            "observed_at": timezone.localtime(observation.observed_at).isoformat(),
            "fetched_at": timezone.localtime(observation.fetched_at).isoformat(),
            "temperature_c": observation.temperature,
            "relative_humidity_percent": observation.humidity,
            "wind_speed_kmh": observation.wind_speed,
            "condition": observation.condition,
            "condition_text": observation.condition_text,
            "provider": observation.provider,
        }
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=settings.CITYPORTAL_WEATHER_JSON_MAX_AGE)
    return get_conditional_response(request, etag=etag, response=response)
