"""Anchors of FAQ questions and the matching of a search against them."""

import pytest

from cityportal.faq.entries import entry_matches, make_anchor
from cityportal.faq.tests.conftest import category

pytestmark = pytest.mark.django_db


def test_anchors_are_made_from_the_question():
    used: set[str] = set()
    assert make_anchor("q", "How do I extend my visa?", used) == "q-how-do-i-extend-my-visa"
    assert make_anchor("q", "How do I extend my visa?!", used) == "q-how-do-i-extend-my-visa-2"
    assert make_anchor("q", "How do I extend my visa", used) == "q-how-do-i-extend-my-visa-3"
    assert make_anchor("q", "如何办理住宿登记？", used) == "q-如何办理住宿登记"
    assert make_anchor("q", "???", used) == "q-untitled"
    long = make_anchor("q", "Where " + "exactly " * 20 + "is it?", used)
    assert len(long) <= 62 and long.endswith("exactly") and long.startswith("q-where-exactly")


def test_anchors_do_not_move_when_questions_are_added_or_reordered(make_faq):
    first = make_faq(category("A", ("Is the office open on Sunday?", "No."), ("Where is it?", "Here.")))
    anchors = {e.question: e.anchor for c in first.faq_categories() for e in c.entries}
    second = make_faq(
        category("New", ("Can I pay by card?", "Yes.")),
        category("A", ("Where is it?", "Here."), ("Is the office open on Sunday?", "No.")),
        title="Reordered",
    )
    again = {e.question: e.anchor for c in second.faq_categories() for e in c.entries}
    assert {q: again[q] for q in anchors} == anchors


def test_categories_and_questions_share_one_set_of_unique_ids(make_faq):
    faq = make_faq(category("Visa", ("Visa", "A.")), category("Visa", ("Visa", "B.")))
    ids = [c.anchor for c in faq.faq_categories()] + [
        e.anchor for c in faq.faq_categories() for e in c.entries
    ]
    assert ids == ["c-visa", "c-visa-2", "q-visa", "q-visa-2"]


@pytest.mark.parametrize(
    ("terms", "found"),
    [
        (["visa"], True),
        (["visas"], True),  # by its stem
        (["extending"], True),
        (["Visa", "photo"], True),
        (["visa", "bicycle"], False),  # every word must be found
        (["登记"], True),  # a Chinese word inside Chinese text
        (["住宿"], True),
        (["护照"], False),
        (["vis"], False),  # not a word of the text
    ],
)
def test_a_question_matches_when_every_word_is_found(make_faq, terms, found):
    faq = make_faq(category("Visas", ("How do I extend a visa?", "Bring a photo and register: 住宿登记.")))
    entry = faq.faq_categories()[0].entries[0]
    assert entry_matches(entry, terms) is found
