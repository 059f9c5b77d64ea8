"""The scale-out configuration, on real servers: the portal on PostgreSQL (DATABASE_URL)
with its cache in Redis (REDIS_URL), prepared and served exactly as `make run` does."""

import subprocess
import urllib.parse
import urllib.request

import pytest

from tests.conftest import start_portal
from tests.servers import postgres_server, redis_server

pytestmark = [pytest.mark.server, pytest.mark.xdist_group("scale-out")]

ARTICLE = "/en/current-news/hot-news/liu-yuegao-leads-team-to-beijing-to-coordinate-with-central-enterprises/"


@pytest.fixture(scope="module")
def scaled_portal(tmp_path_factory):
    base = tmp_path_factory.mktemp("scale-out")
    with postgres_server() as database_url, redis_server(base) as redis_url:
        server = start_portal(base / "var", extra_env={"DATABASE_URL": database_url, "REDIS_URL": redis_url})
        server.redis_url = redis_url
        try:
            yield server
        finally:
            server.process.terminate()
            server.process.wait(timeout=20)


def get(server, path: str) -> str:
    with urllib.request.urlopen(server.url + path, timeout=30) as response:
        assert response.status == 200
        return response.read().decode()


def test_the_database_is_postgresql(scaled_portal):
    out = scaled_portal.manage(
        "shell", "-c", "from django.db import connection; print(connection.vendor, connection.pg_version)"
    )
    assert out.strip().splitlines()[-1].startswith("postgresql ")


def test_pages_render_from_postgresql(scaled_portal):
    assert "Date Add in:" in get(scaled_portal, ARTICLE)
    assert "2024-05-18 23:14:41" in get(scaled_portal, ARTICLE)
    assert "Hot News" in get(scaled_portal, "/en/current-news/hot-news/")


@pytest.mark.parametrize(
    "query",
    [
        "政府",  # a Chinese word inside the source 衡阳市政府门户网站 (jieba at both ends)
        "investments",  # English stem of "investment" (PostgreSQL's english configuration)
        "Baisha",
    ],
)
def test_search_works_on_postgresql(scaled_portal, query):
    html = get(scaled_portal, "/en/search/?" + urllib.parse.urlencode({"q": query}))
    assert "Liu Yuegao leads a team to Beijing" in html


def test_the_cache_is_redis(scaled_portal):
    get(scaled_portal, "/en/")
    port = urllib.parse.urlsplit(scaled_portal.redis_url).port
    keys = subprocess.run(
        ["redis-cli", "-p", str(port), "--scan"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert keys, "the portal stored nothing in Redis"
