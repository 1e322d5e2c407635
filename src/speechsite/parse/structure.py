"""Structure: title, front lines, salutation, opening, sections (three levels), closing, appendix."""

from __future__ import annotations

from ..markers import ranker
from ..model import Diagnostic, Speech
from ..repair.collapsed import source_of
from ..repair.repairs import Repaired
from ..spans import Line
from .classify import Draft, Heading, Parts, classify
from .ends import CLOSING, split_appendix
from .front import read_front
from .ids import assemble
from .infer import infer_metadata
from .speeches import second_speech_warning, speech_starts

MAX_LEVEL = 3
MAX_CLOSING = 6


def parse(repaired: Repaired) -> Speech:
    lines = list(repaired.lines)
    front = read_front(lines)
    body = lines[front.next:]
    if front.rest is not None:
        body.insert(0, front.rest)
    file = repaired.source.path
    items, appendix = split_appendix(classify(body))
    opening, sections, warnings = build_tree(items, file)
    closing = split_closing(opening, sections)
    meta = infer_metadata(repaired.meta, front, lines, source_of(repaired.repairs))
    warnings += [second_speech_warning(file, repaired.lines[index].line)
                 for index in speech_starts(repaired.lines)]
    return assemble(repaired, meta, front, Parts(opening, sections, closing, appendix),
                    tuple(repaired.diagnostics) + tuple(warnings))


def build_tree(
    items: list[Heading | Line], file: str
) -> tuple[list[Line], list[Draft], list[Diagnostic]]:
    opening: list[Line] = []
    top: list[Draft] = []
    stack: list[Draft] = []
    warnings: list[Diagnostic] = []
    rank = ranker([item.marker.kind for item in items if isinstance(item, Heading)])
    for item in items:
        if isinstance(item, Line):
            (stack[-1].paragraphs if stack else opening).append(item)
            continue
        kind = item.marker.kind
        while stack and (stack[-1].heading.marker.kind == kind or
                         rank(stack[-1].heading.marker.kind) >= rank(kind)):
            stack.pop()
        if len(stack) >= MAX_LEVEL:  # a fourth level stays a paragraph, body and all
            stack[-1].paragraphs.append(item.line)
            continue
        siblings = stack[-1].subsections if stack else top
        warning = _numbering_warning(siblings, item, file)
        if warning:
            warnings.append(warning)
        draft = Draft(item, len(stack) + 1)
        if item.body is not None:
            draft.paragraphs.append(item.body)
        siblings.append(draft)
        stack.append(draft)
    return opening, top, warnings


def _numbering_warning(siblings: list[Draft], item: Heading, file: str) -> Diagnostic | None:
    kind, value = item.marker.kind, item.marker.value
    if kind.startswith(("lead", "seq")) or value == 0:
        return None
    previous = next((s for s in reversed(siblings) if s.heading.marker.kind == kind), None)
    expected = previous.heading.marker.value + 1 if previous else 1
    if value == expected:
        return None
    written = item.marker.text.strip()
    where = f"after “{previous.heading.marker.text.strip()}”" if previous else "as the first"
    return Diagnostic("warning", file, item.line.line,
                      f"heading number “{written}” comes {where} heading of its level "
                      f"(expected number {expected})",
                      "check the numbering in the source; the outline keeps the headings as written")


def split_closing(opening: list[Line], sections: list[Draft]) -> list[Line]:
    """Closing paragraphs (同志们，…/总之，…/谢谢大家！) after the last heading move out."""
    tail = opening
    if sections:
        last = sections[-1]
        while last.subsections:
            last = last.subsections[-1]
        tail = last.paragraphs
    starts = [i for i in range(1, len(tail)) if CLOSING.match(tail[i].text)]
    # A closing is a few paragraphs; earlier 各位代表！ parts still belong to the section.
    index = next((i for i in starts if len(tail) - i <= MAX_CLOSING), starts[-1] if starts else 0)
    if not index:
        return []
    closing = tail[index:]
    del tail[index:]
    return closing
