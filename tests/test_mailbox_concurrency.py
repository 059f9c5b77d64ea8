"""No letter is lost or stored twice when a web worker dies during a burst of letters.

The portal runs as `make run` runs it (gunicorn, 2 workers, SQLite in WAL mode) in its
own directory, with the per-address letter limit raised through the environment. Eight
clients send letters at once, each as a browser does (GET the form for the CSRF cookie,
token and submission key, then POST). While they are at it, one worker is killed with
SIGKILL (not the master, which starts a new worker). A client whose request died sends
the same form again, as a person pressing "Send" again would.

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
CLIENTS = 8
LETTERS_PER_CLIENT = 8
KILL_AFTER = 16  # letters answered before a worker is killed
MARK = "burst-test"


@pytest.fixture(scope="module")
def burst_portal(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("mailbox-burst-var")
    server = start_portal(var_dir, workers=2, extra_env={"CITYPORTAL_MAILBOX_LETTERS_PER_HOUR": "100000"})
    server.var_dir = var_dir
    yield server
    server.process.terminate()
    server.process.wait(timeout=30)


def worker_pids(master_pid: int) -> set[int]:
    # Children may be started from any of the master's threads.
    pids = set()
    for task in Path(f"/proc/{master_pid}/task").iterdir():
        pids.update(int(pid) for pid in (task / "children").read_text().split())
    return pids


def serving(pid: int, port: int) -> bool:
    """Whether the worker holds an established connection to the server's port, i.e. is
    in the middle of a request (a sync worker serves one connection at a time)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue  # closed while we looked
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    for line in Path(f"/proc/{pid}/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local_port, state, inode = int(fields[1].rsplit(":", 1)[1], 16), fields[3], fields[9]
        if local_port == port and state == "01" and inode in inodes:  # 01: ESTABLISHED
            return True
    return False


def kill_while_serving(pid: int, port: int, timeout: float = 20) -> bool:
    """SIGKILLs the worker at a moment it is serving a request; True if it caught one,
    False if it had to kill it idle after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    busy = False
    while time.monotonic() < deadline:
        if serving(pid, port):
            busy = True
            break
    os.kill(pid, signal.SIGKILL)
    return busy


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
    before_kill = worker_pids(master)
    assert len(before_kill) == 2
    victim = sorted(before_kill)[0]
    port = int(burst_portal.url.rsplit(":", 1)[1])
    numbers: dict[str, str] = {}  # subject -> tracking number from the response
    failures: list[str] = []
    retries = []
    answered = threading.Semaphore(0)
    lock = threading.Lock()

    def client(number: int) -> None:
        writer = Writer(burst_portal.url)
        for letter in range(LETTERS_PER_CLIENT):
            subject = f"{MARK} {number:02d}-{letter:02d} letter"
            form = None
            for attempt in range(5):
                try:
                    form = form or writer.load_form()
                    tracking_number = writer.send(form, subject)
                except (urllib.error.URLError, http.client.HTTPException, OSError, AttributeError) as error:
                    # The worker died under this request: send the same form again.
                    with lock:
                        retries.append((subject, attempt, repr(error)))
                    time.sleep(0.3)
                    continue
                with lock:
                    numbers[subject] = tracking_number
                answered.release()
                break
            else:
                with lock:
                    failures.append(subject)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for _ in range(KILL_AFTER):
        assert answered.acquire(timeout=180), "the letters stopped coming"
    killed_at = len(numbers)
    caught_in_flight = kill_while_serving(victim, port)
    for thread in threads:
        thread.join(timeout=600)
    assert not any(thread.is_alive() for thread in threads)

    # The worker really died mid-way, the master replaced it, the burst went on.
    after = worker_pids(master)
    assert victim not in after and len(after) == 2
    assert KILL_AFTER <= killed_at < CLIENTS * LETTERS_PER_CLIENT
    assert caught_in_flight, "the worker was never seen serving a request"
    # Its request died with it, and the client sent that form again.
    assert retries, "killing the worker interrupted no request"
    assert not failures, failures
    assert len(numbers) == CLIENTS * LETTERS_PER_CLIENT
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
    # Every answered letter is stored exactly once, under the number it was given.
    for subject, tracking_number in numbers.items():
        assert by_subject.get(subject) == [tracking_number], subject
    # Nothing stored that nobody was told about, and no number twice in the whole table.
    assert set(by_subject) == set(numbers)
    assert len(all_numbers) == len(set(all_numbers))
    print(
        f"{len(numbers)} letters, worker {victim} killed after {killed_at}, {len(retries)} retried request(s)"
    )
