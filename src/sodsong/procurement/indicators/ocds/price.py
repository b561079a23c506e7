"""The winning bid and the lowest other valid bid of each process (Cardinal's `SecondLowestBidRatio`).

R024 and R058 both read the percentage difference `(second - winner) / winner` that this
shared calculation keeps per ocid, with the winner and the second bidder. A process counts
when it passes the price-comparison lists, all its awards are final, exactly one award is
active and that award has exactly one supplier with a string id. The winner's bid is that
supplier's lowest valid priced bid; the second is the lowest valid priced bid of any other
tenderer (ties keep the first); only bids in the main currency count; a process whose
second bid is below the winning bid is skipped (the award was not on price alone).
"""

from __future__ import annotations

from typing import Any

from sodsong.procurement.indicators.numeric import divide, quartiles
from sodsong.procurement.indicators.ocds.base import Accumulator, OcdsIndicator, Results
from sodsong.procurement.indicators.ocds.common import Facts, matches_method_details, valid_priced_bids

__all__ = ["SecondLowestBid", "ratio_quartiles", "ratios"]

Tuples = list[tuple[str, float, str]]
# A range's comparisons, resolved in the worker against a guess of the main currency (the
# range's first currency; the main one is the first range's, known only in the main process):
# (guess, ocid -> (ratio, winner, second) if the guess is right, what else is needed if it is
# not: (ocid, currency, comparison) of single-currency processes in another currency and
# (ocid, None, (supplier, bids)) of processes with bids in several currencies, in line order).
Part = tuple[str, dict[str, tuple[float, str, str]], list[tuple[str, str | None, Any]]]


def _compare(supplier: str, tuples: Tuples, currency: str) -> tuple[float, str, str] | None:
    winner = winner_amount = second = second_amount = None
    for tenderer, amount, bid_currency in tuples:
        if bid_currency != currency:
            continue
        if tenderer == supplier:
            if winner_amount is None or amount < winner_amount:
                winner, winner_amount = tenderer, amount
        elif second_amount is None or amount < second_amount:
            second, second_amount = tenderer, amount
    if winner is None or second is None or winner_amount is None or second_amount is None:
        return None
    if not second_amount >= winner_amount:
        return None
    difference = second_amount - winner_amount
    # A plain division unless by zero (Rust's IEEE result, which Python raises on, from `divide`).
    ratio = difference / winner_amount if winner_amount != 0.0 else divide(difference, winner_amount)
    return ratio, winner, second


class SecondLowestBid(OcdsIndicator):
    code = "SecondLowestBid"
    rank = 1

    def fold(self, facts: Facts, line: int, acc: Accumulator) -> None:
        release, ocid = facts.release, facts.ocid
        if not matches_method_details(release, self.price_include, self.price_exclude):
            return
        found = facts.complete()
        if found is None:
            return
        active = found[0]
        if len(active) != 1:
            return
        suppliers = active[0].suppliers
        if suppliers is None or len(suppliers) != 1:
            return
        supplier = suppliers[0].id
        if not isinstance(supplier, str):
            return
        tuples = valid_priced_bids(facts.rows())
        if not tuples:
            return
        configured = self.settings.currency
        first = configured if configured is not None else tuples[0][2]
        acc.observe_currency(line, first)
        parts: list[Part] | None = acc.state.get(self.code)  # (setdefault would build a list per release)
        if parts is None:
            # The range's first currency is the main currency unless an earlier range has one.
            current = acc.currency
            guess = configured if configured is not None else (current[1] if current is not None else first)
            parts = acc.state[self.code] = [(guess, {}, [])]
        guess, table, others = parts[0]
        if all(t[2] == first for t in tuples):
            compared = _compare(supplier, tuples, first)
            if compared is not None:
                if first == guess:
                    table[ocid] = compared  # a later line with the same ocid overwrites
                else:
                    others.append((ocid, first, compared))  # counts if `first` is the main currency
        else:
            compared = _compare(supplier, tuples, guess)
            if compared is not None:
                table[ocid] = compared
            others.append((ocid, None, (supplier, tuples)))

    def merge(self, acc: Accumulator, other: Accumulator) -> None:
        acc.state.setdefault(self.code, []).extend(other.state.get(self.code, ()))

    def resolve(self, acc: Accumulator, results: Results) -> None:
        """Each range's table when its guess was the main currency (the usual case), else
        the table again from the bids kept for that case; later ranges overwrite earlier ones."""
        main = results.currency
        parts: list[Part] = acc.state.get(self.code, [])
        table: dict[str, tuple[float, str, str]] = {}
        for index, (guess, part_table, others) in enumerate(parts):
            if guess != main:
                part_table = _rebuild(others, main)
            if index == 0:
                table = part_table
            else:
                table.update(part_table)
        acc.state[self.code] = table


def _rebuild(
    others: list[tuple[str, str | None, Any]], main: str | None
) -> dict[str, tuple[float, str, str]]:
    """A range's table for a main currency other than its guess: only processes whose bids
    are all in `main` (compared again) or in several currencies (compared in `main`)."""
    table: dict[str, tuple[float, str, str]] = {}
    if main is None:
        return table
    for ocid, currency, data in others:
        if currency is None:
            supplier, tuples = data
            compared = _compare(supplier, tuples, main)
        elif currency == main:
            compared = data
        else:
            continue
        if compared is not None:
            table[ocid] = compared
    return table


def ratios(acc: Accumulator) -> dict[str, Any]:
    """ocid -> (difference ratio, winner id, second id), after `resolve`."""
    table: dict[str, Any] = acc.state.get(SecondLowestBid.code, {})
    return table


_QUARTILES = "SecondLowestBid.quartiles"


def ratio_quartiles(acc: Accumulator) -> tuple[int, float, float]:
    """(number of differences, Q1, Q3) of all differences, after `resolve`; computed once for
    R024 and R058, which both need them (a sort of every process's difference, serial work)."""
    found: tuple[int, float, float] | None = acc.state.get(_QUARTILES)
    if found is None:
        values = [entry[0] for entry in ratios(acc).values()]
        q1, q3 = quartiles(values)
        found = acc.state[_QUARTILES] = (len(values), q1, q3)
    return found
