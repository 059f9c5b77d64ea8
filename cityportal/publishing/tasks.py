"""The background task that re-publishes after a change. With django-tasks'
ImmediateBackend (the embedded default) it runs at once, after the change's
transaction commits; with a queue backend (django-tasks-db's DatabaseBackend and its
``db_worker``), a worker process runs it."""

from django_tasks import task

from cityportal.publishing import state
from cityportal.publishing.changes import Change, publish_change


@task()
def publish_changes(
    page_ids: list[int],
    old_places: list[list],
    model_keys: list[str],
    in_place: list[int] | None = None,
    earlier_times: dict[str, str | None] | None = None,
) -> str:
    # in_place, earlier_times: absent from tasks queued before they existed (those
    # re-publish more of the listings).
    change = Change(
        page_ids=set(page_ids),
        old_places={(path, depth) for path, depth in old_places},
        model_keys=set(model_keys),
        in_place=set(in_place or ()),
        earlier_times={int(pk): moment for pk, moment in (earlier_times or {}).items()},
    )
    with state.publishing_run():
        return publish_change(change).summary()
