"""`sodsong demo`: load the real sample data into the warehouse (each import its own snapshot).

The real e-GP rows (data.go.th, CC BY: the site shows the attribution kept in
`source_file.attribution`), the DBD company profile, the politician directory, and a blacklist
example marked as fictitious; then SYNTHETIC_PROJECTS generated processes (`sodsong generate`,
fixed seed; `source_kind = synthetic`, ids `ocds-sodsong-syn-…`, see docs/synthetic-data.md);
then the Thai flags over all of it (`sodsong flags`). Loading again changes nothing: imports are idempotent."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from sodsong.procurement.sources import runs

__all__ = ["SYNTHETIC_PROJECTS", "SYNTHETIC_SEED", "compute_flags", "load", "load_synthetic", "sample_files"]

SYNTHETIC_PROJECTS = 200_000
SYNTHETIC_SEED = 2567

REPO_DATA = Path(__file__).resolve().parents[3] / "data"
BLACKLIST_EXAMPLE = Path(__file__).resolve().parent / "demo_data" / "blacklist-example.csv"


def sample_files(data: Path = REPO_DATA) -> dict[str, list[Path]]:
    """The files each importer loads, those that exist."""
    files = {
        "egp": [data / "egp" / "egp_drone_projects.csv", data / "egp" / "ics_egp_contracts.csv"],
        "companies": [data / "dbd" / "dbd_ics_0305560001659.json"],
        "politicians": [data / "politicians" / "party.yaml", data / "politicians" / "people.yaml"],
        "blacklist": [BLACKLIST_EXAMPLE],
    }
    return {kind: [p for p in paths if p.is_file()] for kind, paths in files.items()}


def load(console: Console) -> None:
    """Import every sample file; report what was loaded."""
    importers = {
        "egp": runs.import_egp,
        "companies": runs.import_companies,
        "politicians": runs.import_politicians,
        "blacklist": runs.import_blacklist,
    }
    files = sample_files()
    if not files["egp"]:
        console.print(
            f"[yellow]no e-GP sample data at {REPO_DATA} (run from a clone of the repository)[/yellow]"
        )
    for kind, paths in files.items():
        if not paths:
            continue
        summary = importers[kind](paths)
        console.print(
            f"{kind}: {summary.read:,} records read, {summary.imported:,} imported, {summary.rejected:,} rejected"
            + (f", {len(summary.errors)} files with errors" if summary.errors else "")
        )
    load_synthetic(console)
    compute_flags(console)


def compute_flags(console: Console) -> None:
    """The Thai flags over everything loaded (a new snapshot), so the pages show them."""
    from sodsong.procurement.indicators.thai import SPECS
    from sodsong.procurement.indicators.thai.run import run_flags
    from sodsong.procurement.indicators.thai.settings import load_settings

    result = run_flags(load_settings(None, SPECS))
    console.print(
        f"flags: {sum(result.flagged.values()):,} flags of {len(result.flagged)} indicators "
        f"in {result.seconds:.1f} s (not computable: {', '.join(result.not_computable) or 'none'})"
    )


def load_synthetic(console: Console, projects: int | None = None) -> None:
    """Generate the synthetic processes into the data directory (once) and import them."""
    import json

    from sodsong.config import data_dir
    from sodsong.procurement.generator import generate
    from sodsong.procurement.sources.parquet import import_parquet

    projects = SYNTHETIC_PROJECTS if projects is None else projects
    folder = data_dir() / "demo-synthetic"
    wanted = {"projects": projects, "seed": SYNTHETIC_SEED, "anomaly_rate": 0.01}
    manifest = folder / "manifest.json"
    if not manifest.is_file() or json.loads(manifest.read_text()).get("generator") != wanted:
        generate(folder, projects, seed=SYNTHETIC_SEED)
    summary = import_parquet(folder)
    console.print(
        f"synthetic: {projects:,} generated processes ({summary.total:,} rows, seed {SYNTHETIC_SEED}, "
        f"marked source_kind = synthetic), planted anomalies in {folder / 'ground_truth.csv'}"
    )
