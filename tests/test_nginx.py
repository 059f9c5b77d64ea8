"""The production profile: Debian's nginx, configured by `manage.py nginx_config`, in front
of gunicorn, on PostgreSQL and Redis. Everything is checked through nginx, with nginx's
access log telling which answers came from published files and which from gunicorn."""

import functools
import hashlib
import hmac
import http.client
import http.cookiejar
import re
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from playwright.sync_api import expect

from cityportal.mailbox.tests.files import make_pdf
from tests import staff
from tests.browser import support
from tests.conftest import free_port, wait_for
from tests.servers import nginx_server

pytestmark = [pytest.mark.server, pytest.mark.browser, pytest.mark.xdist_group("nginx")]

MAILBOX = "/en/online-service/mailbox-of-government/"
# A visitor's own address, distinct from the 127.0.0.1 that nginx uses towards gunicorn.
VISITOR_ADDRESS = "127.0.0.5"


class Site:
    def __init__(self, url: str, portal, access_log):
        self.url = url
        self.portal = portal
        self.access_log = access_log
        self.sent: dict[str, int] = {}  # requests this client sent, per path

    def get(self, path: str, encoding: str = "identity") -> http.client.HTTPResponse:
        request = urllib.request.Request(self.url + path, headers={"Accept-Encoding": encoding})
        self.sent[path] = self.sent.get(path, 0) + 1
        return urllib.request.urlopen(request, timeout=30)

    def upstream_of(self, path: str) -> str:
        """Who answered the last request for ``path``: "-" for nginx from a file. nginx
        writes its log line once the answer has gone out, so it may arrive just after
        the answer: wait for it (the outcome does not depend on how long it takes)."""
        deadline = time.monotonic() + 30
        while True:
            lines = [line.split() for line in self.access_log.read_text().splitlines()]
            answers = [parts[2] for parts in lines if len(parts) == 3 and parts[0] == path]
            if len(answers) >= self.sent.get(path, 1) or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert answers, f"nginx logged no request for {path}"
        return answers[-1]


# Session-wide: xdist may interleave this module with others on a worker.
@pytest.fixture(scope="session")
def site(tmp_path_factory, postgres_portal):
    base = tmp_path_factory.mktemp("nginx")
    portal = postgres_portal
    port = free_port()
    upstream = urllib.parse.urlsplit(portal.url).netloc
    config = portal.manage(
        "nginx_config",
        "--listen",
        f"127.0.0.1:{port}",
        "--upstream",
        upstream,
        "--server-name",
        "127.0.0.1",
        "--no-ipv6",
    )
    with nginx_server(base / "nginx", config, port) as access_log:
        url = f"http://127.0.0.1:{port}"
        wait_for(url + "/robots.txt")
        yield Site(url, portal, access_log)


def test_a_published_article_is_answered_by_nginx_from_its_file(site):
    with site.get(support.ARTICLE, encoding="br") as response:
        assert response.status == 200
        assert response.headers["Content-Encoding"] == "br"
        assert response.headers["Content-Type"].startswith("text/html")
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert "Strict-Transport-Security" not in response.headers  # plain HTTP here
        assert "must-revalidate" in response.headers["Cache-Control"]
        assert response.headers["ETag"] and response.headers["Last-Modified"]
    assert site.upstream_of(support.ARTICLE) == "-"
    with site.get(support.ARTICLE) as response:
        html = response.read().decode()
    assert "Date Add in:" in html and "Translator:" in html
    assert site.upstream_of(support.ARTICLE) == "-"


@pytest.mark.parametrize(
    ("path", "type_"),
    [
        (support.CHANNEL_PAGE_2, "text/html"),
        (support.CHANNEL + "rss.xml", "application/rss+xml"),
        ("/sitemap.xml", "application/xml"),
    ],
)
def test_listings_feeds_and_the_sitemap_come_from_files(site, path, type_):
    with site.get(path, encoding="gzip") as response:
        assert response.status == 200
        assert response.headers["Content-Encoding"] == "gzip"
    with site.get(path) as response:
        assert response.status == 200
        assert response.read()
    assert site.upstream_of(path) == "-"


def test_search_and_query_strings_go_to_gunicorn(site):
    with site.get(support.SEARCH_WITH_RESULTS) as response:
        assert "Liu Yuegao leads a team to Beijing" in response.read().decode()
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert site.upstream_of(support.SEARCH_WITH_RESULTS) != "-"
    with site.get(support.CHANNEL + "?page=2") as response:
        assert response.status == 200
    assert site.upstream_of(support.CHANNEL + "?page=2") != "-"


def test_unknown_addresses_and_hidden_files_get_the_portals_404(site):
    with pytest.raises(urllib.error.HTTPError) as refused:
        site.get(support.NOT_FOUND)
    assert refused.value.code == 404
    assert "Page not found" in refused.value.read().decode()
    with pytest.raises(urllib.error.HTTPError) as hidden:
        site.get("/.publishing-manifest")
    assert hidden.value.code == 404


def test_static_files_are_immutable_and_private_uploads_are_not_served(site):
    with site.get("/en/") as home:
        css = re.search(r'href="(/static/[^"]+\.css)"', home.read().decode()).group(1)
    with site.get(css, encoding="br, gzip") as response:
        assert response.status == 200
        assert "immutable" in response.headers["Cache-Control"]
        assert response.headers.get("Content-Encoding") in ("br", "gzip")
    assert site.upstream_of(css) == "-"
    with pytest.raises(urllib.error.HTTPError) as refused:
        site.get("/media/documents/anything.pdf")
    assert refused.value.code == 404


class _FromAddress(urllib.request.HTTPHandler):
    """Connects from a chosen loopback address, as a visitor elsewhere would."""

    def __init__(self, address: str):
        super().__init__()
        self.address = address

    def http_open(self, req):
        return self.do_open(
            functools.partial(http.client.HTTPConnection, source_address=(self.address, 0)), req
        )


def test_the_rate_limits_see_the_visitors_address_not_a_forged_one(site):
    opener = urllib.request.build_opener(
        _FromAddress(VISITOR_ADDRESS), urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    page = opener.open(site.url + MAILBOX + "track/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    request = urllib.request.Request(
        site.url + MAILBOX + "track/",
        data=urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "tracking_number": "20240101-0001", "query_code": "AAAA-BBBB-CCCC"}
        ).encode(),
        headers={"X-Forwarded-For": "203.0.113.9", "Referer": site.url + MAILBOX + "track/"},
    )
    try:
        opener.open(request, timeout=30).read()
    except urllib.error.HTTPError as answer:
        assert answer.code in (200, 404), answer.code
    stored = site.portal.manage(
        "shell",
        "-c",
        "from cityportal.core.models import RateLimitHit; "
        "print(*RateLimitHit.objects.filter(bucket='mailbox-track').values_list('address_hash', flat=True))",
    ).split()
    key = site.portal.env["SECRET_KEY"].encode()

    def hashed(address: str) -> str:
        return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()

    assert hashed(VISITOR_ADDRESS) in stored
    assert hashed("203.0.113.9") not in stored
    assert hashed("127.0.0.1") not in stored


def test_a_letter_with_an_attachment_and_a_survey_answer_go_through_nginx(site, page):
    page.goto(site.url + MAILBOX + "write/")
    page.get_by_role("textbox", name="Your name").fill("Nginx Tester")
    page.get_by_role("textbox", name="Email address").fill("nginx@example.org")
    page.get_by_role("textbox", name="Country or region").fill("China")
    page.get_by_role("radio", name="Consultation").check()
    page.get_by_role("textbox", name="Subject").fill("Bus stop signs through the proxy")
    page.get_by_role("textbox", name="Your letter").fill("Please add English names to the bus stop signs.")
    page.get_by_label("Attachments (optional)").set_input_files(
        {"name": "photo.pdf", "mimeType": "application/pdf", "buffer": make_pdf(4 * 1024 * 1024)}
    )
    page.get_by_role("radio", name=re.compile("^No")).first.check()
    page.get_by_role("button", name="Send the letter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Letter received")
    number = page.locator(".tracking-number").inner_text()
    stored = site.portal.manage(
        "shell",
        "-c",
        "from cityportal.mailbox.models import Letter; "
        f"letter = Letter.objects.get(tracking_number='{number}'); "
        "print(letter.subject, '|', letter.attachments.count(), letter.attachments.first().size)",
    )
    assert stored.strip().splitlines()[-1] == f"Bus stop signs through the proxy | 1 {4 * 1024 * 1024}"

    page.goto(site.url + support.OPEN_SURVEY)
    support.answer_open_survey(page)
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    assert site.upstream_of(support.OPEN_SURVEY) != "-"


def test_an_edit_published_in_the_admin_is_live_through_nginx(site, page):
    staff.sign_in(page, site.url, site.portal, site.portal.admin_username, site.portal.admin_password)
    page_id = site.portal.manage(
        "shell",
        "-c",
        "from wagtail.models import Page; "
        f"print(Page.objects.get(url_path__endswith='{support.ARTICLE.removeprefix('/en')}').id)",
    ).split()[-1]
    page.goto(f"{site.url}/admin/pages/{page_id}/edit/")
    title = page.get_by_role("textbox", name=re.compile("^Title"))
    title.fill("Liu Yuegao leads a team to Beijing, edited behind nginx")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("has been published")).to_be_visible()
    served_soon(site, support.ARTICLE, "edited behind nginx")
    assert site.upstream_of(support.ARTICLE) == "-"  # the new file, not a fallback
    served_soon(site, support.CHANNEL, "edited behind nginx")


def served_soon(site, path: str, text: str) -> None:
    """nginx checks an open file again after open_file_cache_valid (1 s), so a
    republished file is answered within about that; waits up to 10 s for it."""
    deadline = time.monotonic() + 10
    while True:
        with site.get(path) as response:
            if text in response.read().decode():
                return
        assert time.monotonic() < deadline, f"{path} does not show {text!r} through nginx"
        time.sleep(0.2)


def test_the_https_configuration_is_valid_nginx(site, tmp_path):
    certificate, key = tmp_path / "portal.pem", tmp_path / "portal.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=portal.example.gov",
         "-keyout", str(key), "-out", str(certificate), "-days", "1"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    config = site.portal.manage(
        "nginx_config",
        "--server-name",
        "portal.example.gov",
        "--listen",
        f"127.0.0.1:{free_port()}",
        "--certificate",
        str(certificate),
        "--certificate-key",
        str(key),
        "--no-ipv6",
    )
    assert "Strict-Transport-Security" in config
    assert "return 301 https://" in config
    main = tmp_path / "nginx.conf"
    main.write_text(
        "load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;\n"
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{ include /etc/nginx/mime.types; access_log off; {config} }}\n"
    )
    checked = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(main)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
