"""LINE opt-in alerts: people who asked to hear about newly published cases of a province,
an agency or a category get a push when one is published.

Publishing records one `PendingAlert` per matching subscription (in the same transaction), so no
alert is lost if delivery fails or no sender is configured yet; `deliver_pending` pushes them
through the sender the LINE channel registers with `register_alert_pusher` and marks them sent.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sodsong.thai import province_code, province_name
from sodsong.watch.line.inbox import user_key
from sodsong.watch.models import AlertScope, AlertSubscription, Category, PendingAlert, Report

__all__ = [
    "Pusher",
    "alert_command",
    "alert_text",
    "deliver_pending",
    "line_push",
    "matching_subscriptions",
    "queue_alerts",
    "register_alert_pusher",
    "subscribe",
    "unsubscribe",
]

#: Push `text` to the LINE user `line_user_id`; True when LINE accepted it.
Pusher = Callable[[str, str], bool]
_PUSHER: list[Pusher] = []


def register_alert_pusher(pusher: Pusher | None) -> None:
    """The LINE channel registers its push function here (None removes it, for tests)."""
    _PUSHER.clear()
    if pusher is not None:
        _PUSHER.append(pusher)


def _normalise(scope: str, value: str) -> str:
    value = " ".join(value.split())
    if scope == AlertScope.PROVINCE:
        code = province_code(value)
        if code is None:
            raise ValueError(f"unknown province {value!r}")
        return code
    if scope == AlertScope.CATEGORY:
        if value not in Category.values:
            raise ValueError(f"unknown category {value!r}; expected one of {', '.join(Category.values)}")
        return value
    if scope == AlertScope.AGENCY:
        if len(value) < 3:
            raise ValueError("give at least three letters of the agency's name")
        return value[:200]
    if scope == AlertScope.ALL:
        return ""
    raise ValueError(f"unknown alert scope {scope!r}; expected one of {', '.join(AlertScope.values)}")


def subscribe(line_user_id: str, scope: str, value: str = "", *, language: str = "th") -> AlertSubscription:
    """Subscribe a LINE user (idempotent: the same subscription twice is one)."""
    if not line_user_id:
        raise ValueError("a LINE user id is needed to push alerts")
    value = _normalise(scope, value)
    user_hash = user_key(line_user_id)
    live = AlertSubscription.objects.filter(user_hash=user_hash, scope=scope, value=value, cancelled_at=None)
    existing = live.first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return AlertSubscription.objects.create(
                user_hash=user_hash, line_user_id=line_user_id, scope=scope, value=value, language=language
            )
    except IntegrityError:  # the same request twice at once
        return live.get()


def unsubscribe(line_user_id: str, scope: str | None = None, value: str = "") -> int:
    """Cancel a user's subscriptions (all of them without `scope`); returns how many."""
    rows = AlertSubscription.objects.filter(user_hash=user_key(line_user_id), cancelled_at=None)
    if scope is not None:
        rows = rows.filter(scope=scope, value=_normalise(scope, value))
    return rows.update(cancelled_at=timezone.now())


def matching_subscriptions(report: Report) -> list[AlertSubscription]:
    """Live subscriptions that a newly published `report` concerns."""
    publication = report.publication
    agency = publication.approved_agency.casefold()
    wanted = (
        Q(scope=AlertScope.ALL)
        | Q(scope=AlertScope.PROVINCE, value=report.province_code or "-")
        | Q(scope=AlertScope.CATEGORY, value=report.category or "-")
    )
    found = list(AlertSubscription.objects.filter(wanted, cancelled_at=None))
    if agency:
        found += [
            s
            for s in AlertSubscription.objects.filter(scope=AlertScope.AGENCY, cancelled_at=None)
            if s.value.casefold() in agency
        ]
    return found


def queue_alerts(report: Report) -> int:
    """Record one pending alert per matching subscription (once per subscription and case)."""
    queued = 0
    for subscription in matching_subscriptions(report):
        _alert, created = PendingAlert.objects.get_or_create(subscription=subscription, report=report)
        queued += int(created)
    return queued


def alert_text(report: Report, language: str = "th") -> str:
    """The push message: the public title, where, and the case page (no personal data)."""
    publication = report.publication
    with translation.override(language):
        where = province_name(report.province_code, language) if report.province_code else ""
        lines = [_("New published case %(code)s") % {"code": report.code}, publication.approved_title]
        if where:
            lines.append(where)
        lines.append(f"/cases/{report.code}/")
        return "\n".join(lines)


def deliver_pending(limit: int = 500) -> tuple[int, int]:
    """Push pending alerts through the registered sender; returns (sent, still pending)."""
    pending = PendingAlert.objects.filter(sent_at=None, subscription__cancelled_at=None)
    if not _PUSHER:
        return 0, pending.count()
    push = _PUSHER[0]
    sent = 0
    for alert in pending.select_related("subscription", "report")[:limit]:
        subscription = alert.subscription
        try:
            ok = push(subscription.line_user_id, alert_text(alert.report, subscription.language))
        except Exception as error:  # a network failure must not stop the other alerts
            ok = False
            alert.outcome = type(error).__name__[:64]
        alert.attempts += 1
        if ok:
            alert.sent_at = timezone.now()
            alert.outcome = "sent"
            sent += 1
        alert.save(update_fields=["attempts", "sent_at", "outcome"])
    return sent, pending.count()


def line_push(line_user_id: str, text: str) -> bool:
    """The LINE channel's pusher for alerts: the message goes into the LINE outbox, which owns
    delivery from then on (metered push, retry key, retries after outages), so it counts as sent."""
    import json

    from sodsong.watch.line.sender import deliver
    from sodsong.watch.models import LineOutbox, LineRecipient

    key = user_key(line_user_id)
    LineRecipient.objects.get_or_create(user_key=key, defaults={"line_user_id": line_user_id})
    outbox = LineOutbox.objects.create(
        user_key=key, messages=json.dumps([{"text": text, "quick_replies": []}], ensure_ascii=False)
    )
    transaction.on_commit(lambda: deliver(outbox))
    return True


_SCOPE_WORDS = {
    "จังหวัด": AlertScope.PROVINCE,
    "province": AlertScope.PROVINCE,
    "หน่วยงาน": AlertScope.AGENCY,
    "agency": AlertScope.AGENCY,
    "ประเภท": AlertScope.CATEGORY,
    "category": AlertScope.CATEGORY,
    "ทั้งหมด": AlertScope.ALL,
    "all": AlertScope.ALL,
}
_START = ("แจ้งเตือน", "alert")
_STOP = ("เลิกแจ้งเตือน", "ยกเลิกแจ้งเตือน", "stop alerts")


def _category(value: str) -> str:
    """A category by its code or its Thai or English label."""
    folded = value.casefold()
    for code, label in Category.choices:
        if folded in (code, str(label).casefold()):
            return code
        with translation.override("th"):
            if folded == str(label).casefold():
                return code
    return value


def alert_command(line_user_id: str, text: str, *, language: str = "th") -> str | None:
    """Answer a LINE message that manages alerts; None when the message is not about alerts.

    `แจ้งเตือน จังหวัด ขอนแก่น`, `แจ้งเตือน หน่วยงาน อบต.หนองบัว`, `แจ้งเตือน ประเภท bribery`,
    `แจ้งเตือน ทั้งหมด`, `เลิกแจ้งเตือน` (and `alert province Khon Kaen`, `stop alerts`). For the
    LINE conversation to call before the intake engine.
    """
    words = " ".join(text.split())
    folded = words.casefold()
    with translation.override(language):
        if folded in _STOP:
            count = unsubscribe(line_user_id)
            return _("Alerts stopped (%(n)s).") % {"n": count}
        start = next((w for w in _START if folded.startswith(w + " ") or folded == w), None)
        if start is None:
            return None
        rest = words[len(start) :].strip()
        scope_word, _sep, value = rest.partition(" ")
        scope = _SCOPE_WORDS.get(scope_word.casefold())
        if scope is None:
            return _(
                "To get alerts of newly published cases, send: แจ้งเตือน จังหวัด <province>, "
                "แจ้งเตือน หน่วยงาน <agency>, แจ้งเตือน ประเภท <category> or แจ้งเตือน ทั้งหมด. "
                "To stop: เลิกแจ้งเตือน"
            )
        if scope == AlertScope.CATEGORY:
            value = _category(value.strip())
        try:
            subscribe(line_user_id, scope, value, language=language)
        except ValueError:
            return _("That was not understood: %(text)s") % {"text": rest[:100]}
        return _("You will get a message when a case of this kind is published. To stop: เลิกแจ้งเตือน")
