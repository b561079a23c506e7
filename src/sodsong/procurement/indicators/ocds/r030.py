"""Late bid won (R030).

A `valid` bid whose `date` is later than `tender.tenderPeriod.endDate` (compared as
strings, as Cardinal does), and one of whose tenderers is a supplier of an `active` award,
flags the process and that tenderer (1.0). Needs `awards`, `bids.details` and the end date.

Source: Cardinal, docs/cli/indicators/R/030.md and src/indicators/r030.rs (open-contracting/cardinal-rs).
"""

from __future__ import annotations

from sodsong.procurement.indicators.ocds.base import Accumulator, OcdsIndicator
from sodsong.procurement.indicators.ocds.common import Facts, string_ids
from sodsong.procurement.indicators.ocds.compiled import module_doc
from sodsong.procurement.indicators.registry import IndicatorSpec

SPEC = IndicatorSpec(
    definition=module_doc(__name__),
    code="R030",
    family="ocds",
    title_th="ผู้ยื่นข้อเสนอหลังหมดเวลาได้รับการคัดเลือก",
    title_en="Late bid won",
    levels=("OCID", "Tenderer"),
    output="1.0",
    required_fields=(
        "tender/tenderPeriod/endDate",
        "awards/status",
        "awards/suppliers/id",
        "bids/details/status",
        "bids/details/date",
        "bids/details/tenderers/id",
    ),
    source="cardinal-rs: docs/cli/indicators/R/030.md",
)


class R030(OcdsIndicator):
    code = "R030"
    spec = SPEC
    rank = 7

    def fold(self, facts: Facts, line: int, acc: Accumulator) -> None:
        release, ocid = facts.release, facts.ocid
        tender = release.tender
        if tender is None:
            return
        period = tender.tenderPeriod
        if period is None:
            return
        end = period.endDate
        awards = release.awards
        bids = release.bids
        if not isinstance(end, str) or awards is None or bids is None:
            return
        details = bids.details
        if details is None:
            return
        suppliers: set[str] = set()
        for award in awards:
            award_suppliers = award.suppliers
            if award.status == "active" and award_suppliers is not None:
                suppliers.update(string_ids(award_suppliers))
        if not suppliers:
            return
        for date, status, tenderers, _amount, _currency in facts.rows():
            if status == "valid" and isinstance(date, str) and tenderers is not None and date > end:
                for tenderer in string_ids(tenderers):
                    if tenderer in suppliers:
                        why = (
                            {"bid_date": date, "tender_end_date": end, "tenderer": tenderer}
                            if self.why
                            else None
                        )
                        self.flag(acc, line, "OCID", ocid, 1.0, why)
                        self.flag(
                            acc, line, "Tenderer", tenderer, 1.0, {"process_id": ocid} if self.why else None
                        )
                        if self.maps:
                            self.map_event(acc, line, "ocid_tenderer_r030", ocid, tenderer)
