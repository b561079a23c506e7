"""Business similarities between suppliers (R044).

Different tenderers bidding for the same process have similar information. Among the
`parties` with the role `tenderer` and a string id, two with either the same address or the
same contact point flag the process and both tenderers (1.0). An address is compared only
when the party's `address` has a `streetAddress` key: the string values of streetAddress,
locality, region, postalCode and countryName, each trimmed and lowercased, joined. Contact
points are compared on the first of name, email, telephone, faxNumber and url that both
have as strings.

Source: Cardinal, docs/cli/indicators/R/044.md and src/indicators/r044.rs on the unmerged
branch `r044` of open-contracting/cardinal-rs.
"""

from __future__ import annotations

from typing import Any

from sodsong.procurement.indicators.ocds.base import Accumulator, OcdsIndicator
from sodsong.procurement.indicators.ocds.release import Release
from sodsong.procurement.indicators.registry import IndicatorSpec

SPEC = IndicatorSpec.from_module(
    __name__,
    code="R044",
    family="ocds",
    title_th="คู่เทียบมีที่อยู่หรือผู้ติดต่อเดียวกัน",
    title_en="Business similarities between suppliers",
    levels=("OCID", "Tenderer"),
    output="1.0",
    required_fields=("parties/id", "parties/roles", "parties/address", "parties/contactPoint"),
    source="cardinal-rs (branch r044): docs/cli/indicators/R/044.md",
)

ADDRESS_FIELDS = ("streetAddress", "locality", "region", "postalCode", "countryName")
CONTACT_FIELDS = ("name", "email", "telephone", "faxNumber", "url")
# Rust's `str::trim` removes Unicode White_Space, which differs from Python's `str.strip()`.
WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def address_key(address: Any) -> str | None:
    if not isinstance(address, dict) or "streetAddress" not in address:
        return None
    parts = []
    for name in ADDRESS_FIELDS:
        value = address.get(name)
        if isinstance(value, str):
            parts.append(value.strip(WHITE_SPACE).lower() + " ")
    return "".join(parts)


def same_contact(first: Any, second: Any) -> bool:
    if not isinstance(first, dict) or not isinstance(second, dict):
        return False
    for name in CONTACT_FIELDS:
        one = first.get(name)
        two = second.get(name)
        if isinstance(one, str) and isinstance(two, str):
            return one == two
    return False


class R044(OcdsIndicator):
    code = "R044"
    spec = SPEC
    rank = 11

    def fold(self, release: Release, ocid: str, line: int, acc: Accumulator) -> None:
        parties = release.parties
        if parties is None:
            return
        tenderers: dict[str, tuple[str | None, Any]] = {}
        for party in parties:
            roles = party.roles
            if isinstance(roles, list) and "tenderer" in roles and isinstance(party.id, str):
                tenderers[party.id] = (address_key(party.address), party.contactPoint)
        if len(tenderers) < 2:
            return
        for first, (first_address, first_contact) in tenderers.items():
            for second, (second_address, second_contact) in tenderers.items():
                if first == second:
                    continue
                if (first_address is not None and first_address == second_address) or same_contact(
                    second_contact, first_contact
                ):
                    self.flag(acc, line, "OCID", ocid, 1.0)
                    self.flag(acc, line, "Tenderer", first, 1.0)
