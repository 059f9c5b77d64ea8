"""Whether the collected static files are those of the current sources, so that a
restart of `make run` (prepare_site) skips `collectstatic` when nothing changed: with
hashed, compressed names it re-processes every file, about ten seconds, each start."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

STAMP_NAME = ".cityportal-sources"  # kept in STATIC_ROOT, beside what it describes


def sources_fingerprint() -> str:
    """A digest of every static source file (its address, size and modification time)
    and of how they are stored: it changes when collectstatic would write anything new."""
    digest = hashlib.sha256()
    digest.update(f"{settings.STORAGES['staticfiles']['BACKEND']}\n{settings.STATIC_URL}\n".encode())
    found: dict[str, Path] = {}
    for finder in finders.get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            # The first finder to offer an address wins, as in collectstatic.
            found.setdefault(path, Path(storage.path(path)))
    for path in sorted(found):
        stat = found[path].stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _stamp() -> Path:
    return Path(settings.STATIC_ROOT) / STAMP_NAME


def _collected() -> bool:
    """The collection is whole: with hashed names, its manifest was written last."""
    manifest = getattr(staticfiles_storage, "manifest_name", None)
    return manifest is None or Path(staticfiles_storage.path(manifest)).exists()


def static_files_current(fingerprint: str) -> bool:
    stamp = _stamp()
    return stamp.exists() and stamp.read_text().strip() == fingerprint and _collected()


def forget_collected() -> None:
    _stamp().unlink(missing_ok=True)


def mark_collected(fingerprint: str) -> None:
    """After a successful collectstatic: its sources were these."""
    stamp = _stamp()
    stamp.parent.mkdir(parents=True, exist_ok=True)
    temporary = stamp.with_suffix(".tmp")
    temporary.write_text(fingerprint + "\n")
    temporary.replace(stamp)
