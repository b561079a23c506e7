"""Generate `docs/indicators.md` from the registry: `python -m sodsong.procurement.indicators.docs --write`.

Without `--write` it prints the text; `--check` exits 1 when the committed file differs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sodsong.procurement.indicators import REGISTRY
from sodsong.procurement.indicators.registry import IndicatorSpec, Registry

__all__ = ["DOCS_PATH", "main", "render"]

DOCS_PATH = Path(__file__).resolve().parents[4] / "docs" / "indicators.md"
FAMILIES = {
    "ocds": (
        "OCDS indicators (Cardinal-exact)",
        "Computed by `sodsong indicators --settings FILE.ini INPUT.jsonl` over OCDS compiled releases, "
        "with the semantics of OCP's Cardinal (cardinal-rs). Settings go in a Cardinal settings file: "
        "a section per enabled indicator (`[R024]`) with the keys below. In code: "
        "`sodsong.procurement.indicators.ocds.engine.run_file(path, settings)` returns the results, "
        "and `sodsong.procurement.indicators.ocds.flags.flag_rows` / `fence_rows` turn them into the "
        "rows of the flag tables (docs/flags.md), each flag with the values that fired it.",
    ),
    "thai": (
        "Thai e-GP flags (ACT Ai) and company checks",
        "Computed over the loaded warehouse by `sodsong flags [--settings FILE.ini] [--engine duckdb|spark]`, "
        "which writes the flag tables (docs/flags.md) in a new snapshot. Each indicator is one module of "
        "`sodsong.procurement.indicators.thai` holding its SQL, written once in DuckDB's dialect and "
        "transpiled with sqlglot for Spark. The defaults below are in the shipped settings file "
        "`sodsong/procurement/indicators/thai/defaults.ini` (a section per indicator, e.g. "
        "`[TH-NEAR-REF]`, keys as below); `--settings` overrides any of them, and an unknown "
        "indicator or setting is an error naming it. Required fields are warehouse columns "
        "(`table.column`, `table.column=value` for a kind of row): an indicator whose fields have no "
        "value in the data is reported as not computable in `flag_readiness`, never as no flag.",
    ),
}


def _default(value: object) -> str:
    if value is None:
        return "(computed fence)"
    if value == {}:
        return "(none)"
    if value == "":
        return "(empty: all)"
    return f"`{value}`"


def _spec(spec: IndicatorSpec) -> list[str]:
    lines = [f"### {spec.code} — {spec.title_en}", "", f"**{spec.title_th}**", ""]
    lines += [f"- Levels: {', '.join(spec.levels)}", f"- Output: {spec.output}", f"- Source: {spec.source}"]
    lines.append(f"- Required fields: {', '.join(f'`{field}`' for field in spec.required_fields)}")
    if spec.parameters:
        lines += ["", "| setting | type | default | meaning |", "| --- | --- | --- | --- |"]
        lines += [
            f"| `{p.name}` | {p.type} | {_default(p.default)} | {p.description} |" for p in spec.parameters
        ]
    else:
        lines += ["- Settings: none"]
    lines += ["", spec.definition, ""]
    return lines


def render(registry: Registry = REGISTRY) -> str:
    lines = [
        "# Indicators",
        "",
        "<!-- Generated from the registry by `python -m sodsong.procurement.indicators.docs --write`;"
        " do not edit by hand. -->",
        "",
        "A flag is a risk signal, never an accusation: "
        "เป็นเพียงการระบุความเสี่ยงเท่านั้น ซึ่งไม่ได้หมายความว่ามีการทุจริตเกิดขึ้นแล้ว",
        "",
        "| code | ชื่อ | title | levels |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {s.code} | {s.title_th} | {s.title_en} | {', '.join(s.levels)} |" for s in registry]
    lines.append("")
    for family, (title, intro) in FAMILIES.items():
        specs = registry.family(family)
        if not specs:
            continue
        lines += [f"## {title}", "", intro, ""]
        for spec in specs:
            lines += _spec(spec)
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sodsong.procurement.indicators.docs", description=__doc__
    )
    parser.add_argument("--write", action="store_true", help=f"write {DOCS_PATH}")
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed file is stale")
    args = parser.parse_args(argv)
    text = render()
    if args.write:
        DOCS_PATH.write_text(text, encoding="utf-8")
        return 0
    if args.check:
        current = DOCS_PATH.read_text(encoding="utf-8") if DOCS_PATH.exists() else ""
        return 0 if current == text else 1
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
