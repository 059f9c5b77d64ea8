"""No letter is lost or stored twice when a web worker dies in the middle of a letter.

The portal runs as `make run` runs it (gunicorn, 2 workers, SQLite in WAL mode) in its
own directory, with the per-address letter limit raised through the environment, and
with a test-only hook (tests/held_wsgi.py) that holds a chosen request inside the
mailbox. Six clients send letters at once, each as a browser does (GET the form for the
CSRF cookie, token and submission key, then POST). Meanwhile one more person sends a
letter that the hook holds, first inside the transaction that stores it, then (a second
letter) just after that transaction committed. Each time the worker holding it announces
itself and is killed with SIGKILL (not the master, which starts a new worker); the
person's request dies with it, and they send the same form again, as pressing "Send"
again would. Nothing here waits on timing: the kill happens when the hook says the
worker is inside the request.

Then, in the database: every letter that got a tracking number in a response is there
exactly once, under that number and with its own text; no number is stored twice; and
no letter is stored that no client sent.
"""

import http.client
import http.cookiejar
import os
import re
import signal
import sqlite3
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import start_portal

pytestmark = [pytest.mark.server, pytest.mark.xdist_group("browser")]

MAILBOX = "/en/online-service/mailbox-of-government/"
CLIENTS = 6
LETTERS_PER_CLIENT = 6
MARK = "burst-test"
HOLD_POINTS = ("before-commit", "after-commit")


@pytest.fixture(scope="module")
def burst_portal(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("mailbox-burst-var")
    hold_dir = tmp_path_factory.mktemp("mailbox-burst-hold")
    server = start_portal(
        var_dir,
        workers=2,
        extra_env={
            "CITYPORTAL_MAILBOX_LETTERS_PER_HOUR": "100000",
            "CITYPORTAL_TEST_HOLD_DIR": str(hold_dir),
        },
        wsgi_app="tests.held_wsgi:application",
    )
    server.var_dir = var_dir
    server.hold_dir = hold_dir
    yield server
    server.process.terminate()
    server.process.wait(timeout=30)


def worker_pids(master_pid: int) -> set[int]:
    # Children may be started from any of the master's threads.
    pids = set()
    for task in Path(f"/proc/{master_pid}/task").iterdir():
        pids.update(int(pid) for pid in (task / "children").read_text().split())
    return pids


def wait_for_hold(hold_dir: Path, point: str, timeout: float = 180) -> int:
    """The process id of the worker the hook holds at ``point``, once it is there."""
    marker = hold_dir / point
    deadline = time.monotonic() + timeout
    while not marker.exists():
        assert time.monotonic() < deadline, f"no request reached {point}"
        time.sleep(0.05)
    return int(marker.read_text())


def wait_for_workers(master_pid: int, count: int, timeout: float = 60) -> set[int]:
    deadline = time.monotonic() + timeout
    while len(pids := worker_pids(master_pid)) != count:
        assert time.monotonic() < deadline, f"the master runs {len(pids)} workers, not {count}"
        time.sleep(0.1)
    return pids


class Writer:
    """One person with a browser: a cookie jar, and the form it last loaded."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def load_form(self) -> dict:
        html = self.opener.open(self.base + MAILBOX + "write/", timeout=60).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
        return {"csrfmiddlewaretoken": token, "submission_key": key}

    def send(self, form: dict, subject: str) -> str:
        data = {
            **form,
            "name": "Burst Tester",
            "email": "burst@example.org",
            "phone": "",
            "country": "Testland",
            "letter_type": "consultation",
            "subject": subject,
            "message": f"Letter {subject} sent during the burst test.",
            "consent": "no",
            "website": "",
        }
        request = urllib.request.Request(
            self.base + MAILBOX + "write/", data=urllib.parse.urlencode(data).encode()
        )
        html = self.opener.open(request, timeout=60).read().decode()
        return re.search(r'data-tracking-number="([0-9]{8}-[0-9]{4,6})"', html).group(1)


def test_a_killed_worker_loses_no_letter_and_duplicates_none(burst_portal):
    master = burst_portal.process.pid
    assert len(worker_pids(master)) == 2
    numbers: dict[str, str] = {}  # subject -> tracking number from the response
    failures: list[str] = []
    retries: list[tuple[str, int, str]] = []
    lock = threading.Lock()

    def send_until_answered(writer: Writer, subject: str) -> None:
        form = None
        for attempt in range(5):
            try:
                form = form or writer.load_form()
                tracking_number = writer.send(form, subject)
            except (urllib.error.URLError, http.client.HTTPException, OSError, AttributeError) as error:
                # The worker died under this request: send the same form again.
                with lock:
                    retries.append((subject, attempt, repr(error)))
                continue
            with lock:
                numbers[subject] = tracking_number
            return
        with lock:
            failures.append(subject)

    def client(number: int) -> None:
        writer = Writer(burst_portal.url)
        for letter in range(LETTERS_PER_CLIENT):
            send_until_answered(writer, f"{MARK} {number:02d}-{letter:02d} letter")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    killed = []
    for point in HOLD_POINTS:
        subject = f"{MARK} held [hold:{point}] letter"
        person = threading.Thread(target=send_until_answered, args=(Writer(burst_portal.url), subject))
        person.start()
        victim = wait_for_hold(burst_portal.hold_dir, point)
        assert victim in worker_pids(master), "the held request is not in one of the master's workers"
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)
        person.join(timeout=300)
        assert not person.is_alive()
        # The person's first request died with the worker; the same form went through again.
        assert [attempt for held, attempt, _ in retries if held == subject] == [0], retries
        assert subject in numbers
    for thread in threads:
        thread.join(timeout=600)
    assert not any(thread.is_alive() for thread in threads)

    # The master replaced each killed worker, and the burst went on.
    after = wait_for_workers(master, 2)
    assert not after & set(killed)
    assert not failures, failures
    assert len(numbers) == CLIENTS * LETTERS_PER_CLIENT + len(HOLD_POINTS)
    urllib.request.urlopen(burst_portal.url + "/robots.txt", timeout=30).read()

    with sqlite3.connect(f"file:{burst_portal.var_dir / 'db.sqlite3'}?mode=ro", uri=True) as db:
        stored = db.execute(
            "SELECT tracking_number, subject, message FROM mailbox_letter WHERE subject LIKE ?", (MARK + "%",)
        ).fetchall()
        all_numbers = [row[0] for row in db.execute("SELECT tracking_number FROM mailbox_letter")]
    by_subject: dict[str, list[str]] = {}
    for tracking_number, subject, message in stored:
        by_subject.setdefault(subject, []).append(tracking_number)
        assert message == f"Letter {subject} sent during the burst test."
    # Every answered letter is stored exactly once, under the number it was given: the
    # one killed before its commit was stored by the second press, the one killed after
    # its commit was recognised by its submission key and not stored again.
    for subject, tracking_number in numbers.items():
        assert by_subject.get(subject) == [tracking_number], subject
    # Nothing stored that nobody was told about, and no number twice in the whole table.
    assert set(by_subject) == set(numbers)
    assert len(all_numbers) == len(set(all_numbers))
    print(
        f"{len(numbers)} letters, workers {killed} killed inside a request, {len(retries)} retried request(s)"
    )
