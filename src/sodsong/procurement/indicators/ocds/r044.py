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

import msgspec
from msgspec.structs import astuple

from sodsong.procurement.indicators.ocds.base import Accumulator, OcdsIndicator
from sodsong.procurement.indicators.ocds.common import Facts
from sodsong.procurement.indicators.ocds.compiled import module_doc
from sodsong.procurement.indicators.ocds.release import Address, ContactPoint, Party
from sodsong.procurement.indicators.registry import IndicatorSpec

SPEC = IndicatorSpec(
    definition=module_doc(__name__),
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
if Address.__struct_fields__ != ADDRESS_FIELDS:  # pragma: no cover - `address_key` unpacks them in order
    raise ImportError(f"address_key expects Address{ADDRESS_FIELDS}")
CONTACT_FIELDS = ("name", "email", "telephone", "faxNumber", "url")
# Rust's `str::trim` removes Unicode White_Space, which differs from Python's `str.strip()`.
WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def trim(value: str) -> str:
    """Rust's `str::trim`. Python's `str.strip()` removes a superset of White_Space (also
    U+001C..U+001F) and is about twice as fast, so it decides whether anything is trimmed."""
    stripped = value.strip()
    if len(stripped) == len(value):
        return value
    return value.strip(WHITE_SPACE)


def address_key(address: Address | None) -> str | None:
    """Cardinal's comparable address: each string field trimmed, lowercased, followed by a space."""
    if address is None:
        return None
    # One C call for the five fields (a field read from compiled code is a generic lookup).
    street, locality, region, postal, country = astuple(address)
    if street is msgspec.UNSET:
        return None
    if (
        type(street) is str
        and type(locality) is str
        and type(region) is str
        and type(postal) is str
        and type(country) is str
    ):  # the usual address: one string built, no list
        return f"{trim(street)} {trim(locality)} {trim(region)} {trim(postal)} {trim(country)} ".lower()
    parts = []
    for value in (street, locality, region, postal, country):
        if type(value) is str:
            parts.append(trim(value))
    # Lowercasing the joined text equals lowercasing each part: the parts stay separated by spaces.
    return (" ".join(parts) + " ").lower() if parts else ""


def contact_fields(contact: ContactPoint) -> tuple[Any, Any, Any, Any, Any]:
    """The contact point's fields in Cardinal's comparison order (`CONTACT_FIELDS`)."""
    return (contact.name, contact.email, contact.telephone, contact.faxNumber, contact.url)


def first_contact_field(contact: ContactPoint) -> tuple[int, str] | None:
    """(index in `CONTACT_FIELDS`, value) of the first string field; None if none."""
    index, value = _first_string(contact)
    return None if index < 0 else (index, value)


def same_contact(first: ContactPoint, second: ContactPoint) -> bool:
    for one, two in zip(contact_fields(first), contact_fields(second), strict=True):
        if type(one) is str and type(two) is str:
            return bool(one == two)
    return False


class R044(OcdsIndicator):
    code = "R044"
    spec = SPEC
    rank = 11

    def fold(self, facts: Facts, line: int, acc: Accumulator) -> None:
        parties = facts.release.parties
        if parties is None:
            return
        # The parties first, their addresses only if two tenderers can be compared (a later
        # party with the same id replaces an earlier one, in the earlier one's place).
        tenderers: dict[str, Party] = {}
        for party in parties:
            roles = party.roles
            if isinstance(roles, list) and "tenderer" in roles:
                party_id = party.id
                if isinstance(party_id, str):
                    tenderers[party_id] = party
        if len(tenderers) < 2:
            return
        matched = similar(tenderers)
        if matched:
            for tenderer in tenderers:
                if tenderer in matched:
                    self.flag(
                        acc,
                        line,
                        "OCID",
                        facts.ocid,
                        1.0,
                        {"tenderers": sorted(matched)} if self.why else None,
                    )
                    self.flag(
                        acc, line, "Tenderer", tenderer, 1.0, {"process_id": facts.ocid} if self.why else None
                    )


def similar(tenderers: dict[str, Party]) -> set[str]:
    """The tenderers that share an address or a contact point with another one.

    Equivalent to comparing every pair as Cardinal does, in linear time for the usual case:
    when every contact point's first string field is the same field, two contact points are
    the same exactly when that field's values are (it is the first field both have); any
    other mix goes through `_similar_mixed`.
    """
    matched: set[str] = set()
    addresses: dict[str, str] = {}
    contacts: dict[str, str] = {}
    common = -1  # the first string field of every contact point seen so far
    for tenderer, party in tenderers.items():
        address = address_key(party.address)
        if address is not None:
            other = addresses.get(address)
            if other is None:
                addresses[address] = tenderer
            else:
                matched.add(other)
                matched.add(tenderer)
        contact = party.contactPoint
        if contact is not None:
            field, value = _first_string(contact)
            if field >= 0:
                if common < 0:
                    common = field
                elif field != common:
                    return _similar_mixed(tenderers)
                other = contacts.get(value)
                if other is None:
                    contacts[value] = tenderer
                else:
                    matched.add(other)
                    matched.add(tenderer)
    return matched


def _first_string(contact: ContactPoint) -> tuple[int, str]:
    """(index in `CONTACT_FIELDS`, value) of the first string field, (-1, "") if none (compiled,
    a tuple of an int and a str is returned without building a Python tuple)."""
    value = contact.name
    if type(value) is str:
        return 0, value
    value = contact.email
    if type(value) is str:
        return 1, value
    value = contact.telephone
    if type(value) is str:
        return 2, value
    value = contact.faxNumber
    if type(value) is str:
        return 3, value
    value = contact.url
    if type(value) is str:
        return 4, value
    return -1, ""


def _similar_mixed(tenderers: dict[str, Party]) -> set[str]:
    """`similar` when contact points start with different fields: those starting with the
    same field are compared on it, the others pairwise."""
    matched: set[str] = set()
    addresses: dict[str, str] = {}
    contacts: dict[tuple[int, str], str] = {}
    firsts: dict[int, list[tuple[str, ContactPoint]]] = {}
    for tenderer, party in tenderers.items():
        address = address_key(party.address)
        contact = party.contactPoint
        if address is not None:
            other = addresses.get(address)
            if other is None:
                addresses[address] = tenderer
            else:
                matched.add(other)
                matched.add(tenderer)
        if contact is not None:
            key = first_contact_field(contact)
            if key is not None:
                field = key[0]
                other = contacts.get(key)
                if other is None:
                    contacts[key] = tenderer
                else:
                    matched.add(other)
                    matched.add(tenderer)
                group = firsts.get(field)
                if group is None:
                    firsts[field] = [(tenderer, contact)]
                else:
                    group.append((tenderer, contact))
    if len(firsts) > 1:
        groups = list(firsts.values())
        for index, entries in enumerate(groups):
            for other_entries in groups[index + 1 :]:
                for first, first_contact in entries:
                    for second, second_contact in other_entries:
                        if same_contact(first_contact, second_contact):
                            matched.add(first)
                            matched.add(second)
    return matched
