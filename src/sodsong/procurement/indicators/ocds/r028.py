"""Identical bid prices (R028).

Among the submitted bids (status a string other than invited or withdrawn) that have a
numeric amount, a string currency and at least one tenderer with a string id, two bids with
the same amount and currency but different sets of tenderers flag the process and the
tenderers of both bids (1.0). A tenderer may submit several bids at one price. Processes
outside the price-comparison lists are skipped.

Source: Cardinal, docs/cli/indicators/R/028.md and src/indicators/r028.rs (open-contracting/cardinal-rs).
"""

from __future__ import annotations

from sodsong.procurement.indicators.ocds.base import Accumulator, OcdsIndicator
from sodsong.procurement.indicators.ocds.common import (
    NUMBER,
    Facts,
    as_f64,
    matches_method_details,
)
from sodsong.procurement.indicators.ocds.compiled import module_doc
from sodsong.procurement.indicators.registry import IndicatorSpec

SPEC = IndicatorSpec(
    definition=module_doc(__name__),
    code="R028",
    family="ocds",
    title_th="เสนอราคาเท่ากัน",
    title_en="Identical bid prices",
    levels=("OCID", "Tenderer"),
    output="1.0",
    required_fields=(
        "bids/details/status",
        "bids/details/tenderers/id",
        "bids/details/value/amount",
        "bids/details/value/currency",
    ),
    source="cardinal-rs: docs/cli/indicators/R/028.md",
)


class R028(OcdsIndicator):
    code = "R028"
    spec = SPEC
    rank = 6

    def fold(self, facts: Facts, line: int, acc: Accumulator) -> None:
        priced = []
        for _date, _status, tenderers, amount, currency in facts.submitted():
            if tenderers is None:
                continue
            if type(amount) in NUMBER and type(currency) is str:  # also: no `value` at all
                priced.append((as_f64(amount), currency, tenderers))
        if len(priced) < 2 or len({(amount, currency) for amount, currency, _ in priced}) == len(priced):
            return  # no two bids at one price
        if not matches_method_details(facts.release, self.price_include, self.price_exclude):
            return
        prices: dict[tuple[float, str], dict[str, None]] = {}
        for amount, currency, tenderers in priced:
            ids: dict[str, None] = {}
            for org in tenderers:
                org_id = org.id
                if type(org_id) is str:
                    ids[org_id] = None
            if not ids:
                continue
            price = (amount, currency)
            other = prices.get(price)
            if other is not None and ids.keys() != other.keys():
                why = (
                    {"amount": amount, "currency": currency, "tenderers": [*ids, *other]}
                    if self.why
                    else None
                )
                self.flag(acc, line, "OCID", facts.ocid, 1.0, why)
                for tenderer in (*ids, *other):
                    self.flag(
                        acc, line, "Tenderer", tenderer, 1.0, {"process_id": facts.ocid} if self.why else None
                    )
                    if self.maps:
                        self.map_event(acc, line, "ocid_tenderer_r028", facts.ocid, tenderer)
            prices[price] = ids
