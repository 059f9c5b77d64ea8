"""Plain text out of rich text."""

from cityportal.core.text import plain_text


def test_blocks_and_line_breaks_become_single_spaces():
    assert plain_text("<h2>Where</h2><p>Room 101,<br/>City Hall</p><li>A</li><li>B</li>") == (
        "Where Room 101, City Hall A B"
    )


def test_inline_markup_does_not_split_words():
    assert plain_text("<p>Heng<b>yang</b> <i>city</i></p>") == "Hengyang city"


def test_nothing_gives_an_empty_string():
    assert plain_text(None) == plain_text("") == ""


def test_lists_are_joined_the_way_the_language_does_it():
    from django.utils import translation

    from cityportal.core.text import join_list

    assert join_list(["Passport", "Photo"]) == "Passport, Photo"
    with translation.override("zh-hans"):
        assert join_list(["护照", "照片"]) == "护照、照片"
