"""The fidelity property: output characters + recorded repairs = the body, whitespace aside.

`check(speech)` lists every way a speech breaks the property (empty list: nothing lost,
nothing invented); `restore(speech)` rebuilds the body's non-whitespace characters from the
output and the repairs alone, mapping each repair to its place via the body's offsets.
"""

from __future__ import annotations

import re

from ..model import Repair, Speech

_INVISIBLE = re.compile(r"[\s\u200b\u2060\ufeff]+")  # ZWNJ/ZWJ are text


def squeeze(text: str) -> str:
    """The text without whitespace (zero-width space, word joiner and BOM count as whitespace)."""
    return _INVISIBLE.sub("", text)


def spoken(speech: Speech) -> str:
    return squeeze("".join(speech.text_pieces()))


def removals(speech: Speech) -> list[Repair]:
    return sorted((r for r in speech.repairs if r.removed), key=lambda r: r.offset)


def restore(speech: Speech) -> str:
    """The body's non-whitespace characters, rebuilt from the output plus the repairs."""
    output = spoken(speech)
    pieces: list[str] = []
    taken = cursor = 0  # output characters used so far; body position after the last repair
    for repair in removals(speech):
        before = len(squeeze(speech.body[cursor:repair.offset]))  # spoken chars up to the repair
        pieces.append(output[taken:taken + before])
        taken += before
        pieces.append(squeeze(repair.removed))
        cursor = repair.offset + len(repair.removed)
    pieces.append(output[taken:])
    return "".join(pieces)


def check(speech: Speech, body: str | None = None) -> list[str]:
    """Every violation of the fidelity property, as readable sentences."""
    body = speech.body if body is None else body
    problems = [
        f"repair {r.kind} at line {r.line} says it removed {r.removed!r}, "
        f"but the body has {body[r.offset:r.offset + len(r.removed)]!r} there"
        for r in removals(speech)
        if body[r.offset:r.offset + len(r.removed)] != r.removed
    ]
    ordered = removals(speech)
    for first, second in zip(ordered, ordered[1:], strict=False):
        if first.offset + len(first.removed) > second.offset:
            problems.append(f"repairs at lines {first.line} and {second.line} overlap")
    if problems:
        return problems
    expected = squeeze(_without_removals(body, ordered))
    actual = spoken(speech)
    if expected != actual:
        at = next((i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b),
                  min(len(expected), len(actual)))
        problems.append(
            f"output differs from the source at character {at}: source has "
            f"“{expected[max(0, at - 10):at + 20]}”, output has “{actual[max(0, at - 10):at + 20]}”"
        )
    return problems


def _without_removals(body: str, ordered: list[Repair]) -> str:
    pieces, cursor = [], 0
    for repair in ordered:
        pieces.append(body[cursor:repair.offset])
        cursor = repair.offset + len(repair.removed)
    pieces.append(body[cursor:])
    return "".join(pieces)
