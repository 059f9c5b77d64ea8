"""One backup archive: the database, dumped by its own engine's tools, and the directories
of uploaded files (public media and private mailbox attachments).

The archive is a tar file with ``backup.json`` first: the database engine, when it was
made, and the SHA-256 and size of every other member, so that a restore checks the whole
archive before it touches anything. The published static site is not in it: it is
rebuilt from the database (`manage.py publish_site`), byte for byte the same.

SQLite is copied with its online backup API (a consistent copy while the site runs);
PostgreSQL with pg_dump's custom format and pg_restore, the tools its operators know.
"""

import glob
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

FORMAT = 1
MANIFEST = "backup.json"
SQLITE = "sqlite"
POSTGRESQL = "postgresql"
DATABASE_MEMBERS = {SQLITE: "database/db.sqlite3", POSTGRESQL: "database/db.pgdump"}
Progress = Callable[[int], None]


class BackupError(Exception):
    """Something a person must fix before a backup or restore can go on."""


@dataclass
class Member:
    name: str
    size: int
    sha256: str


def engine_kind(alias: str = "default") -> str:
    engine = settings.DATABASES[alias]["ENGINE"]
    if engine.endswith("sqlite3"):
        return SQLITE
    if engine.endswith("postgresql"):
        return POSTGRESQL
    raise BackupError(f"Backups support SQLite and PostgreSQL databases, not {engine}.")


def file_directories() -> dict[str, Path]:
    """The directories of uploaded files a backup holds, by the name they have in it."""
    return {name: Path(path) for name, path in settings.CITYPORTAL_BACKUP_DIRECTORIES.items()}


def _postgres_tool(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), ""
    )
    if not found:
        raise BackupError(f"{name} is missing: install Debian's postgresql-client.")
    return found


def _postgres_connection(alias: str) -> tuple[list[str], dict[str, str]]:
    """libpq arguments and environment for the database of ``alias`` (password by env,
    never on a command line that `ps` shows)."""
    database = settings.DATABASES[alias]
    arguments = ["--dbname", database["NAME"]]
    if database.get("HOST"):
        arguments += ["--host", database["HOST"]]
    if database.get("PORT"):
        arguments += ["--port", str(database["PORT"])]
    if database.get("USER"):
        arguments += ["--username", database["USER"]]
    environment = {**os.environ}
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = database["PASSWORD"]
    return arguments, environment


def _run_postgres_tool(name: str, arguments: list[str], alias: str) -> None:
    connection, environment = _postgres_connection(alias)
    # The arguments come from the settings and the operator's command line.
    done = subprocess.run(  # noqa: S603
        [_postgres_tool(name), *arguments, *connection], env=environment, capture_output=True, text=True
    )
    if done.returncode:
        raise BackupError(f"{name} failed: {done.stderr.strip()}")


def _stream_sha256(stream) -> str:
    digest = hashlib.sha256()
    for block in iter(lambda: stream.read(1 << 20), b""):
        digest.update(block)
    return digest.hexdigest()


def _sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return _stream_sha256(stream)


def _copy_sqlite(source_path: str | Path, target_path: str | Path) -> None:
    """SQLite's online backup API: a consistent copy even while the source is written."""
    source, target = sqlite3.connect(source_path), sqlite3.connect(target_path)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def dump_database(target: Path, alias: str = "default") -> str:
    """Writes a consistent copy of the database to ``target``; returns the engine kind."""
    kind = engine_kind(alias)
    if kind == SQLITE:
        _copy_sqlite(settings.DATABASES[alias]["NAME"], target)
    else:
        _run_postgres_tool(
            "pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", str(target)], alias
        )
    return kind


def _files_of(directory: Path) -> Iterator[Path]:
    for path in sorted(directory.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def count_files() -> int:
    return sum(
        1 for directory in file_directories().values() if directory.is_dir() for _ in _files_of(directory)
    )


def create(output: Path, progress: Progress | None = None, alias: str = "default") -> list[Member]:
    """Writes the backup archive to ``output`` (readable by its owner only: it holds
    personal data) and returns its members."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cityportal-backup-") as scratch:
        dump = Path(scratch) / "database"
        kind = dump_database(dump, alias)
        entries: list[tuple[str, Path]] = [(DATABASE_MEMBERS[kind], dump)]
        for name, directory in file_directories().items():
            if directory.is_dir():
                entries += [
                    (f"files/{name}/{path.relative_to(directory).as_posix()}", path)
                    for path in _files_of(directory)
                ]
        members = []
        for name, path in entries:
            members.append(Member(name, path.stat().st_size, _sha256(path)))
        manifest = {
            "format": FORMAT,
            "engine": kind,
            "created": timezone.now().isoformat(),
            "members": [member.__dict__ for member in members],
        }
        partial = output.with_name(output.name + ".partial")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w") as archive:
            body = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(body), int(timezone.now().timestamp()), 0o600
            archive.addfile(info, io.BytesIO(body))
            for name, path in entries:
                archive.add(path, arcname=name, recursive=False)
                if progress:
                    progress(1)
        os.replace(partial, output)  # a half-written archive never carries the final name
    return members


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        first = archive.next()
        if first is None or first.name != MANIFEST:
            raise BackupError("This is not a cityportal backup: backup.json is missing.")
        manifest = json.load(archive.extractfile(first))
    except (tarfile.TarError, json.JSONDecodeError) as error:
        raise BackupError(f"The backup cannot be read: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Backup format {manifest.get('format')} is not supported by this version.")
    return manifest


def _open(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, mode="r")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"The backup cannot be opened: {error}") from error


def manifest_of(path: Path) -> dict:
    """The manifest alone, without checking the members."""
    with _open(path) as archive:
        return read_manifest(archive)


def verify(path: Path, progress: Progress | None = None) -> dict:
    """Checks every member against the manifest; returns the manifest or raises
    BackupError naming what is damaged or missing."""
    with _open(path) as archive:
        manifest = read_manifest(archive)
        expected = {member["name"]: member for member in manifest["members"]}
        seen = set()
        try:
            for info in archive:
                if info.name == MANIFEST:
                    continue
                if info.name not in expected or not info.isfile():
                    raise BackupError(f"The backup holds {info.name}, which its manifest does not list.")
                with archive.extractfile(info) as stream:
                    digest = _stream_sha256(stream)
                member = expected[info.name]
                if info.size != member["size"] or digest != member["sha256"]:
                    raise BackupError(
                        f"{info.name} is damaged: it differs from the checksum in the manifest."
                    )
                seen.add(info.name)
                if progress:
                    progress(1)
        except tarfile.TarError as error:
            raise BackupError(f"The backup is truncated or damaged: {error}") from error
        missing = sorted(set(expected) - seen)
        if missing:
            raise BackupError(f"The backup lacks {len(missing)} file(s), first {missing[0]}.")
    return manifest


def database_is_empty(alias: str = "default") -> bool:
    with connections[alias].cursor() as cursor:
        return not connections[alias].introspection.table_names(cursor)


def restore(path: Path, progress: Progress | None = None, alias: str = "default") -> dict:
    """Restores the archive into the (empty) database of ``alias`` and the file
    directories. Checks the whole archive first; refuses a database that has tables."""
    manifest = verify(path)
    kind = engine_kind(alias)
    if manifest["engine"] != kind:
        raise BackupError(
            f"This backup holds a {manifest['engine']} database; the site's database is {kind}. "
            "Restore it into the same kind of database."
        )
    if kind == SQLITE:
        # A new machine's first step: its data directory may not exist yet.
        Path(settings.DATABASES[alias]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    if not database_is_empty(alias):
        raise BackupError(
            "The database already has tables. Restore into an empty database (a new SQLite file, "
            "or a newly created PostgreSQL database), so that nothing is merged by accident."
        )
    directories = file_directories()
    with (
        _open(path) as archive,
        tempfile.TemporaryDirectory(prefix="cityportal-restore-") as scratch,
    ):
        read_manifest(archive)
        for info in archive:
            if info.name == MANIFEST:
                continue
            if info.name == DATABASE_MEMBERS[kind]:
                dump = Path(scratch) / "database"
                with archive.extractfile(info) as source, dump.open("wb") as target:
                    shutil.copyfileobj(source, target)
                _load_database(kind, dump, alias)
            else:
                _, name, relative = info.name.split("/", 2)
                if name not in directories:
                    raise BackupError(f"The backup holds files for {name}, which this site does not keep.")
                # The 'data' filter refuses absolute paths, '..' and links out of the directory.
                archive.extract(
                    info.replace(name=relative, deep=False), directories[name], filter="data", set_attrs=False
                )
            if progress:
                progress(1)
    return manifest


def _load_database(kind: str, dump: Path, alias: str) -> None:
    connections[alias].close()
    if kind == SQLITE:
        _copy_sqlite(dump, settings.DATABASES[alias]["NAME"])
        return
    _run_postgres_tool(
        "pg_restore",
        ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", str(dump)],
        alias,
    )
