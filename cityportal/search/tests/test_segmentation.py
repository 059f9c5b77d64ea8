"""jieba segmentation at index time and at query time."""

import pytest

from cityportal.demo import reference_article as ref
from cityportal.search.segmentation import contains_chinese, query_terms, segment_for_index, segment_query
from cityportal.search.views import engine_query

SENTENCE = "衡阳市今年重点推进湘江风光带绿道建设，方便市民骑行和散步。"


def test_chinese_sentence_is_cut_into_words_for_the_index():
    words = segment_for_index(SENTENCE).split(" ")
    for word in ["衡阳市", "湘江", "绿道", "建设", "市民", "骑行", "散步"]:
        assert word in words
    assert SENTENCE not in words


def test_index_keeps_the_parts_of_long_words():
    """Search-engine mode: 衡阳市 also yields 衡阳, 门户网站 also yields 门户 and 网站."""
    words = segment_for_index(ref.SOURCE).split(" ")
    for word in ["衡阳", "衡阳市", "政府", "门户", "网站", "门户网站"]:
        assert word in words


def test_every_query_word_is_a_word_of_the_index():
    indexed = set(segment_for_index(ref.SOURCE).split(" "))
    assert segment_query(ref.SOURCE).split(" ") == ["衡阳市", "政府", "门户网站"]
    assert set(segment_query(ref.SOURCE).split(" ")) <= indexed
    assert set(segment_query(SENTENCE).split(" ")) - {"，", "。"} <= set(
        segment_for_index(SENTENCE).split(" ")
    )


@pytest.mark.parametrize("text", ["Investment  attraction\n in Hengyang", "  a   b "])
def test_latin_text_passes_through_with_spaces_normalised(text):
    assert segment_for_index(text) == " ".join(text.split())
    assert segment_query(text) == " ".join(text.split())


def test_mixed_text_separates_chinese_from_latin():
    assert segment_query("CNNC政府合作").split(" ")[:2] == ["CNNC", "政府"]


def test_empty_text():
    assert segment_for_index("") == ""
    assert segment_query("") == ""
    assert query_terms("") == []


def test_contains_chinese():
    assert contains_chinese("Hengyang 衡阳")
    assert not contains_chinese("Hengyang")
    assert not contains_chinese("")


def test_engine_query_keeps_words_and_drops_punctuation():
    assert engine_query("政府，门户网站。") == "政府 门户网站"
    assert engine_query('"investment" AND NEAR(a*, -b)') == "investment AND NEAR a b"
    assert engine_query("' OR 1=1; --") == "OR 1 1"
    assert engine_query("a_b") == "a b"
