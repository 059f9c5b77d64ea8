"""The footer shows the site's identity marks from the PortalIdentity site setting."""

import pytest

from cityportal.core.models import PortalIdentity
from cityportal.core.tests.utils import soup
from cityportal.core.tests.utils import text_of as text

pytestmark = pytest.mark.django_db

ALL_MARKS = {
    "sponsor": "Hengyang Municipal People's Government",
    "undertaker": "Hengyang Normal University",
    "co_sponsor": "Information Office of Hengyang",
    "technical_support": "Hengyang Design Studio",
    "icp_number": "湘ICP备05002289号",
    "public_security_filing_number": "湘公网安备43040002000001号",
    "site_identification_code": "4304000001",
    "contact_address": "1 Government Road, Hengyang",
    "contact_phone": "+86 734 000 0000",
    "contact_email": "webmaster@hengyang.example",
}


@pytest.fixture
def identity(demo_home):
    return PortalIdentity.for_site(demo_home.get_site())


def footer(client, url="/en/"):
    return soup(client.get(url)).select_one("footer.site-footer")


def set_marks(identity, **marks):
    for field in ALL_MARKS:
        setattr(identity, field, "")
    for field, value in marks.items():
        setattr(identity, field, value)
    identity.save()


@pytest.mark.parametrize(
    ("field", "shown"),
    [
        ("sponsor", "Sponsored by Hengyang Municipal People's Government"),
        ("undertaker", "Undertaken by Hengyang Normal University"),
        ("co_sponsor", "Co-sponsored by Information Office of Hengyang"),
        ("technical_support", "Technical Support & Design: Hengyang Design Studio"),
        ("icp_number", "ICP NO: 湘ICP备05002289号"),
        ("public_security_filing_number", "Public security filing: 湘公网安备43040002000001号"),
        ("site_identification_code", "Site identification code: 4304000001"),
        ("contact_address", "Contact: 1 Government Road, Hengyang"),
        ("contact_phone", "Contact: Tel. +86 734 000 0000"),
        ("contact_email", "Contact: webmaster@hengyang.example"),
    ],
)
def test_each_mark_is_shown_when_set_and_only_then(client, identity, field, shown):
    set_marks(identity, **{field: ALL_MARKS[field]})
    assert text(footer(client)) == shown
    set_marks(identity)
    assert text(footer(client)) == ""


def test_all_marks_together_on_every_kind_of_page(client, identity, reference_article):
    set_marks(identity, **ALL_MARKS)
    for url in (
        "/en/",
        "/en/current-news/",
        "/en/current-news/hot-news/",
        reference_article.url,
        "/en/nope/",
    ):
        response = client.get(url)
        content = soup(response) if response.status_code == 200 else None
        if content is None:
            from bs4 import BeautifulSoup

            assert response.status_code == 404
            content = BeautifulSoup(response.content.decode(), "html.parser")
        shown = text(content.select_one("footer.site-footer"))
        for value in ALL_MARKS.values():
            assert value in shown, (url, value)


def test_registration_marks_link_to_their_registries(client, identity):
    set_marks(identity, **ALL_MARKS)
    identity.icp_url = "https://beian.miit.gov.cn/"
    identity.public_security_filing_url = "https://beian.mps.gov.cn/#/query/webSearch?code=43040002000001"
    identity.save()
    links = {text(a): a["href"] for a in footer(client).select("a")}
    assert links["湘ICP备05002289号"] == "https://beian.miit.gov.cn/"
    assert links["湘公网安备43040002000001号"].startswith("https://beian.mps.gov.cn/")
    assert links["webmaster@hengyang.example"] == "mailto:webmaster@hengyang.example"


def test_marks_without_a_registry_link_are_plain_text(client, identity):
    set_marks(identity, icp_number="05002289")
    identity.icp_url = ""
    identity.save()
    assert footer(client).select("a") == []
    assert text(footer(client)) == "ICP NO: 05002289"


def test_the_demo_footer(client):
    shown = text(footer(client))
    assert "Sponsored by Hengyang Municipal People's Government" in shown
    assert "Undertaken by Hengyang Normal University" in shown
    assert "ICP NO: 05002289" in shown


def test_the_site_name_comes_from_the_setting_too(client, identity):
    identity.site_name = "Hengyang Portal"
    identity.save()
    page = soup(client.get("/en/"))
    assert text(page.select_one(".site-brand")) == "Hengyang Portal"
    assert page.title.string.strip().endswith("Hengyang Portal")
