"""The directory models: how departments are sorted, filed under letters and found;
officials' rank order and photo rule; where the page types may live; and the staff
group helper the Mailbox of Government relies on."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from cityportal.core.items import item_page_models, live_items
from cityportal.directory.models import (
    DepartmentIndexPage,
    DepartmentPage,
    OfficialListPage,
    OfficialPage,
    department_sort_key,
    index_letter,
    query_words,
)
from cityportal.directory.tests.conftest import make_department, make_official
from cityportal.news.models import ArticlePage, ChannelPage, SectionPage

pytestmark = pytest.mark.django_db


# --- Sorting, letters and search words ----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("The Commerce Bureau", "commerce bureau"),
        ("the  commerce bureau", "commerce bureau"),
        ("THE Commerce Bureau", "commerce bureau"),
        ("Theatre Office", "theatre office"),
        ("Éducation Office", "education office"),
        ("Commerce Bureau", "commerce bureau"),
    ],
)
def test_department_sort_key_ignores_a_leading_the_case_and_accents(name, key):
    assert department_sort_key(name) == key


@pytest.mark.parametrize(
    ("name", "letter"),
    [
        ("The Commerce Bureau", "C"),
        ("foreign Affairs Office", "F"),
        ("Éducation Office", "E"),
        ("12345 Hotline", "#"),
        ("外事办公室", "#"),
        ("", "#"),
    ],
)
def test_each_department_is_filed_under_one_letter(name, letter):
    assert index_letter(name) == letter


def test_query_words_drop_punctuation_case_and_filler_words():
    assert query_words("The Foreign-Affairs OFFICE!") == ["foreign", "affairs", "office"]
    assert query_words("  the  ") == ["the"]
    assert query_words("外事") == ["外事"]
    assert query_words("?!") == []


def test_a_department_matches_words_in_its_name_or_functions_only():
    department = DepartmentPage(
        title="Foreign Affairs Office",
        functions="<p>Receives <strong>delegations</strong>.</p><ul><li>Visas</li></ul>",
        address="Consular Road",
    )
    assert department.matches(["foreign"])
    assert department.matches(["delegations", "visas"])
    assert department.matches(["affairs", "receives"])
    assert not department.matches(["foreign", "tourism"])
    assert not department.matches(["strong"]), "markup is not text"
    assert not department.matches(["consular"]), "the address is not searched by the finder"


# --- Listings ---------------------------------------------------------------------------------


def test_departments_are_listed_by_name_ignoring_the_and_case(empty_departments):
    for name in ["zoo Office", "The Commerce Bureau", "apple Bureau", "Budget Office", "The Archive"]:
        make_department(empty_departments, name)
    assert [d.title for d in empty_departments.get_listing()] == [
        "apple Bureau",
        "The Archive",
        "Budget Office",
        "The Commerce Bureau",
        "zoo Office",
    ]


def test_department_listing_leaves_out_drafts(empty_departments):
    make_department(empty_departments, "Live Office")
    draft = DepartmentPage(title="Draft Office", slug="draft-office", live=False)
    empty_departments.add_child(instance=draft)
    assert [d.title for d in empty_departments.get_listing()] == ["Live Office"]


def test_officials_are_listed_by_rank_then_tree_order(empty_officials):
    make_official(empty_officials, "Third", rank=3)
    make_official(empty_officials, "First", rank=1)
    make_official(empty_officials, "Second", rank=2)
    make_official(empty_officials, "Also first, added later", rank=1)
    assert [o.title for o in empty_officials.get_listing()] == [
        "First",
        "Also first, added later",
        "Second",
        "Third",
    ]
    assert [o.title for o in empty_officials.latest_items(2)] == ["First", "Also first, added later"]


def test_officials_and_departments_are_content_items(officials, departments):
    assert {OfficialPage, DepartmentPage} <= set(item_page_models())
    assert {OfficialListPage, DepartmentIndexPage}.isdisjoint(item_page_models())
    items = live_items(within=officials.get_parent())
    assert items.type(OfficialPage).count() == OfficialPage.objects.live().count() > 0
    assert items.type(DepartmentPage).count() == DepartmentPage.objects.live().count() > 0
    # Channels with published directory entries are not "empty channels".
    assert not ChannelPage.without_live_items().filter(pk__in=[officials.pk, departments.pk]).exists()


def test_where_directory_pages_may_be_created(officials, departments, hot_news):
    section = SectionPage.objects.get(slug="e-government")
    assert OfficialListPage.can_exist_under(section) and DepartmentIndexPage.can_exist_under(section)
    assert OfficialPage.can_exist_under(officials)
    assert DepartmentPage.can_exist_under(departments)
    assert not OfficialPage.can_exist_under(departments)
    assert not DepartmentPage.can_exist_under(officials)
    assert not OfficialPage.can_exist_under(hot_news)
    assert not ArticlePage.can_exist_under(officials)
    assert not ArticlePage.can_exist_under(departments)
    # As channels they appear wherever channels are listed.
    assert set(ChannelPage.objects.filter(pk__in=[officials.pk, departments.pk])) == {
        officials.channelpage_ptr,
        departments.channelpage_ptr,
    }


# --- Officials' photos ------------------------------------------------------------------------


@pytest.fixture
def image(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return get_image_model().objects.create(title="Portrait", file=get_test_image_file())


def test_an_official_with_a_photo_needs_its_alternative_text(image):
    official = OfficialPage(title="Someone", slug="someone", position="Mayor", photo=image, photo_alt="  ")
    with pytest.raises(ValidationError) as error:
        official.clean()
    assert "photo_alt" in error.value.message_dict
    official.photo_alt = "Portrait of Someone"
    official.clean()
    OfficialPage(title="No photo", slug="no-photo", position="Mayor").clean()


def test_official_structured_data_is_a_person(officials):
    official = officials.get_listing().first()
    request = RequestFactory().get(official.url)
    data = official.structured_data(request)
    assert data["@type"] == "Person"
    assert data["name"] == official.title
    assert data["jobTitle"] == official.position
    assert data["worksFor"]["name"] == "Hengyang Municipal People's Government"


# --- The staff group for the Mailbox of Government -------------------------------------------


def test_ensure_staff_group_creates_a_group_without_permissions_and_links_it(empty_departments):
    department = make_department(empty_departments, "Harbour Office")
    assert department.staff_group is None
    group = department.ensure_staff_group()
    assert group.name == "Harbour Office staff"
    assert group.permissions.count() == 0
    stored = DepartmentPage.objects.get(pk=department.pk)
    assert stored.staff_group == group
    assert stored.live and not stored.has_unpublished_changes
    # The latest revision has it too, so publishing it again keeps the link.
    assert stored.get_latest_revision_as_object().staff_group == group
    stored.get_latest_revision().publish()
    assert DepartmentPage.objects.get(pk=department.pk).staff_group == group
    # Asking again gives the same group and creates nothing.
    count = Group.objects.count()
    assert DepartmentPage.objects.get(pk=department.pk).ensure_staff_group() == group
    assert Group.objects.count() == count


def test_ensure_staff_group_keeps_unpublished_changes_unpublished(empty_departments):
    department = make_department(empty_departments, "Harbour Office", phone="555-0100")
    draft = department.get_latest_revision_as_object()
    draft.phone = "555-0199"
    draft.save_revision()
    group = DepartmentPage.objects.get(pk=department.pk).ensure_staff_group()
    live = DepartmentPage.objects.get(pk=department.pk)
    assert live.staff_group == group and live.phone == "555-0100"
    assert live.has_unpublished_changes
    latest = live.get_latest_revision_as_object()
    assert latest.staff_group == group and latest.phone == "555-0199"
    latest.get_latest_revision().publish()
    published = DepartmentPage.objects.get(pk=department.pk)
    assert published.staff_group == group and published.phone == "555-0199"


def test_ensure_staff_group_reuses_a_free_group_of_that_name_but_not_another_departments(
    empty_departments, e_government
):
    existing = Group.objects.create(name="Harbour Office staff")
    first = make_department(empty_departments, "Harbour Office")
    assert first.ensure_staff_group() == existing
    other_channel = DepartmentIndexPage(title="More departments", slug="more-departments")
    e_government.add_child(instance=other_channel)
    second = make_department(other_channel, "Harbour Office")
    group = second.ensure_staff_group()
    assert group != existing
    assert group.name == f"Harbour Office staff ({second.pk})"


def test_a_translated_department_shares_its_group(empty_departments):
    department = make_department(empty_departments, "Harbour Office")
    group = department.ensure_staff_group()
    chinese = Locale.objects.get(language_code="zh-hans")
    translation = DepartmentPage(
        title="港务办公室",
        slug="harbour-office-zh",
        translation_key=department.translation_key,
        locale=chinese,
        live=False,
    )
    empty_departments.add_child(instance=translation)
    assert translation.ensure_staff_group() == group


def test_long_department_names_still_give_a_valid_group_name(empty_departments):
    department = make_department(empty_departments, "Office " * 28)
    group = department.ensure_staff_group()
    assert len(group.name) <= 150
    assert group.name.endswith(" staff")


def test_a_departments_summary_is_the_first_paragraph_of_its_functions():
    department = DepartmentPage(functions="<p>Runs the <b>port</b>.</p><p>Sample content note.</p>")
    assert department.listing_summary() == "Runs the port."
    assert DepartmentPage(functions="<ul><li>Visas</li><li>Permits</li></ul>").listing_summary() == "Visas"
    assert DepartmentPage(functions="").listing_summary() == ""
