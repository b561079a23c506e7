"""What is planted where: the anomaly codes, the generator's sizes, and the per-process plan.

Every random choice is a hash of (row number, purpose, seed) in DuckDB: `u(i, 'x')` is uniform on
[0, 1), `nrm(i, 'x')` standard normal (Box-Muller). The same seed gives the same rows whatever
the number of threads, and no state is carried from one row to the next, so every table is one
streaming query.

Anomalies are planted on a fixed grid, so a rate is exact and every code appears in any dataset
of a few thousand processes: process `i` carries a process-level plant when
`i % P == offset` (P = round(1 / rate)), the code cycling through PROCESS_CODES; blocks of
BLOCK processes carry a group plant (splitting, co-bidding rings, concentration, non-open agency)
when `block % P == offset`, cycling through BLOCK_CODES. A process in a planted block carries no
process-level plant.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["BLOCK", "BLOCK_CODES", "PROCESS_CODES", "Sizes", "sizes"]

# Process-level plants, numbered from 1 in this order (the number is `pcode`).
PROCESS_CODES = (
    "TH-NEAR-REF",
    "TH-ABOVE-REF",
    "TH-HIGH",
    "TH-CLUSTER",
    "TH-EQUAL",
    "TH-ABNORMAL-LOW-REF",
    "TH-ABNORMAL-LOW-PEERS",
    "TH-CONTRACT-ABOVE-BID",
    "TH-FEW-BIDDERS",
    "TH-REF-VS-BUDGET",
    "TH-YEAR-END-SPECIFIC",
    "TH-SHARED-DIRECTOR-ADDRESS",
    "TH-BLACKLISTED",
    "TH-NEW-COMPANY",
    "TH-CO-POLITICIAN",
    "TH-CO-RELATIVE",
    "TH-CO-ADDRESS",
    "TH-CO-DONOR",
)
# Group plants over a block of BLOCK consecutive processes (`bcode`).
BLOCK_CODES = ("TH-SPLITTING", "TH-FREQUENT-COBIDDERS", "TH-CONCENTRATION", "TH-NON-OPEN-SHARE")
BLOCK = 32
SPLIT_PURCHASES = 4
# Planted processes that need a competitive method (several priced bids).
COMPETITIVE_CODES = (1, 2, 3, 4, 5, 6, 7, 9, 12)
# Planted processes whose winner is a company made for the plant.
SPECIAL_WINNER_CODES = (12, 13, 14, 15, 16, 17, 18)
# Strides for walking a province's companies: primes above any pool size, so the bidders of one
# process are distinct; many of them, so that two companies seldom meet by the walk alone.


def _primes(start: int, count: int) -> tuple[int, ...]:
    """The first `count` primes from `start` (a sieve over a window, a few milliseconds; plain
    Python: the generator runs where only the runtime dependencies are installed)."""
    window = 40 * count
    sieve = bytearray([1]) * window
    for d in range(2, math.isqrt(start + window - 1) + 1):
        first = max(d * d, -(-start // d) * d) - start
        if first < window:
            sieve[first::d] = bytes(len(range(first, window, d)))
    primes = tuple(start + k for k, is_prime in enumerate(sieve) if is_prime)[:count]
    if len(primes) < count:  # the window is wide enough above 10 M; refuse to return fewer
        raise ValueError(f"only {len(primes)} primes in [{start}, {start + window})")
    return primes


PRIMES = _primes(10_000_001, 512)


@dataclass(frozen=True)
class Sizes:
    """How many of each thing a dataset of `projects` processes has."""

    projects: int
    agencies: int
    companies: int
    politicians: int
    period: int  # P: one plant per P processes and one planted block per P blocks (0: none)
    offset: int
    pools: tuple[tuple[str, int, int], ...]  # (province_code, first company, companies)

    @property
    def special_base(self) -> int:
        """Companies made for plants are numbered from here (natural ones are 0..companies-1)."""
        return self.companies

    @property
    def block_base(self) -> int:
        return self.companies + 2 * self.projects


def sizes(projects: int, seed: int, rate: float) -> Sizes:
    """Sizes scale with the number of processes (see vocab for the ratios)."""
    from sodsong.procurement.generator import vocab

    agencies = min(vocab.MAX_AGENCIES, max(30, projects // vocab.PROCESSES_PER_AGENCY))
    wanted = max(77 * 20, projects // vocab.PROCESSES_PER_COMPANY)
    total = sum(vocab.PROVINCE_ROWS.values())
    pools, start = [], 0
    for code, rows in vocab.PROVINCE_ROWS.items():
        count = max(20, round(wanted * rows / total))
        pools.append((code, start, count))
        start += count
    politicians = max(40, projects // 5000)
    period = round(1 / rate) if rate > 0 else 0
    offset = seed % period if period else 0
    return Sizes(projects, agencies, start, politicians, period, offset, tuple(pools))
