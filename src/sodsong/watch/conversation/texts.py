"""Every sentence the intake bot says, as English message ids translated to Thai in the .po file.

Functions, not constants: they are called inside `translation.override(language)`, so one
process answers Thai and English speakers side by side.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from sodsong.watch.conversation.messages import QuickReply, QuickReplyKind
from sodsong.watch.models import Category

__all__ = [
    "CATEGORY_KEYWORDS",
    "category_buttons",
    "category_short",
    "evidence_problem",
    "menu_buttons",
]

# The Thai spec names; short forms fit LINE's 20-character quick-reply labels.
CATEGORY_ORDER = [choice.value for choice in Category]


def category_short(value: str) -> str:
    labels = {
        Category.BRIBERY: _("Bribery"),
        Category.EXTORTION: _("Extortion"),
        Category.BID_RIGGING: _("Bid rigging"),
        Category.EMBEZZLEMENT: _("Embezzlement"),
        Category.ABUSE_OF_POWER: _("Abuse of power"),
        Category.CONFLICT_OF_INTEREST: _("Conflict of interest"),
        Category.FAVOURITISM: _("Favouritism"),
        Category.OTHER: _("Other"),
    }
    return str(labels[Category(value)])


#: Words that pick a category when typed instead of pressed (Thai and English, lower case).
CATEGORY_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("สินบน", Category.BRIBERY),
    ("bribe", Category.BRIBERY),
    ("กรรโชก", Category.EXTORTION),
    ("เรียกรับ", Category.EXTORTION),
    ("เรียกเงิน", Category.EXTORTION),
    ("ขู่", Category.EXTORTION),
    ("extort", Category.EXTORTION),
    ("ฮั้ว", Category.BID_RIGGING),
    ("ประมูล", Category.BID_RIGGING),
    ("จัดซื้อ", Category.BID_RIGGING),
    ("จัดจ้าง", Category.BID_RIGGING),
    ("bid", Category.BID_RIGGING),
    ("procure", Category.BID_RIGGING),
    ("ยักยอก", Category.EMBEZZLEMENT),
    ("เบียดบัง", Category.EMBEZZLEMENT),
    ("embezzl", Category.EMBEZZLEMENT),
    ("อำนาจ", Category.ABUSE_OF_POWER),
    ("abuse", Category.ABUSE_OF_POWER),
    ("ทับซ้อน", Category.CONFLICT_OF_INTEREST),
    ("conflict", Category.CONFLICT_OF_INTEREST),
    ("พรรคพวก", Category.FAVOURITISM),
    ("เล่นพวก", Category.FAVOURITISM),
    ("เส้นสาย", Category.FAVOURITISM),
    ("favour", Category.FAVOURITISM),
    ("favor", Category.FAVOURITISM),
    ("nepot", Category.FAVOURITISM),
    ("อื่น", Category.OTHER),
    ("other", Category.OTHER),
)


def category_buttons() -> tuple[QuickReply, ...]:
    return tuple(QuickReply(category_short(value), f"cat:{value}") for value in CATEGORY_ORDER)


def category_list() -> str:
    return "\n".join(
        f"{number}. {Category(value).label}" for number, value in enumerate(CATEGORY_ORDER, start=1)
    )


def skip_button() -> QuickReply:
    return QuickReply(_("Skip"), "cmd:skip")


def menu_buttons() -> tuple[QuickReply, ...]:
    return (
        QuickReply(_("Report"), "cmd:report"),
        QuickReply(_("Track my report"), "cmd:track"),
        QuickReply(_("Help"), "cmd:help"),
    )


def greeting() -> str:
    return _(
        "Hello, this is Sodsong. You can report suspected corruption here, safely. "
        "We will ask a few questions; press Skip for any you cannot answer."
    )


def pdpa_notice() -> str:
    return _(
        "Privacy: we keep your report and files encrypted and use them only to check the facts and "
        "follow up on them. We store your LINE account only as a code, never your name. We publish "
        "a summary only if you allow it, with names and personal details removed. You can withdraw "
        "your report at any time by typing 'Cancel'."
    )


def help_text() -> str:
    return _(
        "How to use: answer each question, or press Skip when you do not know. At any time you can "
        "type: 'Report' to start a new report, 'Track' to see the status of your reports (or type "
        "your case code), 'Cancel' to withdraw, 'Start over' to begin again."
    )


def safety_text() -> str:
    return _(
        "Your safety first: do not confront anyone or take photos where it is risky. If others use "
        "your phone, delete this chat after reporting; your case code is enough to follow it. In an "
        "emergency call 191."
    )


def confidentiality(channel: str) -> str:
    if channel == "web":
        return _(
            "Your report is confidential. We do not know who you are unless you left contact details; "
            "keep the case code safe, it is the only way to follow your report."
        )
    return _(
        "A report made on LINE is confidential but not anonymous to us: we can link it to your LINE "
        "account (stored only as a code) to send you updates. We never reveal who you are without "
        "your consent."
    )


def evidence_problem(code: str) -> str:
    messages = {
        "empty": _("the file is empty"),
        "too_large": _("the file is too large"),
        "unknown_type": _("we can only keep photos, PDF, office documents, audio and video"),
        "damaged": _("the picture seems damaged and cannot be opened"),
    }
    return str(messages.get(code, _("the file could not be kept")))


def format_code(code: str) -> str:
    """`ACDE FGHJ`: easier to read aloud; every channel accepts it with or without the space."""
    return f"{code[:4]} {code[4:]}" if re.fullmatch(r"[0-9A-Z]{8}", code) else code


def date_button() -> QuickReply:
    return QuickReply(_("Pick a date"), "when:pick", QuickReplyKind.DATE)
