"""serde_json's compact JSON text, written the slow, plain way: the reference the output's
encoder (msgspec) is tested against.

- `format_float`: the text serde_json (ryu) writes for an f64: `1.0`, `0.16666666666666666`,
  `1e-7`, `1.5e300`; NaN and infinities become `null`.
- `reference_text`: a document of dicts, lists, strings and floats.
"""

from __future__ import annotations

import json.encoder
import math
from typing import Any


def format_float(value: float) -> str:
    """The JSON text serde_json writes for an f64 (ryu's shortest digits and layout)."""
    text = repr(value)
    if "e" not in text and "n" not in text:
        # Python writes 1e-4 <= |value| < 1e16 (and zeros) without an exponent, and ryu
        # writes that range the same way with the same shortest digits: this is its text.
        return text
    return layout(value)


def layout(value: float) -> str:
    """serde_json's text for any f64, laid out from Python's shortest digits (the general path)."""
    if not math.isfinite(value):
        return "null"
    if value == 0.0:
        return "-0.0" if math.copysign(1.0, value) < 0 else "0.0"
    text = repr(value)
    sign = ""
    if text[0] == "-":
        sign, text = "-", text[1:]
    mantissa, _, exponent_text = text.partition("e")
    exponent = int(exponent_text) if exponent_text else 0
    whole, _, fraction = mantissa.partition(".")
    if fraction == "0":
        fraction = ""
    digits = (whole + fraction).lstrip("0")
    # value = 0.digits × 10^point, i.e. digits × 10^(point - len(digits))
    point = len(whole) + exponent - (len(whole + fraction) - len((whole + fraction).lstrip("0")))
    digits = digits.rstrip("0")
    length = len(digits)
    k = point - length  # value = digits × 10^k
    kk = point  # 10^(kk-1) <= value < 10^kk
    if k >= 0 and kk <= 16:
        body = digits + "0" * k + ".0"
    elif 0 < kk <= 16:
        body = digits[:kk] + "." + digits[kk:]
    elif -5 < kk <= 0:
        body = "0." + "0" * (-kk) + digits
    elif length == 1:
        body = f"{digits}e{kk - 1}"
    else:
        body = f"{digits[0]}.{digits[1:]}e{kk - 1}"
    return sign + body


def reference_text(value: Any) -> str:
    """serde_json's compact text the slow, plain way: strings by the C string encoder of `json`
    (non-ASCII kept), floats by `format_float` (property-tested against ryu's layout)."""
    if isinstance(value, float):
        return format_float(value)
    if isinstance(value, str):
        return json.encoder.encode_basestring(value)
    if isinstance(value, dict):
        return "{" + ",".join(f"{reference_text(k)}:{reference_text(v)}" for k, v in value.items()) + "}"
    assert isinstance(value, list)
    return "[" + ",".join(reference_text(v) for v in value) + "]"
