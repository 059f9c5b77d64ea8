"""Real PostgreSQL and Redis servers for tests, started in a temporary directory on free
ports and stopped afterwards. Debian's packages provide the binaries
(scripts/ensure-test-system.sh installs them)."""

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import free_port


def _as_postgres_user() -> list[str]:
    # PostgreSQL refuses to run as root; Debian's package creates the "postgres" user.
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


@contextmanager
def postgres_server():
    """Yields a DATABASE_URL for a fresh database on a private PostgreSQL cluster."""
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    assert binaries, "PostgreSQL is missing: run scripts/ensure-test-system.sh"
    bin_dir = Path(binaries[-1])
    # Its own directory directly under /tmp: pytest's temporary directories are private
    # to root, and the server runs as the postgres user.
    base = Path(tempfile.mkdtemp(prefix="cityportal-pg-"))
    data, sockets = base / "pgdata", base / "pgsock"
    data.mkdir()
    sockets.mkdir()
    if os.geteuid() == 0:
        postgres = pwd.getpwnam("postgres")
        for path in (base, data, sockets):
            os.chown(path, postgres.pw_uid, postgres.pw_gid)
    port = free_port()
    run = _as_postgres_user()
    subprocess.run(
        [
            *run,
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            "portal",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *run,
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-w",
            "-l",
            str(base / "postgres.log"),
            "-o",
            f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    try:
        subprocess.run(
            [str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "portal", "cityportal"],
            check=True,
            capture_output=True,
        )
        yield f"postgres://portal@127.0.0.1:{port}/cityportal"
    finally:
        subprocess.run(
            [*run, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"], capture_output=True
        )
        shutil.rmtree(base, ignore_errors=True)


@contextmanager
def redis_server(base: Path):
    """Yields a REDIS_URL for a private Redis server."""
    binary = shutil.which("redis-server")
    assert binary, "Redis is missing: run scripts/ensure-test-system.sh"
    port = free_port()
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(base),
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while (
            subprocess.run(
                ["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True
            ).stdout.strip()
            != "PONG"
        ):
            assert time.monotonic() < deadline, "Redis did not start"
            time.sleep(0.2)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=20)
