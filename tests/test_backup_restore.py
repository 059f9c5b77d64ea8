"""Backup and restore round trips on the embedded SQLite file (the PostgreSQL one is in
tests/test_scale_out.py, on its server): the demo site is prepared and published,
backed up with `manage.py backup_site`, restored with `manage.py restore_site` into an
empty database and empty directories, and published again; the rebuilt static site must
be byte-identical to the one before."""

import hashlib
import io
import json
import os
import secrets
import sqlite3
import stat
import subprocess
import tarfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, VENV_BIN, prepare_site

pytestmark = [pytest.mark.server, pytest.mark.xdist_group("backups")]


def site_env(var_dir: Path, database_url: str = "", **settings: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        CITYPORTAL_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="cityportal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        CITYPORTAL_HTTPS="0",
        PORT="8000",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(settings)
    return env


def manage(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def prepare(env: dict) -> None:
    prepare_site(Path(env["CITYPORTAL_VAR_DIR"]), env)


def tree(directory: Path) -> dict[str, bytes]:
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def assert_same_tree(before: Path, after: Path) -> None:
    old, new = tree(before), tree(after)
    assert sorted(new) == sorted(old)
    changed = [name for name in old if old[name] != new[name]]
    assert not changed, f"{len(changed)} file(s) differ, first {changed[0]}"


def restore_and_publish(archive: Path, env: dict) -> subprocess.CompletedProcess:
    restored = manage(env, "restore_site", str(archive))
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "publish_site")
    return restored


# Session-wide: xdist may interleave this module with others on a worker.
@pytest.fixture(scope="session")
def sqlite_backup(tmp_path_factory):
    """The demo site on its SQLite file, published, and its backup archive."""
    base = tmp_path_factory.mktemp("backup-sqlite")
    env = site_env(base / "source")
    prepare(env)
    archive = base / "site.tar"
    written = manage(env, "backup_site", "--output", str(archive))
    assert f"Wrote {archive}: the database and" in written.stdout
    assert "Backing up:" in written.stderr  # the progress line
    return env, archive


def test_a_sqlite_backup_restores_to_a_byte_identical_site(sqlite_backup, tmp_path):
    source_env, archive = sqlite_backup
    source = Path(source_env["CITYPORTAL_VAR_DIR"])
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # personal data: its owner only
    assert "is whole" in manage(source_env, "restore_site", "--verify-only", str(archive)).stdout

    env = site_env(tmp_path / "restored")
    restored = restore_and_publish(archive, env)
    assert "Restored" in restored.stdout and "Restoring:" in restored.stderr
    target = Path(env["CITYPORTAL_VAR_DIR"])
    assert len(tree(source / "public")) > 500
    assert_same_tree(source / "public", target / "public")
    assert_same_tree(source / "media", target / "media")

    # A second restore would merge two sites: refused, and the site is unchanged.
    again = manage(env, "restore_site", str(archive), check=False)
    assert again.returncode != 0
    assert "already has tables" in again.stderr
    assert_same_tree(source / "public", target / "public")


def damaged_copy(archive: Path, target: Path) -> Path:
    """The archive with one byte of the database copy changed."""
    data = bytearray(archive.read_bytes())
    with tarfile.open(archive) as opened:
        member = next(info for info in opened if info.name.startswith("database/"))
    data[member.offset_data + member.size // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize("damage", ["byte changed", "truncated", "not a backup"])
def test_a_damaged_backup_is_refused_before_anything_is_restored(sqlite_backup, tmp_path, damage):
    _, archive = sqlite_backup
    broken = tmp_path / "broken.tar"
    if damage == "byte changed":
        damaged_copy(archive, broken)
        expected = "database/db.sqlite3 is damaged"
    elif damage == "truncated":
        broken.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
        expected = "truncated or damaged"
    else:
        with tarfile.open(broken, "w") as opened:
            opened.add(ROOT / "README.md", arcname="README.md")
        expected = "not a cityportal backup"
    env = site_env(tmp_path / "restored")
    for command in (["restore_site", "--verify-only", str(broken)], ["restore_site", str(broken)]):
        result = manage(env, *command, check=False)
        assert result.returncode != 0
        assert expected in result.stderr
    # Nothing was restored: no database, no files.
    restored = tmp_path / "restored"
    assert not (restored / "db.sqlite3").exists() or (restored / "db.sqlite3").stat().st_size == 0
    assert not (restored / "media").exists()


def sqlite_archive(path: Path) -> Path:
    """A small, whole backup of a SQLite database (an empty one is enough here)."""
    database = path.with_suffix(".sqlite3")
    sqlite3.connect(database).close()
    digest = hashlib.sha256(database.read_bytes()).hexdigest()
    manifest = {
        "format": 1,
        "engine": "sqlite",
        "created": "2026-12-06T00:00:00+00:00",
        "members": [{"name": "database/db.sqlite3", "size": database.stat().st_size, "sha256": digest}],
    }
    body = json.dumps(manifest).encode()
    with tarfile.open(path, "w") as opened:
        info = tarfile.TarInfo("backup.json")
        info.size = len(body)
        opened.addfile(info, io.BytesIO(body))
        opened.add(database, arcname="database/db.sqlite3")
    return path
