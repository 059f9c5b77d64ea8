"""The Departments list (A to Z index and search box) and a department's page as
visitors get them."""

import json

import pytest

from cityportal.core.tests.utils import notices, soup, text_of
from cityportal.directory.models import DepartmentPage
from cityportal.directory.tests.conftest import make_department, make_official

pytestmark = pytest.mark.django_db

DEPARTMENTS = "/en/e-government/departments/"
LETTERS = [chr(c) for c in range(ord("A"), ord("Z") + 1)]


def index_of(page):
    """(letter, its link target or None) for each entry of the A to Z index."""
    entries = []
    for item in page.select("main .az-index li"):
        link = item.find("a")
        letter = text_of(link) if link else text_of(item).split(" ")[0]
        entries.append((letter, link["href"] if link else None))
    return entries


def listed(page) -> dict[str, list[str]]:
    """Heading letter -> department names under it, in page order."""
    return {
        text_of(group.h2): [text_of(a) for a in group.select(".department-list__item > a")]
        for group in page.select("main .az-group")
    }


@pytest.fixture
def abc_departments(empty_departments):
    for name, functions in [
        ("The Archive Office", "<p>Keeps the <strong>city records</strong>.</p>"),
        ("audit bureau", "<p>Checks public spending.</p>"),
        ("Civil Affairs Bureau", "<p>Registers marriages and runs care homes.</p>"),
        ("Zoo Administration", "<p>Runs the city zoo.</p>"),
        ("外事办公室", "<p>Foreign affairs (Chinese name).</p>"),
    ]:
        make_department(empty_departments, name, functions=functions)
    return empty_departments


def test_the_a_to_z_index_links_letters_that_have_departments(client, abc_departments):
    page = soup(client.get(abc_departments.url))
    index = index_of(page)
    assert [letter for letter, _ in index] == LETTERS + ["#"]
    linked = {letter: href for letter, href in index if href}
    assert linked == {"A": "#letter-A", "C": "#letter-C", "Z": "#letter-Z", "#": "#letter-other"}
    for href in linked.values():
        assert page.find(id=href[1:]).name == "h2"
    # Letters without departments are shown, but are not links.
    assert [letter for letter, href in index if href is None] == [
        letter for letter in LETTERS if letter not in "ACZ"
    ]


def test_departments_are_grouped_by_letter_and_sorted_ignoring_the_and_case(client, abc_departments):
    page = soup(client.get(abc_departments.url))
    assert listed(page) == {
        "A": ["The Archive Office", "audit bureau"],
        "C": ["Civil Affairs Bureau"],
        "Z": ["Zoo Administration"],
        "#": ["外事办公室"],
    }
    first = page.select_one("main .department-list__item")
    assert first.a["href"] == DepartmentPage.objects.get(title="The Archive Office").url
    assert text_of(first.p) == "Keeps the city records."


def test_the_demo_departments_page_files_the_foreign_affairs_office_under_f(client):
    page = soup(client.get(DEPARTMENTS))
    assert "Foreign Affairs Office (Sample)" in listed(page)["F"]
    assert "The Commerce Bureau (Sample)" in listed(page)["C"]
    assert ("F", "#letter-F") in index_of(page)
    form = page.select_one("main form.department-search")
    assert form["method"] == "get" and form["action"] == DEPARTMENTS
    assert not page.find("input", attrs={"name": "csrfmiddlewaretoken"})


@pytest.mark.parametrize(
    "query",
    ["records", "RECORDS", "  city   records ", "the archive", "archive office!", "Keeps records"],
)
def test_the_search_box_finds_departments_by_name_or_function(client, abc_departments, query):
    page = soup(client.get(abc_departments.url, {"q": query}))
    assert listed(page) == {"A": ["The Archive Office"]}
    assert text_of(page.select_one("main .result-count")).startswith(
        f"1 department matches “{' '.join(query.split())}”."
    )
    assert page.select_one("#department-q")["value"] == " ".join(query.split())
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    # The index links only the letters shown.
    assert [letter for letter, href in index_of(page) if href] == ["A"]


def test_several_results_are_counted(client, abc_departments):
    page = soup(client.get(abc_departments.url, {"q": "bureau"}))
    assert listed(page) == {"A": ["audit bureau"], "C": ["Civil Affairs Bureau"]}
    assert text_of(page.select_one("main .result-count")).startswith("2 departments match “bureau”.")


def test_a_search_without_results_says_so_and_offers_the_full_list(client, abc_departments):
    page = soup(client.get(abc_departments.url, {"q": "spaceport"}))
    assert page.select("main .az-group") == []
    assert page.select_one("main .az-index") is None
    message = text_of(page.select_one("main .no-results"))
    assert message.startswith("No department matches “spaceport”.")
    assert page.select_one("main .no-results a")["href"] == abc_departments.url


def test_markup_is_not_searched_and_typed_markup_is_shown_as_text(client, abc_departments):
    response = client.get(abc_departments.url, {"q": "<strong>"})
    page = soup(response)
    assert page.select("main .az-group") == []
    html = response.content.decode()
    assert "“&lt;strong&gt;”" in html and "“<strong>”" not in html
    assert "No department matches “<strong>”." in text_of(page.main)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?!…", "“?!…” has no letters or digits to look for, so all departments are shown."),
        ("records " + "x" * 200, "Your search was longer than 100 characters, so only the start was used."),
    ],
)
def test_odd_searches_get_a_message_never_an_error(client, abc_departments, query, message):
    page = soup(client.get(abc_departments.url, {"q": query}))
    assert message in notices(page)


def test_an_empty_search_shows_every_department(client, abc_departments):
    page = soup(client.get(abc_departments.url, {"q": "   "}))
    assert sum(len(names) for names in listed(page).values()) == 5
    assert page.select_one("main .result-count") is None


def test_page_two_of_the_departments_says_there_is_one_page(client):
    page = soup(client.get(DEPARTMENTS + "page/2/"))
    assert notices(page) == ["There is only one page, so it is shown."]
    assert "F" in listed(page)


def test_a_departments_page_shows_its_contact_details(client, departments, officials):
    leader = make_official(officials, "Test Leader", position="Director")
    department = make_department(
        departments,
        "Harbour Office",
        functions="<p>Runs the river port.</p>",
        leader=leader,
        address="1 Quay Street",
        phone="555-0123",
        opening_hours="Monday to Friday: 9:00–17:00\n\nSaturday: 9:00–12:00\n",
        website="https://example.org/harbour/",
        email="harbour@example.org",
    )
    page = soup(client.get(department.url))
    assert text_of(page.h1) == "Harbour Office"
    facts = {text_of(dt): dt.find_next_sibling("dd") for dt in page.select("main .contact-card dt")}
    assert list(facts) == ["Leader", "Address", "Phone", "Opening hours", "Email", "Website"]
    assert text_of(facts["Leader"]) == "Test Leader , Director"
    assert facts["Leader"].a["href"] == leader.url
    assert text_of(facts["Address"]) == "1 Quay Street"
    assert text_of(facts["Phone"]) == "555-0123"
    assert [s.strip() for s in facts["Opening hours"].stripped_strings] == [
        "Monday to Friday: 9:00–17:00",
        "Saturday: 9:00–12:00",
    ]
    assert facts["Email"].a["href"] == "mailto:harbour@example.org"
    assert facts["Website"].a["href"] == "https://example.org/harbour/"
    assert "Runs the river port." in text_of(page.select_one(".department__functions"))
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "GovernmentOrganization"
    assert (data["name"], data["telephone"]) == ("Harbour Office", "555-0123")
    assert data["email"] == "harbour@example.org"


def test_a_department_shows_only_what_it_has_and_no_unpublished_leader(client, departments, officials):
    leader = make_official(officials, "Retired Leader")
    leader.unpublish()
    department = make_department(departments, "Quiet Office", leader=leader)
    page = soup(client.get(department.url))
    assert page.select("main .contact-card dt") == []
    assert "Retired Leader" not in text_of(page.main)


def test_the_site_search_finds_a_department_by_its_functions(client):
    page = soup(client.get("/en/search/", {"q": "consular"}))
    titles = [text_of(a) for a in page.select(".search-result__title a")]
    assert "Foreign Affairs Office (Sample)" in titles
