"""Placeholder pictures for the demo site, drawn here (no photographs, nothing copyrighted)
and labelled "Sample picture" so nobody mistakes them for real views."""

import io
import math
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

SEED = "cityportal-media-placeholders"


def _font(size: int):
    return ImageFont.load_default(size=size)


def _label(
    draw: ImageDraw.ImageDraw, size: tuple[int, int], title: str, subtitle: str, share: float = 0.2
) -> None:
    width, height = size
    band = int(height * share)
    draw.rectangle((0, height - band, width, height), fill=(10, 30, 50))
    draw.text(
        (int(width * 0.04), height - band + int(band * 0.12)),
        title,
        fill=(255, 255, 255),
        font=_font(band // 3),
    )
    draw.text(
        (int(width * 0.04), height - band + int(band * 0.58)),
        subtitle,
        fill=(255, 222, 140),
        font=_font(band // 5),
    )


def landscape(key: str, title: str, size: tuple[int, int] = (1200, 900)) -> PILImage.Image:
    """Sky, a sun and three ridges of hills, in colours chosen from ``key``."""
    rng = random.Random(f"{SEED}:{key}")
    width, height = size
    picture = PILImage.new("RGB", size)
    draw = ImageDraw.Draw(picture)
    top = (rng.randint(60, 120), rng.randint(120, 170), rng.randint(190, 235))
    bottom = (rng.randint(200, 240), rng.randint(200, 230), rng.randint(170, 210))
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        )
    sun_x, sun_y = rng.randint(width // 5, width * 4 // 5), rng.randint(height // 8, height // 3)
    draw.ellipse((sun_x - 50, sun_y - 50, sun_x + 50, sun_y + 50), fill=(255, 236, 170))
    hue = rng.randint(0, 2)
    for layer in range(3):
        base = height * (0.45 + 0.12 * layer)
        amplitude = height * (0.12 - 0.025 * layer)
        phase, waves = rng.random() * math.tau, rng.uniform(1.5, 3.5)
        points = [(0, height)]
        for x in range(0, width + 20, 20):
            y = base - amplitude * (
                0.6 * math.sin(phase + waves * x / width * math.tau) + 0.4 * math.sin(x / 37)
            )
            points.append((x, y))
        points.append((width, height))
        shade = 110 - 30 * layer
        colour = [shade // 2, shade, shade // 2 + 20]
        colour[hue] = min(255, colour[hue] + 30)
        draw.polygon(points, fill=tuple(colour))
    _label(draw, size, title, "Sample picture - a drawing, not a photograph")
    return picture


def schematic_map(key: str, title: str, size: tuple[int, int] = (2400, 1600)) -> PILImage.Image:
    """A sample drawing in the manner of a map: five coloured areas labelled District A
    to E, a river from the south-west corner to the north-east corner, a north arrow and
    a legend. It is not a real map, and says so on the picture."""
    rng = random.Random(f"{SEED}:{key}")
    width, height = size
    picture = PILImage.new("RGB", size, (236, 232, 220))
    draw = ImageDraw.Draw(picture)
    colours = [(200, 225, 190), (240, 215, 180), (205, 215, 240), (235, 200, 210), (220, 235, 200)]
    cols = [0, width * 0.3, width * 0.55, width * 0.8, width]
    for index in range(5):
        left = cols[index] if index < 4 else width * 0.55
        right = cols[index + 1] if index < 4 else width
        top, bottom = (height * 0.2, height * 0.62) if index < 4 else (height * 0.62, height * 0.84)
        if index == 2:
            right = width * 0.8
        jitter = [rng.uniform(-30, 30) for _ in range(4)]
        draw.polygon(
            [
                (left + jitter[0], top),
                (right + jitter[1], top),
                (right + jitter[2], bottom),
                (left + jitter[3], bottom),
            ],
            fill=colours[index],
            outline=(120, 110, 100),
        )
        draw.text(
            ((left + right) / 2 - 150, (top + bottom) / 2 - 30),
            f"District {'ABCDE'[index]}",
            fill=(40, 40, 40),
            font=_font(60),
        )
    river = [
        (x, height * 0.86 - (height * 0.7) * (x / width) + 60 * math.sin(x / 180))
        for x in range(0, width + 10, 10)
    ]
    draw.line(river, fill=(60, 120, 200), width=36, joint="curve")
    draw.polygon([(width - 150, 80), (width - 190, 200), (width - 110, 200)], fill=(30, 30, 30))
    draw.text((width - 170, 210), "N", fill=(30, 30, 30), font=_font(60))
    draw.rectangle((40, 40, 720, 260), fill=(255, 255, 255), outline=(30, 30, 30), width=3)
    draw.line([(70, 110), (190, 110)], fill=(60, 120, 200), width=24)
    draw.text((210, 80), "River", fill=(30, 30, 30), font=_font(50))
    draw.rectangle((70, 170, 190, 220), fill=colours[0], outline=(120, 110, 100))
    draw.text((210, 160), "District", fill=(30, 30, 30), font=_font(50))
    _label(draw, size, title, "Sample map drawing - not to scale, not a real map", share=0.14)
    return picture


def store(picture: PILImage.Image, *, title: str, filename: str, description: str = ""):
    """Saves a drawn picture as a Wagtail image."""
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=False)
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=filename), description=description
    )
