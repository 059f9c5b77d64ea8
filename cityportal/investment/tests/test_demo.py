"""The investment app's part of the demo: Investment > Investment Projects, Industrial
Parks and Enterprise Focus are the app's channels, filled with fictional parks, projects
and enterprises marked as samples, with placeholder contacts only."""

import re

import pytest

from cityportal.demo.sample_content import SAMPLE_MARK, SAMPLE_NOTICE
from cityportal.investment import demo
from cityportal.investment.models import (
    EnterpriseListPage,
    EnterprisePage,
    IndustrialParkListPage,
    IndustrialParkPage,
    ProjectListPage,
    ProjectPage,
)
from cityportal.news.models import ArticlePage

pytestmark = pytest.mark.django_db


def paragraphs(stream) -> list[str]:
    return [block.value.source for block in stream if block.block_type == "paragraph"]


def test_the_demo_channels_are_investment_channels(projects, parks, enterprises):
    assert projects.specific_class is ProjectListPage
    assert parks.specific_class is IndustrialParkListPage
    assert enterprises.specific_class is EnterpriseListPage
    for channel in (projects, parks, enterprises):
        assert channel.get_parent().slug == "investment"
        assert channel.live and channel.show_in_menus
        assert not ArticlePage.objects.child_of(channel).exists()
    assert set(demo.CHANNELS) == {
        ("investment", "investment-projects"),
        ("investment", "industrial-parks"),
        ("investment", "enterprise-focus"),
    }


def test_sample_parks_projects_and_enterprises_are_marked_as_samples():
    counts = {ProjectPage: len(demo.PROJECTS), IndustrialParkPage: len(demo.PARKS), EnterprisePage: 3}
    for model, count in counts.items():
        pages = list(model.objects.all())
        assert len(pages) == count
        for page in pages:
            assert page.title.startswith(SAMPLE_MARK + " ")
            stream = page.body if model is ProjectPage else page.profile
            assert paragraphs(stream)[0] == f"<p>{SAMPLE_NOTICE}</p>"
            assert page.live


def test_sample_contacts_are_placeholders():
    for page in list(ProjectPage.objects.all()) + list(IndustrialParkPage.objects.all()):
        assert page.contact_email.endswith("@example.org")
        assert re.fullmatch(r"555-02\d\d \(example number\)", page.contact_phone)
    for page in list(IndustrialParkPage.objects.all()) + list(EnterprisePage.objects.all()):
        assert page.website.startswith("https://example.org/")


def test_sample_projects_link_to_the_sample_parks():
    bearing = ProjectPage.objects.get(slug="precision-bearing-production-line")
    assert bearing.park.title == "[Sample] North Bank Industrial Park"
    assert bearing.formatted_investment == "CNY 120,000,000"
    assert {p.park.title for p in ProjectPage.objects.filter(park__isnull=False)} == {
        f"{SAMPLE_MARK} {name}" for name, *_ in demo.PARKS
    }
    assert ProjectPage.objects.filter(park__isnull=True).get().location.endswith("(sample location)")


def test_the_demo_items_are_dated_before_the_reference_article(reference_article):
    for model in (ProjectPage, IndustrialParkPage, EnterprisePage):
        for page in model.objects.all():
            assert page.first_published_at < reference_article.first_published_at
