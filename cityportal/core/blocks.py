"""StreamField blocks shared by every page type that has a body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from cityportal.core.text import plain_text


class HeadingBlock(blocks.StructBlock):
    """A sub-heading inside a body; the page title is the only h1."""

    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        template = "core/blocks/heading_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    """An image with required alternative text and an optional caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it. Required."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        template = "core/blocks/captioned_image_block.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation with an optional attribution."""

    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "core/blocks/quote_block.html"


class VideoEmbedBlock(blocks.StructBlock):
    """A video from an oEmbed provider, with a title for screen readers and a transcript."""

    video = EmbedBlock(label=_("Video URL"))
    title = blocks.CharBlock(label=_("Video title"), max_length=200)
    transcript = blocks.TextBlock(
        label=_("Transcript or description"),
        required=False,
        help_text=_("Text alternative for people who cannot watch or hear the video."),
    )

    class Meta:
        icon = "media"
        template = "core/blocks/video_embed_block.html"


class BodyBlock(blocks.StreamBlock):
    """The body of an article or content page."""

    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        template="core/blocks/paragraph_block.html",
    )
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    video = VideoEmbedBlock()


def stream_plain_text(stream) -> str:
    """The readable text of a StreamField value (paragraphs, headings, quotes, captions,
    transcripts), for search indexing and summaries."""
    from wagtail.blocks import StructValue
    from wagtail.rich_text import RichText

    def text_of(value) -> list[str]:
        if isinstance(value, RichText):
            return [plain_text(value.source)]
        if isinstance(value, str):
            return [value]
        if isinstance(value, StructValue):
            return [t for child in value.values() for t in text_of(child)]
        return []

    return " ".join(t for child in stream for t in text_of(child.value) if t)
