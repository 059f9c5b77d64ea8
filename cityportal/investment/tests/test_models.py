"""The investment models: amounts and areas as people read them, the rules editors
must follow, where the page types may live, and the forgiving project filters."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from wagtail.models import Locale

from cityportal.core.items import item_page_models, live_items
from cityportal.investment.models import (
    SECTORS,
    EnterpriseListPage,
    EnterprisePage,
    IndustrialParkListPage,
    IndustrialParkPage,
    ProjectListPage,
    ProjectPage,
    format_amount,
)
from cityportal.investment.tests.conftest import make_park, make_project
from cityportal.news.models import ArticlePage, ChannelPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        (Decimal("120000000"), "CNY", "CNY 120,000,000"),
        (Decimal("120000000.00"), "CNY", "CNY 120,000,000"),
        (Decimal("1250000.5"), "USD", "USD 1,250,000.50"),
        (Decimal("999"), "EUR", "EUR 999"),
        (Decimal("0"), "CNY", "CNY 0"),
        (None, "CNY", ""),
    ],
)
def test_amounts_are_shown_with_their_currency_code_and_thousands_separators(amount, currency, shown):
    assert format_amount(amount, currency) == shown
    assert ProjectPage(total_investment=amount, currency=currency).formatted_investment == shown


@pytest.mark.parametrize(
    ("area", "shown"),
    [(Decimal("12.50"), "12.5 km²"), (Decimal("20.00"), "20 km²"), (Decimal("1234.25"), "1,234.25 km²")],
)
def test_park_areas_are_shown_in_square_kilometres(area, shown):
    assert IndustrialParkPage(area_km2=area).formatted_area == shown
    assert IndustrialParkPage().formatted_area == ""


def test_leading_industries_are_one_per_line():
    park = IndustrialParkPage(leading_industries=" New materials \n\nLogistics\r\n")
    assert park.industries() == ["New materials", "Logistics"]


def test_a_project_needs_a_park_or_a_location(parks):
    project = ProjectPage(title="Somewhere", slug="somewhere", sector="other")
    with pytest.raises(ValidationError) as error:
        project.clean()
    assert "location" in error.value.message_dict
    project.location = "River port"
    project.clean()
    ProjectPage(title="In a park", slug="in-a-park", sector="other", park=parks.get_listing().first()).clean()


def test_the_investment_must_be_a_positive_amount_in_a_known_currency(projects):
    project = ProjectPage(
        title="Bad", slug="bad", sector="other", location="x", total_investment=Decimal("-1"), currency="XYZ"
    )
    with pytest.raises(ValidationError) as error:
        project.full_clean(exclude=["path", "depth", "content_type", "locale", "translation_key"])
    assert {"total_investment", "currency"} <= set(error.value.message_dict)


def test_where_investment_pages_may_be_created(projects, parks, enterprises, investment, hot_news):
    for channel_model in (ProjectListPage, IndustrialParkListPage, EnterpriseListPage):
        assert channel_model.can_exist_under(investment)
    assert ProjectPage.can_exist_under(projects)
    assert IndustrialParkPage.can_exist_under(parks)
    assert EnterprisePage.can_exist_under(enterprises)
    assert not ProjectPage.can_exist_under(parks)
    assert not IndustrialParkPage.can_exist_under(projects)
    assert not EnterprisePage.can_exist_under(hot_news)
    for channel in (projects, parks, enterprises):
        assert not ArticlePage.can_exist_under(channel)


def test_projects_parks_and_enterprises_are_content_items(projects, parks, enterprises):
    assert {ProjectPage, IndustrialParkPage, EnterprisePage} <= set(item_page_models())
    items = live_items(within=projects.get_parent())
    for model in (ProjectPage, IndustrialParkPage, EnterprisePage):
        assert items.type(model).count() == model.objects.live().count() > 0
    channel_ids = [projects.pk, parks.pk, enterprises.pk]
    assert ChannelPage.objects.filter(pk__in=channel_ids).count() == 3
    assert not ChannelPage.without_live_items().filter(pk__in=channel_ids).exists()


# --- Project filters ----------------------------------------------------------------------------


def filters_for(channel, **params):
    request = RequestFactory().get(channel.url, params)
    return channel.read_filters(request), [p.title for p in channel.get_listing(request)]


@pytest.fixture
def two_parks(empty_parks):
    return make_park(empty_parks, "East Park"), make_park(empty_parks, "West Park")


@pytest.fixture
def filtered_projects(empty_projects, two_parks):
    east, west = two_parks
    make_project(empty_projects, "East materials", sector="new-materials", park=east)
    make_project(empty_projects, "West materials", sector="new-materials", park=west)
    make_project(empty_projects, "East logistics", sector="logistics", park=east)
    make_project(empty_projects, "Downtown services", sector="services", location="Downtown")
    return empty_projects


def test_projects_are_listed_newest_first(filtered_projects):
    (_filters, problems), titles = filters_for(filtered_projects)
    assert titles == ["Downtown services", "East logistics", "West materials", "East materials"]
    assert problems == []


def test_filter_by_sector_by_park_and_by_both(filtered_projects, two_parks):
    east, _west = two_parks
    assert filters_for(filtered_projects, sector="new-materials")[1] == ["West materials", "East materials"]
    assert filters_for(filtered_projects, park=east.pk)[1] == ["East logistics", "East materials"]
    assert filters_for(filtered_projects, sector="new-materials", park=east.pk)[1] == ["East materials"]
    assert filters_for(filtered_projects, sector=" NEW-MATERIALS ")[1] == ["West materials", "East materials"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"sector": "space-mining"}, "“space-mining” is not one of the sectors, so all sectors are shown."),
        ({"park": "abc"}, "The chosen industrial park does not exist, so all parks are shown."),
        ({"park": "99999999"}, "The chosen industrial park does not exist, so all parks are shown."),
        ({"park": "9" * 40}, "The chosen industrial park does not exist, so all parks are shown."),
        ({"park": "-3"}, "The chosen industrial park does not exist, so all parks are shown."),
    ],
)
def test_a_filter_that_makes_no_sense_is_dropped_with_a_message(filtered_projects, params, message):
    (filters, problems), titles = filters_for(filtered_projects, **params)
    assert filters == {}
    assert problems == [message]
    assert len(titles) == 4


def test_a_park_of_another_language_edition_is_not_offered_nor_accepted(filtered_projects, empty_parks):
    chinese = Locale.objects.get(language_code="zh-hans")
    other = IndustrialParkPage(title="Chinese park", slug="chinese-park", locale=chinese)
    empty_parks.add_child(instance=other)
    other.save_revision().publish()
    assert other not in filtered_projects.parks()
    (filters, problems), _titles = filters_for(filtered_projects, park=other.pk)
    assert "park" not in filters and problems


def test_a_parks_projects_are_its_live_projects_only(filtered_projects, two_parks):
    east, west = two_parks
    assert [p.title for p in east.live_projects()] == ["East logistics", "East materials"]
    ProjectPage.objects.get(title="East logistics").unpublish()
    assert [p.title for p in east.live_projects()] == ["East materials"]
    assert [p.title for p in west.live_projects()] == ["West materials"]


def test_every_sector_has_a_distinct_address_value():
    values = [value for value, _name in SECTORS]
    assert len(values) == len(set(values))
    assert all(value == value.lower() and " " not in value for value in values)
