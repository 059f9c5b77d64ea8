"""The publishing task on a queue (CITYPORTAL_TASKS=database): a change is queued in
the database when it commits, and django-tasks-db's ``db_worker`` publishes it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from cityportal.publishing import publisher, units

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


def test_a_queued_change_is_published_by_the_database_worker(
    queued_tasks, publish_on_change, public_dir, reference_article
):
    publisher.publish_units(units.page_units(reference_article))
    page_file = public_dir / units.url_to_file(reference_article.url)
    assert "Xiangjiang" not in page_file.read_text()

    with publish_on_change():
        reference_article.title = "Xiangjiang bridge opens to traffic"
        reference_article.save_revision().publish()
    # Queued, not run: the editor's request does not wait for the rendering.
    # (Wagtail queues its search and reference index updates beside it.)
    queued = DBTaskResult.objects.get(task_path="cityportal.publishing.tasks.publish_changes")
    assert queued.status == "READY"
    assert queued.args_kwargs["kwargs"]["page_ids"] == [reference_article.pk]
    assert "Xiangjiang" not in page_file.read_text()

    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO(), stderr=StringIO()
    )
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL", queued.exception_class_path
    assert "Xiangjiang bridge opens to traffic" in page_file.read_text()
