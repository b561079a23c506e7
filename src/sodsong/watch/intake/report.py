"""`/report/`: the intake conversation as a step-by-step form, one question per page.

For people without LINE (the higher-risk path): no account, no JavaScript needed. The citizen
is a random token in the session, so the same engine and the same case codes serve the form.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from sodsong.watch.conversation import texts
from sodsong.watch.conversation.engine import current_state, prompt
from sodsong.watch.conversation.messages import ConversationKey
from sodsong.watch.conversation.steps import STEPS
from sodsong.watch.intake.common import (
    MAX_FILES,
    choice_buttons,
    language_of,
    post_to_engine,
    replies_from_session,
    replies_to_session,
    session_token,
)

TOKEN = "watch_intake_token"
FLASH = "watch_intake_replies"
DONE = "watch_intake_done"
TRACK = "watch_track_code"

# The input each step needs besides its buttons.
_WIDGETS = {
    "agency": "line",
    "location": "line",
    "what": "area",
    "when": "date",
    "amount": "line",
    "egp": "line",
    "evidence": "files",
    "contact": "line",
}


def _key(request: HttpRequest) -> ConversationKey:
    return ConversationKey("web", session_token(request, TOKEN), language_of(request))


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    key = _key(request)
    if request.method == "POST":
        replies = post_to_engine(request, key)
        codes = [reply.case_code for reply in replies if reply.case_code]
        if codes:
            request.session[DONE] = codes[-1]
            request.session[TRACK] = codes[-1]
            return redirect("watch:report_done")
        replies_to_session(request, FLASH, replies)
        return redirect("watch:report")
    replies = replies_from_session(request, FLASH)
    state = current_state(key)
    if not replies and state == "idle":
        return render(request, "watch/intake/report_start.html", {"notice": texts.pdpa_notice()})
    if not replies:
        replies = prompt(key)
    step = STEPS.index(state) + 1 if state in STEPS else 0
    return render(
        request,
        "watch/intake/report_step.html",
        {
            "replies": replies,
            "buttons": choice_buttons(replies),
            "widget": _WIDGETS.get(state, ""),
            "state": state,
            "step": step,
            "steps": len(STEPS),
            "max_files": MAX_FILES,
        },
    )


def report_done(request: HttpRequest) -> HttpResponse:
    code = request.session.get(DONE)
    if not isinstance(code, str):
        return redirect("watch:report")
    return render(
        request,
        "watch/intake/report_done.html",
        {"code": code, "spaced": texts.format_code(code), "confidential": texts.confidentiality("web")},
    )
