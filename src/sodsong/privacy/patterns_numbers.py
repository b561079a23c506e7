"""Numbers that identify a person: citizen ids, Thai phone numbers, bank account numbers.

A report writes numbers in many ways (`1-1017-00230-70-8`, `081 234 5678`, `๐๘๑.๒๓๔.๕๖๗๘`,
`+66 81 234 5678`, `123-4-56789-0`). We find *runs*: digit groups joined by a space, a dash or a
dot. Inside a run, any consecutive groups may form one number, so two numbers written one after
the other are still told apart. Citizen ids are taken first (a checksum decides), juristic ids of
companies (13 digits starting with 0) and e-GP project numbers (11 digits) are protected: no
detector may take any part of them. What is left is split into phones and
bank accounts. Dates, amounts and short counts are never taken: no rule matches them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import phonenumbers

from sodsong.privacy.patterns_common import PROTECTED, Candidate, Lines, trie_pattern
from sodsong.thai.ids import is_valid_citizen_id, is_valid_juristic_id

__all__ = ["PRIORITY", "detect_numbers"]

PRIORITY = {PROTECTED: -1, "citizen_id": 1, "bank_shape": 3, "phone": 4, "bank_context": 5}

_SPACE = "[ \\t\\u00a0\\u200b]"
_SEP = f"(?:\\)?{_SPACE}{{0,2}}[-\u2010\u2011\u2013.]{_SPACE}{{0,2}}|\\)?{_SPACE}{{1,2}}|\\))"
_RUN = re.compile(f"\\d+(?:{_SEP}\\d+)*")
_GROUP = re.compile(r"\d+")
# A whole run that is a date or a time is left alone (10-03-2564, 10.03.64, 10.30).
_DATE_OR_TIME = re.compile(r"\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|\d{1,2}[.:]\d{2}")
_AMOUNT_AFTER = re.compile(r"[ \t\u00a0]{0,2}(?:บาท|บ\.|ล้าน|แสน|หมื่น|พัน|฿|%|เปอร์เซ็นต์)")
# Words after which a number is a document's number (e-GP contract and project numbers have 11
# and 12 digits, like accounts); a citizen id there is still an id.
_DOCUMENT_NUMBER = re.compile(
    r"(?:เลขคุมสัญญา|เลขที่สัญญา|สัญญาเลขที่|เลขที่โครงการ|โครงการเลขที่|เลขโครงการ|รหัสโครงการ|เลขที่ประกาศ|"
    r"ประกาศเลขที่|เลขที่หนังสือ|หนังสือเลขที่|ใบสั่งซื้อเลขที่|เลขที่ใบสั่งซื้อ|ใบสั่งจ้างเลขที่|เลขที่ใบสั่งจ้าง|"
    r"[Ee]-?GP)[ \t\u00a0]{0,3}[:：]?[ \t\u00a0]{0,3}$"
)
_PLUS_BEFORE = re.compile(r"\+[ \t\u00a0]?$")
_AMOUNT_BEFORE = re.compile(r"(?:฿|THB|USD)[ \t\u00a0]{0,2}$", re.IGNORECASE)
_MOBILE = re.compile(r"0[689]\d{8}")
_LANDLINE = re.compile(r"0[2-7]\d{7}")
# Groupings people use for phone numbers: when one of these is written, it is a phone even
# in a line that talks about a bank.
_PHONE_SHAPES = {(3, 3, 4), (2, 3, 4), (3, 7), (2, 4, 4), (1, 4, 5), (2, 3, 3), (3, 3, 3), (1, 4, 4)}
_BANK_SHAPES = {(3, 1, 5, 1)}

# Words that say what a number on their line is. Thai words are matched with a trie pattern and
# Latin ones behind a first-letter check: a flat, case-insensitive alternation over Thai text
# costs ten times more.
_BANK_WORDS = (
    "เลขที่บัญชี", "เลขบัญชี", "บัญชี", "บช.", "ธนาคาร", "ธ.ก.ส.", "ธกส", "กสิกร",
    "ไทยพาณิชย์", "กรุงไทย", "ธ.กรุงเทพ", "กรุงเทพ", "บัวหลวง", "กรุงศรี", "ออมสิน", "ทหารไทย",
    "ทีทีบี", "ธนชาต", "ยูโอบี", "ซีไอเอ็มบี", "เกียรตินาคิน", "ทิสโก้", "อาคารสงเคราะห์",
    "ธอส", "อิสลาม", "โอนเงิน", "โอนเข้า",
)  # fmt: skip
_PHONE_WORDS = ("โทรศัพท์", "โทร", "เบอร์", "มือถือ", "ติดต่อ", "โทรสาร", "แฟกซ์")
_KEYWORD_KINDS: dict[str, str] = {
    **dict.fromkeys(_BANK_WORDS, "bank"),
    "พร้อมเพย์": "promptpay",
    **dict.fromkeys(_PHONE_WORDS, "phone"),
}
_KEYWORDS_THAI = re.compile(f"(?:{trie_pattern(_KEYWORD_KINDS)})(?!มหานคร|ฯ)")  # กรุงเทพมหานคร is a city
_LATIN_LETTER = re.compile("[A-Za-z]")
_KEYWORDS_LATIN = re.compile(
    r"(?=[tskbgapmf])\b(?:(?P<bank>ttb|scb|kbank|ktb|bbl|gsb|baac|account|acc)"
    r"|(?P<promptpay>promptpay|prompt pay)|(?P<phone>tel|mobile|phone|fax))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Keyword:
    start: int
    kind: str  # bank, promptpay or phone


class _Context:
    """Keywords per line, to tell a bank account from a phone number written the same way.

    Read only when a number needs it: most runs are short counts and years.
    """

    def __init__(self, text: str, lines: Lines) -> None:
        self._text = text
        self._lines = lines
        self._cache: dict[int, list[_Keyword]] | None = None

    @property
    def _by_line(self) -> dict[int, list[_Keyword]]:
        if self._cache is None:
            self._cache = {}
            found = [(m.start(), _KEYWORD_KINDS[m.group()]) for m in _KEYWORDS_THAI.finditer(self._text)]
            if _LATIN_LETTER.search(self._text):
                found += [(m.start(), m.lastgroup or "phone") for m in _KEYWORDS_LATIN.finditer(self._text)]
            for start, kind in sorted(found):
                self._cache.setdefault(self._lines.index(start), []).append(_Keyword(start, kind))
        return self._cache

    def has_bank(self, offset: int) -> bool:
        return any(k.kind != "phone" for k in self._by_line.get(self._lines.index(offset), ()))

    def has_promptpay(self, offset: int) -> bool:
        """PromptPay ids are phone numbers (or citizen ids): a mobile number there is a phone."""
        return any(k.kind == "promptpay" for k in self._by_line.get(self._lines.index(offset), ()))

    def nearest(self, start: int) -> str | None:
        """The kind of the keyword written closest before `start` on its line (else after)."""
        keywords = self._by_line.get(self._lines.index(start), [])
        before = [k for k in keywords if k.start < start]
        if before:
            return before[-1].kind
        return keywords[0].kind if keywords else None


def _national_phone(digits: str, international: bool) -> str | None:
    """The number as dialled inside Thailand (`0812345678`) if it is a plausible Thai phone."""
    if international:
        if not digits.startswith("66"):
            return None
        rest = digits[2:]
        national = rest if rest.startswith("0") else "0" + rest
    else:
        national = digits
    if not (_MOBILE.fullmatch(national) or _LANDLINE.fullmatch(national)):
        return None
    try:
        parsed = phonenumbers.parse(national, "TH")
    except phonenumbers.NumberParseException:
        return None
    return national if phonenumbers.is_valid_number(parsed) else None


class _Run:
    """One run of digit groups with the helpers the classifiers need."""

    def __init__(self, text: str, groups: list[tuple[int, int]]) -> None:
        self.text = text
        self.groups = groups
        self.lengths = tuple(e - s for s, e in groups)
        self.all_digits = "".join(text[s:e] for s, e in groups)
        self.offsets = [0]  # digits before group k
        for length in self.lengths:
            self.offsets.append(self.offsets[-1] + length)

    def digits(self, i: int, j: int) -> str:
        return self.all_digits[self.offsets[i] : self.offsets[j + 1]]

    def shape(self, i: int, j: int) -> tuple[int, ...]:
        return self.lengths[i : j + 1]

    def international(self, i: int, j: int | None = None) -> bool:
        """Written with the country code: `+66…`, or `66 81 234 5678` (66 as a group of its own)."""
        start, end = self.groups[i]
        if _PLUS_BEFORE.search(self.text, max(0, start - 2), start):
            return True
        # Without the `+`, `66` must be followed by the number without its 0 (`ปี 66 081…` is a year).
        return (
            j is not None
            and j > i
            and self.text[start:end] == "66"
            and self.text[self.groups[i + 1][0]] != "0"
        )

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Offsets of groups i..j, taking in a `+` before and an area code's opening bracket."""
        start, end = self.groups[i][0], self.groups[j][1]
        if self.international(i):
            start = self.text.rindex("+", 0, start)
        if i < j and self.text[start - 1 : start] == "(" and self.text[self.groups[i][1]] == ")":
            start -= 1
        return start, end

    def amount_like(self, i: int, j: int) -> bool:
        start, end = self.groups[i][0], self.groups[j][1]
        return bool(
            _AMOUNT_AFTER.match(self.text, end) or _AMOUNT_BEFORE.search(self.text[max(0, start - 5) : start])
        )


def _runs(text: str) -> Iterator[_Run]:
    for match in _RUN.finditer(text):
        # Fewer than 9 characters cannot hold 9 digits, the shortest number we look for.
        if match.end() - match.start() < 9 or _DATE_OR_TIME.fullmatch(match.group()):
            continue
        groups = [
            (m.start() + match.start(), m.end() + match.start()) for m in _GROUP.finditer(match.group())
        ]
        yield _Run(text, groups)


def _windows(run: _Run, first: int, last: int, digits: int) -> Iterator[tuple[int, int]]:
    """Every group range i..j inside first..last whose digits add up to `digits`."""
    for i in range(first, last + 1):
        total = 0
        for j in range(i, last + 1):
            total += run.groups[j][1] - run.groups[j][0]
            if total == digits:
                yield i, j
            if total >= digits:
                break


def _checksum_ok(digits: str) -> bool:
    """The mod-11 check digit of citizen and juristic ids: a quick filter before the toolkit's check."""
    total = sum((13 - i) * int(d) for i, d in enumerate(digits[:12])) % 11
    return (11 - total) % 10 == int(digits[12])


def _is_citizen_id(digits: str) -> bool:
    return digits[0] != "0" and _checksum_ok(digits) and is_valid_citizen_id(digits)


def _is_juristic_id(digits: str) -> bool:
    # A personal id never starts with 0; a juristic id always does.
    return digits[0] == "0" and _checksum_ok(digits) and is_valid_juristic_id(digits)


def _separator(run: _Run, k: int) -> str:
    """The separator between groups k and k+1 without its spaces: '', '-', '.' or ')'."""
    between = run.text[run.groups[k][1] : run.groups[k + 1][0]]
    return between.strip(" \t\u00a0\u200b")[:1]


def _window_rank(run: _Run, i: int, j: int) -> int:
    """How much a 13-digit window looks like one written number (lower is likelier).

    `เลขที่ 123 1-1017-00230-70-8` holds the windows `123 1-1017-00230` and `1-1017-00230-70-8`;
    the one written as one id (the usual 1-4-5-2-1 grouping, or one separator throughout) is
    tried first, so a number next to an id cannot take the id's digits.
    """
    if i == j or run.shape(i, j) == (1, 4, 5, 2, 1):
        return 0
    return 1 if len({_separator(run, k) for k in range(i, j)}) == 1 else 2


def _ids(run: _Run) -> tuple[list[Candidate], list[bool]]:
    """Citizen ids (reported) and juristic ids (protected), 13 digits over whole groups."""
    taken = [False] * len(run.groups)
    found: list[Candidate] = []
    windows = [w for w in _windows(run, 0, len(run.groups) - 1, 13) if _checksum_ok(run.digits(*w))]
    windows.sort(key=lambda w: (_window_rank(run, *w), w))
    for check, report in ((_is_citizen_id, True), (_is_juristic_id, False)):
        for i, j in windows:
            if any(taken[i : j + 1]) or not check(run.digits(i, j)):
                continue
            taken[i : j + 1] = [True] * (j - i + 1)
            start, end = run.groups[i][0], run.groups[j][1]
            if report:
                found.append(Candidate("citizen_id", start, end, PRIORITY["citizen_id"]))
            else:
                found.append(Candidate(PROTECTED, start, end, PRIORITY[PROTECTED]))
    for k, (start, end) in enumerate(run.groups):
        if end - start == 11 and not taken[k] and not run.international(k):
            found.append(Candidate(PROTECTED, start, end, PRIORITY[PROTECTED]))  # e-GP project number
    return found, taken


def _classify(run: _Run, i: int, j: int, context: _Context) -> tuple[str, int] | None:
    """`(kind, priority)` for groups i..j read as one number, or None."""
    digits = run.digits(i, j)
    if len(digits) not in (9, 10, 11, 12):
        return None
    start = run.groups[i][0]
    international = run.international(i, j)
    # Cheap refusals first: a run of plain numbers is read up to 12 x its length.
    possible = digits[0] == "0" or international or (len(digits) in (10, 12) and context.has_bank(start))
    if not possible and (j - i != 3 or len(digits) != 10):  # 4 groups of 10 may be 123-4-56789-0
        return None
    shape = run.shape(i, j)
    # An 11-digit group is an e-GP project number unless a `+` makes it `+66812345678`.
    if (11 in shape and not international) or 13 in shape or run.amount_like(i, j):
        return None
    if shape in _BANK_SHAPES:
        return "bank_account", PRIORITY["bank_shape"]
    phone = _national_phone(digits, international)
    bank_context = len(digits) in (10, 12) and not international and context.has_bank(start)
    if (
        phone
        and bank_context
        and shape not in _PHONE_SHAPES
        and context.nearest(start) == "bank"
        and not context.has_promptpay(start)
    ):
        return "bank_account", PRIORITY["bank_context"]
    if phone:
        return "phone", PRIORITY["phone"]
    if bank_context:
        return "bank_account", PRIORITY["bank_context"]
    return None


def _segment(run: _Run, taken: list[bool], context: _Context) -> Iterator[Candidate]:
    """Phones and bank accounts, left to right, longest first, in groups no id has taken."""
    n = len(run.groups)
    i = 0
    while i < n:
        if taken[i]:
            i += 1
            continue
        best: tuple[int, str, int] | None = None
        total = 0
        for j in range(i, n):
            if taken[j]:
                break
            total += run.groups[j][1] - run.groups[j][0]
            if total > 12:
                break
            if total < 9:
                continue  # the shortest phone has 9 digits
            classified = _classify(run, i, j, context)
            if classified and (best is None or classified[1] <= best[2]):
                best = (j, classified[0], classified[1])
        if best is None:
            i += 1
            continue
        j, kind, priority = best
        start, end = run.span(i, j)
        yield Candidate(kind, start, end, priority)
        i = j + 1


def detect_numbers(text: str, lines: Lines) -> list[Candidate]:
    """Citizen ids, phones and bank accounts in prepared text."""
    context = _Context(text, lines)
    found: list[Candidate] = []
    for run in _runs(text):
        ids, taken = _ids(run)
        found.extend(ids)
        start = run.groups[0][0]
        if _DOCUMENT_NUMBER.search(text, max(0, start - 40), start):
            continue  # `เลขคุมสัญญา 661122334455` is a contract, not an account
        found.extend(_segment(run, taken, context))
    return found
