"""Single bid received (R018).

A contracting process is flagged (1.0) when `tender.numberOfTenderers` is the JSON integer 1
(not 1.0) and its `tender.procurementMethod` is one of `procurement_methods` (default
`open|selective`; an empty value means every method, a missing method never matches).

Source: Cardinal, docs/cli/indicators/R/018.md and src/indicators/r018.rs (open-contracting/cardinal-rs).
"""

from __future__ import annotations

from sodsong.procurement.indicators.ocds.base import Accumulator, OcdsIndicator
from sodsong.procurement.indicators.ocds.common import Facts, matches_method
from sodsong.procurement.indicators.ocds.compiled import module_doc
from sodsong.procurement.indicators.ocds.settings import OcdsSettings, split_pipe
from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter

SPEC = IndicatorSpec(
    definition=module_doc(__name__),
    code="R018",
    family="ocds",
    title_th="เสนอราคาเพียงรายเดียว",
    title_en="Single bid received",
    levels=("OCID",),
    output="1.0",
    parameters=(
        Parameter(
            "procurement_methods",
            "pipe-list",
            "open|selective",
            "only these tender.procurementMethod values (an empty value: every method)",
        ),
    ),
    required_fields=("tender/numberOfTenderers", "tender/procurementMethod"),
    source="cardinal-rs: docs/cli/indicators/R/018.md",
)


class R018(OcdsIndicator):
    code = "R018"
    spec = SPEC
    rank = 3

    def __init__(self, settings: OcdsSettings) -> None:
        super().__init__(settings)
        self.methods = split_pipe(self.setting("procurement_methods", "open|selective"))

    def fold(self, facts: Facts, line: int, acc: Accumulator) -> None:
        release, ocid = facts.release, facts.ocid
        tender = release.tender
        if tender is None or not matches_method(release, self.methods):
            return
        count = tender.numberOfTenderers
        if type(count) is int and count == 1:
            self.flag(
                acc,
                line,
                "OCID",
                ocid,
                1.0,
                {"number_of_tenderers": 1, "procurement_method": tender.procurementMethod}
                if self.why
                else None,
            )
