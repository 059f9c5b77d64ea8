"""Video and audio pages in the admin: a draft may lack captions and a transcript, but
publishing needs one of them; caption tracks must be valid WebVTT; a poster needs
alternative text."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cityportal.media.models import MediaChannelPage, MediaItemPage

pytestmark = pytest.mark.django_db

NEEDS_TEXT = (
    "Add captions (a WebVTT track) or a transcript before publishing: people who cannot hear "
    "the recording need one of them."
)
CAPTIONS = "WEBVTT\n\n00:00:00.500 --> 00:00:02.000\nHello.\n"


@pytest.fixture
def channel():
    return MediaChannelPage.objects.get(slug="video-and-audio")


@pytest.fixture
def recording():
    return MediaItemPage.objects.get(slug="sample-chime").recording


def item_form(recording, action: str, *, transcript: str = "", tracks=(), **changes) -> dict:
    data = {
        "title": "Council meeting recording",
        "slug": "council-meeting-recording",
        "summary": "",
        "recording": recording.pk,
        "poster": "",
        "poster_alt": "",
        "description": rich_text(""),
        "caption_tracks": inline_formset(list(tracks)),
        "transcript": rich_text(transcript),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
        action: "1",
    }
    data.update(changes)
    return nested_form_data(data)


def add_url(channel) -> str:
    return reverse("wagtailadmin_pages:add", args=["portal_media", "mediaitempage", channel.pk])


def messages_shown(response) -> str:
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return " ".join(" ".join(m.get_text(" ").split()) for m in page.select(".messages"))


def test_a_draft_may_be_saved_without_captions_or_transcript(admin_client, channel, recording):
    response = admin_client.post(add_url(channel), item_form(recording, "action-save"))
    assert response.status_code == 302, response.context["form"].errors
    page = MediaItemPage.objects.get(slug="council-meeting-recording")
    assert not page.live


def test_publishing_without_captions_or_transcript_is_refused(admin_client, channel, recording):
    response = admin_client.post(add_url(channel), item_form(recording, "action-publish"))
    assert response.status_code == 200
    assert response.context["form"].errors["transcript"] == [NEEDS_TEXT]
    assert not MediaItemPage.objects.filter(slug="council-meeting-recording").exists()
    # What the editor chose is still there to correct.
    assert response.context["form"]["recording"].value() == str(recording.pk)


def test_publishing_a_draft_without_them_is_refused_too(admin_client, channel, recording):
    admin_client.post(add_url(channel), item_form(recording, "action-save"))
    page = MediaItemPage.objects.get(slug="council-meeting-recording")
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = admin_client.post(edit, item_form(recording, "action-publish"))
    assert response.context["form"].errors["transcript"] == [NEEDS_TEXT]
    page.refresh_from_db()
    assert not page.live


def test_an_empty_paragraph_is_not_a_transcript(admin_client, channel, recording):
    response = admin_client.post(
        add_url(channel), item_form(recording, "action-publish", transcript="<p></p>")
    )
    assert response.context["form"].errors["transcript"] == [NEEDS_TEXT]


def test_a_transcript_is_enough_to_publish(admin_client, channel, recording, client):
    data = item_form(recording, "action-publish", transcript="<p>Chair: the meeting is open.</p>")
    response = admin_client.post(add_url(channel), data)
    assert response.status_code == 302, response.context["form"].errors
    page = MediaItemPage.objects.get(slug="council-meeting-recording")
    assert page.live
    assert "Chair: the meeting is open." in client.get(page.url).content.decode()


def test_a_caption_track_is_enough_to_publish(admin_client, channel, recording, client):
    track = {"language": "en", "kind": "captions", "label": "English", "webvtt": CAPTIONS}
    response = admin_client.post(add_url(channel), item_form(recording, "action-publish", tracks=[track]))
    assert response.status_code == 302, response.context["form"].errors
    page = MediaItemPage.objects.get(slug="council-meeting-recording")
    assert page.live and [t.label for t in page.caption_tracks.all()] == ["English"]
    captions = client.get(page.url + "captions/en.vtt")
    assert captions.status_code == 200 and captions.content.decode() == CAPTIONS


def test_an_invalid_caption_track_is_refused_with_the_reason(admin_client, channel, recording):
    track = {
        "language": "en",
        "kind": "captions",
        "label": "English",
        "webvtt": "1\n00:00:01,000 --> 00:00:02,000\nHi",
    }
    response = admin_client.post(add_url(channel), item_form(recording, "action-publish", tracks=[track]))
    assert response.status_code == 200
    formset = response.context["form"].formsets["caption_tracks"]
    assert formset.forms[0].errors["webvtt"] == ["WebVTT captions start with the line “WEBVTT”."]
    # The track's own error is enough: no second message asking for captions.
    assert "transcript" not in response.context["form"].errors
    assert not MediaItemPage.objects.filter(slug="council-meeting-recording").exists()


def test_a_poster_needs_alternative_text(admin_client, channel, recording):
    poster = MediaItemPage.objects.get(slug="sample-chime").poster
    data = item_form(recording, "action-publish", transcript="<p>Words.</p>", poster=poster.pk)
    response = admin_client.post(add_url(channel), data)
    assert response.context["form"].errors["poster_alt"] == [
        "Describe the poster picture for people who cannot see it."
    ]
    assert "could not be created" in messages_shown(response)
