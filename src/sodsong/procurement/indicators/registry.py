"""The indicator registry: every red flag described as data (FollowTheMoney-style model as data).

One small module per indicator declares an `IndicatorSpec`: a stable code, Thai and English
titles, the levels it flags, its parameters with types and defaults, the fields it needs and,
in the module docstring, its definition and source. Docs (`docs/indicators.md`), the settings
parser, the readiness report and the web pages all read this one registry, so an indicator
cannot exist without its description.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import ModuleType

__all__ = [
    "OCDS_LEVELS",
    "THAI_LEVELS",
    "IndicatorSpec",
    "Parameter",
    "Registry",
    "RegistryError",
]

OCDS_LEVELS = ("OCID", "Buyer", "ProcuringEntity", "Tenderer")
THAI_LEVELS = ("process", "buyer", "tenderer", "company", "agency", "pair")
PARAMETER_TYPES = ("int", "uint", "float", "str", "pipe-list", "map[str,int]")


class RegistryError(ValueError):
    """An indicator declaration is incomplete or inconsistent."""


@dataclass(frozen=True)
class Parameter:
    """A setting of one indicator: its INI key, value type, default and meaning."""

    name: str
    type: str
    default: object
    description: str

    def __post_init__(self) -> None:
        if self.type not in PARAMETER_TYPES:
            raise RegistryError(f"parameter {self.name}: type {self.type!r} is not one of {PARAMETER_TYPES}")


@dataclass(frozen=True)
class IndicatorSpec:
    """What an indicator is, independent of how an engine computes it."""

    code: str
    family: str  # "ocds" (Cardinal-exact) or "thai" (ACT Ai's flags on e-GP data)
    title_th: str
    title_en: str
    levels: tuple[str, ...]
    output: str  # what the value means
    parameters: tuple[Parameter, ...] = ()
    required_fields: tuple[str, ...] = ()
    source: str = ""
    definition: str = field(default="", compare=False)

    @classmethod
    def from_module(cls, module_name: str, **fields: object) -> IndicatorSpec:
        """Build the spec of an indicator module, taking its definition from the module docstring."""
        import sys

        module: ModuleType = sys.modules[module_name]
        return cls(definition=inspect.getdoc(module) or "", **fields)  # type: ignore[arg-type]

    def problems(self) -> list[str]:
        """Every missing or inconsistent field, as sentences (empty when complete)."""
        found = []
        for name in ("code", "family", "title_th", "title_en", "output", "source", "definition"):
            if not str(getattr(self, name)).strip():
                found.append(f"{self.code or '?'}: {name} is empty")
        if not self.levels:
            found.append(f"{self.code}: no level")
        allowed = OCDS_LEVELS if self.family == "ocds" else THAI_LEVELS
        found.extend(f"{self.code}: unknown level {level!r}" for level in self.levels if level not in allowed)
        if not self.required_fields:
            found.append(f"{self.code}: no required field")
        if self.title_th and not any("\u0e00" <= char <= "\u0e7f" for char in self.title_th):
            found.append(f"{self.code}: title_th is not Thai")
        return found

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


class Registry:
    """All indicators by code, in registration order."""

    def __init__(self) -> None:
        self._specs: dict[str, IndicatorSpec] = {}

    def register(self, spec: IndicatorSpec) -> IndicatorSpec:
        if spec.code in self._specs:
            raise RegistryError(f"indicator {spec.code} is registered twice")
        self._specs[spec.code] = spec
        return spec

    def __iter__(self) -> Iterator[IndicatorSpec]:
        return iter(self._specs.values())

    def __len__(self) -> int:
        return len(self._specs)

    def __contains__(self, code: object) -> bool:
        return code in self._specs

    def get(self, code: str) -> IndicatorSpec:
        try:
            return self._specs[code]
        except KeyError:
            raise RegistryError(f"no indicator {code}") from None

    def family(self, family: str) -> list[IndicatorSpec]:
        return [spec for spec in self if spec.family == family]

    def problems(self) -> list[str]:
        return [problem for spec in self for problem in spec.problems()]
