"""ACT Ai's Thai flags and the company-level checks, computed over the warehouse.

One module per indicator (each with its `SPEC` and its SQL, `INDICATOR`); shared relations in
`common`, type-8 fences in `quartiles`, settings in `settings` (defaults in `defaults.ini`),
the run in `engine` (DuckDB) and `spark` (Apache Spark, the same SQL transpiled), the flag
tables in `tables`, the comparison with planted truth in `evaluate`.
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec
from sodsong.procurement.indicators.thai import (
    abnormal_low_peers,
    abnormal_low_ref,
    above_ref,
    blacklisted,
    cluster,
    co_address,
    co_donor,
    co_politician,
    co_relative,
    concentration,
    contract_above_bid,
    equal,
    few_bidders,
    frequent_cobidders,
    high,
    near_ref,
    new_company,
    non_open_share,
    ref_vs_budget,
    shared_director_address,
    splitting,
    year_end_specific,
)
from sodsong.procurement.indicators.thai.base import ThaiIndicator

__all__ = ["INDICATORS", "SPECS"]

INDICATORS: tuple[ThaiIndicator, ...] = tuple(
    module.INDICATOR
    for module in (
        near_ref,
        above_ref,
        high,
        cluster,
        equal,
        abnormal_low_ref,
        abnormal_low_peers,
        contract_above_bid,
        few_bidders,
        ref_vs_budget,
        year_end_specific,
        splitting,
        shared_director_address,
        frequent_cobidders,
        blacklisted,
        co_politician,
        co_relative,
        co_address,
        co_donor,
        new_company,
        concentration,
        non_open_share,
    )
)
SPECS: tuple[IndicatorSpec, ...] = tuple(indicator.spec for indicator in INDICATORS)
