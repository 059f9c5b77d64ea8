"""The directory's part of the demo: E-Government > Officials and Departments are the
directory's channels, filled with fictional officials and departments marked as samples,
with placeholder contacts only."""

import re

import pytest

from cityportal.demo.sample_content import SAMPLE_NOTICE
from cityportal.directory import demo
from cityportal.directory.models import DepartmentIndexPage, DepartmentPage, OfficialListPage, OfficialPage
from cityportal.news.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_the_demo_channels_are_directory_channels(officials, departments):
    assert officials.specific_class is OfficialListPage
    assert departments.specific_class is DepartmentIndexPage
    assert officials.get_parent().slug == departments.get_parent().slug == "e-government"
    assert officials.live and officials.show_in_menus and departments.live and departments.show_in_menus
    assert set(demo.CHANNELS) == {("e-government", "officials"), ("e-government", "departments")}
    # The generic "[Sample]" articles are not added to them.
    assert not ArticlePage.objects.child_of(officials).exists()
    assert not ArticlePage.objects.child_of(departments).exists()
    children = departments.get_children().specific()
    assert [type(p) for p in children] == [DepartmentPage] * len(demo.DEPARTMENTS)


def test_sample_officials_are_fictional_and_say_so(officials):
    stored = list(officials.get_listing())
    assert [o.title for o in stored] == [name for name, *_ in demo.OFFICIALS]
    for official in stored:
        assert re.fullmatch(r"Sample Official [A-E]", official.title)
        assert "(sample entry)" in official.position
        assert SAMPLE_NOTICE in official.biography
        if official.photo_id:
            assert official.photo_alt.startswith("Placeholder silhouette")
    assert sum(1 for o in stored if o.photo_id) == 3


def test_sample_departments_are_marked_and_have_placeholder_contacts_only(departments):
    stored = list(departments.get_listing())
    assert len(stored) == len(demo.DEPARTMENTS) == 10
    for department in stored:
        assert department.title.endswith("(Sample)")
        assert SAMPLE_NOTICE in department.functions
        assert department.email.endswith("@example.org")
        assert department.website.startswith("https://example.org/")
        assert re.fullmatch(r"555-01\d\d \(example number\)", department.phone)
        assert "(example address)" in department.address
        # The group is the directory's; the mailbox's demo grants it the mailbox's rights.
        assert department.staff_group.name == f"{department.title} staff"
    foreign = DepartmentPage.objects.get(title="Foreign Affairs Office (Sample)")
    assert foreign.opening_hours and foreign.address and foreign.phone
    assert foreign.leader.title == "Sample Official B"


def test_the_demo_items_are_dated_before_the_reference_article(reference_article):
    for page in list(OfficialPage.objects.all()) + list(DepartmentPage.objects.all()):
        assert page.first_published_at < reference_article.first_published_at
