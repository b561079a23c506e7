"""Cardinal's results as rows of the flag tables (docs/flags.md): what the site reads.

`flag_rows` gives one row per subject × indicator that fired, with the values that fired it
(`details`); `fence_rows` one row per fence an indicator computed (Cardinal's `Meta`, unrounded,
with the number of values). Subjects keep their OCDS identifiers: the process key is the ocid
(as in the warehouse), organisations keep `buyer/id`, `tender/procuringEntity/id` or the
tenderer's id.
"""

from __future__ import annotations

import json
import math
from typing import Any

from sodsong.procurement.indicators.ocds.base import Results
from sodsong.procurement.warehouse.keys import hashed

__all__ = ["SUBJECT_KINDS", "fence_rows", "flag_rows"]

SUBJECT_KINDS = {
    "OCID": "process",
    "Buyer": "buyer",
    "ProcuringEntity": "procuring_entity",
    "Tenderer": "tenderer",
}


def _number(value: float) -> float | None:
    return value if math.isfinite(value) else None


def flag_rows(results: Results, run_id: str) -> list[dict[str, Any]]:
    """Rows of the `flag` table."""
    rows = []
    for group, subjects in results.groups.items():
        kind = SUBJECT_KINDS[group]
        for subject, values in subjects.items():
            for code, value in values.items():
                why = results.why.get((group, subject, code), {})
                processes = why.get("processes", [])
                process = subject if kind == "process" else (processes[0] if len(processes) == 1 else None)
                rows.append(
                    {
                        "flag_id": hashed(code, kind, subject, process),
                        "run_id": run_id,
                        "indicator": code,
                        "family": "ocds",
                        "subject_kind": kind,
                        "subject_id": subject,
                        "process_id": process,
                        "org_id": None if kind == "process" else subject,
                        "fiscal_year": None,
                        "value": _number(value),
                        "details": json.dumps(why, ensure_ascii=False, sort_keys=True),
                    }
                )
    return rows


def fence_rows(results: Results, run_id: str, thresholds: dict[str, float | None]) -> list[dict[str, Any]]:
    """Rows of the `flag_fence` table, from Cardinal's Meta (per group for R038)."""
    rows = []
    for code, meta in results.meta.items():
        groups = sorted({key.split("_")[0] for key in meta}) if code == "R038" else ["*"]
        for group in groups:
            prefix = "" if group == "*" else f"{group}_"

            def value(name: str, prefix: str = prefix, meta: dict[str, float] = meta) -> float | None:
                found = meta.get(prefix + name)
                return None if found is None else _number(found)

            rows.append(
                {
                    "run_id": run_id,
                    "indicator": code,
                    "group_key": group,
                    "n": results.fence_sizes.get((code, group)),
                    "q1": value("q1"),
                    "q3": value("q3"),
                    "lower_fence": value("lower_fence"),
                    "upper_fence": value("upper_fence"),
                    "threshold": thresholds.get(code),
                }
            )
    return rows
