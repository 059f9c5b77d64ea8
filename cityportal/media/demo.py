"""Demo content of the media app. Six channels of the demo tree become specialised
channels, each with sample content marked as such ("[Sample]" in titles, a note in the
text):

- About Hengyang > Pictureview: two galleries of drawn placeholder pictures;
- About Hengyang > Maps of Hengyang: two sample map drawings with text descriptions;
- About Hengyang > Friendly Exchanges, City Cards, Honors: illustrated lists;
- Special Column > Video and Audio: a short video (``demo_files/sample-video.webm``,
  made by ``demo_files/make_sample_video.sh`` with ffmpeg and espeak-ng) with WebVTT
  captions, and a chime generated here with the standard ``wave`` module, with captions
  and a transcript.

Special Column > PictureNews stays the picture-news channel of the news app: it gathers
featured articles with a lead picture from the whole edition, which is not a gallery.
"""

import io
import math
import struct
import wave
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from wagtail.models import Page
from wagtailmedia.models import Media

from cityportal.demo.contributions import CITY_TZ, channel_factory, publish_at
from cityportal.demo.sample_content import SAMPLE_MARK
from cityportal.media.models import (
    CaptionTrack,
    CityCardPage,
    CityCardsPage,
    FriendlyCityPage,
    FriendlyExchangesPage,
    GalleryChannelPage,
    GalleryPage,
    HonorPage,
    HonorsPage,
    MapPage,
    MapsChannelPage,
    MediaChannelPage,
    MediaItemPage,
)
from cityportal.media.placeholders import landscape, schematic_map, store

FIRST_DATE = datetime(2024, 5, 8, 10, 0, tzinfo=CITY_TZ)
DEMO_FILES = Path(__file__).resolve().parent / "demo_files"

PICTUREVIEW = ("about-hengyang", "pictureview")
MAPS = ("about-hengyang", "maps-of-hengyang")
FRIENDLY = ("about-hengyang", "friendly-exchanges")
CITY_CARDS = ("about-hengyang", "city-cards")
HONORS = ("about-hengyang", "honors")
VIDEO_AND_AUDIO = ("special-column", "video-and-audio")

SAMPLE_NOTE = "Sample content written for the cityportal demonstration site."
PICTURES_NOTE = "The pictures are drawings made for the demonstration, not photographs."

INTRODUCTIONS = {
    "pictureview": "Photo galleries of Hengyang. (Sample galleries of drawn placeholder pictures.)",
    "maps-of-hengyang": "Maps of the city, each with a text description. (Sample map drawings.)",
    "friendly-exchanges": (
        "The city's sister and friendly cities, by the year the relationship began. (Sample "
        "entries: they do not describe real agreements.)"
    ),
    "city-cards": "What Hengyang is known for. (Sample cards with drawn placeholder pictures.)",
    "honors": "Titles and awards the city has received. (Sample entries: they do not describe real awards.)",
    "video-and-audio": "Videos and recordings, each with captions or a transcript. (Sample recordings.)",
}


CHANNELS = {
    PICTUREVIEW: channel_factory(GalleryChannelPage, INTRODUCTIONS),
    MAPS: channel_factory(MapsChannelPage, INTRODUCTIONS),
    FRIENDLY: channel_factory(FriendlyExchangesPage, INTRODUCTIONS),
    CITY_CARDS: channel_factory(CityCardsPage, INTRODUCTIONS),
    HONORS: channel_factory(HonorsPage, INTRODUCTIONS),
    VIDEO_AND_AUDIO: channel_factory(MediaChannelPage, INTRODUCTIONS),
}


def _drawing(key: str, label: str, shows: str):
    image = store(
        landscape(key, label),
        title=f"Sample picture: {label}",
        filename=f"sample-{key.replace(':', '-')}.png",
        description=f"Sample drawing labelled {label}",
    )
    alt = f"Sample drawing, not a photograph: {shows}, labelled “{label}”"
    return image, alt


# --- Galleries ---------------------------------------------------------------------------

GALLERIES = [
    (
        "scenery-of-mount-heng",
        "Scenery of Mount Heng",
        "Ridges, forests and clouds of Nanyue, the Southern Mountain.",
        [
            ("Mount Heng", "green ridges under a blue sky", "Ridges seen from the foot of the mountain"),
            ("Zhurong Peak", "a high ridge above lower hills", "Towards the highest summit"),
            ("Sea of clouds", "hills fading into haze", "Clouds filling the valleys"),
            ("Forest path", "dark green slopes", "Forest on the upper slopes"),
            ("Sunrise on Mount Heng", "ridges under a rising sun", "Early morning on the mountain"),
        ],
    ),
    (
        "along-the-xiang-river",
        "Along the Xiang River",
        "The river that runs through Hengyang, from Shigu Academy to the riverside parks.",
        [
            ("Xiang River", "low hills beside a valley", "The river valley north of the city"),
            ("Stone Drum Hill", "a hill above the water", "Where the Zheng River meets the Xiang"),
            ("Riverside park", "gentle hills in evening light", "An evening walk by the river"),
            ("Laiyan Pagoda", "hills behind the river bank", "The pagoda's riverside setting"),
        ],
    ),
]


def add_galleries(channel: GalleryChannelPage) -> None:
    for number, (slug, name, summary, pictures) in enumerate(GALLERIES):
        blocks = []
        for index, (label, shows, caption) in enumerate(pictures, 1):
            image, alt = _drawing(f"gallery:{slug}:{index}", label, shows)
            blocks.append(
                ("image", {"image": image, "alt_text": alt, "caption": f"{caption} (sample picture)"})
            )
        page = GalleryPage(
            title=f"{SAMPLE_MARK} {name}",
            slug=slug,
            summary=summary,
            introduction=f"<p>{SAMPLE_NOTE} {PICTURES_NOTE}</p>",
            pictures=blocks,
        )
        publish_at(channel, page, FIRST_DATE + timedelta(hours=number))


# --- Maps --------------------------------------------------------------------------------

MAP_DESCRIPTION = (
    "<p>This is a sample drawing in the manner of a map, made for the demonstration site; it "
    "is not a real map of Hengyang and is not to scale.</p>"
    "<p>The drawing shows five coloured areas. Four of them, labelled District A, District B, "
    "District C and District D from west to east, form a row across the middle of the map. "
    "The fifth, District E, lies below Districts C and D, in the south-east.</p>"
    "<p>A blue river enters in the south-west corner, crosses Districts B, C and D and leaves "
    "at the north-east corner. A legend in the top left corner explains the blue line (river) "
    "and the coloured areas (districts); an arrow in the top right corner points north.</p>"
)
MAP_SPECS = [
    (
        "sample-map-of-the-districts",
        "Sample map of the city's districts",
        "A sample map drawing of five districts and a river, with an online map of central Hengyang.",
        (Decimal("26.893000"), Decimal("112.572000"), 12),
    ),
    (
        "sample-map-for-printing",
        "Sample overview map for printing",
        "The same sample drawing without an online map, as a map page without a map centre shows.",
        None,
    ),
]


def add_maps(channel: MapsChannelPage) -> None:
    for number, (slug, name, summary, place) in enumerate(MAP_SPECS):
        image = store(
            schematic_map(slug, name),
            title=f"Sample map: {name}",
            filename=f"{slug}.png",
            description="Sample map drawing, not a real map",
        )
        page = MapPage(
            title=f"{SAMPLE_MARK} {name}",
            slug=slug,
            summary=summary,
            map_image=image,
            alt_text=f"Sample map drawing: five districts labelled A to E and a river ({name})",
            long_description=MAP_DESCRIPTION,
            credit="Drawn for the cityportal demonstration (sample)",
        )
        if place:
            page.latitude, page.longitude, page.zoom = place
        publish_at(channel, page, FIRST_DATE + timedelta(days=1, hours=number))


# --- Illustrated lists -------------------------------------------------------------------

FRIENDLY_CITIES = [
    ("sample-city-a", "Sample City A", "Example Country North", FriendlyCityPage.SISTER, 1995),
    ("sample-city-b", "Sample City B", "Example Country East", FriendlyCityPage.FRIENDLY, 2004),
    ("sample-city-c", "Sample City C", "Example Country South", FriendlyCityPage.SISTER, 2011),
    ("sample-city-d", "Sample City D", "Example Country West", FriendlyCityPage.FRIENDLY, 2018),
]
FRIENDLY_TEXT = (
    "Sample entry for the demonstration site: it shows how a {kind} is listed, with its "
    "country, the year the relationship began and a short text. It does not describe a real "
    "city or agreement."
)

CITY_CARDS_SPECS = [
    (
        "mount-heng",
        "Mount Heng",
        "green ridges under a blue sky",
        "Nanyue, the Southern Mountain, is one of the Five Great Mountains of China and the best-known "
        "sight of Hengyang.",
    ),
    (
        "goose-city",
        "The Goose City",
        "hills under an evening sky",
        "Hengyang is called the Goose City (Yancheng): a legend says wild geese flying south rest at "
        "Huiyan Peak before turning back.",
    ),
    (
        "shigu-academy",
        "Shigu Academy",
        "a hilltop above water",
        "On Stone Drum Hill, where the Zheng River meets the Xiang, an academy with more than a thousand "
        "years of history.",
    ),
    (
        "xiang-river",
        "The Xiang River",
        "a river valley between hills",
        "Hunan's great river runs through the city from south to north.",
    ),
]

HONOR_SPECS = [
    ("sample-honor-2015", "Example title for a clean and tidy city", "Sample awarding body", 2015, True),
    ("sample-honor-2019", "Example award for public services online", "Sample awarding body", 2019, True),
    ("sample-honor-2023", "Example title for green spaces", "Sample awarding body", 2023, False),
]
HONOR_TEXT = (
    "Sample entry for the demonstration site: it shows how an honor is listed. It does not describe "
    "a real award."
)


def add_friendly_cities(channel: FriendlyExchangesPage) -> None:
    for number, (slug, city, country, relationship, year) in enumerate(FRIENDLY_CITIES):
        kind = "sister city" if relationship == FriendlyCityPage.SISTER else "friendly city"
        image, alt = _drawing(f"friendly:{slug}", city, "hills and a sky") if number % 2 == 0 else (None, "")
        page = FriendlyCityPage(
            title=f"{SAMPLE_MARK} {city}",
            slug=slug,
            country=country,
            relationship=relationship,
            year=year,
            text=FRIENDLY_TEXT.format(kind=kind),
            image=image,
            image_alt=alt,
        )
        publish_at(channel, page, FIRST_DATE + timedelta(days=2, hours=number))


def add_city_cards(channel: CityCardsPage) -> None:
    for number, (slug, name, shows, text) in enumerate(CITY_CARDS_SPECS):
        image, alt = _drawing(f"card:{slug}", name, shows)
        page = CityCardPage(
            title=f"{SAMPLE_MARK} {name}",
            slug=slug,
            text=text,
            body=f"<p>{SAMPLE_NOTE} {PICTURES_NOTE}</p>",
            image=image,
            image_alt=alt,
        )
        publish_at(channel, page, FIRST_DATE + timedelta(days=3, hours=number))


def add_honors(channel: HonorsPage) -> None:
    for number, (slug, name, body, year, pictured) in enumerate(HONOR_SPECS):
        image, alt = _drawing(f"honor:{slug}", name, "hills under a sky") if pictured else (None, "")
        page = HonorPage(
            title=f"{SAMPLE_MARK} {name}",
            slug=slug,
            year=year,
            awarded_by=body,
            text=HONOR_TEXT,
            image=image,
            image_alt=alt,
        )
        publish_at(channel, page, FIRST_DATE + timedelta(days=4, hours=number))


# --- Video and audio ---------------------------------------------------------------------

VIDEO_SECONDS = 9.13  # of demo_files/sample-video.webm, as ffprobe reports it
CHIME_RATE = 8000
# A rising chime: (frequency in Hz, start and end in seconds).
CHIME_NOTES = [(523.25, 0.5, 1.3), (659.25, 1.3, 2.1), (783.99, 2.1, 2.9), (1046.5, 2.9, 4.2)]
CHIME_SECONDS = 5.0
CHIME_CAPTIONS = """WEBVTT

1
00:00:00.500 --> 00:00:02.900
[Chime: three rising notes]

2
00:00:02.900 --> 00:00:04.200
[Chime: a final high note, fading out]
"""
CHIME_TRANSCRIPT = (
    "<p>[Sample recording, no speech.] A chime of four notes, rising from C to the C an octave "
    "higher; the last note fades out. About five seconds long.</p>"
)
VIDEO_TRANSCRIPT = (
    "<p>[Sample video. A moving colour test pattern with the words “Sample video”.]</p>"
    "<p>Narrator (synthetic voice): This is a sample video for the Hengyang portal "
    "demonstration. It shows a moving test pattern, not real footage.</p>"
)


def chime_wav() -> bytes:
    """A five-second chime as a 16-bit mono WAV file (deterministic)."""
    frames = bytearray()
    for index in range(int(CHIME_SECONDS * CHIME_RATE)):
        t = index / CHIME_RATE
        sample = 0.0
        for frequency, start, end in CHIME_NOTES:
            if start <= t < end + 0.8:
                age = t - start
                sample += math.sin(math.tau * frequency * t) * math.exp(-3 * age) * 0.3
        frames += struct.pack("<h", int(max(-1.0, min(1.0, sample)) * 32767))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(CHIME_RATE)
        writer.writeframes(bytes(frames))
    return buffer.getvalue()


def add_recordings(channel: MediaChannelPage) -> None:
    video = Media.objects.create(
        title="Sample video of the demonstration",
        file=ContentFile((DEMO_FILES / "sample-video.webm").read_bytes(), name="sample-video.webm"),
        type="video",
        duration=VIDEO_SECONDS,
        width=320,
        height=180,
    )
    poster, poster_alt = _drawing("media:video-poster", "Sample video", "hills under a sky")
    page = MediaItemPage(
        title=f"{SAMPLE_MARK} Introduction video of the demonstration site",
        slug="introduction-video",
        summary="A nine-second sample video with a synthetic voice and English captions.",
        recording=video,
        poster=poster,
        poster_alt=poster_alt,
        description=f"<p>{SAMPLE_NOTE} The picture is a generated test pattern; the voice is synthetic.</p>",
        transcript=VIDEO_TRANSCRIPT,
    )
    page.caption_tracks = [
        CaptionTrack(
            language="en",
            kind="captions",
            label="English",
            webvtt=(DEMO_FILES / "sample-video.en.vtt").read_text(encoding="utf-8"),
        )
    ]
    publish_at(channel, page, FIRST_DATE + timedelta(days=5))

    chime = Media.objects.create(
        title="Sample chime",
        file=ContentFile(chime_wav(), name="sample-chime.wav"),
        type="audio",
        duration=CHIME_SECONDS,
    )
    poster, poster_alt = _drawing("media:chime-poster", "Sample chime", "hills under an evening sky")
    page = MediaItemPage(
        title=f"{SAMPLE_MARK} A chime for the demonstration site",
        slug="sample-chime",
        summary="A five-second chime generated for the demonstration, with captions and a transcript.",
        recording=chime,
        poster=poster,
        poster_alt=poster_alt,
        description=f"<p>{SAMPLE_NOTE} The sound is generated by the demo loader.</p>",
        transcript=CHIME_TRANSCRIPT,
    )
    page.caption_tracks = [
        CaptionTrack(language="en", kind="captions", label="English", webvtt=CHIME_CAPTIONS)
    ]
    publish_at(channel, page, FIRST_DATE + timedelta(days=5, hours=1))


def populate(channels: dict, home: Page, progress: Callable[[str], None]) -> None:
    add_galleries(channels[PICTUREVIEW])
    add_maps(channels[MAPS])
    add_friendly_cities(channels[FRIENDLY])
    add_city_cards(channels[CITY_CARDS])
    add_honors(channels[HONORS])
    add_recordings(channels[VIDEO_AND_AUDIO])
    # No progress line: the loader's own lines are what `load_demo` prints (and tests).
