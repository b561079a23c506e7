"""Short submission period (R003).

A contracting process is flagged (1.0) when its submission period is shorter than the
threshold: the whole days (truncated toward zero) between `tender.tenderPeriod.startDate`
and `tender.tenderPeriod.endDate`, both RFC 3339 date-times with an offset, are fewer than
`threshold` (default 15). `[R003.procurement_method_details]` sets a threshold per value of
`tender.procurementMethodDetails`; `procurement_methods` (pipe-separated) limits the
indicator to those `tender.procurementMethod` values (empty: all methods).

Source: Cardinal, docs/cli/indicators/R/003.md and src/indicators/r003.rs (open-contracting/cardinal-rs).
"""

from __future__ import annotations

from sodsong.procurement.indicators.ocds.base import Accumulator, OcdsIndicator
from sodsong.procurement.indicators.ocds.common import Facts, matches_method
from sodsong.procurement.indicators.ocds.compiled import module_doc
from sodsong.procurement.indicators.ocds.rfc3339 import whole_days_between
from sodsong.procurement.indicators.ocds.settings import OcdsSettings, split_pipe
from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter

SPEC = IndicatorSpec(
    definition=module_doc(__name__),
    code="R003",
    family="ocds",
    title_th="ระยะเวลายื่นข้อเสนอสั้นผิดปกติ",
    title_en="Short submission period",
    levels=("OCID",),
    output="1.0",
    parameters=(
        Parameter("threshold", "int", 15, "minimum number of whole days of the submission period"),
        Parameter(
            "procurement_methods",
            "pipe-list",
            "",
            "only these tender.procurementMethod values (empty: every method)",
        ),
        Parameter(
            "procurement_method_details",
            "map[str,int]",
            {},
            "section [R003.procurement_method_details]: a threshold per tender.procurementMethodDetails",
        ),
    ),
    required_fields=(
        "tender/tenderPeriod/startDate",
        "tender/tenderPeriod/endDate",
        "tender/procurementMethod",
        "tender/procurementMethodDetails",
    ),
    source="cardinal-rs: docs/cli/indicators/R/003.md",
)


class R003(OcdsIndicator):
    code = "R003"
    spec = SPEC
    rank = 2

    def __init__(self, settings: OcdsSettings) -> None:
        super().__init__(settings)
        self.threshold: int = self.setting("threshold", 15)
        self.methods = split_pipe(self.setting("procurement_methods", None))
        self.by_details: dict[str, int] = self.setting("procurement_method_details", {})

    def fold(self, facts: Facts, line: int, acc: Accumulator) -> None:
        release, ocid = facts.release, facts.ocid
        tender = release.tender
        if tender is None:
            return
        period = tender.tenderPeriod
        if period is None or not matches_method(release, self.methods):
            return
        start = period.startDate
        end = period.endDate
        if not isinstance(start, str) or not isinstance(end, str):
            return
        days = whole_days_between(start, end)
        if days is None:
            return
        details = tender.procurementMethodDetails
        threshold = self.threshold
        if isinstance(details, str) and details in self.by_details:
            threshold = self.by_details[details]
        if days < threshold:
            self.flag(
                acc,
                line,
                "OCID",
                ocid,
                1.0,
                {"days": days, "threshold": threshold, "start": start, "end": end} if self.why else None,
            )
