"""OCDS indicators with the exact semantics of OCP's Cardinal (cardinal-rs, MIT).

One module per indicator (`r003` ... `r058`), each with its `SPEC` and its class; shared
calculations in `price` (winning and second bids) and `tenderers` (`--map`); the engine in
`engine`, the settings file in `settings`, the JSON text in `output`.
"""

from __future__ import annotations

# ruff: noqa: E402  (the compiled modules must be on the path before the indicators are imported)
from sodsong.procurement.indicators.ocds import compiled

compiled.activate(__path__)  # the mypyc build of the hot modules, when one matches the sources

from sodsong.procurement.indicators.ocds.base import OcdsIndicator
from sodsong.procurement.indicators.ocds.r003 import R003
from sodsong.procurement.indicators.ocds.r018 import R018
from sodsong.procurement.indicators.ocds.r024 import R024
from sodsong.procurement.indicators.ocds.r025 import R025
from sodsong.procurement.indicators.ocds.r028 import R028
from sodsong.procurement.indicators.ocds.r030 import R030
from sodsong.procurement.indicators.ocds.r035 import R035
from sodsong.procurement.indicators.ocds.r036 import R036
from sodsong.procurement.indicators.ocds.r038 import R038
from sodsong.procurement.indicators.ocds.r044 import R044
from sodsong.procurement.indicators.ocds.r048 import R048
from sodsong.procurement.indicators.ocds.r058 import R058
from sodsong.procurement.indicators.registry import IndicatorSpec

__all__ = ["INDICATOR_CLASSES", "SPECS"]

INDICATOR_CLASSES: tuple[type[OcdsIndicator], ...] = (
    R003,
    R018,
    R024,
    R025,
    R028,
    R030,
    R035,
    R036,
    R038,
    R044,
    R048,
    R058,
)
SPECS: tuple[IndicatorSpec, ...] = tuple(cls.spec for cls in INDICATOR_CLASSES if cls.spec is not None)
