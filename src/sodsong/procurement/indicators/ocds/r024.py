"""Price close to winning bid (R024).

The percentage difference between the winning bid and the second-lowest valid bid is a low
outlier. For each process with a winner and a second bid (see `price.py`: all awards final,
exactly one active award with one supplier, valid bids with one tenderer, main currency,
second >= winner), diff = (second - winner) / winner. The lower fence is
Q1 - 1.5 × IQR over all diffs (type-8 quartiles), unless `threshold` fixes it. A process is
flagged with its diff when diff <= lower fence, the winner and the second bidder with 0.0.
Nothing is flagged unless Q1 > 0 and the fence > 0 (with a fixed threshold, only the fence
guard applies): otherwise a quarter of processes with no difference would all be flagged.

Source: Cardinal, docs/cli/indicators/R/024.md and src/indicators/r024.rs (open-contracting/cardinal-rs).
"""

from __future__ import annotations

from sodsong.procurement.indicators.numeric import fma
from sodsong.procurement.indicators.ocds.base import Accumulator, OcdsIndicator, Results
from sodsong.procurement.indicators.ocds.compiled import module_doc
from sodsong.procurement.indicators.ocds.price import ratio_quartiles, ratios
from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter

SPEC = IndicatorSpec(
    definition=module_doc(__name__),
    code="R024",
    family="ocds",
    title_th="เสนอราคาใกล้เคียงกับผู้ชนะ",
    title_en="Price close to winning bid",
    levels=("OCID", "Tenderer"),
    output="OCID: the percentage difference (second − winner) / winner; Tenderer (winner and second bidder): 0.0",
    parameters=(Parameter("threshold", "float", None, "fixed lower fence instead of Q1 − 1.5 × IQR"),),
    required_fields=(
        "awards/status",
        "awards/suppliers/id",
        "bids/details/status",
        "bids/details/tenderers/id",
        "bids/details/value/amount",
        "bids/details/value/currency",
    ),
    source="cardinal-rs: docs/cli/indicators/R/024.md",
)


class R024(OcdsIndicator):
    code = "R024"
    spec = SPEC
    rank = 4

    def finalize(self, acc: Accumulator, results: Results) -> None:
        table = ratios(acc)
        threshold = self.given.get("threshold")
        if threshold is None:
            size, q1, q3 = ratio_quartiles(acc)
            results.fence_sizes[(self.code, "*")] = size
            results.set_meta(self.code, "q1", q1)
            results.set_meta(self.code, "q3", q3)
            lower_fence = fma(q3 - q1, -1.5, q1)
        else:
            assert isinstance(threshold, float)
            lower_fence, q1 = threshold, 1.0  # no Q1 guard with a fixed fence
        results.set_meta(self.code, "lower_fence", lower_fence)
        if q1 > 0.0 and lower_fence > 0.0:
            for ocid, (ratio, winner, second) in table.items():
                if ratio <= lower_fence:
                    results.set("OCID", ocid, self.code, ratio)
                    why = {
                        "difference_ratio": ratio,
                        "winner": winner,
                        "second": second,
                        "lower_fence": lower_fence,
                    }
                    results.explain("OCID", ocid, self.code, why)
                    for tenderer in (winner, second):
                        results.set("Tenderer", tenderer, self.code, 0.0)
                        results.explain("Tenderer", tenderer, self.code, {"process_id": ocid})
                        results.add_map("ocid_tenderer_r024", ocid, tenderer)
