"""Render time of the sitemap index and of its first and last file, in-process.
Run inside the site: CITYPORTAL_VAR_DIR=bench/results/site-10000 ... manage.py shell -c
"exec(open('bench/sitemap_files.py').read())" (see docs/benchmarks.md)."""

import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cityportal.core.sitemaps import sitemap_addresses
from cityportal.publishing.render import Renderer

renderer = Renderer()
files = sitemap_addresses()
print("sitemap files:", len(files))
for url in ("/sitemap.xml", files[min(files)], files[max(files)]):
    renderer.render(url)  # the first render warms the templates and caches
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        rendered = renderer.render(url)
        seconds = time.perf_counter() - started
    print(f"{url}: {rendered.status}, {len(rendered.body)} bytes, {seconds:.3f} s, {len(queries)} queries")
