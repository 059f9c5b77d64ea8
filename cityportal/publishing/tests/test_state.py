"""When a start must rebuild the published files: never published, code changed, a page
that failed, or pages changed without being published; and not otherwise."""

import io
import json
import time

import pytest
from django.core.management import call_command
from django.utils import timezone

from cityportal.demo.bulk import generate_sample_items
from cityportal.publishing import publisher, state, units
from cityportal.publishing.models import PublishFailure

pytestmark = pytest.mark.django_db


@pytest.fixture
def current(public_dir, hot_news, settings, tmp_path):
    """Some files published and recorded as a full rebuild would record them."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    (settings.STATIC_ROOT / "staticfiles.json").write_text(json.dumps({"paths": {"a.css": "a.1.css"}}))
    publisher.publish_units(units.page_units(hot_news))
    state.record_rebuild()
    assert state.outdated_reason() is None


def test_a_site_never_published_is_rebuilt(public_dir):
    assert state.outdated_reason() == "the site has never been published"


def test_new_code_or_static_files_mean_a_rebuild(current, settings):
    (settings.STATIC_ROOT / "staticfiles.json").write_text(json.dumps({"paths": {"a.css": "a.2.css"}}))
    assert state.outdated_reason() == "the code or templates changed since the last rebuild"


def test_a_setting_that_changes_pages_means_a_rebuild(current, settings):
    settings.CITYPORTAL_ITEMS_PER_PAGE = settings.CITYPORTAL_ITEMS_PER_PAGE + 1
    assert state.outdated_reason() == "the code or templates changed since the last rebuild"


def test_a_failed_page_means_a_rebuild(current, hot_news):
    PublishFailure.objects.create(
        unit=units.page_unit(hot_news.pk), url=hot_news.url, error="boom", happened_at=timezone.now()
    )
    assert state.outdated_reason() == "some pages failed to publish"


def test_an_edit_with_publishing_off_means_a_rebuild(current, reference_article, settings):
    settings.CITYPORTAL_PUBLISH_ON_CHANGE = False
    reference_article.title = "Edited while publishing was off"
    reference_article.save_revision().publish()
    assert state.outdated_reason().startswith("pages changed without being published")
    output = io.StringIO()
    call_command("publish_site", "--if-outdated", "--processes", "1", stdout=output, stderr=io.StringIO())
    assert "Rebuilding: pages changed without being published" in output.getvalue()
    assert state.outdated_reason() is None


def test_an_edit_published_as_it_happens_keeps_the_files_current(
    current, reference_article, publish_on_change
):
    with publish_on_change():
        reference_article.title = "Edited and published at once"
        reference_article.save_revision().publish()
    assert state.outdated_reason() is None


def test_bulk_written_pages_mean_a_rebuild_even_with_publishing_on(current, settings):
    settings.CITYPORTAL_PUBLISH_ON_CHANGE = True
    generate_sample_items(23)
    assert state.outdated_reason().startswith("pages changed without being published")


def cut_short(page, monkeypatch) -> None:
    """The publishing task of a change to the page, its process dying between the
    commit and the last file."""
    from cityportal.publishing import tasks

    def killed(change):
        raise SystemExit(1)

    with monkeypatch.context() as patch:
        patch.setattr(tasks, "publish_change", killed)
        with pytest.raises(SystemExit):
            tasks.publish_changes.call(page_ids=[page.pk], old_places=[], model_keys=[])


def test_a_publishing_run_cut_short_means_a_rebuild(current, reference_article, monkeypatch):
    cut_short(reference_article, monkeypatch)
    assert state.outdated_reason() == "a publishing run was cut short"
    # The marker is beside the published files, not among them.
    assert not any(".publishing-runs" in str(path) for path in units.public_dir().rglob("*"))

    rebuild_began = time.time()
    with state.publishing_run():  # a run that began during the rebuild is not made good by it
        state.record_rebuild(started=rebuild_began)
        assert len(state.interrupted_runs()) == 1
        assert state.outdated_reason() == "a publishing run was cut short"
    assert state.outdated_reason() is None  # it finished


def test_a_full_rebuild_makes_good_the_runs_cut_short_before_it(current, reference_article, monkeypatch):
    cut_short(reference_article, monkeypatch)
    report = publisher.rebuild(processes=1)
    assert report.failures == []
    assert state.interrupted_runs() == []
    assert state.outdated_reason() is None


def test_a_finished_run_leaves_no_mark(current, reference_article):
    from cityportal.publishing import tasks

    tasks.publish_changes.call(page_ids=[reference_article.pk], old_places=[], model_keys=[])
    assert state.interrupted_runs() == []
    assert state.outdated_reason() is None
