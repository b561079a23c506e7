"""The `ocid_tenderer` map of `--map`: every tenderer of a submitted bid, per process.

Cardinal fills it only when `--map` is given and R025, R038 or R048 is enabled.
"""

from __future__ import annotations

from sodsong.procurement.indicators.ocds.base import Accumulator, OcdsIndicator
from sodsong.procurement.indicators.ocds.common import string_ids, submitted_bids
from sodsong.procurement.indicators.ocds.release import Release


class Tenderers(OcdsIndicator):
    code = "Tenderers"
    rank = 0

    def fold(self, release: Release, ocid: str, line: int, acc: Accumulator) -> None:
        for bid in submitted_bids(release):
            for tenderer in string_ids(bid.tenderers):
                acc.map_events.append((line, self.rank, "ocid_tenderer", ocid, tenderer))
