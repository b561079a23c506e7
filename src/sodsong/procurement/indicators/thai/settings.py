"""The thresholds of the Thai flags: one INI file, `defaults.ini` (ACT Ai's defaults), shipped
with the package; `sodsong flags --settings FILE` overrides any of them.

A section per indicator (`[TH-NEAR-REF]`), keys as its registry parameters. A section or key
the registry does not know, or a value of the wrong type, is an error naming the file, line,
section and key; nothing runs with a half-understood file. An empty value means "not set"
(e.g. `threshold =` keeps the computed fence).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter

__all__ = ["DEFAULTS_PATH", "SettingsError", "ThaiSettings", "load_settings", "parse"]

DEFAULTS_PATH = Path(__file__).with_name("defaults.ini")
_SECTION = re.compile(r"^\[\s*([^\]]+?)\s*\]$")


class SettingsError(ValueError):
    """The settings file cannot be used; the message names the file, line, section and key."""


@dataclass
class ThaiSettings:
    """Every parameter of every Thai flag, defaults included: code -> name -> value."""

    values: dict[str, dict[str, object]] = field(default_factory=dict)

    def of(self, code: str) -> dict[str, object]:
        return self.values[code]

    def to_json(self) -> str:
        return json.dumps(self.values, ensure_ascii=False, sort_keys=True)


def _convert(parameter: Parameter, text: str, where: str) -> object:
    if text == "":
        return None
    try:
        if parameter.type in ("int", "uint"):
            value: object = int(text)
            if parameter.type == "uint" and int(text) < 0:
                raise ValueError
            return value
        if parameter.type == "float":
            number = float(text)
            if number != number or number in (float("inf"), float("-inf")):
                raise ValueError
            return number
    except ValueError:
        raise SettingsError(f"{where}: expected a {parameter.type} number, got {text!r}") from None
    return text


def parse(text: str, origin: str, specs: Iterable[IndicatorSpec], into: ThaiSettings) -> ThaiSettings:
    """Read INI text over `into` (values given replace those already there)."""
    by_code = {spec.code: spec for spec in specs}
    section: IndicatorSpec | None = None
    text = text.removeprefix("\ufeff")  # a BOM, as Windows editors save UTF-8
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line[0] in ";#":
            continue
        match = _SECTION.match(line)
        if match:
            code = match.group(1)
            if code not in by_code:
                known = ", ".join(by_code)
                raise SettingsError(f"{origin}, line {number}: unknown indicator [{code}] (known: {known})")
            section = by_code[code]
            continue
        if "=" not in line:
            raise SettingsError(
                f"{origin}, line {number}: expected `key = value` or `[INDICATOR]`, got {line!r}"
            )
        key, _, value = (part.strip() for part in line.partition("="))
        if section is None:
            raise SettingsError(
                f"{origin}, line {number}: setting {key!r} is outside any [INDICATOR] section"
            )
        parameter = section.parameter(key)
        if parameter is None:
            known = ", ".join(p.name for p in section.parameters) or "none"
            raise SettingsError(
                f"{origin}, line {number}: unknown setting {key!r} of [{section.code}] (settings: {known})"
            )
        where = f"{origin}, line {number}, [{section.code}] {key}"
        into.values.setdefault(section.code, {})[key] = _convert(parameter, value, where)
    return into


def load_settings(path: Path | None, specs: Iterable[IndicatorSpec]) -> ThaiSettings:
    """The shipped defaults, then `path` over them; every parameter ends up with a value."""
    specs = tuple(specs)
    settings = ThaiSettings({spec.code: {p.name: p.default for p in spec.parameters} for spec in specs})
    parse(DEFAULTS_PATH.read_text(encoding="utf-8"), str(DEFAULTS_PATH.name), specs, settings)
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise SettingsError(f"{path}: no such settings file") from None
        except UnicodeDecodeError:
            raise SettingsError(f"{path}: not UTF-8 text") from None
        parse(text, str(path), specs, settings)
    return settings
