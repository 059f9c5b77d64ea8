"""StreamField blocks for picture galleries (galleries and attractions share them)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cityportal.core.blocks import CaptionedImageBlock


class GalleryBlock(blocks.StreamBlock):
    """The pictures of a gallery, in the editor's order; each needs alternative text."""

    image = CaptionedImageBlock(label=_("Picture"))

    class Meta:
        icon = "image"
