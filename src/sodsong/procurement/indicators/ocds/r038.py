"""Excessive disqualified bids (R038).

The ratio of disqualified bids to submitted bids (status a string other than invited or
withdrawn) is a high outlier, per buyer, per procuring entity and per tenderer, each group
separately. A buyer's or procuring entity's ratio sums its processes' disqualified and
submitted bids; a tenderer's counts each submitted bid it is a tenderer of. Only tenderers
with at least `minimum_submitted_bids` bids, and buyers and procuring entities whose summed
number of submitted bids (sic: Cardinal compares this sum, not a count of processes) is at
least `minimum_contracting_processes`, are considered. One is flagged with its ratio when
ratio >= upper fence (Q3 + 1.5 × IQR within its group, or `threshold`) and the fence > 0.

Source: Cardinal, docs/cli/indicators/R/038.md and src/indicators/r038.rs (open-contracting/cardinal-rs).
"""

from __future__ import annotations

from sodsong.procurement.indicators.numeric import fma, quartiles
from sodsong.procurement.indicators.ocds import organizations
from sodsong.procurement.indicators.ocds.base import Accumulator, OcdsIndicator, Results
from sodsong.procurement.indicators.ocds.common import Facts
from sodsong.procurement.indicators.ocds.compiled import module_doc
from sodsong.procurement.indicators.ocds.organizations import ORDER_R038 as ORDER
from sodsong.procurement.indicators.ocds.organizations import Entry
from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter

SPEC = IndicatorSpec(
    definition=module_doc(__name__),
    code="R038",
    family="ocds",
    title_th="ผู้เสนอราคาถูกตัดสิทธิ์จำนวนมากผิดปกติ",
    title_en="Excessive disqualified bids",
    levels=("Buyer", "ProcuringEntity", "Tenderer"),
    output="the ratio of disqualified bids to submitted bids",
    parameters=(
        Parameter("threshold", "float", None, "fixed upper fence instead of Q3 + 1.5 × IQR"),
        Parameter("minimum_submitted_bids", "uint", 2, "a tenderer needs at least this many submitted bids"),
        Parameter(
            "minimum_contracting_processes",
            "uint",
            2,
            "a buyer or procuring entity needs at least this many (summed submitted bids, as Cardinal)",
        ),
    ),
    required_fields=(
        "buyer/id",
        "tender/procuringEntity/id",
        "bids/details/status",
        "bids/details/tenderers/id",
    ),
    source="cardinal-rs: docs/cli/indicators/R/038.md",
)

GROUPS = (("Buyer", "buyer"), ("ProcuringEntity", "procuring_entity"), ("Tenderer", "tenderer"))


def _add(table: dict[str, list[int]], key: str, numerator: int, denominator: int) -> None:
    fraction = table.get(key)
    if fraction is None:
        table[key] = [numerator, denominator]
    else:
        fraction[0] += numerator
        fraction[1] += denominator


class R038(OcdsIndicator):
    code = "R038"
    spec = SPEC
    rank = 10
    apart = True  # its own table only (organizations.split gives it one per range)

    def fold(self, facts: Facts, line: int, acc: Accumulator) -> None:
        release, ocid = facts.release, facts.ocid
        bids = facts.submitted()
        if not bids:
            return
        state = acc.state.get(self.code)
        if state is None:
            state = acc.state[self.code] = {"buyer": {}, "procuring_entity": {}, "tenderer": {}}
        entries = organizations.table(acc)
        first_seen = organizations.order(acc, ORDER)
        disqualified = 0
        for _date, status, orgs, _amount, _currency in bids:
            increment = 1 if status == "disqualified" else 0
            disqualified += increment
            if orgs is not None:
                for org in orgs:
                    tenderer = org.id
                    if type(tenderer) is str:
                        entry = entries.get(tenderer)
                        if entry is None:
                            entry = entries[tenderer] = Entry()
                        if entry.submitted == 0:
                            first_seen.append(tenderer)
                        if increment:  # most bids are not disqualified
                            entry.disqualified += 1
                        entry.submitted += 1
        buyer_org = release.buyer
        buyer = buyer_org.id if buyer_org is not None else None
        if isinstance(buyer, str):
            _add(state["buyer"], buyer, disqualified, len(bids))
            if disqualified and self.maps:
                self.map_event(acc, line, "ocid_buyer_r038", ocid, buyer)
        tender = release.tender
        entity_org = tender.procuringEntity if tender is not None else None
        entity = entity_org.id if entity_org is not None else None
        if isinstance(entity, str):
            _add(state["procuring_entity"], entity, disqualified, len(bids))
            if disqualified and self.maps:
                self.map_event(acc, line, "ocid_procuringentity_r038", ocid, entity)

    def done(self, acc: Accumulator) -> None:
        organizations.split(acc)

    def merge(self, acc: Accumulator, other: Accumulator) -> None:
        theirs = other.state.get(self.code)
        if theirs is None:
            return
        mine = acc.state.setdefault(self.code, {"buyer": {}, "procuring_entity": {}, "tenderer": {}})
        for name in ("buyer", "procuring_entity", "tenderer"):
            table = mine[name]
            get = table.get
            for key, fraction in theirs[name].items():
                known = get(key)
                if known is None:
                    table[key] = fraction  # the other range is merged once: reuse its list
                else:
                    known[0] += fraction[0]
                    known[1] += fraction[1]

    def finalize(self, acc: Accumulator, results: Results) -> None:
        state = acc.state.get(self.code, {"buyer": {}, "procuring_entity": {}, "tenderer": {}})
        minimum_bids: int = self.setting("minimum_submitted_bids", 2)
        minimum_processes: int = self.setting("minimum_contracting_processes", 2)
        threshold = self.given.get("threshold")
        for group, name in GROUPS:
            minimum = minimum_bids if group == "Tenderer" else minimum_processes
            ratios = {key: d / n for key, (d, n) in state[name].items() if n >= minimum}
            if not ratios:
                continue
            results.fence_sizes[(self.code, group)] = len(ratios)
            if threshold is None:
                values = list(ratios.values())
                q1, q3 = quartiles(values)
                results.set_meta(self.code, f"{group}_q1", q1)
                results.set_meta(self.code, f"{group}_q3", q3)
                upper_fence = fma(q3 - q1, 1.5, q3)
            else:
                assert isinstance(threshold, float)
                upper_fence = threshold
            results.set_meta(self.code, f"{group}_upper_fence", upper_fence)
            if upper_fence > 0.0:
                for key, ratio in ratios.items():
                    if ratio >= upper_fence:
                        results.set(group, key, self.code, ratio)
                        disqualified, submitted = state[name][key]
                        why = {"disqualified_bids": disqualified, "submitted_bids": submitted}
                        results.explain(group, key, self.code, why)
