#!/usr/bin/env python3
"""How long the portal takes to serve an article on a large site, over real HTTP.

Builds (or reuses) a site of the demo plus N generated sample items in its own var
directory, serves it the way `make run` does (scripts/run.sh: production settings,
gunicorn with WEB_CONCURRENCY workers, SQLite in $CITYPORTAL_VAR_DIR), then requests
pages one after another and prints the median and 95th-percentile latency in ms.

Pages measured: the reference article (the timed figure, --requests times after
--warmup), a generated article from the middle of Hot News, the Hot News channel and
the home page (--extra-requests each). Each is rendered by Django (a query string keeps
the published file out of it): what a preview, a cache miss or an unpublished change
costs. The site is served without republishing it at start (CITYPORTAL_PUBLISH_AT_START=0).

    .venv/bin/python bench/article_render.py --items 10000
    .venv/bin/python bench/article_render.py --items 100000 --requests 200

The site is kept in bench/results/site-<items>/ and reused when its item count and
seed match; --rebuild starts it again from scratch.
"""

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from benchsite import (
    MARKER,
    PYTHON,
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

DEFAULT_SEED = "cityportal-bench"
DYNAMIC = "?render=dynamic"

URLS_SCRIPT = """
import json
from cityportal.demo import reference_article
from cityportal.demo.loader import demo_home
from cityportal.news.models import ArticlePage, ChannelPage
home = demo_home()
hot_news = ChannelPage.objects.descendant_of(home).get(slug="hot-news")
items = ArticlePage.objects.child_of(hot_news).order_by("-first_published_at")
sample = items[items.count() // 2]
article = ArticlePage.objects.get(slug=reference_article.SLUG)
print(json.dumps({
    "article": article.url,
    "article-sample": sample.url,
    "channel": hot_news.url,
    "home": home.url,
    "hot_news_items": items.count(),
    "items": ArticlePage.objects.count(),
}))
"""


def run(cmd: list[str], env: dict[str, str], *, capture: bool = False) -> str:
    """Runs a command in the project directory, showing its output as it goes."""
    process = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines = []
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)
        if not capture:
            print("    " + line, end="", flush=True)
    if process.wait() != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(cmd)}\n{''.join(lines[-30:])}")
    return "".join(lines)


def read_marker(var_dir: Path) -> dict | None:
    try:
        return json.loads((var_dir / MARKER).read_text())
    except (OSError, ValueError):
        return None


def build_site(var_dir: Path, items: int, seed: str, rebuild: bool) -> dict:
    marker = read_marker(var_dir)
    if marker and not rebuild and marker.get("items") == items and marker.get("seed") == seed:
        say(f"==> Reusing the {items:,}-item site in {var_dir}")
        return marker
    if var_dir.exists() and any(var_dir.iterdir()):
        if marker is None and not var_dir.resolve().is_relative_to(RESULTS.resolve()):
            raise SystemExit(f"{var_dir} is not empty and is not a benchmark site; choose another --var-dir")
        say(f"==> Removing the old site in {var_dir}")
        shutil.rmtree(var_dir)
    var_dir.mkdir(parents=True, exist_ok=True)

    say(f"==> Preparing the demo site in {var_dir} (scripts/prepare-site.sh production)")
    env = site_env(var_dir, free_port())
    started = time.monotonic()
    run(["scripts/prepare-site.sh", "production"], env)
    prepare_seconds = time.monotonic() - started

    say(f"==> Generating {items:,} sample items")
    env = site_env(var_dir, int(env["PORT"]))  # now with the site's secret key
    started = time.monotonic()
    output = run(
        [str(PYTHON), "manage.py", "generate_sample_items", "--items", str(items), "--seed", seed], env
    )
    generate_seconds = time.monotonic() - started
    marker = {
        "items": items,
        "seed": seed,
        "prepare_seconds": round(prepare_seconds, 1),
        "generate_seconds": round(generate_seconds, 1),
        "generate_summary": output.strip().splitlines()[-1],
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    (var_dir / MARKER).write_text(json.dumps(marker, indent=2) + "\n")
    return marker


def set_statistics(var_dir: Path, analyze: bool) -> None:
    """With ``analyze``, gathers SQLite's planner statistics (ANALYZE); without, removes
    them, so that the site is measured as a database that never ran ANALYZE (the
    portal does not run it by itself)."""
    with sqlite3.connect(var_dir / "db.sqlite3") as db:
        if analyze:
            db.execute("ANALYZE")
        else:
            for (table,) in db.execute("SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_stat%'"):
                db.execute(f"DELETE FROM {table}")  # noqa: S608 - names from sqlite_master


def fetch(url: str) -> tuple[float, int, int]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        body = response.read()
        status = response.status
    return (time.perf_counter() - started) * 1000, status, len(body)


def measure(name: str, url: str, requests: int, warmup: int) -> dict:
    say(f"==> {name}: {url} ({warmup} warm-up, then {requests} timed requests)")
    load_before = load_average()
    for _ in range(warmup):
        fetch(url)
    times = []
    size = 0
    for number in range(1, requests + 1):
        elapsed, status, size = fetch(url)
        if status != 200:
            raise SystemExit(f"{url} answered {status}")
        times.append(elapsed)
        if number % 50 == 0 or number == requests:
            say(f"    {number}/{requests} requests, median so far {statistics.median(times):.1f} ms")
    in_order = [round(t, 1) for t in times]
    times.sort()
    return {
        "page": name,
        "url": url,
        "requests": requests,
        "bytes": size,
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "min_ms": round(times[0], 1),
        "max_ms": round(times[-1], 1),
        "mean_ms": round(statistics.fmean(times), 1),
        # 1-minute load average of the machine before and after: other work running at
        # the same time (on 2 cores, anything) makes the figures slower and noisier.
        "load_before": load_before,
        "load_after": load_average(),
        "times_ms": in_order,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=10_000, help="generated sample items (default 10000)")
    parser.add_argument("--requests", type=int, default=200, help="timed article requests (default 200)")
    parser.add_argument(
        "--warmup", type=int, default=20, help="untimed requests before each page (default 20)"
    )
    parser.add_argument(
        "--extra-requests", type=int, default=50, help="timed requests for the other pages (default 50)"
    )
    parser.add_argument("--seed", default=DEFAULT_SEED, help=f"generator seed (default {DEFAULT_SEED})")
    parser.add_argument("--var-dir", type=Path, help="site directory (default bench/results/site-<items>)")
    parser.add_argument("--rebuild", action="store_true", help="build the site again even if it exists")
    parser.add_argument(
        "--analyze", action="store_true", help="run SQLite's ANALYZE before serving (default: no statistics)"
    )
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn workers, WEB_CONCURRENCY (default 2)"
    )
    args = parser.parse_args()
    if args.items < 1 or args.requests < 1 or args.warmup < 0 or args.extra_requests < 0:
        parser.error("--items and --requests must be at least 1, the others at least 0")

    var_dir = (args.var_dir or RESULTS / f"site-{args.items}").resolve()
    site = build_site(var_dir, args.items, args.seed, args.rebuild)
    set_statistics(var_dir, args.analyze)
    say(f"==> SQLite planner statistics: {'gathered (ANALYZE)' if args.analyze else 'none'}")

    port = free_port()
    env = site_env(var_dir, port, WEB_CONCURRENCY=str(args.workers), CITYPORTAL_PUBLISH_AT_START="0")
    say(f"==> Serving with scripts/run.sh on port {port} ({args.workers} gunicorn workers)")
    urls = json.loads(
        run([str(PYTHON), "manage.py", "shell", "-c", URLS_SCRIPT], env, capture=True).splitlines()[-1]
    )
    log_path = var_dir / "server.log"
    results = []
    with serving(env, log_path, timeout=180) as base:
        say(f"    up; the site has {urls['items']:,} articles, {urls['hot_news_items']:,} in Hot News")
        plan = [
            ("article", args.requests),
            ("article-sample", args.requests),
            ("channel", args.extra_requests),
            ("home", args.extra_requests),
        ]
        for name, count in plan:
            if count:
                # Rendered by Django: a query string is never answered from a published file.
                results.append(measure(name, base + urls[name] + DYNAMIC, count, args.warmup))

    out = save_report(
        f"article-render-{args.items}",
        {
            "items_generated": args.items,
            "articles_on_site": urls["items"],
            "workers": args.workers,
            "sqlite_statistics": args.analyze,
            "warmup": args.warmup,
            "site": site,
            "results": results,
        },
    )

    say("")
    say(
        f"{args.items:,} generated items ({urls['items']:,} articles on the site), {args.workers} workers, "
        f"{'with' if args.analyze else 'no'} SQLite statistics"
    )
    say(f"{'page':<16}{'requests':>9}{'median ms':>11}{'p95 ms':>9}{'min ms':>9}{'max ms':>9}{'load':>11}")
    for r in results:
        say(
            f"{r['page']:<16}{r['requests']:>9}{r['median_ms']:>11.1f}{r['p95_ms']:>9.1f}"
            f"{r['min_ms']:>9.1f}{r['max_ms']:>9.1f}{r['load_before']:>6.2f}-{r['load_after']:<4.2f}"
        )
    # The benchmark itself keeps about one core busy (client and server take turns).
    if max(max(r["load_before"], r["load_after"]) for r in results) > (os.cpu_count() or 1):
        say("Note: the machine was busy with other work (load above its CPU count); figures are pessimistic.")
    say(f"Generation of {args.items:,} items took {site['generate_seconds']} s: {site['generate_summary']}")
    say(f"Saved {out.relative_to(ROOT)}; server log {log_path}")


if __name__ == "__main__":
    sys.exit(main())
