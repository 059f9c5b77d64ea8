#!/usr/bin/env python3
"""Where the time of one page goes: renders it in-process against a benchmark site with
production settings, lists its SQL queries (slowest first) and, when pyinstrument is
installed, prints a call-tree profile.

    .venv/bin/python bench/profile_page.py --var-dir bench/results/site-10000 /en/current-news/hot-news/
    .venv/bin/pip install pyinstrument   # optional, for the call tree; not part of the lock

The first request warms up caches and is not counted; the next --repeat requests are
measured and the last one is profiled.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("path", help="the page's path, e.g. /en/current-news/hot-news/")
    parser.add_argument("--var-dir", type=Path, required=True, help="a site built by article_render.py")
    parser.add_argument("--repeat", type=int, default=5, help="measured requests (default 5)")
    parser.add_argument("--queries", type=int, default=15, help="slowest queries to show (default 15)")
    args = parser.parse_args()

    var_dir = args.var_dir.resolve()
    os.environ.update(
        CITYPORTAL_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="cityportal.settings.production",
        SECRET_KEY=(var_dir / "secret_key").read_text().strip(),
        CITYPORTAL_HTTPS="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")

    def get():
        response = client.get(args.path)
        if response.status_code != 200:
            raise SystemExit(f"{args.path} answered {response.status_code}")
        return response

    get()
    times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        get()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    print(
        f"{args.path}: {args.repeat} renders, median {times[len(times) // 2]:.1f} ms, min {times[0]:.1f} ms"
    )

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        get()
        total = (time.perf_counter() - started) * 1000
    sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    print(f"{len(queries)} queries, {sql_ms:.1f} ms of {total:.1f} ms in the database")
    print("(times cover executing each query, not fetching its rows: SQLite may scan while fetching)")
    for query in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[: args.queries]:
        print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:300]}")

    try:
        from pyinstrument import Profiler
    except ImportError:
        print("(pip install pyinstrument into the venv for a call-tree profile)")
        return
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(args.repeat):
        get()
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
