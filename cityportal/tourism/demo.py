"""Demo content of the tourism app: Top Eight Attractions and Tourist Routes become
specialised channels, with eight sample attractions (real, well-known places of Hengyang,
described briefly and neutrally) and two sample routes.

Everything is marked as sample content: "[Sample]" in titles and a note at the top of
each page. Opening hours, tickets and map positions are placeholders (positions are
approximate), and the pictures are drawings made by ``cityportal.media.placeholders``.
Tourism Dynamic, Hengyang Special, Transportation and Travel Tips stay plain channels
of articles: they publish news and advice, which articles already do.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from wagtail.models import Page

from cityportal.demo.contributions import CITY_TZ, channel_factory, publish_at
from cityportal.demo.sample_content import SAMPLE_MARK
from cityportal.media.placeholders import landscape, store
from cityportal.tourism.models import (
    AttractionPage,
    RoutesChannelPage,
    RouteStop,
    TopAttraction,
    TopAttractionsPage,
    TouristRoutePage,
)

TOP_EIGHT = ("tourism", "top-eight-attractions")
ROUTES = ("tourism", "tourist-routes")
# Sample attractions are dated in the week before the generic sample items' newest.
FIRST_DATE = datetime(2024, 5, 6, 9, 0, tzinfo=CITY_TZ)

SAMPLE_NOTE = (
    "Sample content written for the cityportal demonstration. The description is brief and "
    "general; the opening hours, tickets and travel details are placeholders and the "
    "map position is approximate, so check with the attraction before visiting."
)
HOURS = "Sample: daily, 8:00–17:30 (placeholder; check before visiting)"
TICKETS = "Sample: see the ticket office at the entrance for current prices (placeholder)."


INTRODUCTIONS = {
    "top-eight-attractions": (
        "Eight places to start a visit to Hengyang, from Mount Heng to the academies and "
        "pagodas of the city. (Sample selection for the demonstration site.)"
    ),
    "tourist-routes": (
        "Ready-made itineraries linking the attractions, each printable as a list of "
        "stops with addresses and opening hours. (Sample routes.)"
    ),
}

CHANNELS = {
    TOP_EIGHT: channel_factory(TopAttractionsPage, INTRODUCTIONS),
    ROUTES: channel_factory(RoutesChannelPage, INTRODUCTIONS),
}


@dataclass
class Attraction:
    slug: str
    name: str
    summary: str
    paragraphs: list[str]
    address: str
    latitude: str
    longitude: str
    getting_there: str
    pictures: list[tuple[str, str]] = field(default_factory=list)  # (caption, what it shows)


ATTRACTIONS = [
    Attraction(
        "mount-heng",
        "Mount Heng (Nanyue Hengshan)",
        "One of the Five Great Mountains of China, known for its forests, temples and views.",
        [
            "Mount Heng, also called Nanyue (the Southern Mountain), is one of the Five Great "
            "Mountains of China. Its many peaks stretch across Nanyue District to the north of "
            "Hengyang city.",
            "Forest paths, temples and viewpoints line the way up; many visitors come for the "
            "sunrise and the sea of clouds seen from the upper slopes.",
        ],
        "Nanyue District, Hengyang, Hunan Province",
        "27.254000",
        "112.654000",
        "Sample: buses and taxis run from Hengyang city to Nanyue town, at the foot of the mountain.",
        [
            ("Forested ridges of Mount Heng", "green ridges"),
            ("The mountain at sunrise", "ridges under a morning sun"),
        ],
    ),
    Attraction(
        "grand-temple-of-nanyue",
        "Grand Temple of Nanyue",
        "A large temple complex at the southern foot of Mount Heng, in Nanyue town.",
        [
            "The Grand Temple of Nanyue (Nanyue Damiao) stands at the southern foot of Mount "
            "Heng. It is one of the largest temple complexes in southern China.",
            "Its courtyards and halls lead from the town towards the mountain, and many visitors "
            "begin their climb here.",
        ],
        "Nanyue town, Nanyue District, Hengyang, Hunan Province",
        "27.256500",
        "112.729000",
        "Sample: in the centre of Nanyue town, a short walk from the town's bus station.",
        [
            ("Courtyards of the Grand Temple", "hills behind a temple roofline"),
            ("The temple's main axis", "a long view"),
        ],
    ),
    Attraction(
        "zhurong-peak",
        "Zhurong Peak",
        "The highest peak of Mount Heng, at about 1,300 metres.",
        [
            "Zhurong Peak is the highest summit of Mount Heng, at about 1,300 metres. It is named "
            "after Zhurong, a figure of Chinese mythology.",
            "On clear days the view from the top reaches far across the hills of Hunan.",
        ],
        "Mount Heng Scenic Area, Nanyue District, Hengyang, Hunan Province",
        "27.297000",
        "112.696000",
        "Sample: reached on foot or by the scenic area's shuttle buses and cable car from Nanyue town.",
        [
            ("The summit of Zhurong Peak", "a high peak above lower hills"),
            ("Clouds below the summit", "hills in haze"),
        ],
    ),
    Attraction(
        "shigu-academy",
        "Shigu Academy",
        "One of the best-known academies of ancient China, on Stone Drum Hill.",
        [
            "Shigu Academy (Stone Drum Academy) stands on Stone Drum Hill in the north of the "
            "city, where the Zheng River flows into the Xiang River.",
            "Its history as a place of learning goes back more than a thousand years; today its "
            "halls and terraces overlook the meeting of the rivers.",
        ],
        "Stone Drum Hill, Shigu District, Hengyang, Hunan Province",
        "26.911700",
        "112.618000",
        "Sample: city buses stop near the hill; it is a short walk from the riverside road.",
        [("Halls of Shigu Academy", "a hilltop above water"), ("Where the rivers meet", "a river valley")],
    ),
    Attraction(
        "huiyan-peak",
        "Huiyan Peak",
        "The southernmost of Mount Heng's peaks, in the city, linked with the legend of the wild geese.",
        [
            "Huiyan Peak (Returning Wild Goose Peak) is counted as the first of the 72 peaks of "
            "Mount Heng, and stands in Yanfeng District in the south of the city.",
            "A legend says that wild geese flying south rest here before turning back, which is "
            "why Hengyang is called the Goose City (Yancheng).",
        ],
        "Yanfeng District, Hengyang, Hunan Province",
        "26.882000",
        "112.615000",
        "Sample: city buses to Yanfeng District stop near the park gate.",
        [("Paths on Huiyan Peak", "a low wooded hill"), ("The view over the city", "hills at dusk")],
    ),
    Attraction(
        "laiyan-pagoda",
        "Laiyan Pagoda and Laiyan Park",
        "A historic pagoda on the bank of the Xiang River, in a riverside park.",
        [
            "Laiyan Pagoda (the Pagoda of the Coming Geese) rises beside the Xiang River, in a "
            "park that bears its name.",
            "The riverside paths of the park are popular for walks in the evening.",
        ],
        "Laiyan Park, on the Xiang River, Hengyang, Hunan Province",
        "26.905000",
        "112.624000",
        "Sample: along the riverside road; several city bus lines pass nearby.",
        [("The pagoda by the river", "a river bank"), ("Evening in Laiyan Park", "hills in evening light")],
    ),
    Attraction(
        "former-residence-of-wang-fuzhi",
        "Former Residence of Wang Fuzhi",
        "The thatched cottage where the philosopher Wang Fuzhi lived and wrote in his later years.",
        [
            "The philosopher Wang Fuzhi (1619–1692), also known as Wang Chuanshan, spent his later "
            "years in a thatched cottage in the countryside of Hengyang County, where he wrote "
            "many of his works.",
            "The cottage and a small exhibition about his life and writing can be visited.",
        ],
        "Hengyang County, Hengyang, Hunan Province",
        "27.020000",
        "112.370000",
        "Sample: by car or county bus from Hengyang city, about an hour's drive.",
        [
            ("The thatched cottage", "fields below low hills"),
            ("Countryside of Hengyang County", "gentle hills"),
        ],
    ),
    Attraction(
        "nanyue-martyrs-memorial",
        "Nanyue Martyrs' Memorial",
        "A memorial shrine on Mount Heng to soldiers who died in the War of Resistance against "
        "Japanese Aggression.",
        [
            "The Nanyue Martyrs' Memorial (Nanyue Zhonglie Ci) was built on the slopes of Mount "
            "Heng in the 1940s in memory of soldiers who died in the War of Resistance against "
            "Japanese Aggression.",
            "Its stairways, halls and tombs lie among the trees of the mountain.",
        ],
        "Mount Heng Scenic Area, Nanyue District, Hengyang, Hunan Province",
        "27.270000",
        "112.705000",
        "Sample: on the way up Mount Heng from Nanyue town; the scenic area's shuttle buses stop nearby.",
        [("Stairway of the memorial", "wooded slopes"), ("Trees around the memorial", "forested hills")],
    ),
]

# Top Eight Attractions shows them in this order (an editor's choice, not the tree order).
TOP_ORDER = [
    "mount-heng",
    "shigu-academy",
    "grand-temple-of-nanyue",
    "huiyan-peak",
    "zhurong-peak",
    "laiyan-pagoda",
    "former-residence-of-wang-fuzhi",
    "nanyue-martyrs-memorial",
]

ROUTE_SPECS = [
    (
        "one-day-on-mount-heng",
        "One day on Mount Heng",
        "One day",
        "From the Grand Temple in Nanyue town up to Zhurong Peak, the highest summit.",
        [
            ("grand-temple-of-nanyue", "Start early: allow about an hour for the courtyards and halls."),
            ("nanyue-martyrs-memorial", "On the way up the mountain; a quiet stop of half an hour."),
            ("zhurong-peak", "Take the shuttle bus and cable car, or walk the last stretch to the summit."),
        ],
    ),
    (
        "two-days-city-and-nanyue",
        "Two days: the city and Nanyue",
        "Two days",
        "A first day among the academies, pagodas and hills of the city, a second on Mount Heng.",
        [
            ("shigu-academy", "Day 1, morning."),
            ("laiyan-pagoda", "Day 1, afternoon: a walk along the Xiang River."),
            ("huiyan-peak", "Day 1, evening: views over the city."),
            ("grand-temple-of-nanyue", "Day 2: travel to Nanyue town in the morning."),
            ("mount-heng", "Day 2, afternoon: forest paths and viewpoints."),
        ],
    ),
]


def _pictures(spec: Attraction) -> list[tuple[str, dict]]:
    gallery = []
    for number, (caption, shows) in enumerate(spec.pictures, 1):
        image = store(
            landscape(f"{spec.slug}:{number}", spec.name.split(" (")[0]),
            title=f"Sample picture: {caption}",
            filename=f"sample-{spec.slug}-{number}.png",
            description=f"Sample drawing labelled {spec.name}",
        )
        alt = f"Sample drawing, not a photograph: {shows} under a sky, labelled “{spec.name.split(' (')[0]}”"
        gallery.append(("image", {"image": image, "alt_text": alt, "caption": f"{caption} (sample picture)"}))
    return gallery


def add_attractions(channel: TopAttractionsPage) -> dict[str, AttractionPage]:
    pages = {}
    for number, spec in enumerate(ATTRACTIONS):
        page = AttractionPage(
            title=f"{SAMPLE_MARK} {spec.name}",
            slug=spec.slug,
            summary=spec.summary,
            description=[("paragraph", f"<p>{SAMPLE_NOTE}</p>")]
            + [("paragraph", f"<p>{p}</p>") for p in spec.paragraphs],
            address=spec.address,
            opening_hours=HOURS,
            tickets=TICKETS,
            getting_there=spec.getting_there,
            latitude=Decimal(spec.latitude),
            longitude=Decimal(spec.longitude),
            gallery=_pictures(spec),
        )
        pages[spec.slug] = publish_at(channel, page, FIRST_DATE + timedelta(hours=number))
    return pages


def choose_top_eight(channel: TopAttractionsPage, attractions: dict[str, AttractionPage]) -> None:
    channel.top_attractions = [TopAttraction(attraction=attractions[slug]) for slug in TOP_ORDER]
    channel.save_revision().publish()


def add_routes(channel: RoutesChannelPage, attractions: dict[str, AttractionPage]) -> list[TouristRoutePage]:
    routes = []
    for number, (slug, name, duration, summary, stops) in enumerate(ROUTE_SPECS):
        route = TouristRoutePage(
            title=f"{SAMPLE_MARK} {name}",
            slug=slug,
            summary=summary,
            duration=duration,
            introduction=f"<p>{SAMPLE_NOTE}</p>",
        )
        route.stops = [RouteStop(attraction=attractions[stop], notes=notes) for stop, notes in stops]
        routes.append(publish_at(channel, route, FIRST_DATE + timedelta(days=2, hours=number)))
    return routes


def populate(channels: dict, home: Page, progress: Callable[[str], None]) -> None:
    attractions = add_attractions(channels[TOP_EIGHT])
    choose_top_eight(channels[TOP_EIGHT], attractions)
    add_routes(channels[ROUTES], attractions)
    # No progress line: the loader's own lines are what `load_demo` prints (and tests).
