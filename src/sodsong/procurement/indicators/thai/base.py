"""What a Thai flag is to the engines: its spec, and its SQL written once (DuckDB dialect).

Every indicator module defines `INDICATOR = ThaiIndicator(spec=SPEC, flags=..., checked=...)`:

- `flags`: a SELECT giving one row per subject that fired, with the columns of `FLAG_COLUMNS`
  (`details` built with `to_json({...})`, so each flag names the values that fired it);
- `checked`: a SELECT of one number, the subjects for which every required field is present
  (the `subjects_checked` of `flag_readiness`);
- `fences` (optional): a SELECT of the fence rows (`group_key, n, q1, q3, lower_fence,
  upper_fence, threshold`), materialised as the table named by `${fence}` before `flags` runs;
- `candidates` (optional): a SELECT of the subjects checked, materialised first as the table
  named by `${candidates}`, so that `fences`, `flags` and `checked` read it instead of each
  computing it again (the readiness count comes from the same pass as the flags).

Parameters are written `${name}` and replaced by SQL literals of the settings' values. The SQL
is DuckDB's dialect; the Spark engine transpiles the same text with sqlglot, so each indicator
exists once. Rules for writing it portable: cast money to DOUBLE before dividing (Spark divides
decimals with other scales), sort lists with `list_sort` (Spark's `collect_list` keeps no
order), and avoid list slices and `GROUP BY ALL`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from string import Template

from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter

__all__ = ["FLAG_COLUMNS", "ThaiIndicator", "literal", "render"]

FLAG_COLUMNS = ("subject_kind", "subject_id", "process_id", "org_id", "fiscal_year", "value", "details")


@dataclass(frozen=True)
class ThaiIndicator:
    """One Thai flag: its description and its SQL."""

    spec: IndicatorSpec
    flags: str
    checked: str
    fences: str | None = None
    candidates: str | None = None

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def fence_table(self) -> str:
        return "fence_" + self._slug

    @property
    def candidate_table(self) -> str:
        return "candidates_" + self._slug

    @property
    def _slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "_", self.code.lower()).strip("_")


def literal(parameter: Parameter, value: object) -> str:
    """The SQL literal of one setting: numbers as numbers, pipe lists as `('a', 'b')`."""
    if value is None:
        return "CAST(NULL AS DOUBLE)" if parameter.type == "float" else "NULL"
    if parameter.type in ("int", "uint"):
        return str(int(value))  # type: ignore[call-overload]
    if parameter.type == "float":
        return repr(float(value))  # type: ignore[arg-type]
    if parameter.type == "pipe-list":
        items = [part for part in str(value).split("|") if part != ""]
        return "(" + ", ".join(_string(item) for item in items or [""]) + ")"
    return _string(str(value))


def _string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def render(indicator: ThaiIndicator, sql: str, values: dict[str, object]) -> str:
    """The SQL with every `${name}` replaced; an unknown name is a programming error."""
    mapping = {p.name: literal(p, values[p.name]) for p in indicator.spec.parameters}
    mapping["fence"] = indicator.fence_table
    mapping["candidates"] = indicator.candidate_table
    return Template(sql).substitute(mapping)
