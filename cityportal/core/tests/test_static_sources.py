"""prepare_site collects static files only when their sources changed
(core/static_sources.py): a restart of `make run` skips ten seconds of collectstatic."""

import os
from io import StringIO

import pytest

from cityportal.core import static_sources
from cityportal.core.management.commands.prepare_site import Command


@pytest.fixture
def sources(settings, tmp_path):
    """A project static folder of its own and an empty STATIC_ROOT."""
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "city.css").write_text("body { color: #222; }\n")
    settings.STATICFILES_DIRS = [folder]
    settings.STATIC_ROOT = tmp_path / "collected"
    return folder


def change(source, text: str) -> None:
    """Rewrites a source, its time moved on whatever the clock's resolution."""
    source.write_text(text)
    later = source.stat().st_mtime_ns + 1_000_000_000
    os.utime(source, ns=(later, later))


def collect() -> str:
    out = StringIO()
    Command(stdout=out).collect_static_files()
    return out.getvalue()


def test_the_first_start_collects_and_a_restart_does_not(sources, settings):
    assert "Collecting static files" in collect()
    assert (settings.STATIC_ROOT / "city.css").read_text() == "body { color: #222; }\n"
    (settings.STATIC_ROOT / "city.css").unlink()  # would come back if collectstatic ran
    assert "Static files are current" in collect()
    assert not (settings.STATIC_ROOT / "city.css").exists()


def test_a_changed_source_is_collected_again(sources, settings):
    collect()
    change(sources / "city.css", "body { color: #000; }\n")
    assert "Collecting static files" in collect()
    assert (settings.STATIC_ROOT / "city.css").read_text() == "body { color: #000; }\n"


def test_a_new_or_removed_source_changes_the_fingerprint(sources):
    before = static_sources.sources_fingerprint()
    assert static_sources.sources_fingerprint() == before
    (sources / "map.js").write_text("// map\n")
    added = static_sources.sources_fingerprint()
    assert added != before
    (sources / "map.js").unlink()
    assert static_sources.sources_fingerprint() == before


def test_another_storage_collects_again(sources, settings):
    collect()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    }
    fingerprint = static_sources.sources_fingerprint()
    assert not static_sources.static_files_current(fingerprint)


def test_a_collection_cut_short_is_not_taken_as_current(sources, settings, monkeypatch):
    collect()
    fingerprint = static_sources.sources_fingerprint()
    assert static_sources.static_files_current(fingerprint)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    change(sources / "city.css", "body { color: #111; }\n")
    monkeypatch.setattr("cityportal.core.management.commands.prepare_site.call_command", interrupted)
    with pytest.raises(KeyboardInterrupt):
        collect()
    assert not static_sources.static_files_current(fingerprint)
    assert not static_sources.static_files_current(static_sources.sources_fingerprint())
