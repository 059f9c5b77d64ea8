"""Real PostgreSQL, Redis and nginx servers for tests, started in a temporary directory on free
ports and stopped afterwards. Debian's packages provide the binaries
(scripts/ensure-test-system.sh installs them)."""

import glob
import os
import pwd
import shutil
import socket
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


NGINX_MODULES = Path("/usr/lib/nginx/modules")


def nginx_main_config(base: Path, servers: str, *, workers: int = 1, http_settings: str = "") -> Path:
    """A minimal main configuration around ``servers``, as Debian's /etc/nginx/nginx.conf
    would include them, with every path of nginx's own under ``base``; written to
    ``base``/nginx.conf. Also used by bench/static_serving.py."""
    # The portal's files sit in pytest's directories, private to the user running the
    # tests: the workers must run as that user (root in CI) to read them.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    main = base / "nginx.conf"
    main.write_text(
        f"""
{user}
worker_processes {workers};
pid {base}/nginx.pid;
error_log {base}/error.log warn;
load_module {NGINX_MODULES}/ngx_http_brotli_static_module.so;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    {http_settings or "access_log off;"}
    client_body_temp_path {base}/body;
    proxy_temp_path {base}/proxy;
    fastcgi_temp_path {base}/fastcgi;
    uwsgi_temp_path {base}/uwsgi;
    scgi_temp_path {base}/scgi;
    {servers}
}}
"""
    )
    return main


@contextmanager
def nginx_server(base: Path, site_config: str, port: int):
    """Runs Debian's nginx in the foreground with ``site_config`` (what `manage.py
    nginx_config` wrote) inside a minimal main configuration, as Debian's own
    /etc/nginx/nginx.conf would include it. Yields the access log's path: each line is
    ``<uri> <status> <upstream>``, the upstream "-" when nginx answered from a file."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(binary).exists(), "nginx is missing: run scripts/ensure-test-system.sh"
    base.mkdir(parents=True, exist_ok=True)
    (base / "site.conf").write_text(site_config)
    access_log = base / "access.log"
    main = nginx_main_config(
        base,
        f"include {base}/site.conf;",
        http_settings=f"log_format cityportal '$request_uri $status $upstream_addr';\n"
        f"    access_log {access_log} cityportal;",
    )
    checked = subprocess.run([binary, "-t", "-p", str(base), "-c", str(main)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(
        [binary, "-p", str(base), "-c", str(main), "-g", "daemon off;"],
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()
                assert time.monotonic() < deadline, "nginx did not start"
                time.sleep(0.1)
        yield access_log
    finally:
        process.terminate()
        process.wait(timeout=20)
