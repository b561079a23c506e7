"""LINE opt-in alerts: subscriptions by province, agency or category; one alert per case, kept
until a push succeeds."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection

from sodsong.watch.models import AlertSubscription, LineOutbox, LineRecipient, PendingAlert, Report
from sodsong.watch.publication import alerts

from .conftest import NAME, PHONE, approve_and_publish, make_case

pytestmark = pytest.mark.django_db
USER = "U" + "a" * 32


@pytest.fixture
def pushed() -> Iterator[list[tuple[str, str]]]:
    sent: list[tuple[str, str]] = []

    def push(user: str, text: str) -> bool:
        sent.append((user, text))
        return True

    alerts.register_alert_pusher(push)
    yield sent
    alerts.register_alert_pusher(alerts.line_push)


def test_subscriptions_are_checked_idempotent_and_keep_no_raw_id() -> None:
    first = alerts.subscribe(USER, "province", "ขอนแก่น")
    assert alerts.subscribe(USER, "province", "จ.ขอนแก่น").pk == first.pk
    assert first.value == "TH40" and USER not in first.user_hash
    with connection.cursor() as cursor:
        cursor.execute("SELECT line_user_id FROM watch_alertsubscription")
        (raw,) = cursor.fetchone()
    assert USER not in raw  # encrypted at rest
    for scope, value in (("province", "Atlantis"), ("category", "gossip"), ("agency", "ab"), ("planet", "x")):
        with pytest.raises(ValueError):
            alerts.subscribe(USER, scope, value)
    assert alerts.unsubscribe(USER) == 1
    assert alerts.subscribe(USER, "province", "TH40").pk != first.pk


def test_publishing_queues_one_alert_per_matching_subscription(
    case: Report, editor_user: Any, pushed: list[tuple[str, str]]
) -> None:
    alerts.subscribe(USER, "province", "ขอนแก่น")
    alerts.subscribe(USER, "category", "extortion")
    alerts.subscribe("U" + "b" * 32, "agency", "หนองบัว")
    alerts.subscribe("U" + "c" * 32, "province", "เชียงใหม่")  # does not match
    alerts.subscribe("U" + "d" * 32, "all")
    approve_and_publish(case, editor_user)
    assert PendingAlert.objects.filter(report=case).count() == 4
    assert alerts.queue_alerts(case) == 0  # never twice for the same case
    sent, waiting = alerts.deliver_pending()
    assert (sent, waiting) == (4, 0)
    assert {user for user, _text in pushed} == {USER, "U" + "b" * 32, "U" + "d" * 32}
    text = pushed[0][1]
    assert case.code in text and f"/cases/{case.code}/" in text
    assert PHONE not in text and NAME not in text


def test_without_a_sender_alerts_wait_and_failures_are_retried(case: Report, editor_user: Any) -> None:
    alerts.register_alert_pusher(None)
    try:
        alerts.subscribe(USER, "all")
        approve_and_publish(case, editor_user)
        assert alerts.deliver_pending() == (0, 1)

        def broken(user: str, text: str) -> bool:
            raise ConnectionError("LINE is down")

        alerts.register_alert_pusher(broken)
        assert alerts.deliver_pending() == (0, 1)
        alert = PendingAlert.objects.get()
        assert alert.attempts == 1 and alert.outcome == "ConnectionError" and alert.sent_at is None
    finally:
        alerts.register_alert_pusher(alerts.line_push)


def test_the_line_pusher_hands_the_alert_to_the_line_outbox(case: Report, editor_user: Any) -> None:
    alerts.subscribe(USER, "all")
    approve_and_publish(case, editor_user)
    assert alerts.deliver_pending() == (1, 0)
    outbox = LineOutbox.objects.get()
    assert json.loads(outbox.messages)[0]["text"].startswith("เรื่องเผยแพร่ใหม่")
    assert LineRecipient.objects.get(user_key=outbox.user_key).line_user_id == USER


def test_other_cases_do_not_alert(editor_user: Any, pushed: list[tuple[str, str]]) -> None:
    alerts.subscribe(USER, "category", "bribery")
    approve_and_publish(make_case(category="extortion"), editor_user)
    assert PendingAlert.objects.count() == 0


def test_alert_commands_for_the_line_conversation() -> None:
    assert alerts.alert_command(USER, "สวัสดีครับ") is None
    assert alerts.alert_command(USER, "แจ้งเตือน จังหวัด ขอนแก่น") is not None
    assert alerts.alert_command(USER, "แจ้งเตือน  ประเภท  เรียกรับเงิน/กรรโชก") is not None
    assert alerts.alert_command(USER, "alert category bribery", language="en") is not None
    assert alerts.alert_command(USER, "แจ้งเตือน ทั้งหมด") is not None
    scopes = set(AlertSubscription.objects.filter(cancelled_at=None).values_list("scope", "value"))
    assert scopes == {("province", "TH40"), ("category", "extortion"), ("category", "bribery"), ("all", "")}
    assert "แจ้งเตือน จังหวัด" in (alerts.alert_command(USER, "แจ้งเตือน") or "")
    assert "ไม่เข้าใจ" in (alerts.alert_command(USER, "แจ้งเตือน จังหวัด แอตแลนติส") or "")
    assert alerts.alert_command(USER, "เลิกแจ้งเตือน") is not None
    assert not AlertSubscription.objects.filter(cancelled_at=None).exists()
