"""The background task that re-publishes after a change. With django-tasks'
ImmediateBackend (the embedded default) it runs at once, after the change's
transaction commits; with a queue backend (django-tasks-db's DatabaseBackend and its
``db_worker``), a worker process runs it."""

from django_tasks import task

from cityportal.publishing import state
from cityportal.publishing.changes import Change, publish_change


@task()
def publish_changes(
    page_ids: list[int], old_places: list[list], model_keys: list[str], in_place: list[int] | None = None
) -> str:
    # in_place: absent from tasks queued before it existed (they re-publish every listing).
    change = Change(
        page_ids=set(page_ids),
        old_places={(path, depth) for path, depth in old_places},
        model_keys=set(model_keys),
        in_place=set(in_place or ()),
    )
    with state.publishing_run():
        return publish_change(change).summary()
