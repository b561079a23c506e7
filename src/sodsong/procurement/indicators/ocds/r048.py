"""Heterogeneous supplier (R048).

A supplier's variety of items is a high outlier. For each `active` award with exactly one
supplier (a string id) and an `items` array, the first `digits` characters of each item's
string `classification.id` are collected per supplier; a supplier counts once per process
in which it has a classified item. Suppliers in at least `minimum_contracting_processes`
such processes are flagged with their number of distinct prefixes when it is >= the upper
fence (Q3 + 1.5 × IQR over those suppliers, or `threshold`). There is no fence guard.

Source: Cardinal, docs/cli/indicators/R/048.md and src/indicators/r048.rs (open-contracting/cardinal-rs).
"""

from __future__ import annotations

from typing import Any

from sodsong.procurement.indicators.numeric import fma, quartiles
from sodsong.procurement.indicators.ocds import organizations
from sodsong.procurement.indicators.ocds.base import Accumulator, OcdsIndicator, Results
from sodsong.procurement.indicators.ocds.common import Facts
from sodsong.procurement.indicators.ocds.compiled import module_doc
from sodsong.procurement.indicators.ocds.organizations import ORDER_R048 as ORDER
from sodsong.procurement.indicators.ocds.organizations import Entry
from sodsong.procurement.indicators.ocds.settings import OcdsSettings
from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter

SPEC = IndicatorSpec(
    definition=module_doc(__name__),
    code="R048",
    family="ocds",
    title_th="ผู้ขายสินค้าหลากหลายประเภทผิดปกติ",
    title_en="Heterogeneous supplier",
    levels=("Tenderer",),
    output="Tenderer: the number of distinct classification prefixes",
    parameters=(
        Parameter("digits", "uint", 2, "length of the classification prefix that defines a kind of item"),
        Parameter("threshold", "uint", None, "fixed upper fence instead of Q3 + 1.5 × IQR"),
        Parameter(
            "minimum_contracting_processes", "uint", 20, "a supplier needs at least this many processes"
        ),
    ),
    required_fields=("awards/status", "awards/suppliers/id", "awards/items/classification/id"),
    source="cardinal-rs: docs/cli/indicators/R/048.md",
)


class R048(OcdsIndicator):
    code = "R048"
    spec = SPEC
    rank = 12
    apart = True  # its own table only (organizations.split gives it one per range)

    def __init__(self, settings: OcdsSettings) -> None:
        super().__init__(settings)
        self.digits: int = self.setting("digits", 2)

    def fold(self, facts: Facts, line: int, acc: Accumulator) -> None:
        awards = facts.release.awards
        if awards is None:
            return
        observed: set[str] = set()
        table = organizations.table(acc)
        digits = self.digits
        for award in awards:
            suppliers = award.suppliers
            items = award.items
            if award.status != "active" or items is None or suppliers is None or len(suppliers) != 1:
                continue
            supplier = suppliers[0].id
            if not isinstance(supplier, str):
                continue
            prefixes: set[str] | None = None
            for item in items:
                classification = item.classification
                if classification is None:
                    continue
                code = classification.id
                if not isinstance(code, str):
                    continue
                if prefixes is None:  # one lookup per award (the table holds every supplier)
                    entry = table.get(supplier)
                    if entry is None:
                        entry = table[supplier] = Entry()
                    found = entry.prefixes
                    if found is None:
                        found = entry.prefixes = set()
                    prefixes = found
                    if supplier not in observed:  # a supplier counts once per process
                        observed.add(supplier)
                        if entry.processes == 0:
                            organizations.order(acc, ORDER).append(supplier)
                        entry.processes += 1
                prefixes.add(code[:digits])

    def done(self, acc: Accumulator) -> None:
        organizations.split(acc)

    def _table(self, acc: Accumulator) -> dict[str, list[Any]]:
        """supplier -> [number of processes, set of classification prefixes]: one table, so
        one lookup per award and one table to pickle and merge (two had the same keys)."""
        table: dict[str, list[Any]] | None = acc.state.get(self.code)
        if table is None:
            table = acc.state[self.code] = {}
        return table

    def merge(self, acc: Accumulator, other: Accumulator) -> None:
        theirs: dict[str, list[Any]] | None = other.state.get(self.code)
        if theirs is None:
            return
        table = self._table(acc)
        get = table.get
        for supplier, entry in theirs.items():
            known = get(supplier)
            if known is None:
                table[supplier] = entry  # the other range is merged once: reuse its entry
            else:
                known[0] += entry[0]
                known[1].update(entry[1])

    def finalize(self, acc: Accumulator, results: Results) -> None:
        table = self._table(acc)
        minimum: int = self.setting("minimum_contracting_processes", 20)
        lengths = {supplier: float(len(entry[1])) for supplier, entry in table.items() if entry[0] >= minimum}
        results.fence_sizes[(self.code, "*")] = len(lengths)
        threshold = self.given.get("threshold")
        if threshold is None:
            values = list(lengths.values())
            q1, q3 = quartiles(values)
            results.set_meta(self.code, "q1", q1)
            results.set_meta(self.code, "q3", q3)
            upper_fence = fma(q3 - q1, 1.5, q3)
        else:
            assert isinstance(threshold, int)
            upper_fence = float(threshold)
        results.set_meta(self.code, "upper_fence", upper_fence)
        for supplier, length in lengths.items():
            if length >= upper_fence:
                results.set("Tenderer", supplier, self.code, length)
                why = {
                    "classification_prefixes": sorted(table[supplier][1]),
                    "processes_supplied": table[supplier][0],
                }
                results.explain("Tenderer", supplier, self.code, why)
