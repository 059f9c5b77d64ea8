"""Fixtures of the investment tests: the demo's channels and fresh, empty ones."""

from decimal import Decimal

import pytest

from cityportal.core.tests.utils import publish
from cityportal.investment.models import (
    EnterpriseListPage,
    IndustrialParkListPage,
    IndustrialParkPage,
    ProjectListPage,
    ProjectPage,
)
from cityportal.news.models import SectionPage


@pytest.fixture
def investment(db) -> SectionPage:
    return SectionPage.objects.get(slug="investment")


@pytest.fixture
def projects(db) -> ProjectListPage:
    """The demo's Investment Projects channel."""
    return ProjectListPage.objects.get(slug="investment-projects")


@pytest.fixture
def parks(db) -> IndustrialParkListPage:
    """The demo's Industrial Parks channel."""
    return IndustrialParkListPage.objects.get(slug="industrial-parks")


@pytest.fixture
def enterprises(db) -> EnterpriseListPage:
    """The demo's Enterprise Focus channel."""
    return EnterpriseListPage.objects.get(slug="enterprise-focus")


@pytest.fixture
def empty_projects(investment) -> ProjectListPage:
    return publish(investment, ProjectListPage(title="Test projects", show_in_menus=True))


@pytest.fixture
def empty_parks(investment) -> IndustrialParkListPage:
    return publish(investment, IndustrialParkListPage(title="Test parks", show_in_menus=True))


def make_park(channel, name: str, **fields) -> IndustrialParkPage:
    return publish(channel, IndustrialParkPage(title=name, **fields))


def make_project(channel, name: str, **fields) -> ProjectPage:
    fields.setdefault("sector", "other")
    if "park" not in fields:
        fields.setdefault("location", "Somewhere in the city")
    fields.setdefault("total_investment", Decimal("1000000"))
    return publish(channel, ProjectPage(title=name, **fields))
