"""Tourism and media pages in Chromium, served like `make run`: each page type has no
WCAG 2.1 A/AA violation at 1280 px and on a 375 px phone; the gallery viewer works with
the keyboard (Enter, arrows, Escape, focus back) and as plain links without JavaScript;
the route itinerary prints with numbered stops, addresses and hours; the map page stays
useful when its tiles cannot load; the players load the real recordings and captions."""

import io
import re

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.conftest import axe_violations, describe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TOP_EIGHT = "/en/tourism/top-eight-attractions/"
ATTRACTION = TOP_EIGHT + "mount-heng/"
ROUTES = "/en/tourism/tourist-routes/"
ROUTE = ROUTES + "one-day-on-mount-heng/"
PICTUREVIEW = "/en/about-hengyang/pictureview/"
GALLERY = PICTUREVIEW + "scenery-of-mount-heng/"
VIDEO_AND_AUDIO = "/en/special-column/video-and-audio/"
VIDEO = VIDEO_AND_AUDIO + "introduction-video/"
AUDIO = VIDEO_AND_AUDIO + "sample-chime/"
MAPS = "/en/about-hengyang/maps-of-hengyang/"
MAP = MAPS + "sample-map-of-the-districts/"
FRIENDLY = "/en/about-hengyang/friendly-exchanges/"
CITY_CARDS = "/en/about-hengyang/city-cards/"
HONORS = "/en/about-hengyang/honors/"
TILES = re.compile(r"^https://tile\.openstreetmap\.org/")

# name: (address, the page's h1)
PAGES = {
    "attraction": (ATTRACTION, "[Sample] Mount Heng (Nanyue Hengshan)"),
    "top-eight": (TOP_EIGHT, "Top Eight Attractions"),
    "routes": (ROUTES, "Tourist Routes"),
    "route": (ROUTE, "[Sample] One day on Mount Heng"),
    "pictureview": (PICTUREVIEW, "Pictureview"),
    "gallery": (GALLERY, "[Sample] Scenery of Mount Heng"),
    "video-and-audio": (VIDEO_AND_AUDIO, "Video and Audio"),
    "video": (VIDEO, "[Sample] Introduction video of the demonstration site"),
    "audio": (AUDIO, "[Sample] A chime for the demonstration site"),
    "maps": (MAPS, "Maps of Hengyang"),
    "map": (MAP, "[Sample] Sample map of the city's districts"),
    "friendly-exchanges": (FRIENDLY, "Friendly Exchanges"),
    "friendly-city": (FRIENDLY + "sample-city-a/", "[Sample] Sample City A"),
    "city-cards": (CITY_CARDS, "City Cards"),
    "city-card": (CITY_CARDS + "mount-heng/", "[Sample] Mount Heng"),
    "honors": (HONORS, "Honors"),
    "honor": (HONORS + "sample-honor-2015/", "[Sample] Example title for a clean and tidy city"),
}
PHONE_PAGES = [
    "attraction",
    "top-eight",
    "route",
    "gallery",
    "video",
    "map",
    "friendly-exchanges",
    "city-cards",
    "honors",
]


def assert_accessible(tab) -> None:
    violations = axe_violations(tab)
    assert not violations, describe_violations(violations)


def block_tiles(tab) -> None:
    """No network here; make the tile server fail at once, as an unreachable one would."""
    tab.route(TILES, lambda route: route.abort())


def open_page(tab, portal, name: str) -> None:
    address, heading = PAGES[name]
    block_tiles(tab)
    response = tab.goto(portal.url + address)
    assert response.status == 200
    expect(tab.get_by_role("heading", level=1)).to_have_text(heading)
    # Lazy pictures below the fold are part of the page too.
    tab.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    # Every picture settled (loaded or failed). Not "networkidle": a video's open
    # media connection holds that back for seconds.
    tab.wait_for_function("() => [...document.images].every(i => i.complete)")
    tab.evaluate("() => window.scrollTo(0, 0)")


@pytest.mark.parametrize("name", PAGES)
def test_page_type_has_no_wcag_violations(portal, page, name):
    open_page(page, portal, name)
    broken = page.evaluate(
        """() => [...document.images]
            .filter(i => i.closest("main") && i.complete && i.currentSrc && i.naturalWidth === 0)
            .filter(i => !i.closest("[hidden], dialog:not([open])"))
            .map(i => i.currentSrc)"""
    )
    assert broken == []
    support.screenshot(page, f"tourism-media-{name}-1280", full_page=True)
    assert_accessible(page)


@pytest.mark.parametrize("name", PHONE_PAGES)
def test_page_type_fits_a_phone_without_violations(portal, phone_page, name):
    open_page(phone_page, portal, name)
    assert support.page_width(phone_page) <= 375
    support.screenshot(phone_page, f"tourism-media-{name}-375", full_page=True)
    assert_accessible(phone_page)


# --- Gallery viewer ------------------------------------------------------------------------


def test_gallery_viewer_works_with_the_keyboard(portal, page):
    page.goto(portal.url + GALLERY)
    links = page.locator("ul.gallery a.gallery__link")
    expect(links).to_have_count(5)
    alts = [links.nth(i).locator("img").get_attribute("alt") for i in range(5)]
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_hidden()

    links.nth(0).focus()
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading")).to_have_text("Picture 1 of 5")
    viewer_image = dialog.locator("[data-viewer-image]")
    expect(viewer_image).to_have_attribute("alt", alts[0])
    expect(dialog.get_by_role("button", name="Close")).to_be_focused()
    page.wait_for_function("() => document.querySelector('[data-viewer-image]').naturalWidth > 0")
    support.screenshot(page, "tourism-media-gallery-viewer-1280")
    assert_accessible(page)

    page.keyboard.press("ArrowRight")
    expect(dialog.get_by_role("heading")).to_have_text("Picture 2 of 5")
    expect(viewer_image).to_have_attribute("alt", alts[1])
    page.keyboard.press("ArrowRight")
    expect(dialog.get_by_role("heading")).to_have_text("Picture 3 of 5")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(dialog.get_by_role("heading")).to_have_text("Picture 5 of 5")  # wraps round
    expect(dialog.locator("[data-viewer-caption]")).to_have_text(
        "Early morning on the mountain (sample picture)"
    )
    # The dialog is modal: Tab and Shift+Tab go round its buttons.
    expect(dialog.get_by_role("button", name="Close")).to_be_focused()
    names = []
    for key in ["Tab"] * 4 + ["Shift+Tab"] * 2:
        page.keyboard.press(key)
        names.append(
            page.evaluate(
                "() => document.activeElement.closest('dialog') && document.activeElement.textContent.trim()"
            )
        )
    assert names == [
        "← Previous picture",
        "Next picture →",
        "Close",
        "← Previous picture",
        "Close",
        "Next picture →",
    ]

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    # Focus returns to the thumbnail of the picture last shown.
    expect(links.nth(4)).to_be_focused()

    links.nth(1).focus()
    page.keyboard.press("Enter")
    expect(dialog.get_by_role("heading")).to_have_text("Picture 2 of 5")
    dialog.get_by_role("button", name="Next picture").click()
    expect(dialog.get_by_role("heading")).to_have_text("Picture 3 of 5")
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()
    expect(links.nth(2)).to_be_focused()


def test_gallery_viewer_on_a_phone(portal, phone_page):
    phone_page.goto(portal.url + ATTRACTION)
    phone_page.locator("ul.gallery a.gallery__link").first.click()
    dialog = phone_page.get_by_role("dialog")
    expect(dialog.get_by_role("heading")).to_have_text("Picture 1 of 2")
    box = dialog.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    support.screenshot(phone_page, "tourism-media-gallery-viewer-375")
    assert_accessible(phone_page)


def test_without_javascript_thumbnails_are_links_to_the_large_pictures(portal, nojs_page):
    nojs_page.goto(portal.url + GALLERY)
    expect(nojs_page.get_by_role("dialog")).to_be_hidden()
    link = nojs_page.locator("ul.gallery a.gallery__link").first
    with nojs_page.expect_navigation() as navigation:
        link.click()
    response = navigation.value
    assert response.status == 200 and response.headers["content-type"] == "image/png"
    assert re.search(r"/media/images/.+\.max-1600x1200\.png$", nojs_page.url)


# --- Printable itinerary -------------------------------------------------------------------


def test_the_route_prints_as_an_itinerary(portal, page):
    page.goto(portal.url + ROUTE)
    stops = page.locator(".route-stop")
    expect(stops).to_have_count(3)
    expect(page.get_by_role("button", name="Print the itinerary")).to_be_visible()
    expect(page.locator(".route__printed-from")).to_be_hidden()

    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main menu")).to_be_hidden()
    expect(page.get_by_role("button", name="Print the itinerary")).to_be_hidden()
    expect(page.locator(".route__printed-from")).to_be_visible()
    expect(page.locator(".route__printed-from")).to_contain_text(ROUTE)
    expect(page.locator(".route__duration")).to_have_text("One day")
    titles = ["[Sample] Grand Temple of Nanyue", "[Sample] Nanyue Martyrs' Memorial", "[Sample] Zhurong Peak"]
    for index, title in enumerate(titles):
        stop = stops.nth(index)
        expect(stop.locator(".route-stop__number")).to_have_text(f"Stop {index + 1}")
        expect(stop.locator(".route-stop__number")).to_be_visible()
        expect(stop.get_by_role("heading", level=3)).to_contain_text(title)
        expect(stop.locator(".visiting__address")).to_be_visible()
        expect(stop.locator(".visiting__address")).to_contain_text("Hengyang, Hunan Province")
        expect(stop.locator(".visiting__hours")).to_be_visible()
        expect(stop.locator(".visiting__hours")).to_contain_text("8:00–17:30")
        expect(stop.locator(".route-stop__notes")).to_be_visible()
        expect(stop.locator(".coordinates")).to_be_visible()
        # No pictures and no links to follow on paper.
        expect(stop.locator("img")).to_be_hidden()
        expect(stop.locator("a.map-link")).to_be_hidden()
    support.screenshot(page, "tourism-media-route-print", full_page=True)
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000

    page.emulate_media(media="screen")
    expect(page.get_by_role("button", name="Print the itinerary")).to_be_visible()
    expect(stops.first.locator("img")).to_be_visible()


# --- Maps ----------------------------------------------------------------------------------


def test_the_map_page_stays_useful_when_tiles_cannot_load(portal, page):
    block_tiles(page)
    page.goto(portal.url + MAP)
    notice = page.get_by_role("status").filter(has_text="The online map could not be loaded")
    expect(notice).to_be_visible()
    expect(page.locator("[data-tile-map]")).to_be_hidden()
    picture = page.get_by_role("img", name="Sample map drawing: five districts labelled A to E")
    expect(picture).to_be_visible()
    assert picture.evaluate("img => img.naturalWidth") > 0
    expect(page.get_by_role("heading", name="What the map shows")).to_be_visible()
    expect(page.locator("#map-description")).to_contain_text("A blue river enters in the south-west corner")
    expect(page.get_by_role("link", name="Show this place on an online map")).to_have_attribute(
        "href", re.compile(r"mlat=26\.893&mlon=112\.572")
    )
    support.screenshot(page, "tourism-media-map-tiles-failed", full_page=True)
    assert_accessible(page)


def test_a_tile_server_that_never_answers_counts_as_failed(portal, page):
    page.route(TILES, lambda route: None)  # requests left hanging, never answered
    page.clock.install()  # the test can move the page's clock forward
    # The hanging tiles hold back the "load" event, not the page.
    page.goto(portal.url + MAP, wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name="What the map shows")).to_be_visible()
    expect(page.locator("[data-tile-map]")).to_be_visible()
    notice = page.locator("[data-tile-failed]")
    expect(notice).to_be_hidden()  # still waiting for the tiles
    page.clock.run_for(10_500)  # past the ten seconds of map.js, at once
    expect(notice).to_be_visible()
    expect(page.locator("[data-tile-map]")).to_be_hidden()


def test_the_online_map_shows_tiles_when_the_server_answers(portal, page):
    served = []
    tile = png_tile()

    def answer(route):
        served.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=tile)

    page.route(TILES, answer)
    page.goto(portal.url + MAP)
    expect(page.locator("[data-tile-map]")).to_be_visible()
    expect(page.locator("[data-tile-failed]")).to_be_hidden()
    page.wait_for_function("() => [...document.querySelectorAll('[data-tiles] img')].every(i => i.complete)")
    assert len(served) == 9 and all(re.search(r"/12/\d+/\d+\.png$", url) for url in served)
    page.get_by_role("group", name="Zoom the online map").get_by_role("button", name="Zoom in").click()
    expect(page.locator("[data-tiles] img").first).to_have_attribute("src", re.compile(r"/13/\d+/\d+\.png$"))
    assert_accessible(page)


def test_the_map_picture_zooms_with_keyboard_buttons(portal, page):
    block_tiles(page)
    page.goto(portal.url + MAP)
    controls = page.get_by_role("group", name="Zoom the map picture")
    zoom_in = controls.get_by_role("button", name="Zoom in")
    zoom_out = controls.get_by_role("button", name="Zoom out")
    level = page.locator("[data-zoom-level]")
    picture = page.locator("[data-zoom-image]")
    viewport = page.locator("[data-zoom-viewport]")
    fitted = picture.evaluate("img => img.getBoundingClientRect().width")
    expect(zoom_out).to_be_disabled()
    zoom_in.focus()
    page.keyboard.press("Enter")
    expect(level).to_have_text("Zoom: 150%")
    page.keyboard.press("Enter")
    expect(level).to_have_text("Zoom: 200%")
    zoomed = picture.evaluate("img => img.getBoundingClientRect().width")
    assert zoomed == pytest.approx(fitted * 2, rel=0.02)
    assert viewport.evaluate("v => v.scrollWidth > v.clientWidth")
    # The zoomed picture can be moved with the keyboard: the viewport takes focus.
    viewport.focus()
    before = viewport.evaluate("v => v.scrollLeft")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "before => document.querySelector('[data-zoom-viewport]').scrollLeft > before", arg=before
    )
    controls.get_by_role("button", name="Fit to width").click()
    expect(level).to_have_text("Zoom: 100%")
    assert picture.evaluate("img => img.getBoundingClientRect().width") == pytest.approx(fitted, rel=0.02)
    assert_accessible(page)


def test_without_javascript_the_map_offers_the_full_size_picture(portal, nojs_page):
    nojs_page.goto(portal.url + MAP)
    expect(nojs_page.get_by_role("group", name="Zoom the map picture")).to_be_hidden()
    full = nojs_page.get_by_role(
        "link", name=re.compile(r"Open the full-size picture \(2400 × 1600 pixels\)")
    )
    expect(full).to_be_visible()
    expect(nojs_page.locator("[data-tile-map]")).to_be_hidden()


# --- Static pages ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["attraction", "route", "gallery", "video", "map", "friendly-exchanges"])
def test_pages_are_the_same_for_everyone(portal, name):
    """No cookie and no per-visitor token, so the pages can be published as static files."""
    import urllib.request

    address = PAGES[name][0]
    bodies = []
    for _ in range(2):
        with urllib.request.urlopen(portal.url + address) as response:
            assert response.headers.get_all("Set-Cookie") is None
            bodies.append(response.read())
    assert bodies[0] == bodies[1]
    assert b"csrfmiddlewaretoken" not in bodies[0]
    with urllib.request.urlopen(portal.url + VIDEO + "captions/en.vtt") as captions:
        assert captions.headers["Content-Type"] == "text/vtt; charset=utf-8"
        assert captions.headers.get_all("Set-Cookie") is None


# --- Players -------------------------------------------------------------------------------


def test_the_video_plays_with_its_captions(portal, page):
    page.goto(portal.url + VIDEO)
    video = page.locator("video")
    page.wait_for_function("() => document.querySelector('video').readyState >= 1")
    assert video.evaluate("v => v.duration") == pytest.approx(9.13, abs=0.1)
    assert video.evaluate("v => [v.videoWidth, v.videoHeight]") == [320, 180]
    video.evaluate("v => { v.textTracks[0].mode = 'showing'; }")
    page.wait_for_function("() => (document.querySelector('video').textTracks[0].cues || []).length === 2")
    first_cue = video.evaluate("v => v.textTracks[0].cues[0].text")
    assert first_cue == "This is a sample video for the Hengyang portal demonstration."
    expect(page.locator(".media-duration")).to_have_text("0:09")
    expect(page.locator(".media-size")).to_have_text(re.compile(r"^93\.4\sKB$"))


def test_the_audio_plays_with_its_captions(portal, page):
    page.goto(portal.url + AUDIO)
    page.wait_for_function("() => document.querySelector('audio').readyState >= 1")
    assert page.locator("audio").evaluate("a => a.duration") == pytest.approx(5.0, abs=0.05)
    page.locator("audio").evaluate("a => { a.textTracks[0].mode = 'hidden'; }")
    page.wait_for_function("() => (document.querySelector('audio').textTracks[0].cues || []).length === 2")
    expect(page.get_by_role("heading", name="Transcript")).to_be_visible()


def png_tile() -> bytes:
    """A plain grey 256 × 256 picture, served as every tile."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (256, 256), 200).save(buffer, format="PNG")
    return buffer.getvalue()
