"""Find personal data in Thai text and replace it with Thai placeholders.

>>> r = redact("ผมชื่อ นายสมชาย ใจดี เลขบัตร 1-1017-00230-70-8 โทร 081-234-5678")
>>> r.text
'ผมชื่อ นาย[ชื่อบุคคล] เลขบัตร [เลขบัตรประชาชน] โทร [เบอร์โทรศัพท์]'
>>> [(f.kind, f.text) for f in r.findings]
[('person_name', 'สมชาย ใจดี'), ('citizen_id', '1-1017-00230-70-8'), ('phone', '081-234-5678')]

A `Redaction` is a proposal: an editor removes a wrong finding (`without`), marks what the
rules missed (`with_finding`), and publishes only the approved `text`. Findings carry offsets
into the original, so a proposal can be stored as `to_dicts()` and rebuilt later with
`Redaction.from_dicts(original, rows)`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sodsong.privacy.names import detect_names
from sodsong.privacy.patterns_common import KINDS, PLACEHOLDERS, PROTECTED, Candidate, Lines, prepare
from sodsong.privacy.patterns_numbers import detect_numbers
from sodsong.privacy.patterns_text import detect_emails, detect_line_ids, detect_plates

__all__ = ["KINDS", "PLACEHOLDERS", "Finding", "Redaction", "apply", "redact"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data: its kind, its offsets in the original text and that text."""

    kind: str
    start: int
    end: int
    text: str
    placeholder: str = field(default="")

    def __post_init__(self) -> None:
        if self.kind not in PLACEHOLDERS:
            raise ValueError(f"unknown finding kind {self.kind!r}; expected one of {', '.join(KINDS)}")
        if not 0 <= self.start < self.end:
            raise ValueError(f"finding {self.kind} has empty or negative span {self.start}..{self.end}")
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"finding {self.kind} at {self.start}..{self.end} has text of length {len(self.text)}"
            )
        if not self.placeholder:
            object.__setattr__(self, "placeholder", PLACEHOLDERS[self.kind])

    def to_dict(self) -> dict[str, Any]:
        """The finding as JSON-ready data (for storing an editor's approved proposal)."""
        return {"kind": self.kind, "start": self.start, "end": self.end, "text": self.text}


def _finding(original: str, kind: str, start: int, end: int) -> Finding:
    if not 0 <= start < end <= len(original):
        raise ValueError(f"span {start}..{end} is outside the text (length {len(original)})")
    return Finding(kind, start, end, original[start:end])


def _ordered(original: str, findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Findings sorted by start, checked to match `original` and not to overlap."""
    ordered = tuple(sorted(findings, key=lambda f: (f.start, f.end)))
    previous: Finding | None = None
    for finding in ordered:
        if original[finding.start : finding.end] != finding.text:
            raise ValueError(
                f"finding {finding.kind} at {finding.start}..{finding.end} does not match the original "
                f"text there"
            )
        if previous is not None and finding.start < previous.end:
            raise ValueError(
                f"finding {finding.kind} at {finding.start}..{finding.end} overlaps "
                f"{previous.kind} at {previous.start}..{previous.end}"
            )
        previous = finding
    return ordered


def apply(original: str, findings: Iterable[Finding]) -> str:
    """The original text with every finding replaced by its placeholder.

    Raises ValueError if a finding does not match the original or two findings overlap.
    """
    parts: list[str] = []
    position = 0
    for finding in _ordered(original, findings):
        parts.append(original[position : finding.start])
        parts.append(finding.placeholder)
        position = finding.end
    parts.append(original[position:])
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Redaction:
    """The redacted text, the findings (ordered by start, never overlapping) and the original."""

    text: str
    findings: tuple[Finding, ...]
    original: str

    @classmethod
    def build(cls, original: str, findings: Iterable[Finding]) -> Redaction:
        """A redaction of `original` with exactly these findings (checked, then applied)."""
        ordered = _ordered(original, findings)
        return cls(apply(original, ordered), ordered, original)

    def without(self, index: int) -> Redaction:
        """This redaction with finding number `index` removed (its text is shown again)."""
        if not -len(self.findings) <= index < len(self.findings):
            raise IndexError(f"no finding {index}: there are {len(self.findings)}")
        kept = list(self.findings)
        del kept[index]
        return Redaction.build(self.original, kept)

    def with_finding(self, kind: str, start: int, end: int) -> Redaction:
        """This redaction plus a finding the editor marked by hand at `start:end` of the original.

        Raises ValueError if the span overlaps an existing finding: remove that one first.
        """
        return Redaction.build(self.original, [*self.findings, _finding(self.original, kind, start, end)])

    def spans(self) -> tuple[tuple[int, int], ...]:
        """Where each finding's placeholder sits in `text`, in the order of `findings`."""
        spans: list[tuple[int, int]] = []
        shift = 0
        for finding in self.findings:
            start = finding.start + shift
            spans.append((start, start + len(finding.placeholder)))
            shift += len(finding.placeholder) - (finding.end - finding.start)
        return tuple(spans)

    def to_dicts(self) -> list[dict[str, Any]]:
        return [finding.to_dict() for finding in self.findings]

    @classmethod
    def from_dicts(cls, original: str, rows: Sequence[Mapping[str, Any]]) -> Redaction:
        """Rebuild a stored proposal; raises ValueError if a row no longer matches the text."""
        findings = []
        for number, row in enumerate(rows):
            try:
                finding = Finding(str(row["kind"]), int(row["start"]), int(row["end"]), str(row["text"]))
            except (KeyError, TypeError) as error:
                raise ValueError(
                    f"finding row {number}: expected kind, start, end and text ({error})"
                ) from None
            findings.append(finding)
        return cls.build(original, findings)


def _resolve(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Keep non-overlapping candidates: protected spans, then the longest, then the most specific."""
    starts: list[int] = []  # sorted starts of the kept spans
    ends: list[int] = []  # their ends, in the same order
    chosen: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (c.priority >= 0, -(c.end - c.start), c.priority, c.start)):
        at = bisect.bisect_left(starts, c.start)
        if (at > 0 and ends[at - 1] > c.start) or (at < len(starts) and starts[at] < c.end):
            continue
        starts.insert(at, c.start)
        ends.insert(at, c.end)
        chosen.append(c)
    return [c for c in chosen if c.kind != PROTECTED]


def _detect(text: str) -> list[Finding]:
    """One pass of every detector over `text`, overlaps resolved."""
    prepared = prepare(text)
    lines = Lines(prepared)
    candidates: list[Candidate] = []
    candidates.extend(detect_emails(prepared))
    candidates.extend(detect_numbers(prepared, lines))
    candidates.extend(detect_line_ids(prepared, lines))
    candidates.extend(detect_plates(prepared))
    candidates.extend(detect_names(prepared))
    return [Finding(c.kind, c.start, c.end, text[c.start : c.end]) for c in _resolve(candidates)]


def _to_original(findings: Sequence[Finding], extra: Iterable[Finding], original: str) -> list[Finding]:
    """Map findings made in the redacted text back to offsets in the original."""
    placed = sorted(findings, key=lambda f: f.start)
    mapped: list[Finding] = []
    for new in extra:
        shift = 0
        for old in placed:
            redacted_start = old.start + shift
            redacted_end = redacted_start + len(old.placeholder)
            if new.start >= redacted_end:
                shift += len(old.placeholder) - (old.end - old.start)
            elif new.end > redacted_start:
                break  # touches a placeholder: masking makes this impossible, skip it
            else:
                mapped.append(_finding(original, new.kind, new.start - shift, new.end - shift))
                break
        else:
            mapped.append(_finding(original, new.kind, new.start - shift, new.end - shift))
    return mapped


def _placeholder_lines(redacted: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The lines of `redacted` that hold a placeholder, as merged (start, end) ranges."""
    ranges: list[tuple[int, int]] = []
    for start, end in spans:
        line_start = redacted.rfind("\n", 0, start) + 1
        line_end = redacted.find("\n", end)
        line_end = len(redacted) if line_end == -1 else line_end
        if ranges and line_start <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], max(ranges[-1][1], line_end))
        else:
            ranges.append((line_start, line_end))
    return ranges


def _uncovered(original: str, findings: list[Finding]) -> list[Finding]:
    """What a replacement uncovered: findings in the redacted text, mapped to the original.

    A placeholder can free a neighbour that a longer finding hid (`…70-8กข 1234 ขอนแก่น`) or
    give a word a clean edge. Every detector reads within one line, so only the lines that hold
    a placeholder are read again.
    """
    current = Redaction.build(original, findings)
    extra: list[Finding] = []
    for start, end in _placeholder_lines(current.text, current.spans()):
        for found in _detect(current.text[start:end]):
            extra.append(Finding(found.kind, found.start + start, found.end + start, found.text))
    return _to_original(current.findings, extra, original)


def redact(text: str) -> Redaction:
    """Detect citizen ids, phones, e-mails, bank accounts, LINE ids, plates and names in `text`.

    What a replacement uncovers is redacted too, so `redact(r.text)` finds nothing new.
    """
    if not isinstance(text, str):
        raise TypeError(f"redact() expects str, got {type(text).__name__}")
    findings = _detect(text)
    for _ in range(4):
        if not findings:
            break
        extra = _uncovered(text, findings)
        if not extra:
            break
        findings = [*findings, *extra]
    return Redaction.build(text, findings)
