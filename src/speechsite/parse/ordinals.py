"""Which ordinals structure the document: siblings present, numbers in sequence.

A marker of a kind that is easily text (第一个问题/第一点/第一条，/一　总体要求/a numeral alone on
its line) and a lead-in (一是/一要/第一，/首先) count as headings only in a run of two or more
that counts 1, 2, 3 …; once inside the text, or out of sequence, they stay text.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..markers import Marker, match_lead_in, numeral_alone, rank, runs
from ..spans import Line

VALIDATED = frozenset({"question", "point", "spaced", "alone"})
_SENTENCE_END = re.compile(r"[。！？!?]")
LEAD_IN_LIMIT = 50
_STRONG = rank("cn")  # a marker of this rank or above starts a new region for 第一， lead-ins


def structuring(lines: list[Line], explicit: list[Marker | None]) -> list[Marker | None]:
    """`explicit` without the markers of validated kinds that do not structure the document,
    plus the numerals alone on their lines that do (一 … 二 … 三 …)."""
    by_kind: dict[str, list[tuple[int, Marker]]] = defaultdict(list)
    for index, marker in enumerate(explicit):
        if marker is not None and marker.kind in VALIDATED:
            by_kind[marker.kind].append((index, marker))
        elif marker is None and (value := numeral_alone(lines[index].text)):
            by_kind["alone"].append((index, Marker("alone", lines[index].text.strip(), value)))
    kept = {index: marker for members in by_kind.values() for index, marker in runs(members)}
    return [kept.get(index) if marker is None or marker.kind in VALIDATED else marker
            for index, marker in enumerate(explicit)]


def valid_lead_ins(lines: list[Line], explicit: list[Marker | None]) -> dict[int, Marker]:
    """一是/一要/首先 lines count as headings only when their siblings open lines too. 第一，
    siblings may have （一） or 1. headings between them (they can be above those); their
    count starts again at 第一， only after another heading (第一，第二，（二）第一，第二，)."""
    region = strong = 0
    groups: dict[tuple[int, str], list[tuple[int, Marker, int]]] = defaultdict(list)
    for index, line in enumerate(lines):
        marker = explicit[index]
        if marker is not None and marker.kind != "article":
            region += 1
            strong += rank(marker.kind) <= _STRONG
            continue
        lead = match_lead_in(line.text)
        if lead is not None and short_lead(line.text, lead):
            key = strong if lead.kind == "lead:第" else region
            groups[(key, lead.kind)].append((index, lead, region))
    valid: dict[int, Marker] = {}
    for members in groups.values():
        valid.update(_in_order(members))
    return valid


def _in_order(members: list[tuple[int, Marker, int]]) -> list[tuple[int, Marker]]:
    """Members counting 1, 2, 3 … (others skipped); a new count needs a heading between."""
    kept: list[tuple[int, Marker]] = []
    run: list[tuple[int, Marker, int]] = []
    for member in [*members, (-1, Marker("", "", 1), -1)]:
        index, lead, region = member
        restart = lead.value == 1 and run and region != run[-1][2]
        if restart or index == -1:
            kept += [(i, m) for i, m, _ in run] if len(run) >= 2 else []
            run = []
        expected = run[-1][1].value + 1 if run else 1
        if lead.value == 0 or lead.value == expected or (lead.kind == "seq" and lead.value > expected):
            run.append(member)
    return kept


def short_lead(text: str, lead: Marker) -> bool:
    end = _SENTENCE_END.search(text, len(lead.text))
    stop = end.start() if end else len(text)
    return 0 < stop - len(lead.text) <= LEAD_IN_LIMIT
