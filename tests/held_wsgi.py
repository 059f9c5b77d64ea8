"""The portal's WSGI application with a test-only hook that holds a mailbox request at
a chosen point, so that a test can kill the worker while it is provably inside that
request (instead of hoping to catch it there).

A letter whose subject contains ``[hold:before-commit]`` is held inside the database
transaction that stores it, just after the letter row is written; ``[hold:after-commit]``
is held once the transaction has committed, before any response is sent. The first
request to reach a point writes the worker's process id to ``<hold dir>/<point>`` and
then sleeps until it is killed; later requests pass (the person's second press of
"Send" must go through). Never used outside the test suite: gunicorn loads it only when
a test names ``tests.held_wsgi:application``.
"""

import os
import time
from pathlib import Path

from cityportal.wsgi import application  # noqa: F401 - the application gunicorn serves

# isort: split
from django.db import transaction  # noqa: E402 - Django is set up by the import above
from django.db.models.signals import post_save  # noqa: E402

from cityportal.mailbox.models import Letter  # noqa: E402

HOLD_DIR = Path(os.environ["CITYPORTAL_TEST_HOLD_DIR"])
POINTS = ("before-commit", "after-commit")


def hold(point: str) -> None:
    """Announces this worker at ``point`` (once per point) and waits to be killed."""
    try:
        fd = os.open(HOLD_DIR / f"{point}.claim", os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return
    os.close(fd)
    # Written aside and renamed, so that the test never reads half a process id.
    (HOLD_DIR / f"{point}.tmp").write_text(str(os.getpid()))
    os.replace(HOLD_DIR / f"{point}.tmp", HOLD_DIR / point)
    while True:
        time.sleep(1)


def _letter_saved(sender, instance: Letter, created: bool, **kwargs) -> None:
    if not created:
        return
    if "[hold:before-commit]" in instance.subject:
        hold("before-commit")
    if "[hold:after-commit]" in instance.subject:
        transaction.on_commit(lambda: hold("after-commit"))


post_save.connect(_letter_saved, sender=Letter, dispatch_uid="tests.held_wsgi")
