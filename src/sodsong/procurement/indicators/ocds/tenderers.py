"""The `ocid_tenderer` map of `--map`: every tenderer of a submitted bid, per process.

Cardinal fills it only when `--map` is given and R025, R038 or R048 is enabled.
"""

from __future__ import annotations

from sodsong.procurement.indicators.ocds.base import Accumulator, OcdsIndicator
from sodsong.procurement.indicators.ocds.common import Facts, string_ids


class Tenderers(OcdsIndicator):
    code = "Tenderers"
    rank = 0

    def fold(self, facts: Facts, line: int, acc: Accumulator) -> None:
        ocid = facts.ocid
        for row in facts.submitted():
            for tenderer in string_ids(row[2]):
                self.map_event(acc, line, "ocid_tenderer", ocid, tenderer)
