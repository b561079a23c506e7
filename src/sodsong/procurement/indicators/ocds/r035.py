"""All except winning bid disqualified (R035).

When all awards are final, exactly one tenderer has `valid` bids, that tenderer is exactly
the set of suppliers of the active awards, and at least `threshold` (default 1, minimum 1)
other tenderers have `disqualified` bids, the process is flagged with the number of those
disqualified tenderers and the winner with 0.0.

Source: Cardinal, docs/cli/indicators/R/035.md and src/indicators/r035.rs (open-contracting/cardinal-rs).
"""

from __future__ import annotations

from sodsong.procurement.indicators.ocds.base import Accumulator, OcdsIndicator
from sodsong.procurement.indicators.ocds.common import Facts, string_ids
from sodsong.procurement.indicators.ocds.compiled import module_doc
from sodsong.procurement.indicators.ocds.settings import OcdsSettings
from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter

SPEC = IndicatorSpec(
    definition=module_doc(__name__),
    code="R035",
    family="ocds",
    title_th="ผู้เสนอราคารายอื่นถูกตัดสิทธิ์ทั้งหมดยกเว้นผู้ชนะ",
    title_en="All except winning bid disqualified",
    levels=("OCID", "Tenderer"),
    output="OCID: the number of disqualified tenderers; Tenderer (winner): 0.0",
    parameters=(Parameter("threshold", "uint", 1, "minimum number of disqualified tenderers (at least 1)"),),
    required_fields=(
        "awards/status",
        "awards/suppliers/id",
        "bids/details/status",
        "bids/details/tenderers/id",
    ),
    source="cardinal-rs: docs/cli/indicators/R/035.md",
)


class R035(OcdsIndicator):
    code = "R035"
    spec = SPEC
    rank = 8

    def __init__(self, settings: OcdsSettings) -> None:
        super().__init__(settings)
        self.threshold = max(int(self.setting("threshold", 1)), 1)

    def fold(self, facts: Facts, line: int, acc: Accumulator) -> None:
        ocid = facts.ocid
        if not facts.any_disqualified():  # at least one disqualified tenderer is needed
            return
        found = facts.complete()
        if found is None:
            return
        active = found[0]
        suppliers: set[str] = set()
        for award in active:
            suppliers.update(string_ids(award.suppliers))
        valid: set[str] = set()
        disqualified: set[str] = set()
        for _date, status, tenderers, _amount, _currency in facts.rows():
            if tenderers is None:
                continue
            if status == "valid":
                valid.update(string_ids(tenderers))
            elif status == "disqualified":
                disqualified.update(string_ids(tenderers))
        if len(valid) != 1 or valid != suppliers:
            return
        difference = len(disqualified - valid)
        if difference >= self.threshold:
            winner = next(iter(valid))
            why = (
                {"winner": winner, "disqualified_tenderers": sorted(disqualified - valid)}
                if self.why
                else None
            )
            self.flag(acc, line, "OCID", ocid, float(difference), why)
            self.flag(acc, line, "Tenderer", winner, 0.0, {"process_id": ocid} if self.why else None)
            if self.maps:
                self.map_event(acc, line, "ocid_tenderer_r035", ocid, winner)
