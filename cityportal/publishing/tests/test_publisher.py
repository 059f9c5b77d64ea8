"""Publishing units to files: what is written, what is kept when a render fails, what
goes when a page is no longer public, and the full rebuild with its --check."""

import gzip
import io

import brotli
import pytest
from django.core.management import CommandError, call_command

from cityportal.core.progress import Progress
from cityportal.publishing import publisher, state, units
from cityportal.publishing.models import PublishedFile, PublishFailure

pytestmark = pytest.mark.django_db


def article_file(article) -> str:
    return units.url_to_file(article.url)


def test_a_page_is_written_as_the_visitor_gets_it_with_compressed_copies(
    client, public_dir, reference_article
):
    report = publisher.publish_units([units.page_unit(reference_article.pk)])
    assert report.written == 3 and report.failures == []
    html = (public_dir / article_file(reference_article)).read_bytes()
    assert html == client.get(reference_article.url).content
    assert gzip.decompress((public_dir / (article_file(reference_article) + ".gz")).read_bytes()) == html
    assert brotli.decompress((public_dir / (article_file(reference_article) + ".br")).read_bytes()) == html
    recorded = PublishedFile.objects.get(path=article_file(reference_article))
    assert recorded.sha256 == publisher.files.sha256(html) and recorded.size == len(html)
    # Publishing again finds the disk as recorded and writes nothing.
    again = publisher.publish_units([units.page_unit(reference_article.pk)])
    assert (again.written, again.unchanged) == (0, 3)


def test_the_same_content_always_gives_the_same_bytes(public_dir, hot_news):
    unit_list = units.page_units(hot_news)
    publisher.publish_units(unit_list)
    first = {f.path: f.sha256 for f in PublishedFile.objects.filter(unit__in=unit_list)}
    publisher.publish_units(unit_list, force=True)
    assert {f.path: f.sha256 for f in PublishedFile.objects.filter(unit__in=unit_list)} == first
    assert "en/current-news/hot-news/rss.xml.gz" in first


def test_a_failed_render_keeps_the_previous_file_and_is_reported_in_the_admin(
    public_dir, reference_article, admin_client, monkeypatch
):
    unit = units.page_unit(reference_article.pk)
    publisher.publish_units([unit])
    before = (public_dir / article_file(reference_article)).read_bytes()

    def broken(self, request, *args, **kwargs):
        raise RuntimeError("the template tag fell over")

    monkeypatch.setattr(type(reference_article), "get_context", broken)
    report = publisher.publish_units([unit])
    assert [(u, url) for u, url, _ in report.failures] == [(unit, reference_article.url)]
    assert (public_dir / article_file(reference_article)).read_bytes() == before
    failure = PublishFailure.objects.get(unit=unit)
    assert "the template tag fell over" in failure.error
    page = admin_client.get("/admin/reports/published-site/").content.decode()
    assert reference_article.url in page and "the template tag fell over" in page

    monkeypatch.undo()
    publisher.publish_units([unit])
    assert not PublishFailure.objects.exists()
    assert (
        "the template tag fell over"
        not in admin_client.get("/admin/reports/published-site/").content.decode()
    )


def test_the_report_is_for_administrators_only(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x")
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/reports/published-site/").status_code in (302, 403)


def test_a_page_no_longer_public_loses_its_files_and_records(public_dir, reference_article):
    unit = units.page_unit(reference_article.pk)
    publisher.publish_units([unit])
    path = public_dir / article_file(reference_article)
    assert path.exists()
    reference_article.unpublish()
    report = publisher.publish_units([unit])
    assert report.removed == 3
    assert not path.exists() and not path.parent.exists()  # no empty directory left
    assert not PublishedFile.objects.filter(unit=unit).exists()


def test_a_full_rebuild_publishes_every_unit_and_check_finds_exactly_what_differs(public_dir, hot_news):
    call_command("publish_site", "--processes", "1", stdout=io.StringIO(), stderr=io.StringIO())
    published = set(PublishedFile.objects.values_list("unit", flat=True))
    assert published == set(units.all_units())
    assert (public_dir / "404.html").exists() and (public_dir / "sitemap.xml").exists()
    assert (public_dir / "en/current-news/hot-news/page/1/index.html").exists()
    # A start of `make run` finds the files current and does not rebuild them.
    assert state.outdated_reason() is None
    output = io.StringIO()
    call_command("publish_site", "--if-outdated", stdout=output, stderr=io.StringIO())
    assert "is up to date" in output.getvalue()

    listing = public_dir / "en/current-news/hot-news/page/1/index.html"
    listing.write_bytes(listing.read_bytes().replace(b"Hot News", b"Hacked"))
    (public_dir / "en/current-news/index.html.br").unlink()
    (public_dir / "en/extra.html").write_text("not ours")
    output = io.StringIO()
    with pytest.raises(CommandError, match="3 difference"):
        call_command("publish_site", "--check", "--processes", "1", stdout=output, stderr=io.StringIO())
    # Exactly the three, and nothing else of the 1,000 files differs.
    assert output.getvalue().splitlines() == [
        "differs: en/current-news/hot-news/page/1/index.html",
        "missing: en/current-news/index.html.br",
        "not published: en/extra.html",
    ]


def test_progress_is_shown_while_long_commands_run():
    stream = io.StringIO()
    progress = Progress("Publishing pages", 95, 20, stream)
    for _ in range(5):
        progress(1)
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("Publishing pages: 20/95 (21%)")
    assert lines[-1].startswith("Publishing pages: 95/95 (100%)")
