"""Whether the published files are current, so that a start need not rebuild them.

They are current when the code that renders them (the portal's Python modules,
templates, translations and static files, the pinned requirements, the settings that
change what a page shows) is the one of the last full rebuild, no page failed to
publish, and no page changed while publishing on change was off (a bulk import,
`prepare_site`'s demo loader): such a change marks the state, so the next start
rebuilds. Changes made with publishing on are published as they happen; each run
leaves a marker until it has finished, so that one cut short (the process killed
between the editor's commit and the last file) also means a rebuild.
"""

import hashlib
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.utils import timezone

import cityportal
from cityportal.publishing.models import PublishedFile, PublishedState, PublishFailure

_SUFFIXES = {".py", ".html", ".txt", ".xml", ".mo", ".css", ".js", ".svg", ".json", ".conf"}
_RENDERING_SETTINGS = (
    "LANGUAGES",
    "LANGUAGE_CODE",
    "TIME_ZONE",
    "STATIC_URL",
    "MEDIA_URL",
    "CITYPORTAL_ITEMS_PER_PAGE",
    "WAGTAILADMIN_BASE_URL",
)


def code_fingerprint() -> str:
    """SHA-256 over everything apart from content that decides how pages render."""
    digest = hashlib.sha256()
    package = Path(cityportal.__file__).resolve().parent
    sources = sorted(
        path
        for path in package.rglob("*")
        if path.suffix in _SUFFIXES and "tests" not in path.relative_to(package).parts and path.is_file()
    )
    for path in sources:
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    extras = [manifest, Path(settings.BASE_DIR) / "requirements.lock"]
    for path in extras:
        digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"") + b"\0")
    for name in _RENDERING_SETTINGS:
        digest.update(f"{name}={getattr(settings, name, None)!r}\0".encode())
    return digest.hexdigest()


def _runs_dir() -> Path:
    # Beside the published files, not among them: a static server must not serve it.
    public = Path(settings.CITYPORTAL_PUBLIC_DIR)
    return public.parent / f"{public.name}.publishing-runs"


@contextmanager
def publishing_run() -> Iterator[None]:
    """Marks a change being published; the mark stays if the run does not finish."""
    folder = _runs_dir()
    folder.mkdir(parents=True, exist_ok=True)
    # Named by its start (the file's own time is coarser than the clock's).
    marker = folder / f"{time.time_ns()}-{os.getpid()}-{uuid.uuid4().hex}"
    marker.touch()
    yield
    marker.unlink(missing_ok=True)  # not on an exception: what it left undone stays marked


def interrupted_runs() -> list[Path]:
    folder = _runs_dir()
    return sorted(folder.iterdir()) if folder.is_dir() else []


def record_rebuild(started: float | None = None) -> None:
    """After a full rebuild that began at ``started`` (time.time()): the runs cut short
    before it are made good."""
    for marker in interrupted_runs():
        head = marker.name.split("-", 1)[0]
        begun = int(head) if head.isdigit() else 0  # a foreign name counts as old
        if started is None or begun < started * 1e9:
            marker.unlink(missing_ok=True)
    PublishedState.objects.update_or_create(
        pk=1,
        defaults={
            "fingerprint": code_fingerprint(),
            "pages_changed_unpublished": False,
            "rebuilt_at": timezone.now(),
        },
    )


def note_unpublished_change() -> None:
    PublishedState.objects.filter(pk=1, pages_changed_unpublished=False).update(
        pages_changed_unpublished=True
    )


def outdated_reason() -> str | None:
    """Why a rebuild is needed, or None when the files are current."""
    state = PublishedState.objects.filter(pk=1).first()
    if state is None:
        return "the site has never been published"
    if not PublishedFile.objects.exists():
        return "there are no published files"
    if PublishFailure.objects.exists():
        return "some pages failed to publish"
    if state.fingerprint != code_fingerprint():
        return "the code or templates changed since the last rebuild"
    if interrupted_runs():
        return "a publishing run was cut short"
    if state.pages_changed_unpublished:
        return "pages changed without being published (publishing on change off, or a bulk import)"
    return None
