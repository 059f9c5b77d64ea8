"""Tourist attractions and routes.

Attractions and routes are content items (they appear in AllDocsList, feeds and search);
"Top Eight Attractions" and "Tourist Routes" are specialised channels that hold them.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable

from cityportal.core.blocks import BodyBlock, stream_plain_text
from cityportal.core.models import PortalPage
from cityportal.core.pagination import paginate
from cityportal.core.text import plain_text
from cityportal.media import geo
from cityportal.media.blocks import GalleryBlock
from cityportal.media.gallery import first_image, gallery_pictures
from cityportal.news.models import ChannelPage
from cityportal.tourism.forms import TOP_COUNT, TopAttractionsForm

CHANNEL_PANELS = PortalPage.content_panels + [FieldPanel("chinese_name"), FieldPanel("introduction")]


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None else url


class AttractionPage(geo.CoordinatesMixin, PortalPage):
    """A tourist attraction: what it is, where it is (address and map coordinates),
    when it is open, what it costs, how to get there, and a gallery of pictures."""

    listed_as_item = True

    summary = models.TextField(
        _("summary"),
        max_length=600,
        blank=True,
        help_text=_("One or two sentences for listings, feeds and search results."),
    )
    description = StreamField(BodyBlock(), verbose_name=_("description"))
    address = models.CharField(_("address"), max_length=300)
    opening_hours = models.TextField(
        _("opening hours"), max_length=1000, blank=True, help_text=_("e.g. “Daily 7:00–18:00”")
    )
    tickets = models.TextField(_("tickets"), max_length=1000, blank=True)
    getting_there = models.TextField(_("how to get there"), max_length=2000, blank=True)
    latitude = geo.latitude_field()
    longitude = geo.longitude_field()
    gallery = StreamField(GalleryBlock(), verbose_name=_("gallery"), blank=True)

    content_panels = PortalPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("opening_hours"),
                FieldPanel("tickets"),
                FieldPanel("getting_there"),
            ],
            heading=_("Visiting"),
        ),
        MultiFieldPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Location on a map")),
        FieldPanel("gallery"),
    ]
    parent_page_types = ["tourism.TopAttractionsPage", "news.ChannelPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("attraction")

    def clean(self):
        super().clean()
        self.clean_coordinates()

    def get_search_text_parts(self) -> list[str]:
        return super().get_search_text_parts() + [
            self.summary,
            stream_plain_text(self.description),
            self.address,
            self.getting_there,
            stream_plain_text(self.gallery),
        ]

    def listing_summary(self) -> str:
        if self.summary:
            return self.summary
        for child in self.description:
            if child.block_type == "paragraph":
                return Truncator(plain_text(child.value.source)).words(40)
        return ""

    def coordinates_text(self) -> str:
        return geo.coordinates_text(self.latitude, self.longitude) if self.has_place else ""

    def map_url(self) -> str:
        return geo.map_link(self.latitude, self.longitude) if self.has_place else ""

    def cover(self):
        """(image, alt text) of the first gallery picture, for listings."""
        return first_image(self.gallery)

    def structured_data(self, request) -> dict:
        """schema.org TouristAttraction with its coordinates, for search engines and maps."""
        data = {
            "@context": "https://schema.org",
            "@type": "TouristAttraction",
            "name": self.title,
            "url": self.get_full_url(request),
            "description": self.listing_summary(),
            "address": self.address,
            "inLanguage": self.locale.language_code,
        }
        if self.has_place:
            data["geo"] = geo.geo_coordinates(self.latitude, self.longitude)
            data["hasMap"] = self.map_url()
        if self.opening_hours:
            # Free text ("Daily 7:00–18:00"), so not schema.org's coded openingHours.
            data["openingHoursSpecification"] = {
                "@type": "OpeningHoursSpecification",
                "description": self.opening_hours,
            }
        image, _alt = self.cover()
        if image is not None:
            data["image"] = _absolute(request, image.get_rendition("fill-1200x630").url)
        return {k: v for k, v in data.items() if v not in (None, "")}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(structured_data=self.structured_data(request), pictures=gallery_pictures(self.gallery))
        return context


class TopAttraction(Orderable):
    """One of the attractions chosen for Top Eight Attractions, in the editor's order."""

    page = ParentalKey("tourism.TopAttractionsPage", related_name="top_attractions", on_delete=models.CASCADE)
    attraction = models.ForeignKey(
        "tourism.AttractionPage", verbose_name=_("attraction"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("attraction")]

    class Meta(Orderable.Meta):
        verbose_name = _("chosen attraction")


class TopAttractionsPage(ChannelPage):
    """Top Eight Attractions: the eight attractions editors choose to feature, in their
    order, followed by any other attractions of the channel."""

    numbered_from_oldest = False  # listed in its own order, numbered from the first

    template = "tourism/top_attractions_page.html"
    content_panels = CHANNEL_PANELS + [
        InlinePanel(
            "top_attractions",
            max_num=TOP_COUNT,
            heading=_("The eight attractions, in order"),
            label=_("attraction"),
            help_text=_("Choose at most eight published attractions; drag them into the order to show."),
        )
    ]
    base_form_class = TopAttractionsForm
    subpage_types = ["tourism.AttractionPage"]

    class Meta:
        verbose_name = _("top attractions channel")

    def clean(self):
        super().clean()
        chosen = [slot.attraction_id for slot in self.top_attractions.all()]
        if len(chosen) > TOP_COUNT:
            raise ValidationError(
                ngettext(
                    "Top Eight Attractions shows at most %(max)d attractions; %(count)d is chosen.",
                    "Top Eight Attractions shows at most %(max)d attractions; %(count)d are chosen.",
                    len(chosen),
                )
                % {"max": TOP_COUNT, "count": len(chosen)}
            )

    def chosen_attractions(self) -> list[AttractionPage]:
        """The chosen attractions that visitors can see, in the editor's order (at most eight)."""
        slots = list(self.top_attractions.all().order_by("sort_order"))
        ids = [slot.attraction_id for slot in slots]
        live = AttractionPage.objects.live().public().in_bulk(ids)
        return [live[pk] for pk in ids if pk in live][:TOP_COUNT]

    def listing_context(self, request, number=None) -> dict:
        top = self.chosen_attractions()
        others = self.get_listing(request).exclude(pk__in=[p.pk for p in top])
        listing = paginate(others, number, settings.CITYPORTAL_ITEMS_PER_PAGE)
        return {"listing": listing, "items": listing.page.object_list, "top_attractions": top}


class RoutesChannelPage(ChannelPage):
    """Tourist Routes: a channel of routes, each shown with its length and stops."""

    numbered_from_oldest = False  # listed in its own order, numbered from the first

    template = "tourism/routes_channel_page.html"
    content_panels = CHANNEL_PANELS
    subpage_types = ["tourism.TouristRoutePage"]

    class Meta:
        verbose_name = _("tourist routes channel")

    def listing_context(self, request, number=None) -> dict:
        context = super().listing_context(request, number)
        # Each route shows how many stops visitors can see: counted for the whole page
        # in one query, not two queries per route.
        items = list(context["items"])
        visible = AttractionPage.objects.live().public().values("pk")
        counts = dict(
            RouteStop.objects.filter(route__in=[item.pk for item in items], attraction__in=visible)
            .values("route")
            .annotate(count=models.Count("pk"))
            .values_list("route", "count")
        )
        for item in items:
            if isinstance(item, TouristRoutePage):
                item.visible_stop_count = counts.get(item.pk, 0)
        context["items"] = items
        return context


class RouteStop(Orderable):
    """A stop of a tourist route: an attraction, with an optional note for this route."""

    route = ParentalKey("tourism.TouristRoutePage", related_name="stops", on_delete=models.CASCADE)
    attraction = models.ForeignKey(
        "tourism.AttractionPage", verbose_name=_("attraction"), on_delete=models.CASCADE, related_name="+"
    )
    notes = models.TextField(
        _("notes"),
        max_length=1000,
        blank=True,
        help_text=_("Optional: what to do here on this route, how long to stay, how to reach the next stop."),
    )

    panels = [FieldPanel("attraction"), FieldPanel("notes")]

    class Meta(Orderable.Meta):
        verbose_name = _("stop")


class TouristRoutePage(PortalPage):
    """A tourist route: attractions to visit in order, with notes for each stop, its
    duration and a printable itinerary."""

    listed_as_item = True

    template = "tourism/tourist_route_page.html"
    summary = models.TextField(
        _("summary"),
        max_length=600,
        blank=True,
        help_text=_("One or two sentences for listings, feeds and search results."),
    )
    duration = models.CharField(_("duration"), max_length=100, help_text=_("e.g. “One day” or “Two days”"))
    introduction = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("duration"),
        FieldPanel("introduction"),
        InlinePanel("stops", heading=_("Stops, in order"), label=_("stop"), min_num=1),
    ]
    parent_page_types = ["tourism.RoutesChannelPage", "news.ChannelPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("tourist route")

    def get_search_text_parts(self) -> list[str]:
        notes = [stop.notes for stop in self.stops.all()]
        return super().get_search_text_parts() + [self.summary, self.duration, self.introduction, *notes]

    def listing_summary(self) -> str:
        return self.summary or Truncator(plain_text(self.introduction)).words(40)

    def visible_stops(self) -> list[RouteStop]:
        """The stops whose attraction visitors can see, in order, each with ``.attraction``
        as the specific, published page."""
        stops = list(self.stops.all().order_by("sort_order"))
        live = AttractionPage.objects.live().public().in_bulk([s.attraction_id for s in stops])
        visible = []
        for stop in stops:
            if stop.attraction_id in live:
                stop.attraction = live[stop.attraction_id]
                visible.append(stop)
        return visible

    def structured_data(self, request, stops: list[RouteStop]) -> dict:
        """schema.org TouristTrip whose itinerary lists the attractions in order."""
        items = []
        for position, stop in enumerate(stops, 1):
            attraction = {
                "@type": "TouristAttraction",
                "name": stop.attraction.title,
                "url": stop.attraction.get_full_url(request),
                "address": stop.attraction.address,
            }
            if stop.attraction.has_place:
                attraction["geo"] = geo.geo_coordinates(stop.attraction.latitude, stop.attraction.longitude)
            items.append({"@type": "ListItem", "position": position, "item": attraction})
        data = {
            "@context": "https://schema.org",
            "@type": "TouristTrip",
            "name": self.title,
            "url": self.get_full_url(request),
            "description": self.listing_summary(),
            "inLanguage": self.locale.language_code,
            "itinerary": {"@type": "ItemList", "numberOfItems": len(items), "itemListElement": items},
        }
        if self.first_published_at:
            data["datePublished"] = timezone.localtime(self.first_published_at).isoformat()
        return {k: v for k, v in data.items() if v not in (None, "")}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stops = self.visible_stops()
        context.update(stops=stops, structured_data=self.structured_data(request, stops))
        return context

    def stop_count_text(self) -> str:
        # Set by the routes channel for the routes it lists; counted here otherwise.
        count = getattr(self, "visible_stop_count", None)
        if count is None:
            count = len(self.visible_stops())
        return ngettext("%(count)d stop", "%(count)d stops", count) % {"count": count}
