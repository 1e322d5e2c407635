"""What differs inside shared passages: the changed numbers, names and characters that the
comparison view marks.

The shared sentences of each paragraph (their spans) are put end to end and aligned with
rapidfuzz's Levenshtein opcodes; every stretch that is not equal becomes a range of the
paragraph it stands in. Text outside the shared sentences is not compared (it is simply not
shared).
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

Span = tuple[int, int]


def differences(
    text: str, spans: Sequence[Span], other: str, other_spans: Sequence[Span]
) -> tuple[list[Span], list[Span]]:
    """Ranges of `text` and of `other`, inside their shared spans, that differ."""
    joined, offsets = _joined(text, spans)
    other_joined, other_offsets = _joined(other, other_spans)
    if joined == other_joined:
        return [], []
    ours: list[Span] = []
    theirs: list[Span] = []
    for op in Levenshtein.opcodes(joined, other_joined):
        if op.tag == "equal":
            continue
        _add(ours, offsets, op.src_start, op.src_end)
        _add(theirs, other_offsets, op.dest_start, op.dest_end)
    return ours, theirs


def _joined(text: str, spans: Sequence[Span]) -> tuple[str, list[int]]:
    """The spans' text end to end, and for each of its characters its offset in `text`."""
    pieces: list[str] = []
    offsets: list[int] = []
    for start, end in spans:
        pieces.append(text[start:end])
        offsets.extend(range(start, end))
    return "".join(pieces), offsets


def _add(ranges: list[Span], offsets: list[int], start: int, end: int) -> None:
    """Add joined[start:end] as ranges of the text (split where the spans were apart)."""
    for i in range(start, end):
        at = offsets[i]
        if ranges and ranges[-1][1] == at:
            ranges[-1] = (ranges[-1][0], at + 1)
        else:
            ranges.append((at, at + 1))
