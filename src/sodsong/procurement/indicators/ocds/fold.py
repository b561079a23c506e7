"""The loop over one range of lines: decode each release, apply the global exclusions, fold.

Its own module so that mypyc compiles it with the indicators (see `compiled`).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator

import msgspec

from sodsong.procurement.indicators.ocds.base import Accumulator, OcdsIndicator
from sodsong.procurement.indicators.ocds.common import Facts, is_cancelled, matches_method_details
from sodsong.procurement.indicators.ocds.release import TYPED, LineError, Release, decode_line

__all__ = ["Problem", "fold_blocks", "fold_loop"]

Problem = tuple[int, str, bool]  # (1-based line, reason, I/O error)
_NONE: frozenset[str] = frozenset()
_PIECE = 1 << 16  # bytes of a block checked for UTF-8 at a time


def fold_loop(
    lines: Iterator[bytes],
    folds: list[OcdsIndicator],
    exclusions: frozenset[str],
    acc: Accumulator,
    problems: list[Problem],
    number: int = -1,
) -> int:
    """Fold every release of `lines` into `acc`; returns the index of the last line (-1: none).

    `number` is the index of the line before the first one."""
    for line in lines:
        number += 1
        try:
            release = decode_line(line)
        except LineError as exc:
            problems.append((number + 1, str(exc), exc.io_error))
            continue
        if release is not None:
            _fold_release(release, number, folds, exclusions, acc)
    return number


def fold_blocks(
    blocks: Iterator[tuple[bytes | bytearray, int]],
    folds: list[OcdsIndicator],
    exclusions: frozenset[str],
    acc: Accumulator,
    problems: list[Problem],
) -> int:
    """`fold_loop` over blocks of whole lines: `(data, size)` holds lines in `data[:size]`.

    Why: splitting a block copies every line, and checking each line's UTF-8 is a call per
    line. A block that is ASCII (or valid UTF-8) as a whole has only valid lines, so its lines
    are decoded from memoryviews into it; any other block is split and read line by line,
    which reports its bad lines exactly as `fold_loop` does.
    """
    number = -1
    for data, size in blocks:
        if size <= 0:
            continue
        if not _valid_utf8(data, size):
            lines = bytes(data[:size]).split(b"\n")
            if data[size - 1 : size] == b"\n":
                lines.pop()  # the text after the last newline is not a line
            number = fold_loop(iter(lines), folds, exclusions, acc, problems, number)
            continue
        view = memoryview(data)
        decode = TYPED.decode
        position = 0
        while position < size:
            end = data.find(b"\n", position, size)
            if end < 0:
                end = size
            number += 1
            # A line of a block known to be valid UTF-8, decoded in place (a memoryview, no copy);
            # anything unusual (blank, invalid JSON, not a release) goes through `decode_line`, so
            # it is skipped or reported exactly as there.
            stop = end - 1 if end > position and data[end - 1] == 13 else end  # a final b"\r"
            release: Release | None
            try:
                release = decode(view[position:stop])
            except (msgspec.ValidationError, msgspec.DecodeError, RecursionError):
                try:
                    release = decode_line(bytes(view[position:end]))
                except LineError as exc:
                    problems.append((number + 1, str(exc), exc.io_error))
                    release = None
            else:
                if not isinstance(release.ocid, str):
                    release = None
            if release is not None:
                _fold_release(release, number, folds, exclusions, acc)
            position = end + 1
    return number


def _valid_utf8(data: bytes | bytearray, size: int) -> bool:
    """Whether `data[:size]` is valid UTF-8, checked in pieces of `_PIECE` bytes.

    Why pieces: decoding a whole 8 MB block built an 8-16 MB string (fresh pages, zeroed by
    the kernel) only to throw it away, about 4 ms a block; a piece's string is small and its
    memory is reused. A character cut by a piece's end is carried into the next piece."""
    if data.isascii():  # all of `data` (past `size` too, but then it is only a slower path)
        return True
    view = memoryview(data)
    position = 0
    try:
        while position < size:
            end = min(position + _PIECE, size)
            _text, used = codecs.utf_8_decode(view[position:end], "strict", end == size)
            if used == 0:  # pragma: no cover - a piece always holds a whole character
                return False
            position += used
    except UnicodeDecodeError:
        return False
    return True


def _fold_release(
    release: Release, number: int, folds: list[OcdsIndicator], exclusions: frozenset[str], acc: Accumulator
) -> None:
    """The global exclusions, then every enabled indicator's fold."""
    if is_cancelled(release):
        return
    if exclusions and not matches_method_details(release, _NONE, exclusions):
        return
    facts = Facts(release, release.ocid)
    for indicator in folds:
        indicator.fold(facts, number, acc)  # compiled: a call through the class's method table
