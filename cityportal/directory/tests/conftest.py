"""Fixtures of the directory tests: the demo's directory channels and fresh, empty ones."""

import pytest

from cityportal.core.tests.utils import publish
from cityportal.directory.models import DepartmentIndexPage, DepartmentPage, OfficialListPage, OfficialPage
from cityportal.news.models import SectionPage


@pytest.fixture
def e_government(db) -> SectionPage:
    return SectionPage.objects.get(slug="e-government")


@pytest.fixture
def officials(db) -> OfficialListPage:
    """The demo's Officials channel."""
    return OfficialListPage.objects.get(slug="officials")


@pytest.fixture
def departments(db) -> DepartmentIndexPage:
    """The demo's Departments channel."""
    return DepartmentIndexPage.objects.get(slug="departments")


@pytest.fixture
def empty_officials(e_government) -> OfficialListPage:
    return publish(e_government, OfficialListPage(title="Test officials", show_in_menus=True))


@pytest.fixture
def empty_departments(e_government) -> DepartmentIndexPage:
    return publish(e_government, DepartmentIndexPage(title="Test departments", show_in_menus=True))


def make_official(channel, name: str, **fields) -> OfficialPage:
    fields.setdefault("position", "Test position")
    return publish(channel, OfficialPage(title=name, **fields))


def make_department(channel, name: str, **fields) -> DepartmentPage:
    return publish(channel, DepartmentPage(title=name, **fields))
