"""Publishing units to the public directory, one at a time or all of them.

A unit is rendered completely before anything of it is written; if any of its
addresses fails, nothing of it changes on disk and the failure is recorded for the
admin's "Published site" report. What each render read is kept (``Dependency``) so that
a later change re-publishes exactly the units that show it (``changes.py``).
"""

import multiprocessing
import os
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connections, transaction
from django.utils import timezone

from cityportal.core import render_record
from cityportal.core.progress import Progress
from cityportal.publishing import files, state, units
from cityportal.publishing.models import Dependency, PublishedFile, PublishFailure
from cityportal.publishing.render import Renderer

CHROME_SAMPLE = 40  # units rendered to learn what every page shows
CHROME_SHARE = 0.9  # read by at least this share of an edition's sample: part of every page


class RenderFailed(Exception):
    pass


@dataclass
class PublishReport:
    units: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # unit, address, error
    seconds: float = 0.0

    def add(self, other: "PublishReport") -> None:
        self.units += other.units
        self.written += other.written
        self.unchanged += other.unchanged
        self.removed += other.removed
        self.failures += other.failures

    def summary(self) -> str:
        rate = self.units / self.seconds if self.seconds else 0
        return (
            f"{self.units} units in {self.seconds:.1f} s ({rate:.0f}/s): {self.written} files written, "
            f"{self.unchanged} unchanged, {self.removed} removed, {len(self.failures)} failed"
        )


def chrome_keys() -> set[str]:
    return set(Dependency.objects.filter(unit=units.CHROME).values_list("key", flat=True))


def render_unit(
    unit: str, renderer: Renderer, addresses: units.Addresses | None = None
) -> tuple[dict[str, bytes], set[str]] | None:
    """The files of a unit and what its render read; None if it is not to be published.
    Raises RenderFailed when an address does not render as a public page."""
    urls = (addresses or units.Addresses()).of(unit)
    if urls is None:
        return None
    expected = 404 if unit.startswith("not-found") else 200
    output: dict[str, bytes] = {}
    keys: set[str] = set()
    for url in urls:
        try:
            rendered = renderer.render(url)
        except Exception as error:  # noqa: BLE001 - any error in any view is a failed render
            raise RenderFailed(f"{url}: {''.join(traceback.format_exception_only(error)).strip()}") from error
        if rendered.status != expected:
            raise RenderFailed(f"{url} answered {rendered.status}, not {expected}")
        output.update(files.with_variants(units.file_for(unit, url), rendered.body))
        keys |= rendered.keys
    page_id = units.unit_page_id(unit)
    if page_id is not None:
        keys.discard(render_record.page_key(page_id))
    return output, keys


def _withdraw(unit: str, report: PublishReport) -> None:
    root = units.public_dir()
    with transaction.atomic():
        for path in PublishedFile.objects.filter(unit=unit).values_list("path", flat=True):
            files.remove(root, path)
            report.removed += 1
        PublishedFile.objects.filter(unit=unit).delete()
        Dependency.objects.filter(unit=unit).delete()
        PublishFailure.objects.filter(unit=unit).delete()


@dataclass
class _Records:
    """What the units published since the last flush wrote, recorded in one transaction:
    a commit per unit costs more than rendering a small page."""

    files: dict[str, PublishedFile] = field(default_factory=dict)  # by path: the last writer's
    stale: list[tuple[str, set[str]]] = field(default_factory=list)
    dependencies: dict[str, set[str]] = field(default_factory=dict)

    def flush(self) -> None:
        if not self.dependencies:
            return
        unit_list = list(self.dependencies)
        with transaction.atomic():
            PublishedFile.objects.bulk_create(
                list(self.files.values()),
                update_conflicts=True,
                unique_fields=["path"],
                update_fields=["unit", "sha256", "size", "published_at"],
            )
            for unit, paths in self.stale:
                PublishedFile.objects.filter(unit=unit, path__in=paths).delete()
            for chunk in chunked_list(unit_list, 500):
                Dependency.objects.filter(unit__in=chunk).delete()
                PublishFailure.objects.filter(unit__in=chunk).delete()
            rows = [Dependency(unit=u, key=key) for u, keys in self.dependencies.items() for key in keys]
            Dependency.objects.bulk_create(rows, batch_size=2000)
        self.files.clear()
        self.stale.clear()
        self.dependencies.clear()


RECORD_EVERY = 50  # units


def publish_unit(
    unit: str,
    renderer: Renderer,
    chrome: set[str],
    report: PublishReport,
    force: bool = False,
    addresses: units.Addresses | None = None,
    records: _Records | None = None,
) -> None:
    """Renders and writes one unit; its records go to ``records`` (flushed by the
    caller), or are made at once."""
    report.units += 1
    pending = records if records is not None else _Records()
    try:
        result = render_unit(unit, renderer, addresses)
    except RenderFailed as error:
        url = str(error).split(":", 1)[0].split(" ", 1)[0]
        PublishFailure.objects.update_or_create(
            unit=unit, defaults={"url": url, "error": str(error), "happened_at": timezone.now()}
        )
        report.failures.append((unit, url, str(error)))
        return
    if result is None:
        pending.flush()  # the unit's records may be among them
        _withdraw(unit, report)
        return
    output, keys = result
    root = units.public_dir()
    now = timezone.now()
    existing = dict(PublishedFile.objects.filter(unit=unit).values_list("path", "sha256"))
    for path, data in output.items():
        digest = files.sha256(data)
        target = root / path
        if (
            not force
            and existing.get(path) == digest
            and not target.is_symlink()
            and target.is_file()
            and target.stat().st_size == len(data)
        ):
            report.unchanged += 1
        else:
            files.write_atomic(root, path, data)
            report.written += 1
        pending.files[path] = PublishedFile(
            path=path, unit=unit, sha256=digest, size=len(data), published_at=now
        )
    # A file another unit has taken over since (a page's later addresses became units
    # of their own) is that unit's now: left alone.
    stale = set(existing) - set(output) - set(pending.files)
    stale = set(PublishedFile.objects.filter(unit=unit, path__in=stale).values_list("path", flat=True))
    for path in stale:
        files.remove(root, path)
        report.removed += 1
    pending.stale.append((unit, stale))
    pending.dependencies[unit] = keys - chrome
    if records is None:
        pending.flush()


def publish_units(
    unit_list: Iterable[str],
    *,
    renderer: Renderer | None = None,
    chrome: set[str] | None = None,
    force: bool = False,
    addresses: units.Addresses | None = None,
) -> PublishReport:
    """Publishes the units; ``force`` writes every file even where the records say the
    disk already holds it (repair)."""
    started = time.monotonic()
    renderer = renderer or Renderer()
    chrome = chrome_keys() if chrome is None else chrome
    addresses = addresses or units.Addresses()
    units.public_dir().mkdir(parents=True, exist_ok=True)
    report = PublishReport()
    records = _Records()
    try:
        for unit in unit_list:
            publish_unit(unit, renderer, chrome, report, force, addresses, records)
            if len(records.dependencies) >= RECORD_EVERY:
                records.flush()
    finally:
        records.flush()  # what was written is recorded, even when a later unit raised
    report.seconds = time.monotonic() - started
    return report


def learn_chrome(
    unit_list: list[str], renderer: Renderer, addresses: units.Addresses | None = None
) -> set[str]:
    """What (nearly) every page of an edition reads: menus, the edition's home, the
    site settings. Kept once as the "chrome" instead of once per unit; a change to any
    of it re-publishes the whole site."""
    addresses = addresses or units.Addresses()
    by_edition: dict[str, list[str]] = {}
    for unit in unit_list:
        urls = addresses.of(unit) or []
        if urls and units.unit_page_id(unit) is not None:
            by_edition.setdefault(urls[0].strip("/").split("/", 1)[0], []).append(urls[0])
    chrome: set[str] = set()
    for urls in by_edition.values():
        sample = urls[:: max(1, len(urls) // CHROME_SAMPLE)][:CHROME_SAMPLE]
        counts: Counter[str] = Counter()
        for url in sample:
            counts.update(renderer.render(url).keys)
        chrome |= {key for key, count in counts.items() if count >= CHROME_SHARE * len(sample)}
    return chrome


# Multiprocessing: each worker renders with its own database connection and renderer.
_worker_renderer: Renderer | None = None


def _worker_publish(args: tuple[dict[str, list[str]], set[str]]) -> PublishReport:
    global _worker_renderer
    chunk, chrome = args
    if _worker_renderer is None:
        _worker_renderer = Renderer()
    return publish_units(chunk, renderer=_worker_renderer, chrome=chrome, addresses=units.Addresses(chunk))


def _worker_render(chunk: dict[str, list[str]]) -> dict[str, str | None]:
    """For --check: the SHA-256 of every file the units would have (None: withdrawn)."""
    global _worker_renderer
    if _worker_renderer is None:
        _worker_renderer = Renderer()
    addresses = units.Addresses(chunk)
    hashes: dict[str, str | None] = {}
    for unit in chunk:
        try:
            result = render_unit(unit, _worker_renderer, addresses)
        except RenderFailed:
            continue
        if result is not None:
            hashes.update({path: files.sha256(data) for path, data in result[0].items()})
    return hashes


def run_in_processes(
    function: Callable, chunks: list, processes: int, progress: Callable[[int], None] | None
) -> list:
    results = []
    connection = connections["default"]
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        processes = 1  # a child cannot share an in-memory database (the unit tests')
    if processes <= 1:
        for chunk in chunks:
            results.append(function(chunk))
            if progress:
                progress(1)
        return results
    connections.close_all()  # each child opens its own
    context = multiprocessing.get_context("fork")
    with context.Pool(processes) as pool:
        for result in pool.imap_unordered(function, chunks):
            results.append(result)
            if progress:
                progress(1)
    return results


def chunked_list(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def chunked(addresses: dict[str, list[str]], size: int) -> list[dict[str, list[str]]]:
    """The units with their addresses, in order, ``size`` to a chunk."""
    return [dict(part) for part in chunked_list(list(addresses.items()), size)]


def rebuild(processes: int = 2, chunk_size: int = 20, stream=None) -> PublishReport:
    """Publishes every unit again (both cores by default) and withdraws the units that
    are no longer public. Readers keep getting whole files throughout."""
    started, begun_at = time.monotonic(), time.time()
    known = units.all_unit_addresses()
    unit_list = list(known)
    renderer = Renderer()
    chrome = learn_chrome(unit_list, renderer, units.Addresses(known))
    with transaction.atomic():
        Dependency.objects.filter(unit=units.CHROME).delete()
        Dependency.objects.bulk_create(Dependency(unit=units.CHROME, key=key) for key in sorted(chrome))
    chunks = chunked(known, chunk_size)
    progress = Progress("Publishing pages", len(unit_list), chunk_size, stream)
    report = PublishReport()
    for result in run_in_processes(
        _worker_publish, [(chunk, chrome) for chunk in chunks], processes, progress
    ):
        report.add(result)
    gone = set(PublishedFile.objects.values_list("unit", flat=True).distinct()) - set(unit_list)
    gone |= (
        set(Dependency.objects.values_list("unit", flat=True).distinct()) - set(unit_list) - {units.CHROME}
    )
    report.add(publish_units(sorted(gone), renderer=renderer, chrome=chrome))
    report.units -= len(gone)
    report.seconds = time.monotonic() - started
    if not report.failures:
        state.record_rebuild(started=begun_at)
    return report


@dataclass
class Difference:
    path: str
    problem: str  # "differs", "missing", "not published" (on disk only)


def check(processes: int = 2, chunk_size: int = 20, stream=None) -> list[Difference]:
    """Compares the public directory with what publishing now would write."""
    known = units.all_unit_addresses()
    progress = Progress("Rendering for comparison", len(known), chunk_size, stream)
    expected: dict[str, str | None] = {}
    for hashes in run_in_processes(_worker_render, chunked(known, chunk_size), processes, progress):
        expected.update(hashes)
    root = units.public_dir()
    differences = []
    for path, digest in sorted(expected.items()):
        on_disk = files.read_hash(root, path)
        if on_disk is None:
            differences.append(Difference(path, "missing"))
        elif on_disk != digest:
            differences.append(Difference(path, "differs"))
    for path in sorted(set(walk(root)) - set(expected)):
        differences.append(Difference(path, "not published"))
    return differences


def walk(root) -> Iterable[str]:
    """Every file and link under the public directory (relative paths, links to
    directories included but not followed), but the temporary files of writes in
    progress."""
    if not root.exists():
        return
    for directory, subdirectories, names in os.walk(root, followlinks=False):
        base = Path(directory)
        links = [name for name in subdirectories if (base / name).is_symlink()]
        for name in sorted(names + links):
            if not files.is_temporary(name):
                yield (base / name).relative_to(root).as_posix()
