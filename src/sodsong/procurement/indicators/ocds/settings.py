"""Cardinal's settings file (INI), read the way Cardinal reads it, with clear errors.

Cardinal reads the file with the `config` crate (rust-ini underneath) and deserialises it with
`deny_unknown_fields`. So: keys before any section are global (`currency`,
`no_price_comparison_procurement_methods`, `price_comparison_procurement_methods`); a section
enables an indicator (`[R024]`), even when empty; a dotted section name is a path
(`[R003.procurement_method_details]` is the `procurement_method_details` table of R003, and
enables R003); keys and sections are case-sensitive; a repeated key keeps its last value;
values are strings converted to the declared type (`true`/`on`/`yes` count as 1 for numbers,
as `config` does). The sections of Cardinal's `prepare` command (`[defaults]`,
`[redactions]`, `[corrections]`, `[modifications]`, `[codelists.*]`) are accepted and ignored,
since `ocdscardinal init` writes them into every settings file. Anything else is an error
that names the section or key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter

__all__ = ["OcdsSettings", "SettingsError", "parse_settings", "read_settings", "split_pipe"]

GLOBAL_KEYS = ("currency", "no_price_comparison_procurement_methods", "price_comparison_procurement_methods")

# Sections used only by Cardinal's `prepare` command: key -> type ("*" = any key).
PREPARE_SECTIONS: dict[str, dict[str, str]] = {
    "defaults": {
        "currency": "str",
        "item_classification_scheme": "str",
        "bid_status": "str",
        "award_status": "str",
        "party_roles": "bool",
    },
    "redactions": {"amount": "str", "organization_id": "str"},
    "corrections": {"award_status_by_contract_status": "bool"},
    "modifications": {
        "move_auctions": "bool",
        "prefix_buyer_or_procuring_entity_id": "str",
        "prefix_tenderer_or_supplier_id": "str",
        "split_procurement_method_details": "str",
    },
    "codelists.bid_status": {"*": "str"},
    "codelists.award_status": {"*": "str"},
}
EXCLUSIONS = {"procurement_method_details": "str"}

_FLOAT = re.compile(r"[+-]?(?:inf|infinity|nan|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)", re.IGNORECASE)
_INT = re.compile(r"[+-]?\d+")
_TRUE = ("true", "on", "yes")
_FALSE = ("false", "off", "no")
_ESCAPES = {"\\": "\\", "0": "\0", "a": "\a", "b": "\b", "t": "\t", "r": "\r", "n": "\n"}


class SettingsError(ValueError):
    """The settings file cannot be used; the message names the file, section and key."""


@dataclass
class OcdsSettings:
    """The parts of a Cardinal settings file that the `indicators` command uses."""

    currency: str | None = None
    no_price_comparison_procurement_methods: str | None = None
    price_comparison_procurement_methods: str | None = None
    exclusions: str | None = None  # [exclusions] procurement_method_details
    # Enabled indicators (in file order) -> the settings given for them (typed values).
    indicators: dict[str, dict[str, object]] = field(default_factory=dict)

    def enabled(self, code: str) -> bool:
        return code in self.indicators

    def get(self, code: str, name: str) -> object:
        return self.indicators.get(code, {}).get(name)


def split_pipe(value: str | None) -> frozenset[str]:
    """Rust's `split_terminator('|')`: a trailing empty piece is dropped, others kept."""
    if value is None:
        return frozenset()
    parts = value.split("|")
    if parts and parts[-1] == "":
        parts.pop()
    return frozenset(parts)


def _unescape(value: str) -> str:
    out = []
    chars = iter(value)
    for char in chars:
        if char != "\\":
            out.append(char)
            continue
        following = next(chars, "")
        if following in _ESCAPES:
            out.append(_ESCAPES[following])
        elif following == "x":
            digits = "".join(next(chars, "") for _ in range(4))
            try:
                out.append(chr(int(digits, 16)))
            except ValueError:
                out.append("\\x" + digits)
        else:
            out.append(following)  # \; \# \= \: and any other escaped character
    return "".join(out)


def _ini(text: str, origin: str) -> list[tuple[str | None, str, str, int]]:
    """(section, key, value, line number) in file order; sections alone give key ''."""
    entries: list[tuple[str | None, str, str, int]] = []
    section: str | None = None
    text = text.removeprefix("\ufeff")  # a BOM, as Windows editors save UTF-8
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line[0] in ";#":
            continue
        if line.startswith("["):
            if "]" not in line:
                raise SettingsError(f"{origin}, line {number}: section name without a closing ']'")
            section = line[1 : line.index("]")].strip()
            entries.append((section, "", "", number))
            continue
        positions = [p for p in (line.find("="), line.find(":")) if p >= 0]
        if not positions:
            raise SettingsError(f"{origin}, line {number}: expected `key = value`, got {line!r}")
        split = min(positions)
        key = line[:split].strip()
        if not key:
            raise SettingsError(f"{origin}, line {number}: a value without a key")
        value = line[split + 1 :].strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        else:
            value = _unescape(value)
        entries.append((section, key, value, number))
    return entries


def _convert(value: str, kind: str, where: str) -> object:
    lowered = value.lower()
    if kind == "str" or kind == "pipe-list":
        return value
    if kind == "bool":
        if lowered in (*_TRUE, "1"):
            return True
        if lowered in (*_FALSE, "0"):
            return False
        raise SettingsError(f"{where}: expected true or false, got {value!r}")
    if kind in ("int", "uint", "map[str,int]"):
        if lowered in _TRUE:
            number = 1
        elif lowered in _FALSE:
            number = 0
        elif _INT.fullmatch(value):
            number = int(value)
        else:
            raise SettingsError(f"{where}: expected an integer, got {value!r}")
        if kind == "uint" and number < 0:
            raise SettingsError(f"{where}: expected a non-negative integer, got {value!r}")
        if not -(2**63) <= number < 2**64:
            raise SettingsError(f"{where}: integer out of range: {value!r}")
        return number
    if kind == "float":
        if lowered in _TRUE:
            return 1.0
        if lowered in _FALSE:
            return 0.0
        if _FLOAT.fullmatch(value):
            return float(value)
        raise SettingsError(f"{where}: expected a number, got {value!r}")
    raise AssertionError(kind)  # pragma: no cover


def parse_settings(text: str, specs: Iterable[IndicatorSpec], origin: str = "settings") -> OcdsSettings:
    """Settings from INI text; `specs` are the indicators that may be enabled."""
    known: dict[str, IndicatorSpec] = {spec.code: spec for spec in specs}
    settings = OcdsSettings()

    def indicator_setting(code: str, key: str, value: str, where: str) -> None:
        spec = known[code]
        parameter: Parameter | None = spec.parameter(key)
        given = settings.indicators.setdefault(code, {})
        if parameter is None or parameter.type == "map[str,int]":
            expected = ", ".join(p.name for p in spec.parameters if p.type != "map[str,int]") or "no settings"
            raise SettingsError(f"{where}: unknown setting `{key}` for {code} (expected: {expected})")
        given[key] = _convert(value, parameter.type, where)

    for section, key, value, number in _ini(text, origin):
        where = f"{origin}, line {number}"
        path = section.split(".") if section is not None else []
        if key and section is None and "." in key:  # a dotted top-level key is a path too
            *prefix, key = key.split(".")
            path = prefix
        if not path:
            if not key:
                continue
            if key not in GLOBAL_KEYS:
                if key in known:
                    raise SettingsError(f"{where}: `{key}` must be a section ([{key}]), not a key")
                raise SettingsError(
                    f"{where}: unknown setting `{key}` (expected one of: {', '.join(GLOBAL_KEYS)}, "
                    "or a section such as [R024])"
                )
            setattr(settings, key, value)
            continue
        head, rest = path[0], path[1:]
        if head in known:
            settings.indicators.setdefault(head, {})
            if not rest:
                if key:
                    indicator_setting(head, key, value, where)
                continue
            table = known[head].parameter(rest[0])
            if len(rest) != 1 or table is None or table.type != "map[str,int]":
                raise SettingsError(
                    f"{where}: unknown section [{section}] ({head} has no table {'.'.join(rest)})"
                )
            mapping = settings.indicators[head].setdefault(rest[0], {})
            assert isinstance(mapping, dict)
            if key:
                mapping[key] = _convert(value, "map[str,int]", f"{where}, [{section}] {key}")
            continue
        name = ".".join(path)
        if name == "exclusions":
            if key and key not in EXCLUSIONS:
                raise SettingsError(
                    f"{where}: unknown setting `{key}` in [exclusions] (expected: procurement_method_details)"
                )
            if key:
                settings.exclusions = value
            continue
        if name in PREPARE_SECTIONS:
            keys = PREPARE_SECTIONS[name]
            if key:
                kind = keys.get(key) or keys.get("*")
                if kind is None:
                    raise SettingsError(
                        f"{where}: unknown setting `{key}` in [{name}] (expected: {', '.join(keys)})"
                    )
                _convert(value, kind, where)
            continue
        indicators = ", ".join(known)
        raise SettingsError(
            f"{where}: unknown indicator or section [{section if section is not None else name}] "
            f"(indicators: {indicators}; other sections: exclusions, {', '.join(PREPARE_SECTIONS)})"
        )
    return settings


def read_settings(path: Path, specs: Iterable[IndicatorSpec]) -> OcdsSettings:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SettingsError(f"settings file {path} does not exist") from None
    except UnicodeDecodeError as exc:
        raise SettingsError(f"settings file {path} is not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise SettingsError(f"settings file {path}: {exc.strerror}") from None
    return parse_settings(text, specs, origin=str(path))
