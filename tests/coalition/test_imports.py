"""Importing participants and activities from Thai spreadsheets: every bad input named by row and
column, nothing half-imported, duplicates and merged cells handled, 50k rows in bulk."""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from sodsong.coalition.imports.jobs import ImportRefused, check_job, commit_job, start_job
from sodsong.coalition.imports.reader import FileProblem
from sodsong.coalition.models import (
    Activity,
    ActivityType,
    ImportJob,
    MergeSuggestion,
    Organisation,
    Participation,
    Person,
    Sector,
)

from .sheets import big_participants_csv, big_participants_xlsx, write_csv, write_xlsx

pytestmark = pytest.mark.django_db

HEADER = ["ลำดับ", "ชื่อ - นามสกุล", "หน่วยงาน", "อีเมล", "เบอร์โทรศัพท์", "บทบาท"]


@pytest.fixture
def workshop(org_factory: Callable[..., Organisation]) -> Activity:
    org_factory("สถาบันพระปกเกล้า", Sector.ACADEMIC)
    org_factory("องค์กรต่อต้านคอร์รัปชัน (ประเทศไทย)", Sector.CIVIL_SOCIETY, short_name="ACT")
    return Activity.objects.create(
        title="เยาวชนกับการออกแบบนวัตกรรม",
        activity_type=ActivityType.YOUTH_CAMP,
        start_date=datetime.date(2023, 6, 28),
    )


def participants(path: Path, activity: Activity, **options: object):  # type: ignore[no-untyped-def]
    job = start_job(kind="participants", path=path, activity=activity)
    if options:
        job.options = options
        job.save()
    return job, check_job(job)


def test_a_thai_sign_up_sheet_is_imported(tmp_path: Path, workshop: Activity) -> None:
    path = write_csv(
        tmp_path / "รายชื่อ.csv",
        [
            HEADER,
            ["๑", "นายสมชาย  ใจดี", "สถาบันพระปกเกล้า", "somchai@example.org", "๐๘๑-๒๓๔-๕๖๗๘", "วิทยากร"],
            ["๒", "นางสาวสมหญิง ใจงาม", "ACT", "", "", ""],
            ["", "", "", "", "", ""],
            ["๓", "Dr. Jane Roe", "", "jane@example.org", "", "Participant"],
        ],
    )
    job, result = participants(path, workshop)
    assert job.mapping == {"name": 1, "organisation": 2, "email": 3, "phone": 4, "role": 5}
    assert result.ok and len(result.records) == 3 and result.blank_rows == 1
    written = commit_job(job)
    assert written["participations"] == 3 and written["new_people"] == 3
    somchai = Person.objects.get(name_th="สมชาย ใจดี")
    assert somchai.title == "นาย" and somchai.phone == "081-234-5678"
    participation = Participation.objects.get(person=somchai)
    assert participation.role == "speaker" and participation.organisation.name_th == "สถาบันพระปกเกล้า"
    assert participation.source == f"import {job.pk} row 2"
    assert Person.objects.get(name_en="Jane Roe").title == "Dr."
    assert not Path(job.stored_name).exists(), "the uploaded file with personal data is removed after import"


def test_bad_rows_are_named_and_nothing_is_imported(tmp_path: Path, workshop: Activity) -> None:
    path = write_csv(
        tmp_path / "bad.csv",
        [
            HEADER,
            ["1", "นายสมชาย ใจดี", "สถาบันพระปกเกล้า", "not-an-email", "", ""],
            ["2", "", "ACT", "", "", ""],
            ["3", "นางมานี มีนา", "องค์กรที่ไม่มีในทำเนียบ", "", "", ""],
            ["4", "นายปิติ ชูใจ", "", "", "โทรหาได้", "หัวหน้าทัวร์"],
            ["5", "นาย", "", "", "", ""],
            ["6", "รวม 5 คน", "", "", "", ""],
            ["7", "นางสาวชูใจ ใจดี", "ACT", "", "", ""],
        ],
    )
    job, result = participants(path, workshop)
    found = {(e.row, e.column) for e in result.errors}
    assert found == {
        (2, "อีเมล"),
        (3, "ชื่อ - นามสกุล"),
        (4, "หน่วยงาน"),
        (5, "เบอร์โทรศัพท์"),
        (5, "บทบาท"),
        (6, "ชื่อ - นามสกุล"),
        (7, "ชื่อ - นามสกุล"),
    }
    messages = {e.row: e.message for e in result.errors}
    assert messages[2] == "ไม่ใช่ที่อยู่อีเมล"
    assert "คำนำหน้า" in messages[6]
    assert "แถวรวมยอด" in messages[7]
    with pytest.raises(ImportRefused, match="มี 7 แถว"):
        commit_job(job)
    assert Person.objects.count() == 0 and Participation.objects.count() == 0, "nothing half-imported"
    # The same file with unknown organisations allowed: still refused for the other errors.
    job.options = {"create_organisations_sector": Sector.CIVIL_SOCIETY}
    job.save()
    with pytest.raises(ImportRefused):
        commit_job(job)
    assert not Organisation.objects.filter(name_th="องค์กรที่ไม่มีในทำเนียบ").exists()


def test_missing_required_columns_are_named(tmp_path: Path, workshop: Activity) -> None:
    path = write_csv(tmp_path / "no-name.csv", [["หน่วยงาน", "อีเมล"], ["ACT", "a@example.org"]])
    job, _result = participants(path, workshop)
    assert job.report["missing"] == ["ชื่อ-นามสกุล"]
    with pytest.raises(ImportRefused, match="ชื่อ-นามสกุล"):
        commit_job(job)
    activities = write_csv(tmp_path / "acts.csv", [["ชื่อกิจกรรม", "สถานที่"], ["ประชุม", "กรุงเทพฯ"]])
    job = start_job(kind="activities", path=activities)
    check_job(job)
    assert set(job.report["missing"]) == {"ประเภท", "วันที่"}


def test_duplicates_are_refused_unless_skipped_and_then_listed(tmp_path: Path, workshop: Activity) -> None:
    already = Person.objects.create(title="นาย", name_th="ปิติ ชูใจ")
    Participation.objects.create(activity=workshop, person=already)
    path = write_csv(
        tmp_path / "dupes.csv",
        [
            HEADER,
            ["1", "นายสมชาย ใจดี", "", "", "", ""],
            ["2", "สมชาย  ใจดี", "", "", "", ""],  # the same name written again
            ["3", "นายปิติ ชูใจ", "", "", "", ""],  # already at this activity
            ["4", "นางมานี มีนา", "", "", "", ""],
        ],
    )
    job, result = participants(path, workshop)
    assert result.ok and [d.row for d in result.duplicates] == [3, 4]
    assert "แถวที่ 2" in result.duplicates[0].message
    with pytest.raises(ImportRefused, match="ซ้ำ"):
        commit_job(job)
    job.options = {"skip_duplicates": True}
    job.save()
    assert commit_job(job)["participations"] == 2
    assert Participation.objects.filter(activity=workshop).count() == 3
    assert job.report["duplicate_count"] == 2


def test_windows_thai_encoding_and_semicolons(tmp_path: Path, workshop: Activity) -> None:
    path = write_csv(
        tmp_path / "excel-thai.csv",
        [["ชื่อ", "นามสกุล", "องค์กร"], ["สมชาย", "ใจดี", "ACT"]],
        encoding="cp874",
        delimiter=";",
    )
    job, result = participants(path, workshop)
    assert result.ok, result.errors
    commit_job(job)
    assert Person.objects.get().name_th == "สมชาย ใจดี"


def test_xlsx_with_a_merged_title_row_merged_cells_and_be_dates(tmp_path: Path) -> None:
    Organisation.objects.create(name_th="สถาบันพระปกเกล้า", sector=Sector.ACADEMIC)
    Organisation.objects.create(name_th="สำนักข่าว PPTVHD", short_name="PPTVHD", sector=Sector.MEDIA)
    path = write_xlsx(
        tmp_path / "กิจกรรม.xlsx",
        [
            [
                "ชื่อกิจกรรม",
                "ประเภทกิจกรรม",
                "วันที่จัด",
                "ถึงวันที่",
                "กลยุทธ์",
                "ประเด็น",
                "องค์กรภาคี",
                "ยอดเข้าถึง",
                "เผยแพร่",
            ],
            ["สัมภาษณ์รายการวิทยุ", "สัมภาษณ์วิทยุ", "๑๔ ก.พ. ๒๕๖๖", None, "๑", "3", "PPTVHD", "๑๒,๐๐๐", "ใช่"],
            # An Excel date cell where someone typed the BE year: 2566-06-28 means 28 June 2023.
            [
                "เยาวชนกับการออกแบบนวัตกรรม",
                "ค่ายเยาวชน",
                datetime.datetime(2566, 6, 28),
                "30/06/2566",
                "กลยุทธ์ที่ 4",
                "4; 3",
                "สถาบันพระปกเกล้า",
                None,
                "ไม่ใช่",
            ],
            [
                "ประชุมภาคีเครือข่าย",
                "ประชุม",
                datetime.date(2023, 3, 1),
                None,
                "4",
                "",
                "สถาบันพระปกเกล้า",
                None,
                "",
            ],
            ["ประชุมติดตามงาน", None, datetime.date(2023, 3, 15), None, "4", "", "สถาบันพระปกเกล้า", None, ""],
        ],
        title="รายงานกิจกรรม ครึ่งปีแรก 2566",
        merges=["B5:B6", "G4:G6"],  # type "ประชุม" spans two rows; the organisation spans three
    )
    job = start_job(kind="activities", path=path)
    assert job.header_row == 2, "the merged title row above the header is skipped"
    result = check_job(job)
    assert result.ok, result.errors
    written = commit_job(job)
    assert written["activities"] == 4
    radio = Activity.objects.get(title="สัมภาษณ์รายการวิทยุ")
    assert radio.activity_type == "media" and radio.start_date == datetime.date(2023, 2, 14)
    assert radio.reach == 12000 and radio.is_public and radio.strategy.number == 1
    camp = Activity.objects.get(title="เยาวชนกับการออกแบบนวัตกรรม")
    assert (camp.start_date, camp.end_date) == (datetime.date(2023, 6, 28), datetime.date(2023, 6, 30))
    assert sorted(camp.issue_areas.values_list("number", flat=True)) == [3, 4]
    follow_up = Activity.objects.get(title="ประชุมติดตามงาน")
    assert follow_up.activity_type == "meeting", "the merged type cell applies to both rows"
    assert follow_up.organisations.get().name_th == "สถาบันพระปกเกล้า"


def test_bad_activity_rows(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "acts.csv",
        [
            ["ชื่อกิจกรรม", "ประเภท", "วันที่", "ถึงวันที่", "กลยุทธ์", "ลิงก์"],
            ["ประชุม", "ประชุม", "31/02/2566", "", "1", ""],
            ["อบรม", "ทัวร์", "1 มี.ค. 66", "", "9", "not a url"],
            ["", "ประชุม", "", "", "", ""],
            ["ค่าย", "ค่าย", "30/06/2566", "28/06/2566", "", ""],
            ["ประชุมซ้ำ", "ประชุม", "1/3/2566", "", "", ""],
            ["ประชุมซ้ำ", "ประชุม", "2023-03-01", "", "", ""],
        ],
    )
    job = start_job(kind="activities", path=path)
    result = check_job(job)
    found = {(e.row, e.column) for e in result.errors}
    assert found == {
        (2, "วันที่"),
        (3, "ประเภท"),
        (3, "กลยุทธ์"),
        (3, "ลิงก์"),
        (4, "ชื่อกิจกรรม"),
        (4, "วันที่"),
        (5, "ถึงวันที่"),
    }
    assert [d.row for d in result.duplicates] == [7]
    assert next(e for e in result.errors if e.row == 2).value == "31/02/2566"
    with pytest.raises(ImportRefused):
        commit_job(job)
    assert Activity.objects.count() == 0


def test_a_failure_while_writing_leaves_nothing_behind(
    tmp_path: Path, workshop: Activity, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_csv(tmp_path / "ok.csv", [HEADER, ["1", "นายสมชาย ใจดี", "ACT", "", "", ""]])
    job, _result = participants(path, workshop)

    def fail(*args: object, **kwargs: object) -> None:
        raise IntegrityError("simulated failure after people were written")

    monkeypatch.setattr(Participation.objects, "bulk_create", fail)
    with pytest.raises(ImportRefused):
        commit_job(job)
    assert Person.objects.count() == 0, "the people written before the failure were rolled back"
    assert ImportJob.objects.get(pk=job.pk).status != "committed"


def test_unreadable_files_are_refused_clearly(tmp_path: Path) -> None:
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0 old excel")
    with pytest.raises(FileProblem, match=r"old\.xls: old Excel"):
        start_job(kind="participants", path=old)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(FileProblem, match=r"broken\.xlsx"):
        start_job(kind="participants", path=broken)
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("ชื่อ".encode("utf-16"))
    with pytest.raises(FileProblem, match=r"latin1\.csv"):
        job = start_job(kind="participants", path=latin)
        check_job(job)


def test_imported_people_meet_existing_ones_and_suggestions_follow(
    tmp_path: Path, workshop: Activity
) -> None:
    known = Person.objects.create(title="นาย", name_th="สมชาย ใจดี")
    Person.objects.create(name_en="Manee Meena")
    path = write_csv(
        tmp_path / "again.csv",
        [["ชื่อ-นามสกุล", "อีเมล"], ["สมชาย ใจดี", "somchai@example.org"], ["นางมานี มีนา", ""]],
    )
    job, result = participants(path, workshop)
    assert result.existing_people == 1 and result.new_people == 1
    commit_job(job)
    known.refresh_from_db()
    assert known.email == "somchai@example.org", (
        "blank fields of a known person are filled, never overwritten"
    )
    assert MergeSuggestion.objects.filter(person_b__name_th="มานี มีนา").exists()


def test_the_import_screens_from_upload_to_commit(
    staff_client: Client, tmp_path: Path, workshop: Activity
) -> None:
    path = write_xlsx(
        tmp_path / "signup.xlsx",
        [["No.", "ผู้ลงทะเบียน", "Agency", "E-mail"], [1, "Somchai Jaidee", "ACT", "s@example.org"]],
    )
    with path.open("rb") as handle:
        response = staff_client.post(
            reverse("coalition:imports"), {"kind": "participants", "file": handle, "activity": workshop.pk}
        )
    assert response.status_code == 302
    job = ImportJob.objects.get()
    page = staff_client.get(response["Location"]).content.decode()
    assert "Somchai Jaidee" in page and "ผู้ลงทะเบียน" in page
    # "ผู้ลงทะเบียน" (registrant) is not a known header: map it by hand.
    assert job.report["missing"]
    staff_client.post(
        reverse("coalition:import", args=[job.pk]),
        {"map_name": "1", "map_organisation": "2", "map_email": "3"},
    )
    job.refresh_from_db()
    assert not job.report["missing"] and job.report["records"] == 1
    response = staff_client.post(reverse("coalition:import_commit", args=[job.pk]))
    assert response["Location"] == reverse("coalition:activity", args=[workshop.pk])
    assert workshop.participations.get().person.name_en == "Somchai Jaidee"
    again = staff_client.post(reverse("coalition:import_commit", args=[job.pk]), follow=True)
    assert "นำเข้าไปแล้ว" in again.content.decode()


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_50k_row_file_is_streamed_and_written_in_bulk(tmp_path: Path, kind: str) -> None:
    Organisation.objects.create(name_th="องค์กรทดสอบ", sector=Sector.CIVIL_SOCIETY)
    for n in range(1, 6):
        Activity.objects.create(
            title=f"กิจกรรม {n}", activity_type="meeting", start_date=datetime.date(2023, 1, n)
        )
    ids = list(Activity.objects.order_by("pk").values_list("pk", flat=True))
    builder = big_participants_csv if kind == "csv" else big_participants_xlsx
    path = builder(tmp_path / f"big.{kind}", 50_000, people=10_000)
    started = time.perf_counter()
    job = start_job(kind="participants", path=path)
    # The activity column holds 1..5: map those to this database's activity ids via their titles.
    Activity.objects.filter(pk__in=ids).update(title="x")
    for n, pk in enumerate(ids, start=1):
        Activity.objects.filter(pk=pk).update(title=str(n))
    result = check_job(job)
    checked = time.perf_counter() - started
    assert result.ok and len(result.records) == 50_000, result.errors[:5]
    written = commit_job(job)
    total = time.perf_counter() - started
    assert written["participations"] == 50_000 and written["new_people"] == 10_000
    assert Participation.objects.count() == 50_000 and Person.objects.count() == 10_000
    print(f"50k {kind}: check {checked:.1f} s, check+commit {total:.1f} s")
