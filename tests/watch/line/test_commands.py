"""`sodsong line` against the fake LINE API: rich menu, worker, status."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.test import Client, override_settings
from PIL import Image

from sodsong.cli import main
from sodsong.watch.line.richmenu import MENU
from sodsong.watch.models import InboxStatus, LineInboxEvent
from tests.watch.line.conftest import StandIn, body_of, post, text
from tests.watch.line.fake_line import FakeLine

pytestmark = pytest.mark.django_db


def test_setup_richmenu_creates_uploads_and_sets_the_default(
    fake_line: FakeLine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["line", "setup-richmenu", "--website", "https://sodsong.example/cases/"]) == 0
    [(menu_id, menu)] = fake_line.rich_menus.items()
    assert fake_line.default_rich_menu == menu_id and menu_id in capsys.readouterr().out
    areas = menu["definition"]["areas"]
    assert [a["action"].get("data") for a in areas] == ["cmd:report", "cmd:track", "cmd:help", None]
    assert areas[3]["action"] == {"type": "uri", "label": "เว็บไซต์", "uri": "https://sodsong.example/cases/"}
    assert menu["definition"]["size"] == {"width": 2500, "height": 843}
    with Image.open(io.BytesIO(menu["image"])) as picture:
        assert picture.size == (2500, 843) and picture.format == "PNG"
    [upload] = fake_line.calls("/content")
    assert upload.headers["Content-Type"] == "image/png" and len(menu["image"]) < 1024 * 1024
    assert len(MENU) == 4


def test_setup_richmenu_needs_a_website(fake_line: FakeLine, capsys: pytest.CaptureFixture[str]) -> None:
    with override_settings(LINE_RICHMENU_WEBSITE=""):
        assert main(["line", "setup-richmenu"]) == 2
    assert "--website" in capsys.readouterr().err
    assert not fake_line.rich_menus


def test_setup_richmenu_reports_a_refusal(capsys: pytest.CaptureFixture[str]) -> None:
    fake = FakeLine().start()
    fake.fail_next = 5
    with override_settings(LINE_API_BASE=fake.url):
        assert main(["line", "setup-richmenu", "--website", "https://x.example/"]) == 2
    fake.stop()
    assert "500" in capsys.readouterr().err


def test_the_menu_image_can_be_written_alone(tmp_path: Path) -> None:
    target = tmp_path / "menu.png"
    assert main(["line", "setup-richmenu", "--image-only", str(target)]) == 0
    assert target.read_bytes().startswith(b"\x89PNG")


def test_work_once_and_status(
    client: Client, fake_line: FakeLine, engine: StandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    assert post(client, body_of(text("หนึ่ง"), text("สอง"))).status_code == 200
    assert main(["line", "work", "--once"]) == 0
    assert "processed 2" in capsys.readouterr().out
    assert set(LineInboxEvent.objects.values_list("status", flat=True)) == {InboxStatus.DONE}
    assert main(["line", "status"]) == 0
    out = capsys.readouterr().out
    assert "done 2" in out and "sent 2" in out and "of 300" in out and "quota 300" in out
