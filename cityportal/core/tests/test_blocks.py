"""Body blocks: required alternative text on images, and the plain text search gets."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.images import get_image_model

from cityportal.core.blocks import BodyBlock, CaptionedImageBlock, VideoEmbedBlock, stream_plain_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def image(db):
    return get_image_model().objects.order_by("pk").first()


def test_a_captioned_image_without_alt_text_fails_validation(image):
    block = CaptionedImageBlock()
    value = block.to_python({"image": image.pk, "alt_text": "", "caption": "The river at dawn"})
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "alt_text" in error.value.block_errors


def test_whitespace_is_not_alt_text(image):
    block = CaptionedImageBlock()
    value = block.to_python({"image": image.pk, "alt_text": "   ", "caption": "The river at dawn"})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_an_image_with_alt_text_is_valid_and_the_caption_optional(image):
    block = CaptionedImageBlock()
    cleaned = block.clean(
        block.to_python({"image": image.pk, "alt_text": "The river at dawn", "caption": ""})
    )
    assert cleaned["alt_text"] == "The river at dawn"


def test_a_body_with_an_image_lacking_alt_text_fails_as_a_whole(image):
    body = BodyBlock()
    value = body.to_python(
        [
            {"type": "paragraph", "value": "<p>Text</p>"},
            {"type": "image", "value": {"image": image.pk, "alt_text": "", "caption": "Caption"}},
        ]
    )
    with pytest.raises(ValidationError) as error:
        body.clean(value)
    assert 1 in error.value.block_errors


def test_a_video_needs_a_title():
    block = VideoEmbedBlock()
    assert block.child_blocks["title"].required
    assert not block.child_blocks["transcript"].required


def test_stream_plain_text_collects_readable_text(image):
    body = BodyBlock().to_python(
        [
            {"type": "paragraph", "value": "<p>Hengyang <b>welcomes</b> investors.</p>"},
            {"type": "heading", "value": {"text": "Projects", "level": "h2"}},
            {"type": "image", "value": {"image": image.pk, "alt_text": "Alt", "caption": "Industrial park"}},
            {"type": "quote", "value": {"quote": "Open for business", "attribution": "Mayor"}},
        ]
    )
    text = stream_plain_text(body)
    for words in (
        "Hengyang welcomes investors.",
        "Projects",
        "Industrial park",
        "Open for business",
        "Mayor",
    ):
        assert words in text


def test_stream_plain_text_keeps_words_of_separate_blocks_apart():
    body = BodyBlock().to_python(
        [
            {
                "type": "paragraph",
                "value": "<p>Bring:</p><ul><li>Passport</li><li>Photo</li></ul><p>Fee<br>none</p>",
            }
        ]
    )
    assert stream_plain_text(body) == "Bring: Passport Photo Fee none"
