"""Person names after a title or a position, found by rules and PyThaiNLP's bundled name lists.

PyThaiNLP's NER needs downloaded models, so it cannot run on an offline server. Instead:

- a *title* (`นาย`, `น.ส.`, `พ.ต.อ.`, `ดร.` …) is always followed by a name. Where the name ends
  is read from the name lists (`thai_male_names`, `thai_female_names`, `thai_family_names`, all
  shipped inside the pythainlp wheel), else at the first space or at the first word that cannot
  be part of a name (`นายสมชายรับเงิน` -> `สมชาย`);
- a *position* (`ผอ.`, `ปลัด`, `กำนัน` …) or a loose word (`คุณ`, `ชื่อ`) is followed by a name
  only if the lists know that first name, so `ผู้อำนวยการโรงเรียนบ้านหนองบัว` and `คุณภาพ` stay;
- a surname is the next word when the lists know it, or (after a title) the next spaced word
  unless it is a word that ends a name.

The title itself is kept (`นาย[ชื่อบุคคล]`): it says nothing about who the person is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from sodsong.privacy.names_data import (
    BLOCKERS,
    LATIN_TITLES,
    LEFT_COMPOUNDS,
    LOOSE,
    ORGANISATIONS,
    POSITIONS,
    STOP_WORDS,
    TITLES,
)
from sodsong.privacy.patterns_common import THAI_LETTER, Candidate, can_break, is_thai_letter, trie_pattern

__all__ = ["PRIORITY", "detect_names"]

PRIORITY = 8

LOOSE_KIND, POSITION, TITLE, BLOCKER = 0, 1, 2, -1
_MAX_NAME = 24  # characters; the longest names in the lists are 20
# A Thai run is read at most this far: no name is longer, and long runs would cost O(n²).
_THAI_RUN = re.compile(f"[{THAI_LETTER}]{{1,64}}")
_SPACES = re.compile(r"[ \u00a0\u200b]{1,3}")
_NOT_SPACE = re.compile(r"[^\s\u200b]+")
_LATIN_NAME = re.compile(r"[A-Z][a-zA-Z'\-]+(?:[ \u00a0][A-Z][a-zA-Z'\-]+)?")
# Starts with a literal (no look-behind) so the scan over Thai text is fast; the word boundary
# on the left is checked in `_latin`.
_LATIN_TITLE = re.compile("(?:" + trie_pattern(LATIN_TITLES) + r")[ \u00a0]?(?=[A-Z])")


@dataclass(frozen=True, slots=True)
class _Prefix:
    text: str
    strength: int
    dotted: bool
    needs_left_boundary: bool


class _Words:
    """A word set answering "which longest word of the set starts here?".

    It walks forward one character at a time while the text read so far begins some word, so a
    lookup costs a few set probes whatever the size of the set.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        self.starts = frozenset(w[:k] for w in self.words for k in range(1, len(w) + 1))

    def longest_at(self, text: str, i: int, limit: int) -> int | None:
        """End of the longest word starting at `i`, ending by `limit` where a word may end."""
        best = None
        for end in range(i + 1, min(limit, len(text)) + 1):
            piece = text[i:end]
            if piece not in self.starts:
                break
            if piece in self.words and can_break(text, end):
                best = end
        return best


@dataclass(frozen=True)
class _Lexicon:
    prefixes: dict[str, list[_Prefix]]
    prefix_starts: frozenset[str]
    left_compounds: dict[str, tuple[tuple[str, int], ...]]
    prefix_re: re.Pattern[str]
    first: _Words
    first_set: frozenset[str]
    family: _Words
    stop: _Words
    stop_set: frozenset[str]
    stop_long: _Words
    organisations: _Words
    chain: _Words


# One letter and a dot also ends other abbreviations (`พ.ศ.`, `สกศ.`): these need a clean left.
_NEEDS_LEFT_BOUNDARY = frozenset({"ศ.", "อ."})


def _prefix(text: str, strength: int) -> _Prefix:
    return _Prefix(text, strength, "." in text, needs_left_boundary=text in _NEEDS_LEFT_BOUNDARY)


@cache
def _lexicon() -> _Lexicon:
    from pythainlp.corpus import thai_family_names, thai_female_names, thai_male_names

    entries = (
        [_prefix(t, TITLE) for t in TITLES if t != "หญิง"]
        + [_prefix(p, POSITION) for p in POSITIONS]
        + [_prefix(w, LOOSE_KIND) for w in LOOSE]
        + [_prefix(b, BLOCKER) for b in BLOCKERS]
    )
    prefixes: dict[str, list[_Prefix]] = {}
    for entry in entries:
        prefixes.setdefault(entry.text, []).append(entry)
    left_compounds: dict[str, tuple[tuple[str, int], ...]] = {
        text: tuple((w, o) for w, o in LEFT_COMPOUNDS if o and w[o:].startswith(text)) for text in prefixes
    }
    prefix_re = re.compile(trie_pattern({e.text for e in entries}))
    ends = set(STOP_WORDS) | set(POSITIONS) | set(ORGANISATIONS) | set(TITLES) | set(LOOSE)
    first_names = {n for n in thai_male_names() | thai_female_names() if len(n) >= 2 and " " not in n}
    family_names = {n for n in thai_family_names() if n not in ends and len(n) >= 2}
    return _Lexicon(
        prefixes=prefixes,
        prefix_starts=frozenset(t[:k] for t in prefixes for k in range(1, len(t) + 1)),
        left_compounds={t: c for t, c in left_compounds.items() if c},
        prefix_re=prefix_re,
        first=_Words(first_names),
        first_set=frozenset(first_names),
        family=_Words(family_names),
        stop=_Words(ends),
        stop_set=frozenset(ends),
        stop_long=_Words(w for w in ends if len(w) >= 3),
        organisations=_Words(ORGANISATIONS),
        chain=_Words([t for t in TITLES if "." in t or t == "หญิง" or len(t) > 3]),
    )


def _thai_end(text: str, i: int) -> int:
    m = _THAI_RUN.match(text, i)
    return m.end() if m else i


def _skip_spaces(text: str, i: int) -> int:
    m = _SPACES.match(text, i)
    return m.end() if m else i


def _cut(lex: _Lexicon, text: str, start: int, end: int) -> int:
    """Where a name that starts at `start` ends inside the Thai run up to `end`.

    Inside a word only stop words of three letters or more end it: `มา` ends `สมชายมาหา` when
    it comes right after the name, but not `ทองมา`.
    """
    for p in range(start + 2, end):
        if can_break(text, p) and lex.stop_long.longest_at(text, p, end):
            return p
    return end


def _first_name(lex: _Lexicon, text: str, j: int, strength: int) -> tuple[int, bool] | None:
    """End of the first name at `j` and whether the lists know it."""
    run_end = _thai_end(text, j)
    if run_end - j < 2:
        return None
    listed = lex.first.longest_at(text, j, min(run_end, j + _MAX_NAME))
    if listed is not None:
        word = text[j:listed]
        free = listed == run_end  # followed by a space, punctuation or the end
        ends_well = (
            free or lex.stop.longest_at(text, listed, run_end) or lex.family.longest_at(text, listed, run_end)
        )
        if word in lex.stop_set:
            # `นายประกาศ ใจดี` is a man called Prakat; `ปลัดประชุม` is not a name.
            if strength == TITLE and free:
                return listed, True
        elif strength == TITLE or (ends_well and len(word) >= 3):
            return listed, True
    if strength != TITLE or lex.stop.longest_at(text, j, run_end):
        return None
    end = _cut(lex, text, j, min(run_end, j + _MAX_NAME))
    return (end, False) if end - j >= 2 else None


def _surname(lex: _Lexicon, text: str, k: int, strength: int, listed: bool) -> int:
    """End of the name once a surname (if any) that starts at or after `k` is taken in.

    A surname the lists know is always taken; another word is taken after a title, or after a
    first name the lists know, unless it is a word that ends a name (`รับ`, `ผู้`, `อายุ` …).
    """
    guess = strength == TITLE or listed
    glued = k < len(text) and is_thai_letter(text[k])
    t = k if glued else _skip_spaces(text, k)
    if (not glued and t == k) or t >= len(text) or not is_thai_letter(text[t]):
        return k
    run_end = _thai_end(text, t)
    end = lex.family.longest_at(text, t, min(len(text), t + 2 * _MAX_NAME))
    stop = lex.stop.longest_at(text, t, run_end)
    if stop is not None and (end is None or stop >= end):
        return k  # `เป็น`, `รับเงิน`; but `มีสุข` is a surname, not `มี` + `สุข`
    if end is None:
        if not guess or (glued and strength != TITLE):
            return k
        end = t
    if end < run_end and guess and not lex.stop.longest_at(text, end, run_end):
        end = _cut(lex, text, max(t, end - 2), min(run_end, t + _MAX_NAME))
    if end - t < 2:
        return k
    return _noble(text, end)


_NOBLE = re.compile(
    r"[ \u00a0]?ณ[ \u00a0]?(?:อยุธยา|ถลาง|สงขลา|นคร|น่าน|ลำพูน|เชียงใหม่|อุบล|ราชสีมา|กาฬสินธุ์|ภาลัย|"
    r"ศักดิ์|โกศิลป์|ป้อมเพชร|บางช้าง|พัทลุง|ระนอง|ตะกั่วทุ่ง|มหาชัย)(?![\u0e01-\u0e4e])"
)


def _noble(text: str, end: int) -> int:
    """Take in a noble surname's `ณ อยุธยา` part."""
    m = _NOBLE.match(text, end)
    return m.end() if m else end


def _blocked(lex: _Lexicon, text: str, pos: int, prefix: _Prefix) -> bool:
    """Whether this occurrence is inside a longer word (`ทนายความ`) or a wrong abbreviation."""
    before = text[pos - 1] if pos else ""
    if prefix.dotted and before == ".":
        return True
    if prefix.needs_left_boundary and before and (is_thai_letter(before) or before.isalnum()):
        return True
    if not prefix.text.endswith(".") and not can_break(text, pos + len(prefix.text)):
        return True
    if not can_break(text, pos):
        return True
    compounds = lex.left_compounds.get(prefix.text, ())
    return any(pos >= offset and text.startswith(word, pos - offset) for word, offset in compounds)


def _parse(
    lex: _Lexicon, text: str, pos: int, prefix: _Prefix, blocked_fallback: bool
) -> tuple[int, int, bool] | None:
    """`(start, end, listed)` of the name after `prefix` at `pos`."""
    strength = prefix.strength
    i = pos + len(prefix.text)
    j = _skip_spaces(text, i)
    # Ranks and titles chain: `พ.ต.อ.หญิง ดร.สมศรี`, `ปลัดอำเภอ นายสมชาย`.
    while (chained := lex.chain.longest_at(text, j, len(text))) is not None:
        strength, j = TITLE, _skip_spaces(text, chained)
        blocked_fallback = False
    if j >= len(text):
        return None
    if strength == TITLE and (latin := _LATIN_NAME.match(text, j)):
        return j, latin.end(), True
    if not is_thai_letter(text[j]):
        return None
    if strength != TITLE and lex.organisations.longest_at(text, j, len(text)):
        return _after_organisation(lex, text, j) if strength == POSITION else None
    effective = strength if not (blocked_fallback and strength == TITLE) else POSITION
    first = _first_name(lex, text, j, effective)
    if first is None:
        return None
    k, listed = first
    if not listed and effective != TITLE:
        return None
    return j, _surname(lex, text, k, effective, listed), listed


def _after_organisation(lex: _Lexicon, text: str, j: int) -> tuple[int, int, bool] | None:
    """`นายก อบต.หนองบัว สมชาย ใจดี`: a name the lists know, written after the place."""
    place = _NOT_SPACE.match(text, j)
    t = _skip_spaces(text, place.end() if place else j)
    if t >= len(text) or not is_thai_letter(text[t]) or t == j:
        return None
    run_end = _thai_end(text, t)
    listed = lex.first.longest_at(text, t, run_end)
    if listed != run_end or text[t:listed] in lex.stop_set:
        return None
    return t, _surname(lex, text, listed, POSITION, True), True


def _at(lex: _Lexicon, text: str, pos: int) -> tuple[int, int, bool] | None:
    """The best name a prefix starting at `pos` introduces."""
    options: list[_Prefix] = []
    for end in range(pos + 1, len(text) + 1):
        piece = text[pos:end]
        if piece not in lex.prefix_starts:
            break
        options[:0] = [p for p in lex.prefixes.get(piece, ()) if not _blocked(lex, text, pos, p)]
    if not options:
        return None
    longest = options[0]
    blockers = [p for p in options if p.strength == BLOCKER]
    best: tuple[int, int, bool] | None = None
    for prefix in options:
        if prefix.strength == BLOCKER:
            continue
        # A longer word at the same place (`นายจ้าง`, `นายก`) means the short title is only a
        # title if the lists know the name after it.
        shadowed = prefix is not longest and len(longest.text) > len(prefix.text)
        if prefix.strength == LOOSE_KIND and blockers:
            continue
        parsed = _parse(lex, text, pos, prefix, blocked_fallback=shadowed or bool(blockers))
        if parsed is None:
            continue
        # Only a title may start a name inside the longer word (`นาย|กมล` against `นายก`);
        # `นายช่าง|โยธา` is the position `นายช่างโยธา`, not a man called Yotha.
        if shadowed and prefix.strength != TITLE and parsed[0] < pos + len(longest.text):
            continue
        if best is None or (parsed[2], parsed[1] - parsed[0]) > (best[2], best[1] - best[0]):
            best = parsed
    return best


def _latin(text: str) -> Iterator[Candidate]:
    for m in _LATIN_TITLE.finditer(text):
        if m.start() and text[m.start() - 1].isascii() and text[m.start() - 1].isalpha():
            continue
        name = _LATIN_NAME.match(text, m.end())
        if name:
            yield Candidate("person_name", name.start(), name.end(), PRIORITY)


def detect_names(text: str) -> list[Candidate]:
    """Names after Thai and Latin titles, positions and `คุณ` in prepared text."""
    lex = _lexicon()
    found = list(_latin(text))
    pos = 0
    while (m := lex.prefix_re.search(text, pos)) is not None:
        start = m.start()
        parsed = _at(lex, text, start)
        if parsed is not None and parsed[1] > parsed[0]:
            found.append(Candidate("person_name", parsed[0], parsed[1], PRIORITY))
            pos = max(start + 1, parsed[0])
        else:
            pos = start + 1
    return found
