"""Integrity of the published site: files changed, deleted, added or replaced by a
link behind the publisher's back are found, shown in the admin and repaired, and
nothing else is touched."""

import io

import pytest
from django.core.management import CommandError, call_command

from cityportal.publishing import integrity, publisher, units
from cityportal.publishing.models import IntegrityFinding

pytestmark = pytest.mark.django_db


def snapshot(root) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


@pytest.fixture
def published(public_dir, demo_home, hot_news, reference_article):
    unit_list = [unit for page in (demo_home, hot_news, reference_article) for unit in units.page_units(page)]
    report = publisher.publish_units([*unit_list, "sitemap", "robots"])
    assert report.failures == []
    return snapshot(public_dir)


def tamper(root, reference_article) -> None:
    article = root / units.url_to_file(reference_article.url)
    article.write_text(article.read_text().replace("Hengyang", "Defaced"))  # edited
    (root / "en/current-news/hot-news/index.html.gz").unlink()  # deleted
    (root / "en/current-news/evil.html").write_text("<script>alert(1)</script>")  # added
    feed = root / "en/current-news/hot-news/rss.xml"
    feed.unlink()
    feed.symlink_to("/etc/passwd")  # replaced by a link
    (root / "robots.txt").unlink()
    (root / "robots.txt").mkdir()  # replaced by a directory holding a foreign file
    (root / "robots.txt" / "x").write_text("planted")


def test_every_kind_of_tampering_is_found_and_nothing_else(published, public_dir, reference_article):
    assert integrity.scan() == []
    tamper(public_dir, reference_article)
    found = {(finding.kind, finding.path) for finding in integrity.scan()}
    assert found == {
        ("changed", units.url_to_file(reference_article.url)),
        ("deleted", "en/current-news/hot-news/index.html.gz"),
        ("added", "en/current-news/evil.html"),
        ("link", "en/current-news/hot-news/rss.xml"),
        ("added", "robots.txt/x"),
        ("deleted", "robots.txt"),
    }


def test_verify_reports_in_the_admin_and_repair_restores_byte_for_byte(
    published, public_dir, tmp_path, reference_article, admin_client
):
    tamper(public_dir, reference_article)
    output = io.StringIO()
    with pytest.raises(CommandError, match="6 finding"):
        call_command("verify_published_site", stdout=output)
    assert "replaced by a link: en/current-news/hot-news/rss.xml (a link to /etc/passwd)" in output.getvalue()
    report = admin_client.get("/admin/reports/published-site/").content.decode()
    assert "en/current-news/evil.html" in report and "replaced by a link" in report

    output = io.StringIO()
    call_command("verify_published_site", "--repair", stdout=output)
    assert "6 finding(s) repaired." in output.getvalue()
    assert snapshot(public_dir) == published  # every file as published, nothing else
    assert not any(path.is_symlink() for path in public_dir.rglob("*"))
    (stamped,) = (tmp_path / "quarantine").iterdir()  # one folder per repair, named by time
    quarantined = {path.relative_to(stamped).as_posix() for path in stamped.rglob("*") if path.is_file()}
    assert quarantined == {"en/current-news/evil.html", "robots.txt/x"}
    assert not IntegrityFinding.objects.filter(repaired_at=None).exists()
    call_command("verify_published_site", stdout=io.StringIO())  # clean again: no error
    assert IntegrityFinding.objects.count() == 6  # the first check's records, closed by the repair


def test_cron_finding_the_same_thing_twice_keeps_one_record(published, public_dir, reference_article):
    (public_dir / "en/current-news/evil.html").write_text("x")
    integrity.verify()
    integrity.verify()
    assert IntegrityFinding.objects.filter(repaired_at=None).count() == 1
    (public_dir / "en/current-news/evil.html").unlink()  # removed by hand
    integrity.verify()
    assert IntegrityFinding.objects.get().repaired_at is not None


def test_a_file_being_published_is_not_a_finding(published, public_dir, reference_article):
    """A publish that writes a file after the check read the records is not tampering."""
    unit = units.page_unit(reference_article.pk)
    reference_article.title = "A new title"
    reference_article.save_revision().publish()
    publisher.publish_units([unit])
    assert integrity.scan() == []
