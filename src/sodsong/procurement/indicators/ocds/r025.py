"""Excessive unsuccessful bids (R025).

The ratio of winning bids to submitted bids of a top tenderer is a low outlier. Eligible
processes are those of R024 without the price conditions: all awards final, exactly one
active award, with exactly one supplier with a string id. In each, every tenderer of a
`valid` bid with exactly one tenderer counts once (whatever its number of bids): one bid,
and one win if it is the supplier. Only tenderers whose number of processes is at least the
`percentile`-th (type-8) percentile of all tenderers' numbers are considered; one is flagged
with its ratio when ratio <= lower fence (Q1 - 1.5 × IQR of all ratios, or `threshold`),
provided Q1 > 0 and the fence > 0.

Source: Cardinal, docs/cli/indicators/R/025.md and src/indicators/r025.rs (open-contracting/cardinal-rs).
"""

from __future__ import annotations

from sodsong.procurement.indicators.numeric import fma, quantile, quartiles
from sodsong.procurement.indicators.ocds import organizations
from sodsong.procurement.indicators.ocds.base import Accumulator, OcdsIndicator, Results
from sodsong.procurement.indicators.ocds.common import Facts
from sodsong.procurement.indicators.ocds.compiled import module_doc
from sodsong.procurement.indicators.ocds.organizations import ORDER_R025 as ORDER
from sodsong.procurement.indicators.ocds.organizations import Entry
from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter

SPEC = IndicatorSpec(
    definition=module_doc(__name__),
    code="R025",
    family="ocds",
    title_th="ผู้เสนอราคารายใหญ่ที่แพ้การเสนอราคาบ่อยผิดปกติ",
    title_en="Excessive unsuccessful bids",
    levels=("Tenderer",),
    output="Tenderer: the ratio of winning bids to submitted bids",
    parameters=(
        Parameter("percentile", "uint", 75, "a tenderer's number of processes must reach this percentile"),
        Parameter("threshold", "float", None, "fixed lower fence instead of Q1 − 1.5 × IQR"),
    ),
    required_fields=(
        "awards/status",
        "awards/suppliers/id",
        "bids/details/status",
        "bids/details/tenderers/id",
    ),
    source="cardinal-rs: docs/cli/indicators/R/025.md",
)


class R025(OcdsIndicator):
    code = "R025"
    spec = SPEC
    rank = 5
    apart = True  # its own table only (organizations.split gives it one per range)

    def fold(self, facts: Facts, line: int, acc: Accumulator) -> None:
        found = facts.complete()
        if found is None:
            return
        active = found[0]
        if len(active) != 1:
            return
        suppliers = active[0].suppliers
        if suppliers is None or len(suppliers) != 1:
            return
        supplier = suppliers[0].id
        if not isinstance(supplier, str):
            return
        seen: dict[str, None] = {}
        for _date, status, tenderers, _amount, _currency in facts.rows():
            if status == "valid" and tenderers is not None and len(tenderers) == 1:
                tenderer = tenderers[0].id
                if isinstance(tenderer, str):
                    seen[tenderer] = None
        if not seen:
            return
        entries = organizations.table(acc)
        first_seen = organizations.order(acc, ORDER)
        for tenderer in seen:
            entry = entries.get(tenderer)
            if entry is None:
                entry = entries[tenderer] = Entry()
            if entry.bids == 0:
                first_seen.append(tenderer)
            if tenderer == supplier:
                entry.wins += 1
            entry.bids += 1

    def done(self, acc: Accumulator) -> None:
        organizations.split(acc)

    def merge(self, acc: Accumulator, other: Accumulator) -> None:
        mine: dict[str, list[int]] = acc.state.setdefault(self.code, {})
        get = mine.get
        for tenderer, theirs in other.state.get(self.code, {}).items():
            fraction = get(tenderer)
            if fraction is None:
                mine[tenderer] = theirs  # the other range is merged once, so its lists can be reused
            else:
                fraction[0] += theirs[0]
                fraction[1] += theirs[1]

    def finalize(self, acc: Accumulator, results: Results) -> None:
        fractions: dict[str, list[int]] = acc.state.get(self.code, {})
        percentile: int = self.setting("percentile", 75)
        upper_fence = quantile([float(bids) for _wins, bids in fractions.values()], percentile / 100.0)
        ratios = {tenderer: wins / bids for tenderer, (wins, bids) in fractions.items()}
        results.fence_sizes[(self.code, "*")] = len(ratios)
        threshold = self.given.get("threshold")
        if threshold is None:
            values = list(ratios.values())
            q1, q3 = quartiles(values)
            results.set_meta(self.code, "q1", q1)
            results.set_meta(self.code, "q3", q3)
            lower_fence = fma(q3 - q1, -1.5, q1)
        else:
            assert isinstance(threshold, float)
            lower_fence, q1 = threshold, 1.0
        results.set_meta(self.code, "upper_fence", upper_fence)
        results.set_meta(self.code, "lower_fence", lower_fence)
        if q1 > 0.0 and lower_fence > 0.0:
            for tenderer, ratio in ratios.items():
                if float(fractions[tenderer][1]) >= upper_fence and ratio <= lower_fence:
                    results.set("Tenderer", tenderer, self.code, ratio)
                    wins, bids = fractions[tenderer]
                    results.explain("Tenderer", tenderer, self.code, {"wins": wins, "processes_bid": bids})
