"""Coalition spreadsheet import: a 50,000-row sign-up sheet, CSV and XLSX, checked and committed.

Run: python bench/coalition_import.py [--rows 50000] [--people 10000]
Uses a fresh temporary data directory (SQLite) unless DATABASE_URL is set. Prints, for each format,
the raw read time (csv module / openpyxl read-only iteration, nothing else), the check and the
commit, and the ratios to the raw read measured in the same run; then bulk insert against
row-by-row ORM inserts on 2,000 rows.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("SODSONG_DATA_DIR", tempfile.mkdtemp(prefix="sodsong-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "sodsong.settings"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--people", type=int, default=10_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    from tests.coalition.sheets import big_participants_csv, big_participants_xlsx

    from sodsong.coalition.imports.jobs import check_job, commit_job, start_job
    from sodsong.coalition.models import Activity, Organisation, Participation, Person, Sector

    print(f"database: {connection.vendor}; rows: {args.rows:,}; distinct people: {args.people:,}")
    Organisation.objects.get_or_create(name_th="องค์กรทดสอบ", defaults={"sector": Sector.CIVIL_SOCIETY})
    work = Path(tempfile.mkdtemp(prefix="sodsong-bench-files-"))
    for kind, build in (("csv", big_participants_csv), ("xlsx", big_participants_xlsx)):
        Participation.objects.all().delete()
        Person.objects.all().delete()
        Activity.objects.all().delete()
        for n in range(1, args.rows // args.people + 2):
            Activity.objects.create(
                title=str(n), activity_type="meeting", start_date=datetime.date(2023, 1, n)
            )
        path = build(work / f"big.{kind}", args.rows, people=args.people)
        started = time.perf_counter()
        if kind == "csv":
            with path.open(encoding="utf-8-sig", newline="") as handle:
                raw_rows = sum(1 for _ in csv.reader(handle))
        else:
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True)
            raw_rows = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
            book.close()
        raw = time.perf_counter() - started
        started = time.perf_counter()
        job = start_job(kind="participants", path=path)
        result = check_job(job)
        check = time.perf_counter() - started
        assert result.ok and len(result.records) == args.rows, result.errors[:3]
        started = time.perf_counter()
        written = commit_job(job)
        commit = time.perf_counter() - started
        assert written["participations"] == args.rows
        print(
            f"{kind:4}: {path.stat().st_size / 1e6:5.1f} MB, raw read {raw:6.2f} s ({raw_rows:,} rows); "
            f"check {check:6.2f} s ({check / raw:5.1f}x raw); commit (re-check + write + suggestions) "
            f"{commit:6.2f} s ({commit / raw:5.1f}x raw); {args.rows / (check + commit):,.0f} rows/s end to end"
        )

    # Bulk insert against one ORM insert per row, same rows, same run.
    activity = Activity.objects.first()
    assert activity is not None
    people = list(Person.objects.all()[:2000])
    Participation.objects.all().delete()
    started = time.perf_counter()
    with transaction.atomic():
        for person in people:
            Participation.objects.create(activity=activity, person=person)
    one_by_one = time.perf_counter() - started
    Participation.objects.all().delete()
    started = time.perf_counter()
    with transaction.atomic():
        Participation.objects.bulk_create(
            [Participation(activity=activity, person=p) for p in people], batch_size=2000
        )
    bulk = time.perf_counter() - started
    print(
        f"2,000 participations: row by row {one_by_one:.3f} s, bulk {bulk:.3f} s ({one_by_one / bulk:.1f}x faster)"
    )


if __name__ == "__main__":
    main()
