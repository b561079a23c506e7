"""The staff chat simulator: talk to the intake engine exactly as a citizen on LINE would.

For training and for checking changes to the conversation; reports made here are channel
`simulator`, so they are never mistaken for a citizen's.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sodsong.watch.conversation.engine import current_state, handle, prompt
from sodsong.watch.conversation.messages import ConversationKey, Inbound, InboundKind, QuickReplyKind
from sodsong.watch.intake.common import (
    MAX_FILES,
    choice_buttons,
    language_of,
    post_to_engine,
    session_token,
)
from sodsong.web.staff import Role, staff_required

TOKEN = "watch_sim_token"
LOG = "watch_sim_log"
MAX_LOG = 60

_SPECIAL = {"sim:follow": InboundKind.FOLLOW, "sim:sticker": InboundKind.STICKER}


def simulator_key(request: HttpRequest, *, fresh: bool = False) -> ConversationKey:
    user_key = f"staff-{request.user.pk}-" + session_token(request, TOKEN, fresh=fresh)
    return ConversationKey("simulator", user_key, language_of(request))


def _label_of(log: list[dict[str, Any]], value: str) -> str:
    """The label of the button the staff member pressed, as the citizen would have seen it."""
    if not value:
        return ""
    for entry in reversed(log):
        for button in entry.get("buttons", []):
            if button.get("value") == value:
                return str(button.get("label", value))
    return value


@staff_required(Role.SCREENER, Role.EDITOR, Role.ADMIN)
@require_http_methods(["GET", "POST"])
def simulator(request: HttpRequest) -> HttpResponse:
    log: list[dict[str, Any]] = list(request.session.get(LOG, []))
    if request.method == "POST":
        choice = request.POST.get("choice", "")
        if choice == "sim:reset":
            simulator_key(request, fresh=True)
            request.session[LOG] = []
            return redirect("watch:simulator")
        key = simulator_key(request)
        if choice in _SPECIAL:
            log.append({"who": "citizen", "text": f"({choice[4:]})"})
            replies = handle(key, Inbound(_SPECIAL[choice]))
        else:
            shown = _label_of(log, choice) or request.POST.get("date", "") or request.POST.get("text", "")
            if shown.strip():
                log.append({"who": "citizen", "text": shown[:2000]})
            for file in request.FILES.getlist("files")[:MAX_FILES]:
                log.append({"who": "citizen", "text": _("File: {name}").format(name=file.name)})
            replies = post_to_engine(request, key)
        for reply in replies:
            log.append(
                {
                    "who": "bot",
                    "text": reply.text,
                    "code": reply.case_code,
                    "buttons": [
                        {"label": b.label, "value": b.value, "kind": str(b.kind)} for b in reply.quick_replies
                    ],
                }
            )
        request.session[LOG] = log[-MAX_LOG:]
        return redirect("watch:simulator")
    key = simulator_key(request)
    buttons = [entry for entry in log if entry.get("who") == "bot"]
    last_buttons = buttons[-1].get("buttons", []) if buttons else []
    if not log:
        opening = prompt(key)
        last_buttons = [
            {"label": b.label, "value": b.value, "kind": str(b.kind)} for b in choice_buttons(opening)
        ]
    return render(
        request,
        "watch/intake/simulator.html",
        {
            "log": log,
            "buttons": [b for b in last_buttons if b["kind"] == QuickReplyKind.CHOICE],
            "state": current_state(key),
            "max_files": MAX_FILES,
        },
    )
