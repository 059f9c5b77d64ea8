"""The media part of the demo: the six channels it takes over have its page types, each
with sample content plainly marked as such; the recordings are real files."""

import io
import wave

import pytest
from PIL import Image as PILImage

from cityportal.demo.sample_content import SAMPLE_MARK
from cityportal.media import demo
from cityportal.media.models import (
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
from cityportal.media.webvtt import parse
from cityportal.news.models import ChannelPage

pytestmark = pytest.mark.django_db

TYPES = {
    demo.PICTUREVIEW: (GalleryChannelPage, GalleryPage, 2),
    demo.MAPS: (MapsChannelPage, MapPage, 2),
    demo.FRIENDLY: (FriendlyExchangesPage, FriendlyCityPage, 4),
    demo.CITY_CARDS: (CityCardsPage, CityCardPage, 4),
    demo.HONORS: (HonorsPage, HonorPage, 3),
    demo.VIDEO_AND_AUDIO: (MediaChannelPage, MediaItemPage, 2),
}


def channel(section: str, slug: str) -> ChannelPage:
    return ChannelPage.objects.get(slug=slug, depth=4, url_path__contains=f"/{section}/")


@pytest.mark.parametrize("key", list(TYPES))
def test_each_channel_has_its_page_type_and_sample_items(demo_home, key):
    channel_type, item_type, count = TYPES[key]
    page = channel(*key)
    assert page.specific_class is channel_type
    assert "Sample" in page.specific.introduction
    items = item_type.objects.child_of(page).live()
    assert items.count() == count
    assert all(item.title.startswith(SAMPLE_MARK) for item in items)


def test_picture_news_stays_the_news_apps_channel(demo_home):
    picture_news = channel("special-column", "picturenews")
    assert picture_news.specific_class is ChannelPage
    assert picture_news.listing_source == ChannelPage.LISTING_PICTURE_NEWS


def test_gallery_pictures_are_drawings_with_honest_alternative_text(demo_home):
    for gallery in GalleryPage.objects.all():
        assert "not photographs" in gallery.introduction
        for block in gallery.pictures:
            assert block.value["alt_text"].startswith("Sample drawing, not a photograph")
            with block.value["image"].file.open() as stored, PILImage.open(stored) as drawn:
                assert drawn.format == "PNG"


def test_the_sample_video_and_its_captions_are_real(demo_home):
    page = MediaItemPage.objects.get(slug="introduction-video")
    with page.recording.file.open() as stored:
        head = stored.read(64)
    assert head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head
    cues, problems = parse(page.caption_tracks.get().webvtt)
    assert problems == [] and len(cues) == 2
    assert cues[-1].end <= page.recording.duration
    assert page.transcript and "Sample" in page.description


def test_the_sample_chime_is_a_real_wav_file_with_captions(demo_home):
    page = MediaItemPage.objects.get(slug="sample-chime")
    with page.recording.file.open() as stored:
        content = stored.read()
    with wave.open(io.BytesIO(content)) as reader:
        assert reader.getnframes() / reader.getframerate() == page.recording.duration == 5.0
    assert content == demo.chime_wav()  # the same every time
    cues, problems = parse(page.caption_tracks.get().webvtt)
    assert problems == [] and cues[0].text == "[Chime: three rising notes]"


def test_maps_say_they_are_sample_drawings(demo_home):
    for page in MapPage.objects.all():
        assert "not a real map" in page.long_description
        assert page.alt_text.startswith("Sample map drawing")
    assert MapPage.objects.get(slug="sample-map-of-the-districts").has_place
    assert not MapPage.objects.get(slug="sample-map-for-printing").has_place


def test_list_entries_do_not_claim_real_relations_or_awards(demo_home):
    for page in FriendlyCityPage.objects.all():
        assert "does not describe a real city or agreement" in page.text
    for page in HonorPage.objects.all():
        assert "does not describe a real award" in page.text
