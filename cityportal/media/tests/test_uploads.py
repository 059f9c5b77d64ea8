"""Uploading video and audio in the admin (wagtailmedia with the portal's form): files are
recognised by their content, not their name, and a WAV file's length is read from it."""

import io
import wave

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection
from wagtailmedia.models import Media

from cityportal.media.demo import DEMO_FILES, chime_wav
from cityportal.media.sniff import check_media_file, sniff_format

pytestmark = pytest.mark.django_db


def upload(admin_client, media_type: str, name: str, content: bytes, **fields):
    data = {
        "title": fields.pop("title", name),
        "file": SimpleUploadedFile(name, content),
        "collection": Collection.get_first_root_node().pk,
        "duration": "",
        "tags": "",
        **fields,
    }
    return admin_client.post(reverse("wagtailmedia:add", args=[media_type]), data)


def errors_of(response) -> dict:
    assert response.status_code == 200, response.status_code
    return response.context["form"].errors


def silent_wav(seconds: float, rate: int = 8000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(b"\0\0" * int(seconds * rate))
    return buffer.getvalue()


def test_a_real_wav_file_is_accepted_and_its_length_read(admin_client):
    response = upload(admin_client, "audio", "bell.wav", silent_wav(2.5), title="Bell")
    assert response.status_code == 302, errors_of(response)
    media = Media.objects.get(title="Bell")
    assert media.type == "audio"
    assert media.duration == 2.5


def test_a_web_page_named_like_an_mp3_is_refused(admin_client):
    response = upload(admin_client, "audio", "song.mp3", b"<!DOCTYPE html><html><script>alert(1)</script>")
    assert errors_of(response)["file"] == [
        "This file is not an audio file that web browsers can play (its content was checked, not its name)."
    ]
    assert not Media.objects.filter(title="song.mp3").exists()


def test_a_program_renamed_to_webm_is_refused_as_video(admin_client):
    response = upload(admin_client, "video", "clip.webm", b"MZ\x90\x00" + bytes(200))
    assert "its content was checked" in errors_of(response)["file"][0]


def test_audio_uploaded_as_video_is_refused(admin_client):
    response = upload(admin_client, "video", "talk.wav", silent_wav(1))
    assert errors_of(response)["file"] == [
        "This file holds a different kind of media: upload a video file here."
    ]


def test_a_name_that_does_not_match_the_content_is_refused(admin_client):
    response = upload(admin_client, "audio", "talk.mp3", silent_wav(1))
    assert errors_of(response)["file"] == [
        "The file name's extension does not match its content: rename it to what it really is."
    ]


def test_the_sample_video_is_accepted_as_video(admin_client):
    content = (DEMO_FILES / "sample-video.webm").read_bytes()
    response = upload(admin_client, "video", "sample.webm", content, title="Clip", width="320", height="180")
    assert response.status_code == 302, errors_of(response)
    assert Media.objects.get(title="Clip").type == "video"


def test_a_thumbnail_that_is_not_a_picture_is_refused(admin_client):
    fake = SimpleUploadedFile("poster.png", b"<svg onload=alert(1)>")
    response = upload(admin_client, "audio", "bell.wav", silent_wav(1), thumbnail=fake)
    assert errors_of(response)["thumbnail"] == ["The thumbnail is not a picture file."]


@pytest.mark.parametrize(
    ("header", "found"),
    [
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", "wav"),
        (b"ID3\x04\x00\x00\x00\x00\x00\x00", "mp3"),
        (b"\xff\xfb\x90\x00" + bytes(8), "mp3"),
        (b"fLaC\x00\x00\x00\x22", "flac"),
        (b"OggS\x00\x02" + bytes(22) + b"\x01vorbis", "ogg-audio"),
        (b"OggS\x00\x02" + bytes(22) + b"\x80theora", "ogg-video"),
        (b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00", "mp4"),
        (b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00", "m4a"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm", "webm"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x88matroska", None),
        (b"%PDF-1.7", None),
    ],
)
def test_formats_are_recognised_by_their_first_bytes(header, found):
    assert sniff_format(io.BytesIO(header)) == found


def test_the_generated_chime_is_a_real_wav_file():
    content = chime_wav()
    assert check_media_file(io.BytesIO(content), "chime.wav", "audio") is None
    with wave.open(io.BytesIO(content)) as reader:
        assert reader.getnframes() / reader.getframerate() == 5.0
