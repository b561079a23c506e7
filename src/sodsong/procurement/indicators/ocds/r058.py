"""Heavily discounted bid (R058).

The percentage difference between the winning bid and the second-lowest valid bid is a high
outlier: the same diff as R024, (second - winner) / winner (see `price.py`). The upper fence
is Q3 + 1.5 × IQR over all diffs (type-8 quartiles), unless `threshold` fixes it. A process
is flagged with its diff when diff >= upper fence and the fence > 0; its winner with 0.0.

Source: Cardinal, docs/cli/indicators/R/058.md and src/indicators/r058.rs (open-contracting/cardinal-rs).
"""

from __future__ import annotations

from sodsong.procurement.indicators.numeric import fma
from sodsong.procurement.indicators.ocds.base import Accumulator, OcdsIndicator, Results
from sodsong.procurement.indicators.ocds.compiled import module_doc
from sodsong.procurement.indicators.ocds.price import ratio_quartiles, ratios
from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter

SPEC = IndicatorSpec(
    definition=module_doc(__name__),
    code="R058",
    family="ocds",
    title_th="เสนอราคาต่ำกว่าผู้เสนอรายอื่นผิดปกติ",
    title_en="Heavily discounted bid",
    levels=("OCID", "Tenderer"),
    output="OCID: the percentage difference (second − winner) / winner; Tenderer (winner): 0.0",
    parameters=(Parameter("threshold", "float", None, "fixed upper fence instead of Q3 + 1.5 × IQR"),),
    required_fields=(
        "awards/status",
        "awards/suppliers/id",
        "bids/details/status",
        "bids/details/tenderers/id",
        "bids/details/value/amount",
        "bids/details/value/currency",
    ),
    source="cardinal-rs: docs/cli/indicators/R/058.md",
)


class R058(OcdsIndicator):
    code = "R058"
    spec = SPEC
    rank = 13

    def finalize(self, acc: Accumulator, results: Results) -> None:
        table = ratios(acc)
        threshold = self.given.get("threshold")
        if threshold is None:
            size, q1, q3 = ratio_quartiles(acc)
            results.fence_sizes[(self.code, "*")] = size
            results.set_meta(self.code, "q1", q1)
            results.set_meta(self.code, "q3", q3)
            upper_fence = fma(q3 - q1, 1.5, q3)
        else:
            assert isinstance(threshold, float)
            upper_fence = threshold
        results.set_meta(self.code, "upper_fence", upper_fence)
        if upper_fence > 0.0:
            for ocid, (ratio, winner, _second) in table.items():
                if ratio >= upper_fence:
                    results.set("OCID", ocid, self.code, ratio)
                    why = {
                        "difference_ratio": ratio,
                        "winner": winner,
                        "second": _second,
                        "upper_fence": upper_fence,
                    }
                    results.explain("OCID", ocid, self.code, why)
                    results.set("Tenderer", winner, self.code, 0.0)
                    results.explain("Tenderer", winner, self.code, {"process_id": ocid})
                    results.add_map("ocid_tenderer_r058", ocid, winner)
