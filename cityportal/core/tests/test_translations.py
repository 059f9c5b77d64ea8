"""The interface speaks Chinese in the Chinese edition: every message in the catalogue is
translated, and the compiled catalogue Django loads matches the one translators edit."""

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def po_entries(path: Path) -> list[dict]:
    """msgctxt / msgid / msgid_plural / msgstr / msgstr[0] of each entry of a .po file."""
    entries, current, key = [], {}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        match = re.match(r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (\".*\")$", line)
        if match:
            key = match.group(1)
            current[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
        elif not line.strip() and current:
            entries.append(current)
            current, key = {}, None
    return [e for e in entries if e.get("msgid")]


def test_every_message_has_a_chinese_translation():
    entries = po_entries(CATALOGUE)
    assert len(entries) > 100
    untranslated = [e["msgid"] for e in entries if not (e.get("msgstr") or e.get("msgstr[0]"))]
    assert untranslated == []
    assert "fuzzy" not in CATALOGUE.read_text(encoding="utf-8").split("msgid", 2)[2]


def test_the_compiled_catalogue_matches_the_source():
    with translation.override("zh-hans"):
        for entry in po_entries(CATALOGUE):
            context = entry.get("msgctxt")
            if "msgid_plural" in entry:
                plural = (entry["msgid"], entry["msgid_plural"], 5)
                found = translation.npgettext(context, *plural) if context else translation.ngettext(*plural)
                assert found == entry["msgstr[0]"], entry["msgid"]
            elif context:
                assert translation.pgettext(context, entry["msgid"]) == entry["msgstr"], entry["msgid"]
            else:
                assert translation.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]


@pytest.mark.django_db
def test_bad_input_gets_its_message_in_the_chinese_edition(client):
    html = client.get("/zh-hans/search/", {"q": "<b>政府</b>", "date_from": "2024-13-45"}).content.decode()
    assert "您的搜索内容含有 HTML 标签" in html
    assert "“2024-13-45”不是 2024-05-18 这样的日期，因此未使用。" in html
    assert '<html lang="zh-hans"' in html
