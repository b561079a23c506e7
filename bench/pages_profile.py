"""CPU per explorer page in-process, a cProfile of it, and the pages' bytes for before/after checks.

    python bench/pages_profile.py --data <dir> --kind company --n 200            # CPU ms per page
    python bench/pages_profile.py --data <dir> --kind company --n 200 --profile  # + cProfile top 40
    python bench/pages_profile.py --data <dir> --kind all --n 100 --dump /tmp/new  # write every page

Pages are requested through Django's test client (middleware included, no HTTP), each id of the
same seeded sample the `pages` benchmark draws (`explorer_pages.sample_ids`), after one warm-up
pass over the same ids, so SQLite reads come from the page cache. `--dump` writes each page in
Thai and English and its JSON twin, with the per-request CSRF token and chart ids blanked, so two
versions of the code can be compared with `diff -r`.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import re
import sys
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "bench")]

KINDS = ("project", "agency", "company")
_VOLATILE = (
    (re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"'), b'name="csrfmiddlewaretoken" value=""'),
    (re.compile(rb"chart-([td])\d+"), rb"chart-\1N"),
)


def _normalise(body: bytes) -> bytes:
    for pattern, replacement in _VOLATILE:
        body = pattern.sub(replacement, body)
    return body


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--kind", choices=[*KINDS, "all"], default="company")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--dump", type=Path)
    args = parser.parse_args()
    os.environ["SODSONG_DATA_DIR"] = str(args.data)
    os.environ["SODSONG_WAREHOUSE"] = str(args.data / "warehouse.duckdb")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sodsong.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from explorer_pages import sample_ids

    call_command("migrate", verbosity=0)
    ids = sample_ids(args.n)
    client = Client(HTTP_HOST="127.0.0.1")
    kinds = KINDS if args.kind == "all" else (args.kind,)
    result = {}
    for kind in kinds:
        urls = [f"/procurement/{kind}/{urllib.parse.quote(i, safe='')}" for i in ids[kind]]
        for url in urls:  # warm-up: page caches, templates, first-use imports
            client.get(url)
        profiler = cProfile.Profile() if args.profile else None
        started = time.process_time()
        if profiler:
            profiler.enable()
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        if profiler:
            profiler.disable()
        result[kind] = round(1000 * (time.process_time() - started) / len(urls), 3)
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
        if args.dump:
            folder = args.dump / kind
            folder.mkdir(parents=True, exist_ok=True)
            for n, url in enumerate(urls):
                for suffix, query in (("th.html", ""), ("en.html", "?lang=en"), ("json", ".json")):
                    target = url + query if suffix != "json" else url + ".json"
                    response = client.get(target)
                    (folder / f"{n:05d}.{suffix}").write_bytes(_normalise(response.content))
    print(json.dumps({"cpu_ms_per_page": result, "n": args.n, "load": os.getloadavg()}))


if __name__ == "__main__":
    main()
