"""Fixtures for tests that use the portal as its users do: a real server started the
way `make run` starts it (production settings, gunicorn, demo site) and Debian's
chromium driven by Playwright."""

import fcntl
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
# Playwright's sync API runs an event loop in this thread; Django code in the same
# process would otherwise refuse to touch the database.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class PortalServer:
    url: str
    env: dict
    admin_username: str
    admin_password: str
    process: subprocess.Popen

    def manage(self, *args: str, input: str | None = None) -> str:
        """Runs a management command against the server's database."""
        result = subprocess.run(
            [str(VENV_BIN / "python"), "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            input=input,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


_ADMIN_PRINTED = re.compile(r"username:\s+(\S+)\s+password:\s+(\S+)")
_prepared_sites: Path | None = None  # set for the session, shared by the xdist workers
ADMIN_FILE = "test-administrator.txt"


@pytest.fixture(scope="session", autouse=True)
def _share_prepared_sites(tmp_path_factory):
    """Where the prepared demo site is kept: the parent of a worker's own temporary
    directory is the whole run's under xdist."""
    global _prepared_sites
    base = tmp_path_factory.getbasetemp()
    _prepared_sites = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "prepared-site"


def prepare_site(var_dir: Path, env: dict) -> tuple[str, str]:
    """scripts/prepare-site.sh in ``var_dir``; the administrator's name and password.

    On the embedded database, the first call of the run prepares the demo site from
    nothing (migrations, demo content, administrator); later calls start from a copy
    of it, as a restart of `make run` does, and the script brings it up to date (its
    address, its published files). tests/test_make_run.py covers a start from nothing."""
    template = _prepared_sites
    if template is None or env.get("DATABASE_URL"):
        return _run_prepare(env)
    template.parent.mkdir(parents=True, exist_ok=True)
    with open(template.parent / "prepared-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other worker waits for the first copy
        if not (template / ADMIN_FILE).exists():
            first = {**env, "CITYPORTAL_VAR_DIR": str(template), "CITYPORTAL_PUBLISH_AT_START": "0"}
            template.mkdir(exist_ok=True)
            username, password = _run_prepare(first)
            (template / ADMIN_FILE).write_text(f"{username}\n{password}\n")
    shutil.copytree(template, var_dir, dirs_exist_ok=True)  # file times kept: static is current
    username, password = (var_dir / ADMIN_FILE).read_text().split()
    _run_prepare(env, printed=False)
    return username, password


def _run_prepare(env: dict, printed: bool = True) -> tuple[str, str]:
    Path(env["CITYPORTAL_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    prepared = subprocess.run(
        ["scripts/prepare-site.sh", "production"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert prepared.returncode == 0, prepared.stdout + prepared.stderr
    if not printed:
        assert "An administrator already exists" in prepared.stdout, prepared.stdout
        return "", ""
    match = _ADMIN_PRINTED.search(prepared.stdout)
    assert match, f"no administrator password printed:\n{prepared.stdout}"
    return match.group(1), match.group(2)


def start_portal(
    var_dir: Path,
    workers: int = 2,
    extra_env: dict | None = None,
    wsgi_app: str = "cityportal.wsgi:application",
) -> PortalServer:
    """Prepares the site in ``var_dir`` with scripts/prepare-site.sh and serves it with
    gunicorn, as `make run` does. ``extra_env`` adds settings (DATABASE_URL, REDIS_URL...);
    ``wsgi_app`` lets a fault-injection test serve the portal with a test hook."""
    port = free_port()
    env = {
        **os.environ,
        "CITYPORTAL_VAR_DIR": str(var_dir),
        "PORT": str(port),
        "DJANGO_SETTINGS_MODULE": "cityportal.settings.production",
        # The optional tile map is off by default; the browser tests switch it on (and
        # answer or block the tile requests themselves: there is no network here).
        "CITYPORTAL_MAP_TILES_URL": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        **(extra_env or {}),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    username, password = prepare_site(var_dir, env)
    env["SECRET_KEY"] = (var_dir / "secret_key").read_text().strip()
    env["CITYPORTAL_HTTPS"] = "0"
    env["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    process = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            wsgi_app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    wait_for(url + "/robots.txt")
    return PortalServer(url, env, username, password, process)


@pytest.fixture(scope="session")
def portal(tmp_path_factory) -> PortalServer:
    """The demo portal served by gunicorn with production settings, as `make run` does."""
    server = start_portal(tmp_path_factory.mktemp("portal-var"))
    yield server
    server.process.terminate()
    server.process.wait(timeout=20)


@pytest.fixture(scope="session")
def postgres_portal(tmp_path_factory) -> PortalServer:
    """The portal on PostgreSQL and Redis, the scale-out profile, trusting one proxy in
    front of it: tests/test_nginx.py puts nginx there, tests/test_scale_out.py talks to
    it directly. One server for both (their modules share an xdist group): preparing a
    site on PostgreSQL is the slowest setup of the suite."""
    from tests.servers import postgres_server, redis_server

    base = tmp_path_factory.mktemp("postgres-portal")
    with postgres_server() as database_url, redis_server(base) as redis_url:
        extra_env = {"DATABASE_URL": database_url, "REDIS_URL": redis_url, "CITYPORTAL_TRUSTED_PROXIES": "1"}
        server = start_portal(base / "var", extra_env=extra_env)
        server.redis_url = redis_url
        try:
            yield server
        finally:
            server.process.terminate()
            server.process.wait(timeout=20)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    assert Path(path).exists(), "Debian chromium is missing: run scripts/ensure-test-system.sh"
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def watch_content_security_policy(tab) -> list[str]:
    """Collects what the page's Content-Security-Policy refused (Chromium reports each
    refusal on the console): a public page must need nothing the policy forbids."""
    refused: list[str] = []
    tab.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    return refused


@pytest.fixture
def page(browser):
    """A fresh browser tab with no stored state, like a first-time visitor."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    tab = context.new_page()
    refused = watch_content_security_policy(tab)
    yield tab
    context.close()
    assert not refused, f"the Content-Security-Policy refused: {refused}"


@pytest.fixture
def phone_page(browser):
    """A 375 px wide touch screen."""
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True, locale="en-US"
    )
    tab = context.new_page()
    refused = watch_content_security_policy(tab)
    yield tab
    context.close()
    assert not refused, f"the Content-Security-Policy refused: {refused}"


def axe_violations(tab) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page currently shown."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        tab,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            "resultTypes": ["violations"],
        },
    )
    return results.response["violations"]


def describe_violations(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    )
