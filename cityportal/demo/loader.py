"""Builds the Hengyang demo site: the page tree of the reference portal, its footer,
the reference article and sample items for every other channel.

Idempotent: if the demo home page exists, nothing is changed.
"""

import io
import random
from collections.abc import Callable, Iterable
from datetime import datetime

from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import F
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from cityportal.core.models import PortalIdentity
from cityportal.demo import reference_article, site_structure
from cityportal.demo.contributions import CITY_TZ, channel_factories, contribution_modules
from cityportal.demo.sample_content import SAMPLE_NOTICE, sample_items
from cityportal.demo.sample_pages import ChannelPlan, article_from_sample, index_pages, write_plans
from cityportal.home.models import HomePage, OnlineServiceLink
from cityportal.news.models import AllDocsListPage, ArticlePage, ChannelPage, FeedIndexPage, SectionPage

HOME_SLUG = "home"
SEED = "hengyang-demo"
# Sample items are dated before the reference article, so it leads Hot News.
SAMPLES_NEWEST = datetime(2024, 5, 17, 16, 30, 0, tzinfo=CITY_TZ)
HOT_NEWS_SAMPLES = 44  # with the reference article, 45: a numbered page and the own page of 25
PICTURE_NEWS_COUNT = 4

IDENTITY = {
    "site_name": "Hengyang Municipal People's Government",
    "default_article_source": reference_article.SOURCE,
    "sponsor": "Hengyang Municipal People's Government",
    "undertaker": "Hengyang Normal University",
    "co_sponsor": "Information Office of Hengyang Municipal People's Government",
    "technical_support": "Hengyang Normal University",
    "icp_number": "05002289",
}

Progress = Callable[[str], None]


def sample_count(section_slug: str, channel_slug: str) -> int:
    """How many "[Sample]" articles a plain channel of the demo gets (deterministic)."""
    if (section_slug, channel_slug) == site_structure.REFERENCE_CHANNEL:
        return HOT_NEWS_SAMPLES
    return random.Random(f"{SEED}:count:{channel_slug}").randint(3, 8)


def demo_home() -> HomePage | None:
    return HomePage.objects.filter(slug=HOME_SLUG, depth=2, locale__language_code="en").first()


def add_children(parent: Page, pages: Iterable[Page]) -> int:
    """Appends pages under ``parent`` without treebeard's per-page lookups: paths are
    computed here, one UPDATE fixes the parent's child count. Each page is still saved
    with ``Page.save()`` and its signals (search index, reference index); sample items
    use the faster batch writer in ``sample_pages``, which stores the same rows."""
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    added = 0
    for page in pages:
        step += 1
        page.path = Page._get_path(parent.path, parent.depth + 1, step)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.locale_id = parent.locale_id
        page.save(clean=False)
        added += 1
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + added)
    parent.numchild += added
    return added


def sample_image(number: int):
    """A plain coloured picture that says it is a sample, for picture news."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    rng = random.Random(f"{SEED}:image:{number}")
    colour = tuple(rng.randint(40, 160) for _ in range(3))
    picture = PILImage.new("RGB", (1200, 800), colour)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((60, 60, 1140, 740), outline=(255, 255, 255), width=8)
    draw.text((100, 100), f"Sample image {number}", fill=(255, 255, 255), font_size=72)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    image_model = get_image_model()
    return image_model.objects.create(
        title=f"Sample image {number}",
        file=ImageFile(buffer, name=f"sample-image-{number}.png"),
        description=f"Sample illustration {number}: a coloured panel with a white frame",
    )


def _ensure_locales() -> Locale:
    english, _ = Locale.objects.get_or_create(language_code="en")
    Locale.objects.get_or_create(language_code="zh-hans")
    return english


def _create_home(english: Locale) -> HomePage:
    root = Page.get_first_root_node()
    # Wagtail's fresh install has a plain "Welcome" page; the portal's home replaces it.
    for welcome in root.get_children().filter(content_type__model="page", numchild=0):
        welcome.delete()
    home = HomePage(title="Home", slug=HOME_SLUG, locale=english, live=True)
    root.add_child(instance=home)
    home.save_revision().publish()
    home.refresh_from_db()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    # `set_site_address` points the site at the address actually served (make run does).
    site.hostname, site.port, site.root_page = "127.0.0.1", 8000, home
    site.site_name = IDENTITY["site_name"]
    site.save()
    identity = PortalIdentity.for_site(site)
    for key, value in IDENTITY.items():
        setattr(identity, key, value)
    identity.save()
    return home


def _publish_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    # Publishing works on a copy; reload so later saves see the stored publication time.
    page.refresh_from_db()
    return page


def _reference_article(channel: ChannelPage) -> ArticlePage:
    naive = datetime.strptime(reference_article.FIRST_PUBLISHED, "%Y-%m-%d %H:%M:%S")
    published = naive.replace(tzinfo=CITY_TZ)
    page = ArticlePage(
        title=reference_article.TITLE,
        slug=reference_article.SLUG,
        source=reference_article.SOURCE,
        body=[("paragraph", f"<p>{p}</p>") for p in reference_article.PARAGRAPHS],
        translator=reference_article.TRANSLATOR,
        is_top_news=True,
        first_published_at=published,
    )
    page.tags.add("investment", "central-enterprises")
    channel.add_child(instance=page)
    revision = page.save_revision()
    revision.publish()
    ArticlePage.objects.filter(pk=page.pk).update(last_published_at=published)
    return page


def load_demo(progress: Progress = print) -> bool:
    """Creates the demo site. Returns False (and changes nothing) if it already exists."""
    if demo_home() is not None:
        progress("The demo site is already loaded; nothing changed.")
        return False
    contributions = contribution_modules()
    factories = channel_factories(contributions)
    with transaction.atomic():
        english = _ensure_locales()
        home = _create_home(english)
        progress("Created the home page and the footer settings.")
        channels: dict[tuple[str, str], Page] = {}
        for index, (section_title, section_slug, entries) in enumerate(site_structure.SECTIONS, 1):
            section = _publish_child(
                home, SectionPage(title=section_title, slug=section_slug, show_in_menus=True)
            )
            for title, slug, kind, chinese_name in entries:
                if kind == site_structure.WEATHER:
                    section.show_weather_entry = True
                    section.save_revision().publish()
                elif kind == site_structure.FEEDS:
                    _publish_child(section, FeedIndexPage(title=title, slug=slug, show_in_menus=True))
                elif (section_slug, slug) in factories:
                    factory = factories[(section_slug, slug)]
                    page = factory(title=title, slug=slug, chinese_name=chinese_name)
                    page.show_in_menus = True
                    channels[(section_slug, slug)] = _publish_child(section, page).specific
                else:
                    listing = {
                        site_structure.TOP_NEWS: ChannelPage.LISTING_TOP_NEWS,
                        site_structure.PICTURE_NEWS: ChannelPage.LISTING_PICTURE_NEWS,
                    }.get(kind, ChannelPage.LISTING_OWN)
                    channel = _publish_child(
                        section,
                        ChannelPage(
                            title=title,
                            slug=slug,
                            chinese_name=chinese_name,
                            listing_source=listing,
                            show_in_menus=True,
                        ),
                    )
                    channels[(section_slug, slug)] = channel
            progress(f"[{index}/{len(site_structure.SECTIONS)}] {section_title}: {len(entries)} entries")
        title, slug = site_structure.ALL_DOCS_LIST
        _publish_child(home, AllDocsListPage(title=title, slug=slug, show_in_menus=True))

        hot_news = channels[site_structure.REFERENCE_CHANNEL]
        _reference_article(hot_news)
        progress("Published the reference article in Current News > Hot News.")

        plans = []
        for (section_slug, slug), channel in channels.items():
            if (section_slug, slug) in factories or channel.listing_source != ChannelPage.LISTING_OWN:
                continue
            count = sample_count(section_slug, slug)
            plans.append(
                ChannelPlan.for_channel(
                    channel, f"{section_slug}/{slug}", count, first_number=1, newest=SAMPLES_NEWEST
                )
            )
        # Written in batches (as add_children would store them, without a save per page).
        sample_ids = write_plans(plans, SEED)
        index_pages(sample_ids)
        progress(f"Generated {len(sample_ids)} sample items (each marked “[Sample]”).")

        pictured = ArticlePage.objects.filter(title__contains="[Sample]").order_by("-first_published_at")[
            :PICTURE_NEWS_COUNT
        ]
        for number, article in enumerate(pictured, 1):
            image = sample_image(number)
            ArticlePage.objects.filter(pk=article.pk).update(
                lead_image=image, lead_image_alt=image.description, is_picture_news=True
            )
        progress(f"Added {PICTURE_NEWS_COUNT} sample pictures to picture news.")

        for module in contributions:
            module.populate(channels, home, progress)

        online_service = SectionPage.objects.get(slug="online-service", depth=3)
        for order, channel in enumerate(online_service.get_children().live()):
            OnlineServiceLink.objects.create(home=home, link_page=channel, sort_order=order)
    progress("The demo site is ready.")
    return True


__all__ = ["SAMPLE_NOTICE", "add_children", "article_from_sample", "demo_home", "load_demo", "sample_items"]
