"""What the benchmark scripts share: a site in its own var directory served the way
`make run` serves it (scripts/run.sh with production settings), percentiles, and the
report written to bench/results/."""

import contextlib
import json
import math
import os
import platform
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = ROOT / ".venv" / "bin" / "python"
# Written into a site directory once the site is built; its absence means "not a bench site".
MARKER = "bench-site.json"


def say(line: str) -> None:
    print(line, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(var_dir: Path, port: int, **extra: str) -> dict[str, str]:
    """The environment of scripts/run.sh and manage.py for the site in ``var_dir``, with
    the secret key the site generated on its first start (once there is one)."""
    env = {
        **os.environ,
        "CITYPORTAL_VAR_DIR": str(var_dir),
        "PORT": str(port),
        "DJANGO_SETTINGS_MODULE": "cityportal.settings.production",
        "CITYPORTAL_HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        **extra,
    }
    key_file = var_dir / "secret_key"
    if key_file.exists():
        env["SECRET_KEY"] = key_file.read_text().strip()
    return env


def wait_for(url: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped (exit {process.returncode}); see its log")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@contextlib.contextmanager
def serving(env: dict[str, str], log_path: Path, *, timeout: float) -> Iterator[str]:
    """Runs scripts/run.sh with ``env`` (its output in ``log_path``) and yields the base
    URL once the site answers; the server is stopped on the way out."""
    with open(log_path, "w") as log:
        server = subprocess.Popen(["scripts/run.sh"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{env['PORT']}"
    try:
        wait_for(base + "/robots.txt", server, timeout=timeout)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


def commit_description() -> str:
    """The commit measured; the server runs the working tree, so say when it differs."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    changed = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
    ).stdout.splitlines()
    if changed:
        commit += f" + uncommitted changes in {len(changed)} files"
    return commit


def save_report(name: str, figures: dict) -> Path:
    """Writes the figures, with when, what and where they were measured, to
    bench/results/<name>-<time>.json."""
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": commit_description(),
        "machine": f"{os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}",
        **figures,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{name}-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(report, indent=2) + "\n")
    return out
