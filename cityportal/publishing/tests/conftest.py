"""A public directory of its own for each test, and helpers to publish into it."""

import pytest


@pytest.fixture
def public_dir(tmp_path, settings):
    settings.CITYPORTAL_PUBLIC_DIR = tmp_path / "public"
    settings.CITYPORTAL_QUARANTINE_DIR = tmp_path / "quarantine"
    return settings.CITYPORTAL_PUBLIC_DIR


@pytest.fixture
def publish_on_change(public_dir, settings, django_capture_on_commit_callbacks):
    """Publishing follows content changes, as on a served site: ``with
    publish_on_change():`` runs what the changes inside it hand over on commit."""
    settings.CITYPORTAL_PUBLISH_ON_CHANGE = True

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture
