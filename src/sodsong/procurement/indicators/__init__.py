"""Red-flag indicators: one registry for every family.

`REGISTRY` lists every indicator's description (`IndicatorSpec`): the Cardinal-exact OCDS
indicators (`sodsong.procurement.indicators.ocds`) and ACT Ai's Thai flags on the warehouse
(`sodsong.procurement.indicators.thai`). `docs/indicators.md` is generated from it (`python -m sodsong.procurement.indicators.docs --write`).
"""

from __future__ import annotations

from sodsong.procurement.indicators.ocds import SPECS as OCDS_SPECS
from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter, Registry, RegistryError
from sodsong.procurement.indicators.thai import SPECS as THAI_SPECS

__all__ = ["REGISTRY", "IndicatorSpec", "Parameter", "Registry", "RegistryError"]

REGISTRY = Registry()
for _spec in (*OCDS_SPECS, *THAI_SPECS):
    REGISTRY.register(_spec)
