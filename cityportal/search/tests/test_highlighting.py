"""Excerpts and <mark> highlighting of search results."""

from cityportal.search.highlighting import excerpt, highlight, match_spans, page_excerpt, porter_stems


def test_stems_are_those_of_the_index():
    stems = porter_stems(["investments", "Investment", "coordinating", "café", "政府"])
    assert stems == {
        "investments": "invest",
        "Investment": "invest",
        "coordinating": "coordin",
        "café": "cafe",
        "政府": "政府",
    }


def test_words_with_the_same_stem_are_marked():
    assert highlight("Investment and investors invest.", ["investing"]) == (
        "<mark>Investment</mark> and investors <mark>invest</mark>."
    )


def test_latin_terms_match_whole_words_only():
    assert highlight("in the inspection", ["in"]) == "<mark>in</mark> the inspection"


def test_chinese_terms_are_marked_inside_chinese_text():
    assert highlight("衡阳市政府门户网站", ["政府"]) == "衡阳市<mark>政府</mark>门户网站"
    assert highlight("CNNC合作项目", ["CNNC", "合作"]) == "<mark>CNNC</mark><mark>合作</mark>项目"


def test_overlapping_matches_become_one_mark():
    assert highlight("衡阳市政府", ["衡阳", "衡阳市", "市政"]) == "<mark>衡阳市政</mark>府"
    assert match_spans("衡阳市政府", ["衡阳", "衡阳市", "市政"]) == [(0, 4)]


def test_text_and_terms_are_escaped():
    marked = highlight("<script>alert(1)</script> & script", ["script", "<b>"])
    assert (
        marked == "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; &amp; <mark>script</mark>"
    )
    assert highlight('Tom & "Jerry"', []) == "Tom &amp; &quot;Jerry&quot;"


def test_excerpt_starts_near_the_first_match_with_ellipses():
    text = " ".join(f"word{i}" for i in range(100)) + " the investment plan " + "after " * 100
    cut = excerpt(text, ["investments"], width=120)
    assert cut.startswith("…word")
    assert cut.endswith("…")
    assert "<mark>investment</mark>" in cut
    assert "word0 " not in cut
    assert len(cut.replace("<mark>", "").replace("</mark>", "")) <= 122


def test_excerpt_of_short_text_is_the_whole_text():
    assert excerpt("Hengyang promotes investment.", ["investment"]) == (
        "Hengyang promotes <mark>investment</mark>."
    )


def test_excerpt_in_chinese_text():
    text = "这是一段很长的介绍。" * 20 + "衡阳市政府门户网站" + "后面的文字。" * 30
    cut = excerpt(text, ["政府"], width=80)
    assert cut.startswith("…")
    assert "衡阳市<mark>政府</mark>门户网站" in cut


def test_excerpt_reads_rich_text_as_text():
    assert excerpt("<p>Fish &amp; <b>chips</b></p>", ["chips"]) == "Fish &amp; <mark>chips</mark>"


def test_no_match_means_no_excerpt():
    assert excerpt("Nothing here.", ["investment"]) is None
    assert excerpt("", ["investment"]) is None


def test_page_excerpt_skips_the_title_and_uses_the_first_matching_part():
    class Page:
        def get_search_text_parts(self):
            return ["Investment title", "", "A summary.", "衡阳市政府门户网站", "Body about investment."]

    assert page_excerpt(Page(), ["investment"]) == "Body about <mark>investment</mark>."
    assert page_excerpt(Page(), ["政府"]) == "衡阳市<mark>政府</mark>门户网站"
    assert page_excerpt(Page(), ["title"]) is None
