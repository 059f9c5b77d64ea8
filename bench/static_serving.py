"""Published pages under load, side by side in one run (wrk, 16 connections):

1. nginx with the shipped configuration (`manage.py nginx_config`) serving the published
   reference article, against the same nginx serving a plain copy of the same bytes
   from a bare server block: the cost of the portal's configuration (try_files, the
   headers, the pre-compressed lookups). Goal: ratio at least 0.95.
2. `make run` (scripts/run.sh: gunicorn with WhiteNoise in front) serving the published
   article, against the same server rendering it dynamically (a query string sends the
   request to Django). Goal: at least 20 times.

Rounds alternate between the two sides of each pair so that a noisy neighbour hits both.

    .venv/bin/python bench/static_serving.py [--duration 10] [--rounds 3]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchsite import (  # noqa: E402
    PYTHON,
    RESULTS,
    ROOT,
    free_port,
    load_average,
    save_report,
    say,
    serving,
    site_env,
)

from tests.servers import nginx_main_config  # noqa: E402

ARTICLE = "/en/current-news/hot-news/liu-yuegao-leads-team-to-beijing-to-coordinate-with-central-enterprises/"


def wrk(url: str, duration: int, connections: int = 16) -> dict:
    """Requests per second and latency percentiles from one wrk run."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def latency(label: str) -> float:
        value, unit = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error answers:\n{out}")
    return {"rps": rate, "p50_ms": latency("50"), "p99_ms": latency("99")}


def wait_until_answers(url: str) -> bytes:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per pair (default 3)")
    parser.add_argument("--var-dir", type=Path, default=RESULTS / "static-site")
    args = parser.parse_args()
    if not shutil.which("wrk") or not shutil.which("nginx"):
        raise SystemExit("wrk and nginx are missing: run scripts/ensure-test-system.sh")

    var_dir = args.var_dir.resolve()
    var_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = site_env(var_dir, port)
    figures: dict = {"duration_s": args.duration, "rounds": args.rounds, "connections": 16}
    say(f"==> Preparing and serving the demo site in {var_dir} as make run does")
    with serving(env, var_dir / "server.log", timeout=600) as base:
        env = site_env(var_dir, port)  # now with the secret key the site made
        published = (var_dir / "public" / ARTICLE.strip("/") / "index.html").read_bytes()
        served = wait_until_answers(base + ARTICLE)
        assert served == published, "make run does not answer the article from its published file"

        scratch = Path(tempfile.mkdtemp(prefix="cityportal-bench-nginx-"))
        os.chmod(scratch, 0o755)  # noqa: S103 (nginx's workers read the plain copy)
        portal_port, plain_port = free_port(), free_port()
        site_config = subprocess.run(
            [str(PYTHON), "manage.py", "nginx_config", "--listen", f"127.0.0.1:{portal_port}",
             "--upstream", f"127.0.0.1:{port}", "--no-ipv6"],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        plain_root = scratch / "plain"
        (plain_root / ARTICLE.strip("/")).mkdir(parents=True)
        (plain_root / ARTICLE.strip("/") / "index.html").write_bytes(published)
        plain = f"server {{ listen 127.0.0.1:{plain_port}; root {plain_root}; }}"
        config = nginx_main_config(
            scratch,
            site_config + "\n" + plain,
            workers=2,
            http_settings="access_log off;\n    tcp_nopush on;\n    keepalive_requests 100000;",
        )
        nginx = subprocess.Popen(["nginx", "-p", str(scratch), "-c", str(config), "-g", "daemon off;"])
        try:
            portal_url = f"http://127.0.0.1:{portal_port}{ARTICLE}"
            plain_url = f"http://127.0.0.1:{plain_port}{ARTICLE}"
            assert wait_until_answers(portal_url) == published == wait_until_answers(plain_url)
            say(f"==> nginx: the portal's configuration vs a plain copy, {args.rounds} x {args.duration} s")
            figures["nginx"] = compare(portal_url, plain_url, args)
        finally:
            nginx.terminate()
            nginx.wait(timeout=20)
            shutil.rmtree(scratch, ignore_errors=True)

        say(f"==> make run: published file vs dynamic render, {args.rounds} x {args.duration} s each")
        figures["make_run"] = compare(base + ARTICLE, base + ARTICLE + "?dynamic=1", args)

    nginx_ratio = figures["nginx"]["a"]["rps"] / figures["nginx"]["b"]["rps"]
    make_run_ratio = figures["make_run"]["a"]["rps"] / figures["make_run"]["b"]["rps"]
    figures["nginx_ratio"], figures["make_run_ratio"] = round(nginx_ratio, 3), round(make_run_ratio, 1)
    say("")
    say(f"{'pair':<40} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8}")
    for label, pair, a, b in (
        ("nginx", "nginx", "portal configuration", "plain copy"),
        ("make run", "make_run", "published file", "dynamic render"),
    ):
        for name, side in ((a, "a"), (b, "b")):
            row = figures[pair][side]
            say(f"{label + ': ' + name:<40} {row['rps']:>10.0f} {row['p50_ms']:>8.2f} {row['p99_ms']:>8.2f}")
    say(f"nginx ratio (portal / plain): {nginx_ratio:.3f} (goal >= 0.95)")
    say(f"make run ratio (published / dynamic): {make_run_ratio:.1f} (goal >= 20)")
    say(f"load average {load_average()}; report: {save_report('static-serving', figures)}")


def compare(url_a: str, url_b: str, args) -> dict:
    """Alternating rounds of a and b; the sums of their requests and the medians of
    their latencies."""
    runs: dict[str, list[dict]] = {"a": [], "b": []}
    wrk(url_a, 2)
    wrk(url_b, 2)  # warm-up
    for round_number in range(1, args.rounds + 1):
        for side, url in (("a", url_a), ("b", url_b)):
            result = wrk(url, args.duration)
            runs[side].append(result)
            say(f"  round {round_number} {side}: {result['rps']:.0f} req/s, p50 {result['p50_ms']:.2f} ms")

    def summary(results: list[dict]) -> dict:
        ordered = sorted(results, key=lambda r: r["rps"])
        middle = ordered[len(ordered) // 2]
        return {"rps": sum(r["rps"] for r in results) / len(results), "p50_ms": middle["p50_ms"],
                "p99_ms": middle["p99_ms"], "runs": results}  # fmt: skip

    return {"a": summary(runs["a"]), "b": summary(runs["b"])}


if __name__ == "__main__":
    main()
