"""Cardinal's shared definitions over a decoded release (src/lib.rs of cardinal-rs).

Type tests are exact: Cardinal matches `Value::String`, `Value::Number` and so on, so a bool
is not a number here although Python's `bool` is an `int`.
"""

from __future__ import annotations

from typing import Any

from msgspec.structs import astuple

from sodsong.procurement.indicators.ocds.release import Amount, Award, Bid, Org, Release

__all__ = [
    "NUMBER",
    "BidRow",
    "Facts",
    "as_f64",
    "complete_awards_and_bids",
    "is_cancelled",
    "is_number",
    "matches_method",
    "matches_method_details",
    "string_ids",
    "valid_priced_bids",
]

NUMBER = (int, float)  # `type(x) in NUMBER`: a JSON number, not a bool
_NUMBER_TYPES = NUMBER


def is_number(value: Any) -> bool:
    """A JSON number (`Value::Number`), not a bool."""
    return type(value) in _NUMBER_TYPES


def matches_method(release: Release, methods: frozenset[str]) -> bool:
    """`matches_procurement_method`: an empty set matches all; else a string method in the set."""
    if not methods:
        return True
    tender = release.tender
    method = tender.procurementMethod if tender is not None else None
    return isinstance(method, str) and method in methods


def matches_method_details(release: Release, include: frozenset[str], exclude: frozenset[str]) -> bool:
    """`matches_procurement_method_details`: an allow list (if non-empty) else a deny list.

    Without a string `tender.procurementMethodDetails`, only the deny list matches.
    """
    tender = release.tender
    details = tender.procurementMethodDetails if tender is not None else None
    if isinstance(details, str):
        return details in include if include else details not in exclude
    return not include


def is_cancelled(release: Release) -> bool:
    tender = release.tender
    return tender is not None and tender.status == "cancelled"


def complete_awards_and_bids(release: Release) -> tuple[list[Award], list[Bid]] | None:
    """Active awards and all bids, when `awards` and `bids.details` exist and all awards are final.

    An award whose status is a string other than active, cancelled or unsuccessful makes the
    whole process not final; awards without a string status are ignored.
    """
    awards = release.awards
    bids = release.bids
    if awards is None or bids is None:
        return None
    details = bids.details
    if details is None:
        return None
    active = []
    for award in awards:
        status = award.status
        if isinstance(status, str):
            if status == "active":
                active.append(award)
            elif status not in ("cancelled", "unsuccessful"):
                return None
    return active, details


# A bid's fields, read once per release: (date, status, tenderers, value.amount, value.currency),
# the last two None when `value` is absent (every reader needs a numeric amount and a string
# currency, so an absent value and absent fields read the same).
BidRow = tuple[Any, Any, list[Org] | None, Any, Any]
# `astuple` returns a Struct's fields in declaration order; the rows depend on this order.
if Bid.__struct_fields__ != ("date", "status", "tenderers", "value") or Amount.__struct_fields__ != (
    "amount",
    "currency",
):  # pragma: no cover - a guard for whoever reorders the Structs
    raise ImportError("bid_rows expects Bid(date, status, tenderers, value) and Amount(amount, currency)")


def bid_rows(details: list[Bid]) -> list[BidRow]:
    """Each bid as a `BidRow`.

    Why: half a dozen indicators read the same four or five fields of every bid, and a field
    read from compiled code goes through Python's generic attribute lookup (about 160
    instructions); `astuple` reads all of a Struct's fields in one C call."""
    rows: list[BidRow] = []
    for bid in details:
        date, status, tenderers, value = astuple(bid)
        if value is None:
            rows.append((date, status, tenderers, None, None))
        else:
            amount, currency = astuple(value)
            rows.append((date, status, tenderers, amount, currency))
    return rows


def _submitted(rows: list[BidRow]) -> list[BidRow]:
    """Bids whose status is a string other than `invited` and `withdrawn` (pending, valid,
    disqualified...): Cardinal's submitted bids."""
    found: list[BidRow] = []
    for row in rows:
        status = row[1]
        if isinstance(status, str) and status != "invited" and status != "withdrawn":
            found.append(row)
    return found


def valid_priced_bids(rows: list[BidRow]) -> list[tuple[str, float, str]]:
    """(tenderer id, amount, currency) of valid bids with a numeric amount, a string currency
    and exactly one tenderer with a string id (`get_tenderer_and_value_of_valid_bids`)."""
    tuples = []
    for _date, status, tenderers, amount, currency in rows:
        if status != "valid" or tenderers is None or len(tenderers) != 1:
            continue
        tenderer_id = tenderers[0].id
        if is_number(amount) and isinstance(currency, str) and isinstance(tenderer_id, str):
            tuples.append((tenderer_id, as_f64(amount), currency))
    return tuples


def as_f64(number: int | float) -> float:
    """serde_json's `as_f64`; an integer too large for f64 (which serde_json rejects) is infinite."""
    try:
        return float(number)
    except OverflowError:
        return float("inf") if number > 0 else float("-inf")


_UNSET: Any = object()


class Facts:
    """One release being folded, with the derived facts several indicators share, computed once."""

    __slots__ = ("_complete", "_disqualified", "_rows", "_submitted", "ocid", "release")

    def __init__(self, release: Release, ocid: str) -> None:
        self.release = release
        self.ocid = ocid
        self._complete: Any = _UNSET
        self._rows: Any = _UNSET
        self._submitted: Any = _UNSET
        self._disqualified: Any = _UNSET

    def complete(self) -> tuple[list[Award], list[Bid]] | None:
        """`complete_awards_and_bids` of this release."""
        found = self._complete
        if found is _UNSET:
            found = self._complete = complete_awards_and_bids(self.release)
        return found

    def rows(self) -> list[BidRow]:
        """Every bid of `bids.details` (the same bids as `complete()`'s) as a `BidRow`."""
        found = self._rows
        if found is _UNSET:
            bids = self.release.bids
            details = bids.details if bids is not None else None
            found = self._rows = bid_rows(details) if details is not None else []
        return found

    def submitted(self) -> list[BidRow]:
        """The submitted bids (status a string other than invited and withdrawn)."""
        found = self._submitted
        if found is _UNSET:
            found = self._submitted = _submitted(self.rows())
        return found

    def any_disqualified(self) -> bool:
        """Whether a bid has the status `disqualified` (several indicators need one to flag)."""
        found = self._disqualified
        if found is _UNSET:
            found = self._disqualified = any(row[1] == "disqualified" for row in self.submitted())
        return found


def string_ids(orgs: list[Any] | None) -> list[str]:
    """The string `id`s of a list of organization references, in order."""
    if orgs is None:
        return []
    ids = []
    for org in orgs:
        org_id = org.id
        if isinstance(org_id, str):
            ids.append(org_id)
    return ids
