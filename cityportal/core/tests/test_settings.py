"""Production settings refuse to start with DEBUG on or without a proper secret key.
Each case imports the settings module in a fresh interpreter with its own environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
GOOD_KEY = "k3y-" + "a1B2c3D4e5F6g7H8i9J0" * 3


def load_production(**env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL"}
    }
    environment.update(env)
    environment["PYTHONPATH"] = str(ROOT)
    code = (
        "import cityportal.settings.production as s; "
        "print('DEBUG', s.DEBUG); print('KEY', len(s.SECRET_KEY)); print('SSL', s.SECURE_SSL_REDIRECT)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def refused(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0, result.stdout
    assert "ImproperlyConfigured" in result.stderr
    return result.stderr.strip().splitlines()[-1]


def test_a_long_random_key_and_debug_off_start():
    result = load_production(SECRET_KEY=GOOD_KEY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == ["DEBUG False", f"KEY {len(GOOD_KEY)}", "SSL True"]


def test_https_hardening_can_be_switched_off_for_the_embedded_server():
    result = load_production(SECRET_KEY=GOOD_KEY, CITYPORTAL_HTTPS="0")
    assert result.returncode == 0, result.stderr
    assert "SSL False" in result.stdout


@pytest.mark.parametrize("value", ["1", "true", "True", "yes", "on", " ON "])
def test_debug_on_is_refused(value):
    message = refused(load_production(SECRET_KEY=GOOD_KEY, DEBUG=value))
    assert "refuse to start with DEBUG on" in message


@pytest.mark.parametrize("value", ["0", "false", "no", "off", ""])
def test_debug_off_values_are_accepted(value):
    assert load_production(SECRET_KEY=GOOD_KEY, DEBUG=value).returncode == 0


@pytest.mark.parametrize(
    "key",
    [
        None,
        "",
        "change-me",
        "test-only-key",
        "dev-only-insecure-key-do-not-use-in-production",
        "short-but-random-Xy7#",
        "x" * 31,
        "django-insecure-" + "q9w8e7r6t5y4u3i2o1p0" * 2,
        "a" * 64,
    ],
)
def test_missing_default_short_or_trivial_keys_are_refused(key):
    env = {} if key is None else {"SECRET_KEY": key}
    message = refused(load_production(**env))
    assert "SECRET_KEY" in message


def check_deploy(**env: str) -> subprocess.CompletedProcess:
    # DJANGO_ALLOW_ASYNC_UNSAFE comes from the browser tests' Playwright, not a deployment.
    unwanted = {"DEBUG", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {key: value for key, value in os.environ.items() if key not in unwanted}
    environment.update(env, DJANGO_SETTINGS_MODULE="cityportal.settings.production", PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deployment_check_reports_nothing_with_https_on():
    result = check_deploy(SECRET_KEY=GOOD_KEY, CITYPORTAL_HTTPS="1")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deployment_check_names_what_a_plain_http_deployment_lacks():
    # The same check fails where it should: the embedded server's plain HTTP profile.
    result = check_deploy(SECRET_KEY=GOOD_KEY, CITYPORTAL_HTTPS="0")
    assert result.returncode != 0
    assert "security.W004" in result.stderr and "security.W008" in result.stderr
