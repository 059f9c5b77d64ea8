"""WebVTT caption text is checked before it can be published."""

from cityportal.media import webvtt

VALID = """WEBVTT - sample

NOTE a comment block is skipped

1
00:00:00.500 --> 00:00:04.381 line:90%
This is a sample video.

00:01:02.000 --> 01:00:03.250
Second cue
on two lines.
"""


def test_a_valid_file_gives_its_cues():
    cues, problems = webvtt.parse(VALID)
    assert problems == []
    assert [(c.start, c.end, c.text) for c in cues] == [
        (0.5, 4.381, "This is a sample video."),
        (62.0, 3603.25, "Second cue\non two lines."),
    ]


def test_windows_line_ends_and_a_byte_order_mark_are_accepted():
    cues, problems = webvtt.parse("\ufeff" + VALID.replace("\n", "\r\n"))
    assert problems == [] and len(cues) == 2


def test_the_header_line_is_required():
    assert webvtt.parse("1\n00:00:01.000 --> 00:00:02.000\nHello\n")[1] == [
        "WebVTT captions start with the line “WEBVTT”."
    ]
    assert webvtt.parse("WEBVTTX\n\n00:00:01.000 --> 00:00:02.000\nHello\n")[1]


def test_bad_timings_are_named_with_their_line():
    text = (
        "WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nSubRip commas\n\n00:00:05.000 --> 00:00:04.000\nBackwards\n"
    )
    _cues, problems = webvtt.parse(text)
    assert problems == [
        "Line 3: “00:00:01,000 --> 00:00:02,000” is not a timing like “00:00:01.000 --> 00:00:04.000”.",
        "Line 6: the cue ends before it starts.",
    ]


def test_a_cue_needs_text_and_a_file_needs_a_cue():
    assert webvtt.parse("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n")[1] == ["Line 3: the cue has no text."]
    assert webvtt.parse("WEBVTT\n")[1] == ["The captions have no cues."]
    assert webvtt.parse("WEBVTT\n\njust some words\n")[1] == [
        "Line 3: a cue needs a timing line such as “00:00:01.000 --> 00:00:04.000”."
    ]


def test_very_long_text_is_refused():
    assert webvtt.parse("WEBVTT\n\n" + "x" * webvtt.MAX_LENGTH)[1][0].startswith("The captions are too long")
