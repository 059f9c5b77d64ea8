"""The published site as `make run` serves it: public pages from files (WhiteNoise in
front of gunicorn), compressed copies sent as they are, everything dynamic from Django,
a change live as soon as it is saved, and links planted in the directory never followed."""

import email.utils
import re
import textwrap
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest

pytestmark = [pytest.mark.server, pytest.mark.xdist_group("browser")]

ARTICLE = "/en/current-news/hot-news/liu-yuegao-leads-team-to-beijing-to-coordinate-with-central-enterprises/"


def public_dir(portal) -> Path:
    return Path(portal.env["CITYPORTAL_VAR_DIR"]) / "public"


def get(url: str, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        response = urllib.request.urlopen(request)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        return response.status, response.headers, response.read()


def served_from(file: Path, headers) -> bool:
    """WhiteNoise names the file's own modification time; Django's pages name none."""
    modified = headers.get("Last-Modified")
    return modified is not None and email.utils.parsedate_to_datetime(modified).timestamp() == int(
        file.stat().st_mtime
    )


def test_a_published_page_is_sent_from_its_file_precompressed(portal):
    file = public_dir(portal) / ARTICLE.lstrip("/") / "index.html"
    status, headers, body = get(portal.url + ARTICLE, **{"Accept-Encoding": "br, gzip"})
    assert status == 200
    assert served_from(file, headers)
    assert headers["Content-Encoding"] == "br"
    assert brotli.decompress(body) == file.read_bytes()
    assert headers["Cache-Control"] == "public, max-age=60, must-revalidate"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Set-Cookie" not in headers
    # A browser asking again with the file's tag gets "not modified".
    status, _, _ = get(portal.url + ARTICLE, **{"If-None-Match": headers["ETag"]})
    assert status == 304


def test_what_must_stay_dynamic_is_answered_by_django(portal):
    # A listing with a query string (filters) and the search page.
    for path in ("/en/alldocslist/?channel=hot-news", "/en/search/?q=Hengyang"):
        status, headers, _ = get(portal.url + path)
        assert status == 200 and "Last-Modified" not in headers, path
    # The mailbox (forms, a track page) is not published at all.
    status, headers, _ = get(portal.url + "/en/online-service/mailbox-of-government/")
    assert not (public_dir(portal) / "en/online-service/mailbox-of-government/index.html").exists()
    assert status == 200 and "Last-Modified" not in headers
    assert (public_dir(portal) / "en/online-service/index.html").exists()  # its section is
    # An address that is not published gets the portal's own "not found" page.
    status, _, body = get(portal.url + "/en/no-such-page/")
    assert status == 404 and b"<html" in body


def test_a_link_planted_in_the_public_directory_is_not_followed(portal, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("private data outside the public directory")
    planted = public_dir(portal) / "en" / "planted.txt"
    planted.symlink_to(secret)
    try:
        status, _, body = get(portal.url + "/en/planted.txt")
        assert status == 404 and b"private data" not in body
    finally:
        planted.unlink()


def publish_article(portal, title: str, slug: str, paragraph: str) -> str:
    """Adds and publishes an article in Hot News through the portal's own database and
    publishing (a `manage.py shell` of its settings); its address."""
    script = textwrap.dedent(
        f"""
        from cityportal.news.models import ArticlePage, ChannelPage
        channel = ChannelPage.objects.get(slug="hot-news", locale__language_code="en")
        article = ArticlePage(title={title!r}, slug={slug!r}, body=[("paragraph", {f"<p>{paragraph}</p>"!r})])
        channel.add_child(instance=article)
        article.save_revision().publish()
        print(article.url)
        """
    )
    return portal.manage("shell", "-c", script).strip().splitlines()[-1]


def delete_page(portal, slug: str) -> None:
    portal.manage("shell", "-c", f"from wagtail.models import Page; Page.objects.get(slug={slug!r}).delete()")


def test_a_saved_change_is_live_at_once_and_the_disk_matches_the_site(portal):
    url = publish_article(
        portal,
        "Xiangjiang bridge opens to traffic",
        "xiangjiang-bridge-opens",
        "The new bridge opened today.",
    )
    try:
        file = public_dir(portal) / url.lstrip("/") / "index.html"
        status, headers, body = get(portal.url + url)
        assert status == 200 and served_from(file, headers)
        assert b"The new bridge opened today." in body
        _, headers, listing = get(portal.url + "/en/current-news/hot-news/")
        assert b"Xiangjiang bridge opens to traffic" in listing
        assert served_from(public_dir(portal) / "en/current-news/hot-news/index.html", headers)
        # The newest page is in the last sitemap file the index lists.
        last_file = re.findall(rb"<loc>([^<]+)</loc>", get(portal.url + "/sitemap.xml")[2])[-1].decode()
        assert url.encode() in get(portal.url + urlsplit(last_file).path)[2]
    finally:
        delete_page(portal, "xiangjiang-bridge-opens")
    assert not file.exists()
    assert get(portal.url + url)[0] == 404
    assert b"Xiangjiang bridge opens to traffic" not in get(portal.url + "/en/current-news/hot-news/")[2]
    # After all this, the disk holds exactly what the site would publish, as recorded.
    assert "holds exactly what the site would publish" in portal.manage("publish_site", "--check")
    assert "Every published file is as published." in portal.manage("verify_published_site")


def test_a_page_made_private_is_no_longer_sent_from_a_file(portal):
    url = publish_article(
        portal,
        "Internal briefing on flood defences",
        "internal-flood-briefing",
        "For staff only once restricted.",
    )
    file = public_dir(portal) / url.lstrip("/") / "index.html"
    try:
        assert file.exists()
        # What the admin's Privacy setting saves: readers must sign in.
        portal.manage(
            "shell",
            "-c",
            "from wagtail.models import Page, PageViewRestriction as R; "
            "page = Page.objects.get(slug='internal-flood-briefing'); "
            "R.objects.create(page=page, restriction_type=R.LOGIN)",
        )
        assert not file.exists()
        request = urllib.request.Request(portal.url + url)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            opener.open(request)
            raise AssertionError("a private page was answered without signing in")
        except urllib.error.HTTPError as answer:
            assert answer.code == 302 and "/login/" in answer.headers["Location"]
        listing = get(portal.url + "/en/current-news/hot-news/")[2]
        assert b"Internal briefing on flood defences" not in listing
    finally:
        delete_page(portal, "internal-flood-briefing")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the redirect itself is the answer under test
