"""Attachments of letters: PDF, JPEG or PNG, recognised by their content.

A file's name and the type the browser claims are ignored: a web page or a program
renamed ``scan.pdf`` is refused. PDFs must start with the PDF header (``%PDF-``) and end
with the end-of-file marker; images must open and verify with Pillow (which also refuses
decompression bombs).
"""

from dataclasses import dataclass
from typing import BinaryIO

from django.conf import settings

PDF = "pdf"
JPEG = "jpeg"
PNG = "png"
CONTENT_TYPES = {PDF: "application/pdf", JPEG: "image/jpeg", PNG: "image/png"}
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}
# The end-of-file marker may be followed by padding some scanners add.
PDF_TAIL = 2048
DEFAULT_MAX_FILES = 3
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def max_files() -> int:
    return int(getattr(settings, "CITYPORTAL_MAILBOX_MAX_ATTACHMENTS", DEFAULT_MAX_FILES))


def max_bytes() -> int:
    return int(getattr(settings, "CITYPORTAL_MAILBOX_MAX_ATTACHMENT_BYTES", DEFAULT_MAX_BYTES))


@dataclass(frozen=True)
class Sniffed:
    kind: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.kind]


def _read(file: BinaryIO, start: int | None, size: int) -> bytes:
    if start is None:
        file.seek(0, 2)
        end = file.tell()
        file.seek(max(0, end - size))
    else:
        file.seek(start)
    return file.read(size)


def _is_pdf(file: BinaryIO) -> bool:
    # The specification tolerates junk before the header; real PDFs start with it, and
    # a file that starts otherwise could be a web page carrying a PDF inside.
    if _read(file, 0, 5) != b"%PDF-":
        return False
    tail = _read(file, None, PDF_TAIL)
    return b"%%EOF" in tail


def _image_kind(file: BinaryIO) -> str | None:
    head = _read(file, 0, 16)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        expected = PNG
    elif head.startswith(b"\xff\xd8\xff"):
        expected = JPEG
    else:
        return None
    from PIL import Image

    file.seek(0)
    try:
        with Image.open(file) as image:
            if image.format != expected.upper():
                return None
            image.verify()
    except Exception:  # noqa: BLE001 - any failure to decode means "not a usable image"
        return None
    return expected


def sniff(file: BinaryIO) -> Sniffed | None:
    """What the file is by its bytes (PDF, JPEG or PNG), or None for anything else."""
    try:
        if _is_pdf(file):
            return Sniffed(PDF)
        kind = _image_kind(file)
        return Sniffed(kind) if kind else None
    finally:
        file.seek(0)


def display_name(name: str, sniffed: Sniffed) -> str:
    """The writer's file name, without any path, ending in the extension of what the
    file really is."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip() or "attachment"
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem = name
    valid = {sniffed.extension, "jpeg"} if sniffed.kind == JPEG else {sniffed.extension}
    if dot and extension.lower() in valid:
        return name[:200]
    return f"{stem[:190]}.{sniffed.extension}"
