"""The coalition's records (one module per concept, all importable from here)."""

from sodsong.coalition.models.activities import (
    Activity,
    ActivityLink,
    ActivityOrganisation,
    ActivityType,
    OrganisationRole,
    ParticipantRole,
    Participation,
)
from sodsong.coalition.models.imports import ImportJob, ImportKind, ImportStatus
from sodsong.coalition.models.indicators import MANUAL, Indicator, IndicatorTarget
from sodsong.coalition.models.organisations import (
    InvolvementNote,
    Organisation,
    OrganisationContact,
    PartnerAccount,
    Sector,
)
from sodsong.coalition.models.outcomes import EvidenceFile, Outcome, Significance
from sodsong.coalition.models.people import (
    Affiliation,
    MergeStatus,
    MergeSuggestion,
    Person,
    PersonAlias,
    PersonMerge,
)
from sodsong.coalition.models.reference import IssueArea, Strategy
from sodsong.coalition.models.reports import PublishedReport

__all__ = [
    "MANUAL",
    "Activity",
    "ActivityLink",
    "ActivityOrganisation",
    "ActivityType",
    "Affiliation",
    "EvidenceFile",
    "ImportJob",
    "ImportKind",
    "ImportStatus",
    "Indicator",
    "IndicatorTarget",
    "InvolvementNote",
    "IssueArea",
    "MergeStatus",
    "MergeSuggestion",
    "Organisation",
    "OrganisationContact",
    "OrganisationRole",
    "Outcome",
    "ParticipantRole",
    "Participation",
    "PartnerAccount",
    "Person",
    "PersonAlias",
    "PersonMerge",
    "PublishedReport",
    "Sector",
    "Significance",
    "Strategy",
]
