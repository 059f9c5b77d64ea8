"""The FAQ page as visitors use it: the table of contents and anchors, the search box
(server-side, without JavaScript) and the schema.org FAQPage data."""

import json

import pytest

from cityportal.core.tests.utils import soup
from cityportal.faq.tests.conftest import category

pytestmark = pytest.mark.django_db


def test_every_question_is_in_the_table_of_contents_with_a_working_anchor(client, demo_faq):
    html = soup(client.get(demo_faq.url))
    toc_links = [a["href"] for a in html.select("#faq-toc .faq-toc__questions a")]
    questions = html.select(".faq-entry__question")
    assert len(toc_links) == len(questions) == 12
    assert toc_links == ["#" + h["id"] for h in questions]
    ids = [element["id"] for element in html.select("[id]")]
    assert len(ids) == len(set(ids)), "ids must be unique on the page"
    assert "#q-how-can-i-extend-my-visa-while-i-am-here" in toc_links
    categories = [a.get_text(strip=True) for a in html.select(".faq-toc__categories > li > a")]
    assert categories == [
        "Visas and entry",
        "Residence registration",
        "Living in the city",
        "Using this portal",
    ]


def test_the_faq_is_marked_as_sample_content(client, demo_faq):
    assert "Sample content:" in soup(client.get(demo_faq.url)).select_one(".intro").get_text()


def test_structured_data_is_a_schema_org_faq_page(client, demo_faq):
    html = soup(client.get(demo_faq.url))
    scripts = html.select("script[type='application/ld+json']")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org" and data["@type"] == "FAQPage"
    assert len(data["mainEntity"]) == 12
    for item in data["mainEntity"]:
        assert item["@type"] == "Question" and item["name"]
        assert item["acceptedAnswer"]["@type"] == "Answer"
        assert item["acceptedAnswer"]["text"] and "<" not in item["acceptedAnswer"]["text"]
    names = [item["name"] for item in data["mainEntity"]]
    assert names == [h.get_text() for h in html.select(".faq-entry__question")]
    assert "住宿登记" in data["mainEntity"][3]["acceptedAnswer"]["text"]


def test_structured_data_cannot_close_its_script_element(client, make_faq):
    faq = make_faq(category("Odd", ("What about </script><script>alert(1)</script>?", "Nothing.")))
    body = client.get(faq.url).content.decode()
    assert "</script><script>alert(1)" not in body
    data = json.loads(soup(client.get(faq.url)).select_one("script[type='application/ld+json']").string)
    assert data["mainEntity"][0]["name"] == "What about </script><script>alert(1)</script>?"


def search(client, faq, query: str):
    return client.get(faq.url, {"q": query})


def status_text(html) -> str:
    return html.select_one(".faq-status").get_text(" ", strip=True)


def shown_questions(html) -> list[str]:
    return [h.get_text() for h in html.select(".faq-entry__question")]


def test_a_search_shows_the_matching_questions(client, demo_faq):
    html = soup(search(client, demo_faq, "passport"))
    assert shown_questions(html) == [
        "How can I extend my visa while I am here?",
        "What should I do if I lose my passport?",
        "How do I use the Mailbox of Government?",
    ]
    assert status_text(html).startswith("3 questions match “passport”.")
    assert [a["href"] for a in html.select("#faq-toc .faq-toc__questions a")] == [
        "#" + h["id"] for h in html.select(".faq-entry__question")
    ]
    assert html.select_one("#faq-toc h2").get_text() == "Matching questions"
    assert [m.get_text() for m in html.select(".faq-entry__question mark")] == ["passport"]
    assert html.select_one("#faq-q")["value"] == "passport"
    assert html.select_one("meta[name=robots]")["content"] == "noindex"
    assert html.select_one(".faq-status a")["href"] == demo_faq.url


def test_a_search_keeps_each_question_at_its_anchor(client, demo_faq):
    full = {h.get_text(): h["id"] for h in soup(client.get(demo_faq.url)).select(".faq-entry__question")}
    found = soup(search(client, demo_faq, "emergency"))
    assert [(h.get_text(), h["id"]) for h in found.select(".faq-entry__question")] == [
        ("How do I call for help in an emergency?", full["How do I call for help in an emergency?"])
    ]
    assert status_text(found).startswith("1 question matches “emergency”.")


def test_searching_matches_answers_and_word_forms(client, demo_faq):
    # "registering" finds "register" (same stem); "police" is only in the answers.
    html = soup(search(client, demo_faq, "registering police"))
    assert shown_questions(html) == [
        "Do I have to register where I am staying?",
        "What do I do when I move to a new address?",
    ]
    assert len(shown_questions(soup(search(client, demo_faq, "visas")))) == 4


def test_chinese_words_are_found_inside_chinese_text(client, demo_faq):
    html = soup(search(client, demo_faq, "登记"))
    assert shown_questions(html) == ["Do I have to register where I am staying?"]
    echoed = html.select_one(".faq-status span[lang='zh-Hans']")
    assert echoed.get_text() == "登记"
    assert shown_questions(soup(search(client, demo_faq, "住宿登记"))) == [
        "Do I have to register where I am staying?"
    ]


def test_no_match_gives_suggestions(client, demo_faq):
    html = soup(search(client, demo_faq, "visa xylophone"))
    text = status_text(html)
    assert "No questions match “visa xylophone”." in text
    suggestions = {a.get_text(): a["href"] for a in html.select(".no-results a")}
    assert suggestions["visa"] == f"{demo_faq.url}?q=visa"
    assert "xylophone" not in suggestions
    assert suggestions["searching the whole site for the same words."] == "/en/search/?q=visa%20xylophone"
    assert suggestions["reading the list of all questions;"] == demo_faq.url
    assert not html.select(".faq-entry")


def test_html_in_the_query_is_removed_with_a_message(client, demo_faq):
    html = soup(search(client, demo_faq, "<b>visa</b> <i>extend</i>"))
    assert "Your search contained HTML tags." in status_text(html)
    assert html.select_one("#faq-q")["value"] == "visa extend"
    assert shown_questions(html) == ["How can I extend my visa while I am here?"]
    body = search(client, demo_faq, "<script>alert(1)</script>").content.decode()
    assert "<script>alert(1)" not in body


def test_a_very_long_query_is_cut_with_a_message(client, demo_faq):
    response = search(client, demo_faq, "visa " * 500)
    assert response.status_code == 200
    html = soup(response)
    assert "longer than 200 characters" in status_text(html)
    assert len(html.select_one("#faq-q")["value"]) <= 200
    assert "visa" in status_text(html)


@pytest.mark.parametrize(
    ("query", "message"),
    [("", "Type a word or phrase to search for."), ("?!*", "Your search has no letters or numbers in it.")],
)
def test_a_query_without_words_shows_all_questions_with_a_message(client, demo_faq, query, message):
    html = soup(search(client, demo_faq, query))
    assert message in status_text(html)
    assert len(shown_questions(html)) == 12


def test_the_search_form_works_without_javascript(client, demo_faq):
    form = soup(client.get(demo_faq.url)).select_one("form.faq-search")
    assert form["method"] == "get" and form["action"] == demo_faq.url
    assert form.select_one("input[name=q]")["id"] == "faq-q"
    assert form.select_one("label[for=faq-q]")
    # Nothing per visitor on the page: no token, no cookie.
    response = client.get(demo_faq.url)
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies


def test_the_site_search_box_is_not_filled_with_the_faq_query(client, demo_faq):
    html = soup(search(client, demo_faq, "visa"))
    assert html.select_one("#site-search-q").get("value", "") == ""


def test_the_faq_is_the_same_for_everyone(client, admin_client, demo_faq):
    """No per-visitor content: the page can be published as a static file."""
    for address in (demo_faq.url, demo_faq.url + "?q=visa"):
        assert client.get(address).content == admin_client.get(address).content
