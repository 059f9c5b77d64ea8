"""What "Letters and replies" publishes has no personal data."""

from cityportal.mailbox.redaction import redact, removed_mark


def test_the_writers_own_details_are_removed_wherever_they_appear():
    text = "I am Wei Zhang (wei.zhang@example.org, +86 734 555 0101). Mr Zhang thanks you."
    result = redact(text, name="Wei Zhang", email="wei.zhang@example.org", phone="+86 734 555 0101")
    assert "Zhang" not in result and "wei.zhang" not in result and "555" not in result
    assert result.count(removed_mark()) == 4


def test_chinese_names_and_numbers_inside_chinese_text():
    text = "我是张伟，电话13812345678，邮箱zw@example.com，身份证43040019900101123X。"
    result = redact(text, name="张伟")
    assert "张伟" not in result and "138" not in result and "zw@" not in result and "430400" not in result
    assert result.startswith("我是")
    assert "电话" in result and "邮箱" in result


def test_dates_short_numbers_and_ordinary_words_stay():
    text = "On 2024-05-18 bus line 12 took 45 minutes to the industrial park."
    assert redact(text, name="Will Park") == text


def test_empty_text():
    assert redact("", name="A") == ""
