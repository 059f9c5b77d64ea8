"""What a gallery shows: for each picture, the renditions of its thumbnail and of its
large view, fetched together."""

from dataclasses import dataclass

from wagtail.images.models import AbstractRendition

# Thumbnails are cropped to one shape so the grid lines up; the large view keeps the
# whole picture. Each has a double-density version for srcset.
THUMB = "fill-400x300"
THUMB_2X = "fill-800x600"
VIEW = "max-1000x750"
VIEW_LARGE = "max-1600x1200"
SPECS = (THUMB, THUMB_2X, VIEW, VIEW_LARGE)


@dataclass
class GalleryPicture:
    number: int
    alt: str
    caption: str
    thumb: AbstractRendition
    thumb_2x: AbstractRendition
    view: AbstractRendition
    view_large: AbstractRendition

    @property
    def view_srcset(self) -> str:
        return f"{self.view.url} {self.view.width}w, {self.view_large.url} {self.view_large.width}w"

    @property
    def thumb_srcset(self) -> str:
        return f"{self.thumb.url} {self.thumb.width}w, {self.thumb_2x.url} {self.thumb_2x.width}w"


def gallery_pictures(stream) -> list[GalleryPicture]:
    """The pictures of a GalleryBlock value whose image still exists, numbered from 1."""
    pictures = []
    for child in stream:
        image = child.value.get("image")
        if image is None:
            continue
        renditions = image.get_renditions(*SPECS)
        pictures.append(
            GalleryPicture(
                number=len(pictures) + 1,
                alt=child.value.get("alt_text", ""),
                caption=child.value.get("caption", ""),
                thumb=renditions[THUMB],
                thumb_2x=renditions[THUMB_2X],
                view=renditions[VIEW],
                view_large=renditions[VIEW_LARGE],
            )
        )
    return pictures


def first_image(stream):
    """The first picture of a gallery stream (image, alt text), or (None, "")."""
    for child in stream:
        image = child.value.get("image")
        if image is not None:
            return image, child.value.get("alt_text", "")
    return None, ""
