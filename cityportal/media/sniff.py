"""Recognising audio and video files by their content, not by their name.

An upload named ``talk.mp3`` is accepted only if its first bytes are those of an audio
format that browsers play; a renamed program or web page is refused."""

import wave
from typing import BinaryIO

HEADER_BYTES = 64

# Format -> (media type, extensions it may carry).
FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "wav": ("audio", ("wav",)),
    "mp3": ("audio", ("mp3",)),
    "flac": ("audio", ("flac",)),
    "ogg-audio": ("audio", ("ogg", "oga", "opus")),
    "m4a": ("audio", ("m4a", "aac")),
    "webm": ("video", ("webm",)),
    "mp4": ("video", ("mp4", "m4v")),
    "ogg-video": ("video", ("ogv",)),
}
AUDIO_EXTENSIONS = sorted({ext for kind, exts in FORMATS.values() if kind == "audio" for ext in exts})
VIDEO_EXTENSIONS = sorted({ext for kind, exts in FORMATS.values() if kind == "video" for ext in exts})


def _read_header(file: BinaryIO) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    header = file.read(HEADER_BYTES)
    file.seek(position)
    return header


def _is_mp3(header: bytes) -> bool:
    if header.startswith(b"ID3"):
        return True
    # An MPEG audio frame: 11 sync bits, then layer III (bits 01).
    return (
        len(header) >= 2 and header[0] == 0xFF and (header[1] & 0xE0) == 0xE0 and (header[1] & 0x06) == 0x02
    )


def sniff_format(file: BinaryIO) -> str | None:
    """The format of an audio or video file from its first bytes, or None."""
    header = _read_header(file)
    if header[:4] == b"RIFF" and header[8:12] == b"WAVE":
        return "wav"
    if header[:4] == b"fLaC":
        return "flac"
    if header[:4] == b"\x1a\x45\xdf\xa3":
        # Matroska; browsers play the WebM profile (the doctype is near the start).
        return "webm" if b"webm" in header else None
    if header[4:8] == b"ftyp":
        brand = header[8:12]
        return "m4a" if brand in (b"M4A ", b"M4B ") else "mp4"
    if header[:4] == b"OggS":
        # The first page names the codec of its stream.
        return "ogg-video" if b"theora" in header else "ogg-audio"
    if _is_mp3(header):
        return "mp3"
    return None


def check_media_file(file: BinaryIO, name: str, media_type: str) -> str | None:
    """None if ``file`` is a playable ``media_type`` ("audio"/"video") file whose content
    matches its extension; otherwise the reason, for the editor."""
    found = sniff_format(file)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if found is None:
        return "unknown"
    kind, extensions = FORMATS[found]
    if kind != media_type:
        return "wrong-type"
    if extension not in extensions:
        return "wrong-extension"
    return None


def wav_duration(file: BinaryIO) -> float | None:
    """The length in seconds of a WAV file, read from its header, or None."""
    position = file.tell()
    try:
        file.seek(0)
        with wave.open(file) as reader:
            frames, rate = reader.getnframes(), reader.getframerate()
        return frames / rate if rate else None
    except (wave.Error, EOFError):
        return None
    finally:
        file.seek(position)
