"""Letters and replies (published, personal data removed, searchable, paginated) and the
statistics, which are the same for every visitor."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from cityportal.mailbox import workflow
from cityportal.mailbox.models import Letter
from cityportal.mailbox.statistics import year_report
from cityportal.mailbox.tests.conftest import receive
from cityportal.mailbox.views import LETTERS_PER_PAGE

pytestmark = pytest.mark.django_db
CITY = ZoneInfo("Asia/Shanghai")


def answered(handler, reviewer, **overrides) -> Letter:
    letter = receive(**overrides).letter
    letter = workflow.save_draft(
        letter, handler, overrides.pop("reply", "Dear Wei Zhang, thank you."), for_review=True
    )
    return workflow.approve(letter, reviewer)


def articles(response):
    return BeautifulSoup(response.content, "html.parser").select("article.mailbox-letter")


def test_published_letters_have_no_personal_data(client, mailbox_url, handler, reviewer):
    letter = answered(
        handler, reviewer, message="I am Wei Zhang <script>alert(1)</script>, wei.zhang@example.org"
    )
    response = client.get(mailbox_url + "letters/")
    assert response.status_code == 200
    html = response.content.decode()
    first = articles(response)[0]
    assert first["id"] == f"letter-{letter.tracking_number}"
    text = first.get_text(" ")
    for personal in ("Wei Zhang", "wei.zhang@example.org", "+86 734 555 0101", "Zhang"):
        assert personal not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "China" in text and "Consultation" in text and "Foreign Affairs Office (Sample)" in text
    assert "thank you." in text
    # Nothing that depends on the visitor.
    assert not response.cookies
    assert b"csrfmiddlewaretoken" not in response.content


def test_only_consented_and_approved_letters_are_published(client, mailbox_url, handler, reviewer):
    private = answered(handler, reviewer, subject="Please do not publish this", consent_to_publish=False)
    pending = workflow.save_draft(
        receive(subject="Reply not yet approved").letter, handler, "x", for_review=True
    )
    text = client.get(mailbox_url + "letters/").content.decode()
    assert private.subject not in text and pending.subject not in text
    published = Letter.objects.filter(published_at__isnull=False)
    assert {a["id"] for a in articles(client.get(mailbox_url + "letters/"))} == {
        f"letter-{n}" for n in published.values_list("tracking_number", flat=True)
    }


def test_newest_reply_first_and_paginated_in_the_path(client, mailbox_url, handler, reviewer):
    for number in range(LETTERS_PER_PAGE + 1):
        answered(handler, reviewer, subject=f"Question number {number:02d} about buses")
    first_page = articles(client.get(mailbox_url + "letters/"))
    assert len(first_page) == LETTERS_PER_PAGE
    assert "Question number 10" in first_page[0].get_text()
    second = client.get(mailbox_url + "letters/page/2/")
    assert second.status_code == 200
    assert len(articles(second)) >= 1
    beyond = client.get(mailbox_url + "letters/page/99/")
    assert beyond.status_code == 200
    assert "so the last page is shown" in beyond.content.decode()
    # One address per page: page 1 is the list itself, with the search words kept.
    first = client.get(mailbox_url + "letters/page/01/", {"q": "buses"})
    assert first.status_code == 301
    assert first["Location"] == mailbox_url + "letters/?q=buses"


def test_search_english_and_chinese(client, mailbox_url, handler, reviewer):
    answered(handler, reviewer, subject="Noise from a building site", message="Work goes on at night.")
    answered(
        handler, reviewer, subject="关于图书馆开放时间的建议", message="希望市图书馆周末延长开放的时间。"
    )
    english = client.get(mailbox_url + "letters/", {"q": "building NIGHT"})
    assert [a.h2.text for a in articles(english)] == ["Noise from a building site"]
    # Segmented with jieba: "时间图书馆" is two words, both in the letter though not side by side.
    chinese = client.get(mailbox_url + "letters/", {"q": "时间图书馆"})
    assert [a.h2.text for a in articles(chinese)] == ["关于图书馆开放时间的建议"]
    # The demo's Chinese sample letter is found too, by a word of its reply.
    assert "南岳" in client.get(mailbox_url + "letters/", {"q": "南岳"}).content.decode()
    nothing = client.get(mailbox_url + "letters/", {"q": "xylophone"})
    assert articles(nothing) == []
    assert "No published letter has all these words." in nothing.content.decode()
    long_query = client.get(mailbox_url + "letters/", {"q": "bus " * 60})
    assert "only the start was used" in long_query.content.decode()


def test_statistics_per_month_and_department(client, mailbox_url, handler, reviewer, settings):
    settings.CITYPORTAL_MAILBOX_LETTERS_PER_HOUR = 100
    # March 2025: Monday 3rd; two letters, one replied in 2 working days, one late.
    on_time = receive(subject="Letter answered on time").letter
    late = receive(subject="Letter answered too late").letter
    open_letter = receive(subject="Letter still open here").letter
    start = datetime(2025, 3, 3, 10, 0, tzinfo=CITY)
    Letter.objects.filter(pk__in=[on_time.pk, late.pk, open_letter.pk]).update(
        received_at=start, due_date=datetime(2025, 3, 10).date()
    )
    Letter.objects.filter(pk=on_time.pk).update(replied_at=start + timedelta(days=2))
    Letter.objects.filter(pk=late.pk).update(replied_at=start + timedelta(days=14))  # 10 working days
    report = year_report(2025)
    march = report.months[2]
    assert (march.label, march.received, march.replied, march.on_time) == ("March 2025", 3, 2, 1)
    assert march.median_days == 6  # median of 2 and 10
    assert [m.received for m in report.months[:2]] == [0, 0]
    department = {row.label: row for row in report.departments}["Foreign Affairs Office (Sample)"]
    assert (department.received, department.replied, department.on_time) == (3, 2, 1)

    response = client.get(mailbox_url + "statistics/", {"year": "2025"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.find("caption", string="Letters by month, 2025").parent
    march_row = [r for r in table.find_all("tr") if r.th and r.th.text == "March 2025"][0]
    assert [td.get_text(" ", strip=True) for td in march_row.find_all("td")] == ["3", "2", "1 (33%)", "6"]
    chart = soup.find("figure", class_="mailbox-chart")
    assert "Received: 3" in chart.get_text(" ", strip=True).replace(" :", ":")
    assert not response.cookies


def test_statistics_for_an_unknown_year_explain_themselves(client, mailbox_url):
    response = client.get(mailbox_url + "statistics/", {"year": "1850"})
    assert response.status_code == 200
    assert "There are no statistics for “1850”" in response.content.decode()
    assert "Statistics 2024" in BeautifulSoup(response.content, "html.parser").h1.get_text()
