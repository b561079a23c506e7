"""Cardinal's shared definitions over a decoded release (src/lib.rs of cardinal-rs).

Type tests are exact: Cardinal matches `Value::String`, `Value::Number` and so on, so a bool
is not a number here although Python's `bool` is an `int`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sodsong.procurement.indicators.ocds.release import Award, Bid, Release

__all__ = [
    "NUMBER",
    "Facts",
    "as_f64",
    "complete_awards_and_bids",
    "is_cancelled",
    "is_number",
    "matches_method",
    "matches_method_details",
    "string_ids",
    "submitted_bids",
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


def submitted_bids(release: Release) -> Iterator[Bid]:
    """Bids whose status is a string other than `invited` and `withdrawn` (pending, valid, disqualified...)."""
    return iter(_submitted(release))


def _submitted(release: Release) -> list[Bid]:
    """`submitted_bids` as a list (a compiled generator cost more than the loop itself)."""
    found: list[Bid] = []
    bids = release.bids
    if bids is None:
        return found
    details = bids.details
    if details is None:
        return found
    for bid in details:
        status = bid.status
        if isinstance(status, str) and status != "invited" and status != "withdrawn":
            found.append(bid)
    return found


def valid_priced_bids(details: list[Bid]) -> list[tuple[str, float, str]]:
    """(tenderer id, amount, currency) of valid bids with a numeric amount, a string currency
    and exactly one tenderer with a string id (`get_tenderer_and_value_of_valid_bids`)."""
    tuples = []
    for bid in details:
        if bid.status != "valid":
            continue
        value = bid.value
        tenderers = bid.tenderers
        if value is None or tenderers is None or len(tenderers) != 1:
            continue
        amount = value.amount
        currency = value.currency
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

    __slots__ = ("_complete", "_disqualified", "_submitted", "ocid", "release")

    def __init__(self, release: Release, ocid: str) -> None:
        self.release = release
        self.ocid = ocid
        self._complete: Any = _UNSET
        self._submitted: Any = _UNSET
        self._disqualified: Any = _UNSET

    def complete(self) -> tuple[list[Award], list[Bid]] | None:
        """`complete_awards_and_bids` of this release."""
        found = self._complete
        if found is _UNSET:
            found = self._complete = complete_awards_and_bids(self.release)
        return found

    def submitted(self) -> list[Bid]:
        """`submitted_bids` of this release."""
        found = self._submitted
        if found is _UNSET:
            found = self._submitted = _submitted(self.release)
        return found

    def any_disqualified(self) -> bool:
        """Whether a bid has the status `disqualified` (several indicators need one to flag)."""
        found = self._disqualified
        if found is _UNSET:
            found = self._disqualified = any(bid.status == "disqualified" for bid in self.submitted())
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
