"""A newly registered company won (TH-NEW-COMPANY, บริษัทจดทะเบียนใหม่ได้งาน).

A company is flagged for a process it won when it was registered (DBD `registration_date`)
fewer than `max_days` days before the award (award date, else the day of the transaction,
else the announcement): a firm set up for the contract. One row per company and process; value:
days between registration and award.

Source: opentender.eu / DIGIWHIST INTEGRITY_NEW_COMPANY (Fazekas et al.); default 365 days.
"""

from __future__ import annotations

from sodsong.procurement.indicators.registry import IndicatorSpec, Parameter
from sodsong.procurement.indicators.thai.base import ThaiIndicator

SPEC = IndicatorSpec.from_module(
    __name__,
    code="TH-NEW-COMPANY",
    family="thai",
    title_th="บริษัทจดทะเบียนใหม่ได้งาน",
    title_en="Newly registered company won",
    levels=("company",),
    output="company (in a process it won): days from registration to the award",
    parameters=(Parameter("max_days", "int", 365, "flag companies registered fewer days than this before"),),
    required_fields=("organisation.registration_date", "award_supplier.org_id"),
    source="opentender.eu (DIGIWHIST): INTEGRITY_NEW_COMPANY",
)

_AGES = """SELECT s.process_id, s.org_id, p.fiscal_year, o.registration_date,
       coalesce(s.award_date, p.date_published) AS award_date,
       date_diff('day', o.registration_date, coalesce(s.award_date, p.date_published)) AS days
FROM th_supplier s JOIN th_org o ON o.org_id = s.org_id
JOIN th_process p ON p.process_id = s.process_id
WHERE o.kind = 'company' AND o.registration_date IS NOT NULL
  AND coalesce(s.award_date, p.date_published) IS NOT NULL"""

INDICATOR = ThaiIndicator(
    spec=SPEC,
    flags="""SELECT 'company' AS subject_kind, org_id AS subject_id, process_id, org_id, fiscal_year,
       CAST(days AS DOUBLE) AS value,
       to_json({'registered': CAST(registration_date AS VARCHAR), 'award_date': CAST(award_date AS VARCHAR),
                 'days': days}) AS details
FROM ${candidates} a WHERE days >= 0 AND days < ${max_days}""",
    checked="SELECT count(*) FROM ${candidates} a",
    candidates=_AGES,
)
