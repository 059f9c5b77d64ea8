#!/usr/bin/env python3
"""How many letters per second the Mailbox of Government takes, over real HTTP.

Builds (or reuses) the demo site in its own var directory, serves it the way `make run`
does (scripts/run.sh: production settings, gunicorn with WEB_CONCURRENCY workers, SQLite
in $CITYPORTAL_VAR_DIR) with the per-address letter limit raised, then lets N clients
send letters at the same time, each as a browser does: GET the form (CSRF cookie, token,
submission key), POST the letter, read the thank-you page with its tracking number.

Prints letters per second (letters stored / wall-clock time of the timed phase) and the
median and 95th-percentile latency of the POST (the letter being stored and the page
sent back), and checks that every letter is in the database exactly once.

    .venv/bin/python bench/mailbox_submissions.py
    .venv/bin/python bench/mailbox_submissions.py --clients 8 --letters 400 --attachment-kb 500

The site is kept in bench/results/mailbox-site/ and reused; --rebuild starts it again.
"""

import argparse
import http.cookiejar
import json
import re
import secrets
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from benchsite import (
    MARKER,
    RESULTS,
    ROOT,
    free_port,
    load_average,
    percentile,
    save_report,
    say,
    serving,
    site_env,
)

MAILBOX = "/en/online-service/mailbox-of-government/"
SUBJECT_MARK = "bench letter"
# Sites are reused: each run's letters carry their own mark.
RUN_ID = secrets.token_hex(4)


def mailbox_site_env(var_dir: Path, port: int, workers: int) -> dict[str, str]:
    # One address sends every letter here; the default allows 5 an hour.
    return site_env(
        var_dir,
        port,
        WEB_CONCURRENCY=str(workers),
        CITYPORTAL_MAILBOX_LETTERS_PER_HOUR="1000000000",
    )


def build_site(var_dir: Path, rebuild: bool) -> None:
    if (var_dir / MARKER).exists() and not rebuild:
        say(f"==> Reusing the demo site in {var_dir}")
        return
    if var_dir.exists():
        if not var_dir.resolve().is_relative_to(RESULTS.resolve()) and not (var_dir / MARKER).exists():
            raise SystemExit(f"{var_dir} is not a benchmark site; choose another --var-dir")
        shutil.rmtree(var_dir)
    var_dir.mkdir(parents=True)
    say(f"==> Preparing the demo site in {var_dir} (scripts/prepare-site.sh production)")
    started = time.monotonic()
    result = subprocess.run(
        ["scripts/prepare-site.sh", "production"],
        cwd=ROOT,
        env=mailbox_site_env(var_dir, free_port(), 2),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(result.stdout[-3000:] + result.stderr[-3000:])
    (var_dir / MARKER).write_text(
        json.dumps({"built_at": datetime.now(UTC).isoformat(), "seconds": round(time.monotonic() - started)})
    )


def make_pdf(size: int) -> bytes:
    """A small valid PDF padded to about ``size`` bytes (an attachment to send)."""
    filler = b"%" + b"x" * 62 + b"\n"
    body = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
    body += filler * max(0, (size - len(body) - 40) // len(filler))
    return body + b"trailer << /Root 1 0 R >>\n%%EOF\n"


def multipart(fields: dict[str, str], files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    boundary = "----bench" + secrets.token_hex(12)
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, filename, content in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: application/pdf\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Client:
    """One writer with a browser-like cookie jar."""

    def __init__(self, base: str, attachment: bytes):
        self.base = base
        self.attachment = attachment
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def send_letter(self, subject: str) -> tuple[float, str]:
        """GET the form, POST the letter; returns the POST's latency (ms) and the number."""
        html = self.opener.open(self.base + MAILBOX + "write/", timeout=120).read().decode()
        fields = {
            "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1),
            "submission_key": re.search(r'name="submission_key" value="([^"]+)"', html).group(1),
            "name": "Bench Writer",
            "email": "bench@example.org",
            "phone": "",
            "country": "Benchland",
            "letter_type": "consultation",
            "subject": subject,
            "message": "A letter sent by bench/mailbox_submissions.py to measure the mailbox. " * 4,
            "consent": "no",
            "website": "",
        }
        files = [("attachments", "bench.pdf", self.attachment)] if self.attachment else []
        body, content_type = multipart(fields, files)
        request = urllib.request.Request(
            self.base + MAILBOX + "write/", data=body, headers={"Content-Type": content_type}
        )
        started = time.perf_counter()
        with self.opener.open(request, timeout=120) as response:
            page = response.read().decode()
        elapsed = (time.perf_counter() - started) * 1000
        match = re.search(r'data-tracking-number="([0-9-]+)"', page)
        if not match:
            raise RuntimeError("no tracking number in the answer")
        return elapsed, match.group(1)


def run_phase(base: str, clients: int, letters: int, attachment: bytes, label: str) -> dict:
    """``letters`` letters from ``clients`` concurrent clients."""
    queue = list(range(letters))
    lock = threading.Lock()
    latencies: list[float] = []
    numbers: dict[str, str] = {}
    errors: list[str] = []

    def work() -> None:
        client = Client(base, attachment)
        while True:
            with lock:
                if not queue:
                    return
                index = queue.pop()
            subject = f"{SUBJECT_MARK} {RUN_ID} {label} {index:05d}"
            try:
                elapsed, number = client.send_letter(subject)
            except Exception as error:  # noqa: BLE001 - counted and reported
                with lock:
                    errors.append(f"{subject}: {error!r}")
                continue
            with lock:
                latencies.append(elapsed)
                numbers[subject] = number

    threads = [threading.Thread(target=work) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "letters": len(numbers),
        "errors": errors,
        "seconds": round(wall, 2),
        "letters_per_second": round(len(numbers) / wall, 2) if wall else 0,
        "post_median_ms": round(statistics.median(latencies), 1) if latencies else None,
        "post_p95_ms": round(percentile(latencies, 0.95), 1) if latencies else None,
        "post_max_ms": round(latencies[-1], 1) if latencies else None,
        "numbers": numbers,
    }


def check_database(var_dir: Path, numbers: dict[str, str]) -> None:
    with sqlite3.connect(var_dir / "db.sqlite3", timeout=30) as db:
        rows = db.execute(
            "SELECT subject, tracking_number FROM mailbox_letter WHERE subject LIKE ?",
            (f"{SUBJECT_MARK} {RUN_ID} timed %",),
        ).fetchall()
    stored: dict[str, list[str]] = {}
    for subject, number in rows:
        stored.setdefault(subject, []).append(number)
    missing = [s for s, n in numbers.items() if stored.get(s) != [n]]
    if missing:
        example = missing[0]
        raise SystemExit(
            f"{len(missing)} letters are not stored exactly once under their number: e.g. {example} "
            f"was given {numbers[example]}, stored as {stored.get(example)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (default 4)")
    parser.add_argument("--letters", type=int, default=200, help="timed letters (default 200)")
    parser.add_argument("--warmup", type=int, default=10, help="untimed letters first (default 10)")
    parser.add_argument(
        "--attachment-kb", type=int, default=0, help="attach a PDF of this size (default none)"
    )
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn workers, WEB_CONCURRENCY (default 2)"
    )
    parser.add_argument("--var-dir", type=Path, help="site directory (default bench/results/mailbox-site)")
    parser.add_argument("--rebuild", action="store_true", help="prepare the site again even if it exists")
    args = parser.parse_args()
    if args.clients < 1 or args.letters < 1 or args.warmup < 0 or args.attachment_kb < 0:
        parser.error("--clients and --letters must be at least 1, the others at least 0")

    var_dir = (args.var_dir or RESULTS / "mailbox-site").resolve()
    build_site(var_dir, args.rebuild)
    port = free_port()
    env = mailbox_site_env(var_dir, port, args.workers)
    log_path = var_dir / "server.log"
    say(f"==> Serving with scripts/run.sh on port {port} ({args.workers} gunicorn workers)")
    attachment = make_pdf(args.attachment_kb * 1024) if args.attachment_kb else b""
    with serving(env, log_path, timeout=300) as base:
        load_before = load_average()
        if args.warmup:
            say(f"==> Warm-up: {args.warmup} letters")
            run_phase(base, args.clients, args.warmup, attachment, "warmup")
        say(f"==> Timed: {args.letters} letters from {args.clients} concurrent clients")
        result = run_phase(base, args.clients, args.letters, attachment, "timed")
        load_after = load_average()
        # Checked while the server runs: its last connection to close rewrites the file.
        check_database(var_dir, result["numbers"])

    out = save_report(
        "mailbox-submissions",
        {
            "clients": args.clients,
            "workers": args.workers,
            "attachment_kb": args.attachment_kb,
            "load_before": load_before,
            "load_after": load_after,
            **{k: v for k, v in result.items() if k != "numbers"},
        },
    )
    say("")
    say(
        f"{result['letters']} letters in {result['seconds']} s from {args.clients} clients, "
        f"{args.workers} workers, attachment {args.attachment_kb} KB: "
        f"{result['letters_per_second']} letters/second"
    )
    say(
        f"POST latency: median {result['post_median_ms']} ms, p95 {result['post_p95_ms']} ms, "
        f"max {result['post_max_ms']} ms; load {load_before}-{load_after}; {len(result['errors'])} errors"
    )
    say("Every letter is stored exactly once under the number it was given.")
    say(f"Saved {out.relative_to(ROOT)}; server log {log_path}")
    if result["errors"]:
        say("Errors: " + "; ".join(result["errors"][:5]))


if __name__ == "__main__":
    sys.exit(main())
