"""Template filters: dates on the city's clock and JSON-LD that cannot end its script."""

import json
from datetime import UTC, datetime

from django.template import Context, Template

from cityportal.core.templatetags.portal_tags import iso_datetime, jsonld, local_datetime


def test_local_datetime_is_the_date_add_in_format_on_the_city_clock():
    moment = datetime(2024, 5, 18, 15, 14, 41, 123456, tzinfo=UTC)
    assert local_datetime(moment) == "2024-05-18 23:14:41"
    assert local_datetime(None) == ""


def test_iso_datetime_has_the_offset_and_no_microseconds():
    moment = datetime(2024, 5, 18, 15, 14, 41, 987654, tzinfo=UTC)
    assert iso_datetime(moment) == "2024-05-18T23:14:41+08:00"
    assert iso_datetime(None) == ""


def test_jsonld_escapes_markup_but_keeps_the_data():
    data = {"headline": "</script><script>alert(1)</script> & 衡阳", "n": 1}
    text = jsonld(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "衡阳" in text
    assert json.loads(text) == data


def test_filters_in_a_template():
    template = Template("{% load portal_tags %}{{ when|local_datetime }}|{{ when|iso_datetime }}")
    rendered = template.render(Context({"when": datetime(2024, 12, 31, 16, 0, 0, tzinfo=UTC)}))
    assert rendered == "2025-01-01 00:00:00|2025-01-01T00:00:00+08:00"


def test_lang_attr_marks_chinese_text_on_an_english_page():
    from django.utils import translation

    from cityportal.core.templatetags.portal_tags import lang_attribute

    with translation.override("en"):
        assert lang_attribute("衡阳市政府门户网站") == ' lang="zh-Hans"'
        assert lang_attribute("Hengyang") == ""
        assert lang_attribute("") == ""
    with translation.override("zh-hans"):
        assert lang_attribute("衡阳市政府门户网站") == ""


def test_the_chinese_source_of_an_article_is_marked_as_chinese(client, reference_article):
    html = client.get(reference_article.url).content.decode()
    assert '<span lang="zh-Hans">衡阳市政府门户网站</span>' in html
