"""Integrity of the published site (defacement is a veto item for government sites).

Every file the publisher writes is recorded with its SHA-256 (``PublishedFile``). The
check compares the public directory with those records: a file changed, deleted, added
or replaced by a link behind the publisher's back is a finding. Repair publishes the
affected units again and moves foreign files out of the public directory into a dated
quarantine folder, where they can be examined.
"""

import os
import shutil
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from cityportal.publishing import files, units
from cityportal.publishing.models import IntegrityFinding, PublishedFile
from cityportal.publishing.publisher import publish_units, walk

Kind = IntegrityFinding.Kind


@dataclass(frozen=True)
class Finding:
    path: str
    kind: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{Kind(self.kind).label}: {self.path}" + (f" ({self.detail})" if self.detail else "")


def scan() -> list[Finding]:
    root = units.public_dir()
    manifest = dict(PublishedFile.objects.values_list("path", "sha256"))
    findings = []
    seen = set()
    for path in walk(root):
        target = root / path
        if target.is_symlink():
            kind = Kind.LINK if path in manifest else Kind.ADDED
            findings.append(Finding(path, kind, f"a link to {os.readlink(target)}"))
        elif path not in manifest:
            findings.append(Finding(path, Kind.ADDED))
        elif files.sha256(target.read_bytes()) != manifest[path]:
            findings.append(Finding(path, Kind.CHANGED))
        seen.add(path)
    findings += [Finding(path, Kind.DELETED) for path in sorted(set(manifest) - seen)]
    return _confirmed(findings)


def _confirmed(findings: list[Finding]) -> list[Finding]:
    """Drops findings that a publish running at the same time explains (its file was
    written after the records were read)."""
    if not findings:
        return findings
    root = units.public_dir()
    now = dict(
        PublishedFile.objects.filter(path__in=[f.path for f in findings]).values_list("path", "sha256")
    )
    confirmed = []
    for finding in findings:
        on_disk = files.read_hash(root, finding.path)
        if finding.kind != Kind.LINK and on_disk is not None and now.get(finding.path) == on_disk:
            continue
        if finding.kind == Kind.DELETED and finding.path not in now:
            continue
        confirmed.append(finding)
    return confirmed


def quarantine_dir():
    return settings.CITYPORTAL_QUARANTINE_DIR / timezone.now().strftime("%Y%m%d-%H%M%S")


def verify(repair: bool = False) -> tuple[list[Finding], list[Finding]]:
    """The findings, recorded for the admin; with ``repair``, restored. Returns the
    findings and those still there afterwards. A finding already on record stays one
    record however often cron finds it; records no longer found are closed."""
    findings = scan()
    now = timezone.now()
    for finding in findings:
        IntegrityFinding.objects.get_or_create(
            path=finding.path,
            kind=finding.kind,
            repaired_at=None,
            defaults={"detail": finding.detail[:300], "found_at": now},
        )
    remaining = findings
    if repair and findings:
        _repair(findings)
        remaining = scan()
    still_there = {(finding.path, finding.kind) for finding in remaining}
    for record in IntegrityFinding.objects.filter(repaired_at=None):
        if (record.path, record.kind) not in still_there:
            record.repaired_at = timezone.now()
            record.save(update_fields=["repaired_at"])
    return findings, remaining


def _repair(findings: list[Finding]) -> None:
    root = units.public_dir()
    moved_to = quarantine_dir()
    for finding in findings:
        if finding.kind == Kind.ADDED:
            destination = moved_to / finding.path
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(root / finding.path, destination)
            files.remove(root, finding.path)  # tidies the directories it leaves empty
    damaged = [f.path for f in findings if f.kind != Kind.ADDED]
    to_publish = sorted(set(PublishedFile.objects.filter(path__in=damaged).values_list("unit", flat=True)))
    publish_units(to_publish, force=True)
