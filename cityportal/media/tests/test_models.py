"""The media page types as visitors get them: galleries (lazy, responsive thumbnails that
link to the large picture, and the viewer's markup), video and audio players with
captions, duration and size, maps with zoom and a text description, and the illustrated
lists in their order. Also their rules: alternative text, text descriptions, years."""

import json

import pytest
from django.core.exceptions import ValidationError
from wagtail.images import get_image_model

from cityportal.core.items import live_items
from cityportal.core.tests.utils import publish, soup, text_of
from cityportal.media.models import (
    CityCardPage,
    CityCardsPage,
    FriendlyCityPage,
    FriendlyExchangesPage,
    GalleryPage,
    HonorPage,
    HonorsPage,
    MapPage,
    MediaItemPage,
    format_duration,
    iso_duration,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    return get_image_model().objects.order_by("pk").first()


# --- Galleries ---------------------------------------------------------------------------


def test_gallery_thumbnails_are_lazy_responsive_links_to_the_large_picture(client):
    gallery = GalleryPage.objects.get(slug="scenery-of-mount-heng")
    html = soup(client.get(gallery.url))
    links = html.select("ul.gallery a.gallery__link")
    assert len(links) == 5
    for link, block in zip(links, gallery.pictures, strict=True):
        img = link.select_one("img")
        assert img["alt"] == block.value["alt_text"]
        assert img["loading"] == "lazy"
        assert len(img["srcset"].split(",")) == 2 and img["sizes"]
        assert link["href"].startswith("/media/images/") and link["href"].endswith(".png")
        assert link["data-view-srcset"].count("w,") == 1
        assert link["data-alt"] == block.value["alt_text"]
    captions = [text_of(c) for c in html.select("ul.gallery figcaption")]
    assert captions == [b.value["caption"] for b in gallery.pictures]
    viewer = html.select_one("dialog.gallery-viewer")
    assert viewer["aria-labelledby"] == html.select_one("[data-viewer-title]")["id"]
    assert [text_of(b) for b in viewer.select("button")] == ["Close", "← Previous picture", "Next picture →"]
    assert html.select_one('script[src="/static/media/js/gallery.js"]') is not None


def test_the_large_picture_link_serves_a_picture(client):
    gallery = GalleryPage.objects.get(slug="along-the-xiang-river")
    href = soup(client.get(gallery.url)).select_one("a.gallery__link")["href"]
    response = client.get(href)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_the_gallery_channel_shows_covers_and_picture_counts(client):
    channel = GalleryPage.objects.get(slug="scenery-of-mount-heng").get_parent()
    html = soup(client.get(channel.url))
    cards = {text_of(c.select_one("h2 a")): c for c in html.select(".card-grid .card")}
    assert set(cards) == {"[Sample] Scenery of Mount Heng", "[Sample] Along the Xiang River"}
    assert text_of(cards["[Sample] Scenery of Mount Heng"].select_one(".card__meta")).startswith("5 pictures")
    # The cover is decorative beside the title link.
    assert cards["[Sample] Along the Xiang River"].select_one("img")["alt"] == ""


def test_a_gallery_needs_a_picture():
    block = GalleryPage._meta.get_field("pictures").stream_block
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python([]))
    assert "The minimum number of items is 1" in str(error.value.non_block_errors)


# --- Video and audio ---------------------------------------------------------------------


def test_the_video_page_has_a_player_with_poster_captions_duration_and_size(client):
    page = MediaItemPage.objects.get(slug="introduction-video")
    html = soup(client.get(page.url))
    video = html.select_one(".player video")
    assert video.has_attr("controls") and video["poster"].startswith("/media/images/")
    source = video.select_one("source")
    assert source["src"] == page.recording.url and source["type"] == "video/webm"
    track = video.select_one("track")
    assert (track["kind"], track["srclang"], track["label"]) == ("captions", "en", "English")
    assert track["src"] == page.url + "captions/en.vtt" and track.has_attr("default")
    assert text_of(html.select_one(".media-duration")) == "0:09"
    assert html.select_one(".media-duration")["datetime"] == "PT9S"
    assert text_of(html.select_one(".media-size")) == "93.4 KB"
    assert "Narrator (synthetic voice)" in text_of(html.select_one(".transcript"))
    data = json.loads(html.select_one('script[type="application/ld+json"]').string)
    assert (data["@type"], data["duration"], data["encodingFormat"]) == ("VideoObject", "PT9S", "video/webm")


def test_the_audio_page_has_an_audio_player_and_its_poster_has_alt_text(client):
    page = MediaItemPage.objects.get(slug="sample-chime")
    html = soup(client.get(page.url))
    audio = html.select_one(".player audio")
    assert (
        audio.select_one("source")["type"] == "audio/x-wav"
        or audio.select_one("source")["type"] == "audio/wav"
    )
    assert audio.select_one("track")["src"] == page.url + "captions/en.vtt"
    assert html.select_one(".player img")["alt"] == page.poster_alt
    assert text_of(html.select_one(".media-duration")) == "0:05"
    assert html.select_one(".media-size") is not None


def test_caption_files_are_served_as_webvtt_beside_the_page(client):
    page = MediaItemPage.objects.get(slug="introduction-video")
    response = client.get(page.url + "captions/en.vtt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content.decode().startswith("WEBVTT\n\n1\n00:00:00.500 --> ")
    assert client.get(page.url + "captions/fr.vtt").status_code == 404
    assert client.get(page.get_parent().url + "captions/en.vtt").status_code == 404
    page.unpublish()
    assert client.get(page.url + "captions/en.vtt").status_code == 404


def test_durations_are_written_for_people_and_for_machines():
    assert [format_duration(s) for s in (0, 9.13, 65, 3723)] == ["0:00", "0:09", "1:05", "1:02:03"]
    assert [iso_duration(s) for s in (9.13, 65, 3723)] == ["PT9S", "PT1M5S", "PT1H2M3S"]


def test_the_video_and_audio_channel_names_type_and_duration(client):
    channel = MediaItemPage.objects.get(slug="sample-chime").get_parent()
    html = soup(client.get(channel.url))
    metas = {
        text_of(c.select_one("h2 a")): text_of(c.select_one(".card__meta")) for c in html.select(".card")
    }
    assert metas["[Sample] A chime for the demonstration site"].startswith("Audio Duration 0:05")
    assert metas["[Sample] Introduction video of the demonstration site"].startswith("Video Duration 0:09")


# --- Maps --------------------------------------------------------------------------------


def test_the_map_page_has_zoom_buttons_a_full_size_link_and_the_text_description(client, settings):
    settings.CITYPORTAL_MAP_TILES = {
        "url": "https://tiles.example.test/{z}/{x}/{y}.png",
        "attribution": "© Test",
    }
    page = MapPage.objects.get(slug="sample-map-of-the-districts")
    html = soup(client.get(page.url))
    assert [text_of(b) for b in html.select(".map-zoom__controls button")] == [
        "Zoom in",
        "Zoom out",
        "Fit to width",
    ]
    viewport = html.select_one(".map-zoom__viewport")
    assert viewport["tabindex"] == "0" and viewport["role"] == "region"
    img = viewport.select_one("img")
    assert img["alt"] == page.alt_text and len(img["srcset"].split(",")) == 3
    full = html.select_one(".map-zoom__caption a[href$='.png']")
    assert text_of(full) == "Open the full-size picture (2400 × 1600 pixels)"
    assert "District E, lies below Districts C and D" in text_of(html.select_one("#map-description"))
    tiles = html.select_one("[data-tile-map]")
    assert tiles["data-url"] == "https://tiles.example.test/{z}/{x}/{y}.png"
    assert (tiles["data-lat"], tiles["data-lon"], tiles["data-zoom"]) == ("26.893000", "112.572000", "12")
    assert tiles.has_attr("hidden")  # shown by map.js only
    assert html.select_one("[data-tile-failed]").has_attr("hidden")
    assert text_of(html.select_one(".map-place .coordinates")) == "26.893° N, 112.572° E"


def test_without_a_tile_server_or_a_place_there_is_no_online_map(client, settings):
    settings.CITYPORTAL_MAP_TILES = {"url": "", "attribution": ""}
    page = MapPage.objects.get(slug="sample-map-of-the-districts")
    html = soup(client.get(page.url))
    assert html.select_one("[data-tile-map]") is None
    assert html.select_one(".map-place a")["href"].startswith("https://www.openstreetmap.org/?mlat=26.893")
    other = soup(client.get(MapPage.objects.get(slug="sample-map-for-printing").url))
    assert other.select_one(".map-place") is None and other.select_one("#map-description") is not None


def test_a_map_needs_a_text_description(image):
    page = MapPage(title="Map", slug="map", map_image=image, alt_text="A map", long_description="<p> </p>")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert error.value.message_dict["long_description"] == [
        "Describe the map in words for people who cannot see it."
    ]


# --- Illustrated lists -------------------------------------------------------------------


def test_friendly_cities_are_sorted_by_year(client):
    channel = FriendlyExchangesPage.objects.get()
    late = publish(
        channel,
        FriendlyCityPage(title="Early Town", country="Nowhere", year=1990, text="Listed first."),
    )
    html = soup(client.get(channel.url))
    years = [text_of(y) for y in html.select(".entry__year")]
    assert years == sorted(years) and years[0] == "1990"
    first = html.select(".entry")[0]
    assert text_of(first.select_one(".entry__title a")) == late.title
    assert text_of(first.select_one(".entry__meta")) == "Nowhere · Sister city · since 1990"


def test_honors_are_newest_first_with_who_awarded_them(client):
    channel = HonorsPage.objects.get()
    html = soup(client.get(channel.url))
    years = [int(text_of(y)) for y in html.select(".entry__year")]
    assert years == sorted(years, reverse=True) == [2023, 2019, 2015]
    assert text_of(html.select_one(".entry .entry__meta")) == "Awarded by Sample awarding body"


def test_city_cards_keep_the_tree_order_and_show_their_pictures(client):
    channel = CityCardsPage.objects.get()
    html = soup(client.get(channel.url))
    cards = html.select(".card-grid .card")
    assert [text_of(c.select_one("h2 a")) for c in cards] == [
        p.title for p in CityCardPage.objects.child_of(channel).order_by("path")
    ]
    for card, page in zip(cards, CityCardPage.objects.child_of(channel).order_by("path"), strict=True):
        assert card.select_one("img")["alt"] == page.image_alt


def test_pictures_of_entries_need_alternative_text(image):
    page = HonorPage(title="Award", slug="award", year=2020, image=image, image_alt=" ")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert error.value.message_dict["image_alt"] == ["Describe the picture for people who cannot see it."]


def test_a_city_card_needs_a_picture():
    page = CityCardPage(title="Card", slug="card", text="Known for it.")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert error.value.message_dict["image"] == ["Choose a picture: every entry of this list has one."]


@pytest.mark.parametrize("year", [1899, 2101])
def test_years_must_be_plausible(year):
    page = HonorPage(title="Award", slug="award", year=year)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert error.value.message_dict["year"] == ["Give a year between 1900 and 2100."]


def test_entry_pages_show_their_facts(client):
    city = FriendlyCityPage.objects.get(slug="sample-city-a")
    html = soup(client.get(city.url))
    facts = [text_of(d) for d in html.select(".facts dd")]
    assert facts == ["Example Country North", "Sister city", "1995"]
    assert html.select_one(".figure-image img")["alt"] == city.image_alt


def test_every_media_item_is_a_content_item():
    listed = set(live_items().values_list("pk", flat=True))
    for model in (GalleryPage, MediaItemPage, MapPage, FriendlyCityPage, CityCardPage, HonorPage):
        pages = model.objects.live()
        assert pages.exists() and set(pages.values_list("pk", flat=True)) <= listed, model


@pytest.mark.parametrize(
    "slug",
    ["pictureview", "video-and-audio", "maps-of-hengyang", "friendly-exchanges", "city-cards", "honors"],
)
def test_channel_pages_forgive_bad_page_numbers(client, slug):
    from cityportal.core.tests.utils import notices
    from cityportal.news.models import ChannelPage

    channel = ChannelPage.objects.get(slug=slug)
    html = soup(client.get(channel.url + "page/abc/"))
    html_far = soup(client.get(channel.url + "page/9/"))
    if channel.specific.numbered_from_oldest:
        assert notices(html) == ["“abc” is not a page number, so the newest items are shown."]
        assert notices(html_far) == ["There is no page 9 yet, so the newest items are shown."]
    else:
        assert notices(html) == ["“abc” is not a page number, so the first page is shown."]
        assert notices(html_far) == ["There is only one page, so it is shown."]
    html = html_far
    assert html.select_one('meta[name="robots"]')["content"] == "noindex"
