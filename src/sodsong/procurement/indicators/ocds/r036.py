"""Lowest bid disqualified (R036).

In a process with at least one `active` award, among the submitted bids (status a string
other than invited or withdrawn) with a numeric amount in the main currency, the strictly
lowest one (the first, if several tie) is `disqualified`, while at least one `valid` bid has
an amount: the process is flagged (1.0). Processes outside the price-comparison lists are
skipped. The main currency is the `currency` setting, else the first currency observed.

Source: Cardinal, docs/cli/indicators/R/036.md and src/indicators/r036.rs (open-contracting/cardinal-rs).
"""

from __future__ import annotations

from sodsong.procurement.indicators.ocds.base import Accumulator, OcdsIndicator, Results
from sodsong.procurement.indicators.ocds.common import (
    Facts,
    as_f64,
    is_number,
    matches_method_details,
)
from sodsong.procurement.indicators.ocds.compiled import module_doc
from sodsong.procurement.indicators.registry import IndicatorSpec

SPEC = IndicatorSpec(
    definition=module_doc(__name__),
    code="R036",
    family="ocds",
    title_th="ผู้เสนอราคาต่ำสุดถูกตัดสิทธิ์",
    title_en="Lowest bid disqualified",
    levels=("OCID",),
    output="1.0",
    required_fields=(
        "awards/status",
        "bids/details/status",
        "bids/details/value/amount",
        "bids/details/value/currency",
    ),
    source="cardinal-rs: docs/cli/indicators/R/036.md",
)

Priced = list[tuple[str, float, str]]  # (status, amount, currency) of submitted priced bids


def _flagged(bids: Priced, currency: str) -> bool:
    lowest: float | None = None
    lowest_disqualified = False
    has_valid = False
    for status, amount, bid_currency in bids:
        if bid_currency != currency:
            continue
        if lowest is None or amount < lowest:
            lowest = amount
            lowest_disqualified = status == "disqualified"
        if status == "valid":
            has_valid = True
    return has_valid and lowest_disqualified


class R036(OcdsIndicator):
    code = "R036"
    spec = SPEC
    rank = 9

    def fold(self, facts: Facts, line: int, acc: Accumulator) -> None:
        release, ocid = facts.release, facts.ocid
        if acc.currency is not None and not facts.any_disqualified():
            return  # cannot flag, and the first currency of this range is already known
        if not matches_method_details(release, self.price_include, self.price_exclude):
            return
        awards = release.awards
        if awards is None or not any(award.status == "active" for award in awards):
            return
        bids: Priced = []
        for _date, status, _tenderers, amount, currency in facts.submitted():
            if is_number(amount) and isinstance(currency, str):  # also: no `value` at all
                bids.append((status, as_f64(amount), currency))
        if not bids:
            return
        configured = self.settings.currency
        first = configured if configured is not None else bids[0][2]
        acc.observe_currency(line, first)
        entries = acc.state.get(self.code)
        if entries is None:
            entries = acc.state[self.code] = []
        if all(bid[2] == first for bid in bids):
            if _flagged(bids, first):
                entries.append((line, ocid, first, None))
        else:
            entries.append((line, ocid, None, bids))

    def merge(self, acc: Accumulator, other: Accumulator) -> None:
        acc.state.setdefault(self.code, []).extend(other.state.get(self.code, ()))

    def shift(self, acc: Accumulator, offset: int) -> None:
        entries = acc.state.get(self.code)
        if entries:
            acc.state[self.code] = [(line + offset, *rest) for line, *rest in entries]

    def resolve(self, acc: Accumulator, results: Results) -> None:
        main = results.currency
        for line, ocid, currency, bids in acc.state.get(self.code, ()):
            flagged = currency == main if currency is not None else main is not None and _flagged(bids, main)
            if flagged:
                self.flag(acc, line, "OCID", ocid, 1.0, {"currency": main} if self.why else None)
