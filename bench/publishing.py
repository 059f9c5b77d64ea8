#!/usr/bin/env python3
"""Static publishing on a large site: full rebuild speed, publish-to-live, and the peak
memory of the rebuild and of a gunicorn worker, in one run.

1. **Full rebuild**: `manage.py publish_site` (2 processes) on the site built by
   article_render.py (`bench/results/site-<items>/`); pages (addresses rendered to an
   HTML or XML file) per second, and the peak resident memory of its largest process.
2. **Publish-to-live**: in one process with publishing on change (inline, as `make run`
   does), --edits times: an article's title edited and published, and a new article
   published in the same channel; the time from the publish call until its transaction
   has committed and the publishing task has written every affected file.
3. **A gunicorn worker's peak memory**: the site served by scripts/run.sh, --requests
   pages of every kind requested, then each worker's VmHWM.

    .venv/bin/python bench/publishing.py --items 10000
"""

import argparse
import json
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from article_render import DEFAULT_SEED, build_site  # noqa: E402
from benchsite import PYTHON, RESULTS, ROOT, free_port, load_average, save_report, say, serving, site_env  # noqa: E402

EDITS_SCRIPT = r"""
import json, statistics, time, uuid
from django.db import transaction
from cityportal.news.models import ArticlePage, ChannelPage
from cityportal.publishing.models import PublishedFile
from cityportal.publishing import tasks

reports = []
real = tasks.publish_change
def keep(change):
    report = real(change)
    reports.append(report)
    return report
tasks.publish_change = keep

def timed(action):
    reports.clear()
    started = time.perf_counter()
    with transaction.atomic():
        action()
    seconds = time.perf_counter() - started  # the inline task ran on commit
    assert reports, "publishing did not run"
    return {"seconds": round(seconds, 3), "units": sum(r.units for r in reports),
            "files_written": sum(r.written for r in reports)}

channels = [c for c in ChannelPage.objects.live().filter(listing_source="own").order_by("path")
            if ArticlePage in c.specific_class.allowed_subpage_models() and c.numchild > 20]
results = {"edit": [], "new": []}
for number in range(EDITS):
    channel = channels[number * len(channels) // EDITS]
    article = ArticlePage.objects.child_of(channel).order_by("-first_published_at")[channel.numchild // 2]
    def edit():
        article.title = article.title.split(" (edited")[0] + f" (edited {uuid.uuid4().hex[:6]})"
        article.save_revision().publish()
    results["edit"].append(timed(edit) | {"channel": channel.title})
    def new():
        token = uuid.uuid4().hex[:12]
        page = ArticlePage(title=f"Bench article {token}", slug=f"bench-{token}")
        channel.add_child(instance=page)
        page.save_revision().publish()
    results["new"].append(timed(new) | {"channel": channel.title})
print("RESULT " + json.dumps(results))
"""


def manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )


# Runs a command and reports the peak resident memory of its processes alone: this
# benchmark's own RUSAGE_CHILDREN also holds whatever ran before (building the site).
PEAK_OF = (
    "import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
    "print('peak-kb', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
    "sys.exit(code)"
)


def full_rebuild(env: dict) -> dict:
    say("==> Full rebuild: manage.py publish_site --processes 2")
    started = time.monotonic()
    done = subprocess.run(
        [str(PYTHON), "-c", PEAK_OF, str(PYTHON), "manage.py", "publish_site", "--processes", "2"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    seconds = time.monotonic() - started
    peak_kb = int(done.stderr.rsplit("peak-kb", 1)[1].split()[0])
    summary = done.stdout.strip().splitlines()[-1]
    pages = int(
        manage(
            env, "shell", "-c",
            "from django.db.models import Q; from cityportal.publishing.models import PublishedFile; "
            "pages = Q(path__endswith='.html') | Q(path__endswith='.xml'); "
            "print(PublishedFile.objects.filter(pages).count())",
        ).stdout.split()[-1]
    )  # fmt: skip
    say(f"    {summary}")
    return {
        "seconds": round(seconds, 1),
        "pages": pages,
        "pages_per_second": round(pages / seconds, 1),
        "summary": summary,
        # The largest of the command's processes (RUSAGE_CHILDREN keeps the maximum).
        "peak_rss_mb": round(peak_kb / 1024, 1),
    }


def publish_to_live(env: dict, edits: int) -> dict:
    say(f"==> Publish-to-live: {edits} edits and {edits} new articles, publishing inline")
    env = env | {"CITYPORTAL_PUBLISH_ON_CHANGE": "1", "CITYPORTAL_TASKS": ""}
    out = manage(env, "shell", "-c", f"EDITS = {edits}\n" + EDITS_SCRIPT).stdout
    results = json.loads(next(line for line in out.splitlines() if line.startswith("RESULT "))[7:])
    for kind, runs in results.items():
        times = [r["seconds"] for r in runs]
        results[kind] = {
            "p50_s": round(statistics.median(times), 3),
            "max_s": max(times),
            "runs": runs,
        }
        say(f"    {kind}: p50 {results[kind]['p50_s']} s, max {results[kind]['max_s']} s; units per change "
            f"{[r['units'] for r in runs]}")  # fmt: skip
    return results


def worker_memory(env: dict, var_dir: Path, requests: int) -> dict:
    port = free_port()
    env = env | {"PORT": str(port), "CITYPORTAL_PUBLISH_AT_START": "0"}
    paths = json.loads(
        manage(
            env, "shell", "-c",
            "import json; from wagtail.models import Page; "
            f"pages = list(Page.objects.live().filter(depth__gte=3).order_by('?')[:{requests}]); "
            "print(json.dumps([p.url for p in pages if p.url]))",
        ).stdout.splitlines()[-1]
    )  # fmt: skip
    say(f"==> A gunicorn worker's memory: {len(paths)} pages rendered by Django, then VmHWM")
    with serving(env, var_dir / "server.log", timeout=180) as base:
        for path in paths + ["/en/search/?q=hengyang", "/en/alldocslist/page/40/"]:
            try:
                urllib.request.urlopen(base + path + "?render=dynamic", timeout=60).read()
            except OSError as problem:
                say(f"    {path}: {problem}")
        workers = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _is_worker(p, port)]
        peaks = sorted(_vm_hwm_mb(p) for p in workers)
    say(f"    workers' peak memory: {peaks} MB")
    return {"pages": len(paths), "worker_peak_rss_mb": peaks}


def _is_worker(proc: Path, port: int) -> bool:
    try:
        cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        parent = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return False
    if "gunicorn" not in cmdline or f"127.0.0.1:{port}" not in cmdline:
        return False
    try:
        parent_cmd = (Path("/proc") / str(parent) / "cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return False
    return "gunicorn" in parent_cmd  # a worker: its parent is the gunicorn master


def _vm_hwm_mb(proc: Path) -> float:
    for line in (proc / "status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=10_000, help="generated sample items (default 10000)")
    parser.add_argument("--edits", type=int, default=5, help="edited and new articles each (default 5)")
    parser.add_argument("--requests", type=int, default=300, help="pages requested of gunicorn (default 300)")
    parser.add_argument("--skip-rebuild", action="store_true", help="the site is published already")
    args = parser.parse_args()
    var_dir = (RESULTS / f"site-{args.items}").resolve()
    site = build_site(var_dir, args.items, DEFAULT_SEED, False)
    env = site_env(var_dir, free_port())
    manage(env, "migrate", "--no-input", "-v0")
    figures = {"items": args.items, "site": site, "load_before": load_average()}
    if not args.skip_rebuild:
        figures["rebuild"] = full_rebuild(env)
    figures["publish_to_live"] = publish_to_live(env, args.edits)
    figures["gunicorn"] = worker_memory(env, var_dir, args.requests)
    figures["load_after"] = load_average()
    out = save_report(f"publishing-{args.items}", figures)
    say("")
    if "rebuild" in figures:
        r = figures["rebuild"]
        say(f"full rebuild: {r['pages']} pages in {r['seconds']} s = {r['pages_per_second']} pages/s "
            f"(goal >= 150); peak {r['peak_rss_mb']} MB (goal < 300)")  # fmt: skip
    for kind, label in (("edit", "an edited article"), ("new", "a new article")):
        p = figures["publish_to_live"][kind]
        say(f"publish-to-live, {label}: p50 {p['p50_s']} s, max {p['max_s']} s (goal p50 < 1 s)")
    say(f"gunicorn workers' peak memory: {figures['gunicorn']['worker_peak_rss_mb']} MB (goal < 300)")
    say(f"load average {figures['load_before']} -> {figures['load_after']}; report: {out}")


if __name__ == "__main__":
    main()
