"""The scale-out configuration, on real servers: the portal on PostgreSQL (DATABASE_URL)
with its cache in Redis (REDIS_URL), prepared and served exactly as `make run` does."""

import subprocess
import tarfile
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
import pytest

from tests.test_backup_restore import assert_same_tree, manage, restore_and_publish, site_env, sqlite_archive

# The group of tests/test_nginx.py: both use the one postgres_portal (tests/conftest.py).
pytestmark = [pytest.mark.server, pytest.mark.xdist_group("nginx")]

ARTICLE = "/en/current-news/hot-news/liu-yuegao-leads-team-to-beijing-to-coordinate-with-central-enterprises/"


@pytest.fixture(scope="session")
def scaled_portal(postgres_portal):
    return postgres_portal


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


def test_a_postgresql_backup_restores_to_a_byte_identical_site(scaled_portal, tmp_path):
    """backup_site (pg_dump) of the served site, restore_site (pg_restore) into a new
    empty database with new directories, publish_site: the same files, byte for byte."""
    source_url = scaled_portal.env["DATABASE_URL"]
    server_url = source_url.rsplit("/", 1)[0]
    with psycopg.connect(source_url, autocommit=True) as connection:
        connection.execute("CREATE DATABASE restored")
        connection.execute("CREATE DATABASE other")
    source = Path(scaled_portal.env["CITYPORTAL_VAR_DIR"])
    archive = tmp_path / "site.tar"
    manage(scaled_portal.env, "backup_site", "--output", str(archive))
    with tarfile.open(archive) as opened:
        assert "database/db.pgdump" in opened.getnames()

    # The same settings as the source (the portal's tests switch the tile map on).
    tiles = scaled_portal.env["CITYPORTAL_MAP_TILES_URL"]
    env = site_env(tmp_path / "restored", server_url + "/restored", CITYPORTAL_MAP_TILES_URL=tiles)
    restore_and_publish(archive, env)
    assert_same_tree(source / "public", tmp_path / "restored" / "public")
    assert_same_tree(source / "media", tmp_path / "restored" / "media")

    # A backup of the other engine is refused with what to do instead.
    other = manage(
        site_env(tmp_path / "other", server_url + "/other"),
        "restore_site",
        str(sqlite_archive(tmp_path / "sqlite.tar")),
        check=False,
    )
    assert other.returncode != 0
    assert "holds a sqlite database; the site's database is postgresql" in other.stderr
