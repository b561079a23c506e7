"""A small programme with records of every kind, owned by two partners, for page and permission tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.files.base import ContentFile

from sodsong.coalition.models import (
    Activity,
    ActivityOrganisation,
    ActivityType,
    EvidenceFile,
    ImportJob,
    Indicator,
    IssueArea,
    MergeSuggestion,
    Organisation,
    OrganisationContact,
    Outcome,
    Participation,
    PartnerAccount,
    Person,
    Sector,
    Strategy,
)


@dataclass
class Scene:
    own_org: Organisation
    other_org: Organisation
    own_activity: Activity
    other_private: Activity
    other_public: Activity
    own_outcome: Outcome
    other_outcome: Outcome
    own_person: Person
    other_person: Person
    own_evidence: EvidenceFile
    other_evidence: EvidenceFile
    other_import: ImportJob
    suggestion: MergeSuggestion
    indicator: Indicator
    strategy: Strategy
    issue_area: IssueArea
    account: PartnerAccount | None


def build_scene(partner_user: object | None = None, own_org: Organisation | None = None) -> Scene:
    own = own_org or Organisation.objects.create(name_th="เทใจดอทคอม", sector=Sector.PRIVATE)
    other = Organisation.objects.create(name_th="สถาบันพระปกเกล้า", sector=Sector.ACADEMIC)
    OrganisationContact.objects.create(organisation=other, name="ผู้ประสานงาน", email="secret@example.org")
    strategy = Strategy.objects.get(number=4)
    day = datetime.date(2023, 6, 28)
    own_activity = Activity.objects.create(
        title="ระดมทุนเทใจ", activity_type=ActivityType.FUNDRAISING, start_date=day, owner_organisation=own
    )
    ActivityOrganisation.objects.create(activity=own_activity, organisation=own)
    other_private = Activity.objects.create(
        title="ประชุมภายในสถาบัน", activity_type=ActivityType.MEETING, start_date=day, strategy=strategy
    )
    ActivityOrganisation.objects.create(activity=other_private, organisation=other)
    other_public = Activity.objects.create(
        title="เยาวชนกับการออกแบบนวัตกรรม",
        activity_type=ActivityType.YOUTH_CAMP,
        start_date=day,
        end_date=datetime.date(2023, 6, 30),
        strategy=strategy,
        is_public=True,
        highlight=True,
    )
    ActivityOrganisation.objects.create(activity=other_public, organisation=other)
    own_person = Person.objects.create(name_th="สมชาย ใจดี", email="somchai@example.org")
    other_person = Person.objects.create(name_th="สมหญิง ใจงาม", email="somying@example.org")
    Participation.objects.create(activity=own_activity, person=own_person, organisation=own)
    Participation.objects.create(activity=other_private, person=other_person, organisation=other)
    Participation.objects.create(activity=other_public, person=other_person, organisation=other)
    own_outcome = Outcome.objects.create(
        title="ผู้บริจาครายใหม่", social_actor="ประชาชน", changed_on=day, owner_organisation=own
    )
    own_outcome.partners.add(own)
    other_outcome = Outcome.objects.create(
        title="ข้อเสนอต่อสภา", social_actor="สำนักงานเลขาธิการสภา", changed_on=day
    )
    own_evidence = EvidenceFile(activity=own_activity, title="ใบเสร็จ", content_type="text/plain")
    own_evidence.file.save("own.txt", ContentFile(b"own evidence"))
    other_evidence = EvidenceFile(activity=other_private, title="บันทึกการประชุม", content_type="text/plain")
    other_evidence.file.save("other.txt", ContentFile(b"other evidence"))
    other_import = ImportJob.objects.create(
        kind="participants", original_name="x.csv", stored_name="missing.csv"
    )
    twin = Person.objects.create(name_en="Somchai Jaidee")
    suggestion = MergeSuggestion.objects.create(
        person_a=own_person, person_b=twin, score=0.9, reasons=["similar_sound_thai_english"]
    )
    account = None
    if partner_user is not None:
        account = PartnerAccount.objects.get(user=partner_user)
    return Scene(
        own_org=own,
        other_org=other,
        own_activity=own_activity,
        other_private=other_private,
        other_public=other_public,
        own_outcome=own_outcome,
        other_outcome=other_outcome,
        own_person=own_person,
        other_person=other_person,
        own_evidence=own_evidence,
        other_evidence=other_evidence,
        other_import=other_import,
        suggestion=suggestion,
        indicator=Indicator.objects.get(code="partners"),
        strategy=strategy,
        issue_area=IssueArea.objects.get(number=4),
        account=account,
    )
