"""Checking WebVTT caption text (https://www.w3.org/TR/webvtt1/) before it is published:
a track that browsers cannot read would leave people without captions silently."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

TIMESTAMP = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
TIMING = re.compile(rf"^{TIMESTAMP}[ \t]+-->[ \t]+{TIMESTAMP}(?:[ \t]+.*)?$")
MAX_LENGTH = 200_000


@dataclass
class Cue:
    start: float
    end: float
    text: str


def _seconds(hours, minutes, seconds, millis) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def parse(text: str) -> tuple[list[Cue], list[str]]:
    """The cues of a WebVTT file and the problems found (empty when it is valid)."""
    problems: list[str] = []
    if len(text) > MAX_LENGTH:
        return [], [_("The captions are too long (at most %(count)d characters).") % {"count": MAX_LENGTH}]
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = lines[0] if lines else ""
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        return [], [_("WebVTT captions start with the line “WEBVTT”.")]
    cues: list[Cue] = []
    index = 1
    # Header lines run to the first blank line.
    while index < len(lines) and lines[index].strip():
        index += 1
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        block_start = index
        block = []
        while index < len(lines) and lines[index].strip():
            block.append(lines[index])
            index += 1
        if block[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing_at = 0 if "-->" in block[0] else 1
        if timing_at >= len(block) or "-->" not in block[timing_at]:
            problems.append(
                _("Line %(line)d: a cue needs a timing line such as “00:00:01.000 --> 00:00:04.000”.")
                % {"line": block_start + 1}
            )
            continue
        match = TIMING.match(block[timing_at].strip())
        line_number = block_start + timing_at + 1
        if not match:
            problems.append(
                _("Line %(line)d: “%(text)s” is not a timing like “00:00:01.000 --> 00:00:04.000”.")
                % {"line": line_number, "text": block[timing_at][:60]}
            )
            continue
        start, end = _seconds(*match.groups()[:4]), _seconds(*match.groups()[4:])
        if end <= start:
            problems.append(_("Line %(line)d: the cue ends before it starts.") % {"line": line_number})
            continue
        cue_text = "\n".join(block[timing_at + 1 :]).strip()
        if not cue_text:
            problems.append(_("Line %(line)d: the cue has no text.") % {"line": line_number})
            continue
        cues.append(Cue(start, end, cue_text))
    if not cues and not problems:
        problems.append(_("The captions have no cues."))
    return cues, problems
