from __future__ import annotations

import pytest

from sodsong.watch.models import AuditEntry, DataRequest
from tests.watch.intake.helpers import Citizen

pytestmark = pytest.mark.django_db


def test_a_line_reporter_asks_for_a_copy_and_the_deletion_of_their_data() -> None:
    citizen = Citizen(channel="line", user_key="hash-dsr")
    code = citizen.full_report()
    citizen.say(f"ขอสำเนาข้อมูล {code.lower()}")
    assert "สำเนา" in citizen.text
    citizen.say(f"ลบข้อมูลของฉัน {code}")
    requests = DataRequest.objects.filter(case_code=code).order_by("pk")
    assert [(r.kind, r.verified_by) for r in requests] == [("export", "line"), ("delete", "line")]


def test_someone_elses_case_code_is_refused_and_logged() -> None:
    owner = Citizen(channel="line", user_key="hash-owner")
    code = owner.full_report()
    stranger = Citizen(channel="line", user_key="hash-stranger")
    stranger.say(f"ลบข้อมูลของฉัน {code}")
    assert not DataRequest.objects.exists()
    assert AuditEntry.objects.filter(action="data_request.delete", refused=True).exists()
    assert "ยืนยันไม่ได้" in stranger.text


def test_the_web_channel_is_sent_to_the_track_page() -> None:
    citizen = Citizen(channel="web", user_key="web-dsr")
    code = citizen.full_report()
    citizen.say(f"delete my data {code}")
    assert not DataRequest.objects.exists()
