"""The archive check, on archives made by hand: whatever is wrong with one is named
before anything is restored."""

import hashlib
import io
import json
import tarfile

import pytest

from cityportal.backups import archive

BODY = b"a database, for the purpose of this test"


def make_archive(path, members: dict[str, bytes], listed: dict[str, bytes] | None = None, fmt: int = 1):
    listed = members if listed is None else listed
    manifest = {
        "format": fmt,
        "engine": "sqlite",
        "created": "2026-12-06T00:00:00+00:00",
        "members": [
            {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in listed.items()
        ],
    }
    with tarfile.open(path, "w") as opened:
        for name, data in {archive.MANIFEST: json.dumps(manifest).encode(), **members}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            opened.addfile(info, io.BytesIO(data))
    return path


def test_a_whole_archive_passes_and_counts_its_members(tmp_path):
    path = make_archive(tmp_path / "a.tar", {"database/db.sqlite3": BODY, "files/media/a.png": b"png"})
    seen = []
    manifest = archive.verify(path, progress=seen.append)
    assert manifest["engine"] == "sqlite"
    assert len(seen) == 2


@pytest.mark.parametrize(
    ("members", "listed", "message"),
    [
        ({"database/db.sqlite3": BODY}, {"database/db.sqlite3": BODY + b"!"}, "db.sqlite3 is damaged"),
        ({"database/db.sqlite3": BODY, "files/media/x.html": b"<script>"}, {"database/db.sqlite3": BODY},
         "holds files/media/x.html, which its manifest does not list"),
        ({"database/db.sqlite3": BODY}, {"database/db.sqlite3": BODY, "files/media/a.png": b"png"},
         "lacks 1 file(s), first files/media/a.png"),
    ],
)  # fmt: skip
def test_a_changed_foreign_or_missing_member_is_named(tmp_path, members, listed, message):
    path = make_archive(tmp_path / "a.tar", members, listed)
    with pytest.raises(archive.BackupError, match=message.replace("(", r"\(").replace(")", r"\)")):
        archive.verify(path)


def test_an_archive_of_another_format_version_is_refused(tmp_path):
    path = make_archive(tmp_path / "a.tar", {"database/db.sqlite3": BODY}, fmt=2)
    with pytest.raises(archive.BackupError, match="format 2 is not supported"):
        archive.verify(path)


def test_a_file_that_is_not_an_archive_is_refused(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("not a tar file")
    with pytest.raises(archive.BackupError, match="cannot be opened"):
        archive.verify(path)
