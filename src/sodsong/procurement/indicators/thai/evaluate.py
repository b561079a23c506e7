"""Compare the flags with planted truth: recall and precision per indicator.

The ground truth is the synthetic generator's CSV with the header
`indicator,subject_kind,subject_id,process_id,details`: one row per planted anomaly. A planted
row is found when a flag of the same indicator names the same subject (pairs compared in sorted
order); a row without a subject is matched on its process. Precision counts every flag of the
indicator, so flags that natural data fires lower it: it is reported, not forced.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import duckdb

__all__ = ["EvaluationError", "Score", "evaluate", "format_report", "read_truth"]

COLUMNS = ("indicator", "subject_kind", "subject_id", "process_id", "details")


class EvaluationError(ValueError):
    """The ground-truth file cannot be read; the message names the file, line and field."""


@dataclass(frozen=True)
class Score:
    indicator: str
    planted: int
    found: int
    flagged: int
    true_flags: int

    @property
    def recall(self) -> float | None:
        return self.found / self.planted if self.planted else None

    @property
    def precision(self) -> float | None:
        return self.true_flags / self.flagged if self.flagged else None


def _key(indicator: str, subject_id: str | None, process_id: str | None) -> tuple[str, str]:
    if subject_id:
        return indicator, "|".join(sorted(subject_id.split("|")))
    return indicator, f"process:{process_id or ''}"


def read_truth(path: Path) -> list[tuple[str, str, str]]:
    """(indicator, subject_id, process_id) of every planted row; EvaluationError naming the file
    and line for anything that is not the generator's CSV (the file is small: read whole)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise EvaluationError(f"{path}: no such ground-truth file") from None
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise EvaluationError(f"{path}, line {line}: not UTF-8 text (expected the generator's CSV)") from None
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    rows = []
    try:
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise EvaluationError(
                f"{path}, line 1: header lacks {', '.join(missing)} (expected {','.join(COLUMNS)})"
            )
        for number, row in enumerate(reader, start=2):
            if not row["indicator"]:
                raise EvaluationError(f"{path}, line {number}: indicator is empty")
            if not row["subject_id"] and not row["process_id"]:
                raise EvaluationError(f"{path}, line {number}: neither subject_id nor process_id is given")
            rows.append((row["indicator"], row["subject_id"] or "", row["process_id"] or ""))
    except csv.Error as exc:  # the broken row starts after the last whole one
        raise EvaluationError(f"{path}, line {reader.line_num + 1}: not a CSV row ({exc})") from None
    return rows


def evaluate(
    con: duckdb.DuckDBPyConnection, truth: list[tuple[str, str, str]], family: str = "thai"
) -> list[Score]:
    """Scores per indicator that was planted or flagged."""
    flags = con.execute(
        "SELECT indicator, subject_id, process_id FROM flag WHERE family = ?", [family]
    ).fetchall()
    # Per indicator: each flagged subject and the keys it answers to (itself, its processes).
    flagged: dict[str, dict[str, set[tuple[str, str]]]] = {}
    for indicator, subject, process in flags:
        keys = flagged.setdefault(indicator, {}).setdefault(str(subject), set())
        keys.add(_key(indicator, subject, None))
        if process:
            keys.add(_key(indicator, None, process))
    planted: dict[str, set[tuple[str, str]]] = {}
    for indicator, subject, process in truth:
        planted.setdefault(indicator, set()).add(_key(indicator, subject or None, process or None))
    scores = []
    for indicator in sorted(set(planted) | set(flagged)):
        wanted = planted.get(indicator, set())
        subjects = flagged.get(indicator, {})
        fired = set().union(*subjects.values()) if subjects else set()
        true_flags = sum(1 for keys in subjects.values() if keys & wanted)
        scores.append(Score(indicator, len(wanted), len(wanted & fired), len(subjects), true_flags))
    return scores


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f} %"


def format_report(scores: list[Score]) -> str:
    lines = [f"{'indicator':<28} {'planted':>8} {'found':>8} {'recall':>8} {'flagged':>9} {'precision':>10}"]
    for s in scores:
        lines.append(
            f"{s.indicator:<28} {s.planted:>8,} {s.found:>8,} {_pct(s.recall):>8} {s.flagged:>9,} {_pct(s.precision):>10}"
        )
    return "\n".join(lines)
