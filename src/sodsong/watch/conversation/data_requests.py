"""A reporter asks, in the chat, for a copy or the deletion of what we hold about them (PDPA).

`ขอสำเนาข้อมูล <case code>` / `ลบข้อมูลของฉัน <case code>` (English: `my data <code>`,
`delete my data <code>`). On LINE the proof is the chat itself: the case must belong to this LINE
user (the keyed hash). The request is recorded for the custodians, who carry it out; the web
channel offers the same on the track page with a one-time code.
"""

from __future__ import annotations

import re

from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from sodsong.watch.conversation.messages import ConversationKey, Inbound, InboundKind, Reply
from sodsong.watch.conversation.parsing import clean_text
from sodsong.watch.models import Channel

__all__ = ["data_request_reply"]

_PATTERNS = (
    (re.compile(r"^(?:ขอสำเนาข้อมูล(?:ของฉัน)?|my data|export my data)\s+(?P<code>.+)$", re.I), "export"),
    (re.compile(r"^(?:ลบข้อมูล(?:ของฉัน)?|delete my data)\s+(?P<code>.+)$", re.I), "delete"),
)


def data_request_reply(key: ConversationKey, inbound: Inbound) -> Reply | None:
    """The answer to a data request, or None when the message is not one."""
    if inbound.kind != InboundKind.TEXT:
        return None
    text = clean_text(inbound.text)
    for pattern, kind in _PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        if key.channel != Channel.LINE:
            return Reply(_("To ask for your data, open the track page with your case code on our website."))
        open_request = import_string("sodsong.watch.casework.subject_requests.open_request")
        not_verified = import_string("sodsong.watch.casework.subject_requests.NotVerified")
        try:
            open_request(match.group("code"), kind, line_user_hash=key.user_key)
        except not_verified as exc:
            return Reply(str(exc))
        if kind == "export":
            return Reply(
                _("We have recorded your request for a copy of your data. Our team will reply here.")
            )
        return Reply(
            _(
                "We have recorded your request to delete your data. Our team will confirm here; "
                "the redacted public summary, if any, stays."
            )
        )
    return None
