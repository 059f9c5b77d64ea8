"""Galleries, video and audio, maps, and illustrated lists (sister cities, city cards, honors).

Each listing page is a specialised channel (a ``ChannelPage`` subclass), so menus,
section pages, feeds, AllDocsList and the empty-channels report treat it as a channel;
its entries are content items (``listed_as_item = True``) that search, feeds and
"latest" boxes pick up like articles.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtailmedia.edit_handlers import MediaChooserPanel

from cityportal.core.blocks import stream_plain_text
from cityportal.core.models import PortalPage
from cityportal.core.text import plain_text
from cityportal.media import geo, webvtt
from cityportal.media.blocks import GalleryBlock
from cityportal.media.forms import MediaItemPageForm
from cityportal.media.gallery import first_image, gallery_pictures
from cityportal.news.models import ChannelPage

SUMMARY_HELP = _("One or two sentences for listings, feeds and search results.")
ALT_HELP = _("Describe the picture for people who cannot see it. Required with a picture.")
# Channels of this app list their own entries; gathering featured news is for plain channels.
CHANNEL_PANELS = PortalPage.content_panels + [FieldPanel("chinese_name"), FieldPanel("introduction")]


def summary_field() -> models.TextField:
    return models.TextField(_("summary"), max_length=600, blank=True, help_text=SUMMARY_HELP)


def first_words(rich_text: str, words: int = 40) -> str:
    return Truncator(plain_text(rich_text)).words(words)


def absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None else url


class ItemPage(PortalPage):
    """Shared behaviour of this app's content items (abstract)."""

    listed_as_item = True

    summary = summary_field()

    class Meta:
        abstract = True

    def listing_summary(self) -> str:
        return self.summary or self.search_description or ""

    def get_search_text_parts(self) -> list[str]:
        return super().get_search_text_parts() + [self.summary]


# --- Galleries ---------------------------------------------------------------------------


class GalleryChannelPage(ChannelPage):
    """Pictureview: a channel of photo galleries, shown as a grid of cover pictures.
    Editors add galleries under it."""

    template = "media/gallery_channel_page.html"
    content_panels = CHANNEL_PANELS
    subpage_types = ["portal_media.GalleryPage"]

    class Meta:
        verbose_name = _("gallery channel")


class GalleryPage(ItemPage):
    """A photo gallery: pictures with captions and alternative text, opened one by one in
    a large viewer. Editors use it for photo reports and scenery albums."""

    template = "media/gallery_page.html"
    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    pictures = StreamField(GalleryBlock(min_num=1), verbose_name=_("pictures"))

    content_panels = PortalPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("introduction"),
        FieldPanel("pictures"),
    ]
    parent_page_types = ["portal_media.GalleryChannelPage", "news.ChannelPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("gallery")
        verbose_name_plural = _("galleries")

    def get_search_text_parts(self) -> list[str]:
        return super().get_search_text_parts() + [self.introduction, stream_plain_text(self.pictures)]

    def listing_summary(self) -> str:
        return super().listing_summary() or first_words(self.introduction)

    def cover(self):
        """(image, alt text) of the first picture, for listings."""
        return first_image(self.pictures)

    def picture_count(self) -> int:
        return sum(1 for child in self.pictures if child.value.get("image") is not None)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["pictures"] = gallery_pictures(self.pictures)
        return context


# --- Video and audio ---------------------------------------------------------------------


class MediaChannelPage(ChannelPage):
    """Video and Audio: a channel of recordings, each with its player, captions or
    transcript."""

    template = "media/media_channel_page.html"
    content_panels = CHANNEL_PANELS
    subpage_types = ["portal_media.MediaItemPage"]

    class Meta:
        verbose_name = _("video and audio channel")


class CaptionTrack(Orderable):
    """Captions or subtitles of a recording, as WebVTT text."""

    KIND_CHOICES = [
        ("captions", _("Captions (speech and other sounds)")),
        ("subtitles", _("Subtitles (speech, translated)")),
    ]

    page = ParentalKey("portal_media.MediaItemPage", related_name="caption_tracks", on_delete=models.CASCADE)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")
    kind = models.CharField(_("kind"), max_length=10, choices=KIND_CHOICES, default="captions")
    label = models.CharField(
        _("label"), max_length=100, help_text=_("Shown in the player's captions menu, e.g. “English”.")
    )
    webvtt = models.TextField(
        _("WebVTT text"),
        help_text=_("Paste the content of the .vtt file: “WEBVTT”, a blank line, then the timed cues."),
    )

    panels = [FieldPanel("language"), FieldPanel("kind"), FieldPanel("label"), FieldPanel("webvtt")]

    class Meta(Orderable.Meta):
        verbose_name = _("caption track")

    def clean(self):
        super().clean()
        _cues, problems = webvtt.parse(self.webvtt or "")
        if problems:
            raise ValidationError({"webvtt": problems})


def format_duration(seconds: float) -> str:
    """1:05 or 1:02:03."""
    total = round(seconds or 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def iso_duration(seconds: float) -> str:
    """PT1M5S, for schema.org."""
    total = round(seconds or 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{secs}S"


class MediaItemPage(ItemPage):
    """A video or audio recording with its player, poster picture, captions (WebVTT) or
    transcript, duration and size. Editors upload the file under Media, then choose it
    here; the page cannot be published without captions or a transcript."""

    template = "media/media_item_page.html"
    recording = models.ForeignKey(
        "wagtailmedia.Media",
        verbose_name=_("video or audio file"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("poster picture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown before a video plays, and in listings."),
    )
    poster_alt = models.CharField(
        _("poster alternative text"), max_length=250, blank=True, help_text=ALT_HELP
    )
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    transcript = RichTextField(
        _("transcript"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Everything said and every important sound. Needed unless there are captions."),
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("summary"),
        MediaChooserPanel("recording"),
        MultiFieldPanel([FieldPanel("poster"), FieldPanel("poster_alt")], heading=_("Poster")),
        FieldPanel("description"),
        InlinePanel("caption_tracks", heading=_("Captions"), label=_("caption track")),
        FieldPanel("transcript"),
    ]
    base_form_class = MediaItemPageForm
    parent_page_types = ["portal_media.MediaChannelPage", "news.ChannelPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("video or audio item")

    def clean(self):
        super().clean()
        if self.poster_id and not self.poster_alt.strip():
            raise ValidationError(
                {"poster_alt": gettext("Describe the poster picture for people who cannot see it.")}
            )

    def get_search_text_parts(self) -> list[str]:
        return super().get_search_text_parts() + [self.description, self.transcript]

    def listing_summary(self) -> str:
        return super().listing_summary() or first_words(self.description)

    @property
    def is_video(self) -> bool:
        return self.recording.type == "video"

    def duration_text(self) -> str:
        return format_duration(self.recording.duration) if self.recording.duration else ""

    def duration_iso(self) -> str:
        return iso_duration(self.recording.duration) if self.recording.duration else ""

    def file_size(self) -> int | None:
        try:
            return self.recording.file.size
        except (OSError, ValueError):
            return None

    def file_format(self) -> str:
        return self.recording.file_extension.upper()

    def tracks(self) -> list[CaptionTrack]:
        return list(self.caption_tracks.all())

    def structured_data(self, request) -> dict:
        data = {
            "@context": "https://schema.org",
            "@type": "VideoObject" if self.is_video else "AudioObject",
            "name": self.title,
            "description": self.listing_summary() or self.title,
            "contentUrl": absolute(request, self.recording.url),
            "encodingFormat": self.recording.sources[0]["type"],
            "inLanguage": self.locale.language_code,
        }
        if self.recording.duration:
            data["duration"] = iso_duration(self.recording.duration)
        if self.first_published_at:
            data["uploadDate"] = timezone.localtime(self.first_published_at).isoformat()
        if self.poster_id:
            data["thumbnailUrl"] = absolute(request, self.poster.get_rendition("fill-1200x675").url)
        if strip_tags(self.transcript).strip():
            data["transcript"] = strip_tags(self.transcript).strip()
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["structured_data"] = self.structured_data(request)
        context["tracks"] = self.tracks()
        return context

    def track_for(self, language: str) -> CaptionTrack | None:
        for track in self.caption_tracks.all():
            if track.language.lower() == language.lower():
                return track
        return None


# --- Maps --------------------------------------------------------------------------------


class MapsChannelPage(ChannelPage):
    """Maps of Hengyang: a channel of map pictures, each with a text description."""

    template = "media/maps_channel_page.html"
    content_panels = CHANNEL_PANELS
    subpage_types = ["portal_media.MapPage"]

    class Meta:
        verbose_name = _("maps channel")


def tile_map_settings() -> dict | None:
    """The interactive map's tile server (CITYPORTAL_MAP_TILES), or None if switched off."""
    tiles = getattr(settings, "CITYPORTAL_MAP_TILES", None) or {}
    return tiles if tiles.get("url") else None


class MapPage(geo.CoordinatesMixin, ItemPage):
    """A map of the city: the picture with zoom buttons, a required text description of
    what it shows, and optionally an interactive map of the same place."""

    template = "media/map_page.html"
    map_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("map picture"), on_delete=models.PROTECT, related_name="+"
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_(
            "A short name of the map for people who cannot see it, e.g. “Map of Hengyang's districts”."
        ),
    )
    long_description = RichTextField(
        _("text description"),
        features=["bold", "italic", "link", "ol", "ul", "h2", "h3"],
        help_text=_(
            "What the map shows, in words: the places, borders, roads and rivers a visitor needs. Required."
        ),
    )
    credit = models.CharField(_("source or credit"), max_length=200, blank=True)
    latitude = geo.latitude_field()
    longitude = geo.longitude_field()
    zoom = models.PositiveSmallIntegerField(
        _("interactive map zoom"),
        default=11,
        validators=[MinValueValidator(1), MaxValueValidator(18)],
        help_text=_("1 shows the world, 18 a street. Used with the centre below."),
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("map_image"), FieldPanel("alt_text"), FieldPanel("credit")], heading=_("Map picture")
        ),
        FieldPanel("long_description"),
        MultiFieldPanel(
            [FieldPanel("latitude"), FieldPanel("longitude"), FieldPanel("zoom")],
            heading=_("Interactive map (optional): its centre"),
        ),
    ]
    parent_page_types = ["portal_media.MapsChannelPage", "news.ChannelPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("map")

    def clean(self):
        super().clean()
        self.clean_coordinates()
        if not strip_tags(self.long_description or "").strip():
            raise ValidationError(
                {"long_description": gettext("Describe the map in words for people who cannot see it.")}
            )

    def get_search_text_parts(self) -> list[str]:
        return super().get_search_text_parts() + [self.alt_text, self.long_description, self.credit]

    def listing_summary(self) -> str:
        return super().listing_summary() or first_words(self.long_description)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.has_place:
            context.update(
                coordinates=geo.coordinates_text(self.latitude, self.longitude),
                map_link=geo.map_link(self.latitude, self.longitude, self.zoom),
                tiles=tile_map_settings(),
            )
        return context


# --- Illustrated lists: friendly cities, city cards, honors ------------------------------


class IllustratedItem(ItemPage):
    """An entry with an optional picture (abstract); the picture needs alternative text."""

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("picture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("picture alternative text"), max_length=250, blank=True, help_text=ALT_HELP
    )
    image_required = False

    image_panels = [MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Picture"))]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.image_required and not self.image_id:
            raise ValidationError({"image": gettext("Choose a picture: every entry of this list has one.")})
        if self.image_id and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": gettext("Describe the picture for people who cannot see it.")}
            )

    def get_search_text_parts(self) -> list[str]:
        return super().get_search_text_parts() + [self.image_alt]


class FriendlyExchangesPage(ChannelPage):
    """Friendly Exchanges: the city's sister and friendly cities, by the year the
    relationship began."""

    numbered_from_oldest = False  # listed in its own order, numbered from the first

    template = "media/friendly_exchanges_page.html"
    content_panels = CHANNEL_PANELS
    subpage_types = ["portal_media.FriendlyCityPage"]

    class Meta:
        verbose_name = _("friendly exchanges list")

    def get_listing(self, request=None):
        return FriendlyCityPage.objects.child_of(self).live().public().order_by("year", "title", "pk")


def year_field(label, help_text="") -> models.PositiveSmallIntegerField:
    message = _("Give a year between 1900 and 2100.")
    return models.PositiveSmallIntegerField(
        label,
        validators=[MinValueValidator(1900, message=message), MaxValueValidator(2100, message=message)],
        help_text=help_text,
    )


class FriendlyCityPage(IllustratedItem):
    """A sister or friendly city: its name (the title), country, the year the relationship
    began and a short text."""

    SISTER = "sister"
    FRIENDLY = "friendly"
    RELATIONSHIP_CHOICES = [(SISTER, _("Sister city")), (FRIENDLY, _("Friendly city"))]

    template = "media/friendly_city_page.html"
    country = models.CharField(_("country"), max_length=100)
    relationship = models.CharField(
        _("relationship"), max_length=10, choices=RELATIONSHIP_CHOICES, default=SISTER
    )
    year = year_field(_("year"), _("The year the relationship was established."))
    text = models.TextField(
        _("short text"), max_length=1200, help_text=_("A few sentences about the relationship.")
    )

    content_panels = PortalPage.content_panels + [
        FieldPanel("country"),
        FieldPanel("relationship"),
        FieldPanel("year"),
        FieldPanel("summary"),
        FieldPanel("text"),
        *IllustratedItem.image_panels,
    ]
    parent_page_types = ["portal_media.FriendlyExchangesPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("sister or friendly city")
        verbose_name_plural = _("sister and friendly cities")

    def get_search_text_parts(self) -> list[str]:
        return super().get_search_text_parts() + [self.country, self.text]

    def listing_summary(self) -> str:
        return super().listing_summary() or Truncator(self.text).words(40)


class CityCardsPage(ChannelPage):
    """City Cards: the things the city is known for, as pictures with short texts, in
    the order of the page tree (editors reorder them in the admin)."""

    numbered_from_oldest = False  # listed in its own order, numbered from the first

    template = "media/city_cards_page.html"
    content_panels = CHANNEL_PANELS
    subpage_types = ["portal_media.CityCardPage"]

    class Meta:
        verbose_name = _("city cards list")

    def get_listing(self, request=None):
        return CityCardPage.objects.child_of(self).live().public().order_by("path")


class CityCardPage(IllustratedItem):
    """A city card: one thing the city is known for, with a picture and a short text."""

    template = "media/city_card_page.html"
    image_required = True
    text = models.TextField(_("short text"), max_length=1200)
    body = RichTextField(_("more about it"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = PortalPage.content_panels + [
        *IllustratedItem.image_panels,
        FieldPanel("summary"),
        FieldPanel("text"),
        FieldPanel("body"),
    ]
    parent_page_types = ["portal_media.CityCardsPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("city card")

    def get_search_text_parts(self) -> list[str]:
        return super().get_search_text_parts() + [self.text, self.body]

    def listing_summary(self) -> str:
        return super().listing_summary() or Truncator(self.text).words(40)


class HonorsPage(ChannelPage):
    """Honors: titles and awards the city has received, newest first."""

    numbered_from_oldest = False  # listed in its own order, numbered from the first

    template = "media/honors_page.html"
    content_panels = CHANNEL_PANELS
    subpage_types = ["portal_media.HonorPage"]

    class Meta:
        verbose_name = _("honors list")

    def get_listing(self, request=None):
        return HonorPage.objects.child_of(self).live().public().order_by("-year", "title", "pk")


class HonorPage(IllustratedItem):
    """An honor of the city: the title received, who awarded it, the year and a short text,
    with an optional picture (of the award or plaque)."""

    template = "media/honor_page.html"
    year = year_field(_("year awarded"))
    awarded_by = models.CharField(_("awarded by"), max_length=200, blank=True)
    text = models.TextField(_("short text"), max_length=1200, blank=True)

    content_panels = PortalPage.content_panels + [
        FieldPanel("year"),
        FieldPanel("awarded_by"),
        FieldPanel("summary"),
        FieldPanel("text"),
        *IllustratedItem.image_panels,
    ]
    parent_page_types = ["portal_media.HonorsPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("honor")

    def get_search_text_parts(self) -> list[str]:
        return super().get_search_text_parts() + [self.awarded_by, self.text]

    def listing_summary(self) -> str:
        return super().listing_summary() or Truncator(self.text).words(40)
