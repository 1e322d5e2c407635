"""Repairs of extraction debris, each one recorded as a `Repair` so the page can show it.

Order matters: whole-line debris (chrome, markup) goes first, then page numbers, then
letter spacing, then lines are joined (page breaks, broken sentences, wiki blocks) and
finally headings run into long lines are split out (see `joins.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import SourceError
from ..model import Diagnostic, Metadata, Repair, SourceInfo
from ..read.metadata import FrontMatter, load_metadata, split_front_matter, with_fields
from ..read.sources import SourceText
from ..spans import Line
from . import chrome
from .collapsed import repaginate
from .joins import WorkLine, join_lines
from .page_numbers import find_page_numbers, inline_page_breaks

KINDS: dict[str, str] = {
    "page-number": "页码",
    "stray-page-number": "末尾页码",
    "line-join": "断行合并",
    "letter-spacing": "字间空格",
    "heading-split": "标题拆分",
    "web-chrome": "网页残留",
    "markup": "标记残留",
    "paragraph-split": "分段",
    "dateline": "电头",
    "data-key": "数据键",
}
_LETTER_SPACED = re.compile(r"(?:[\u4e00-\u9fff][ \t]+){2,}[\u4e00-\u9fff]")
_SPACED_AFTER_MARKER = re.compile(r"(?:[\u4e00-\u9fff][ \t]+)+[\u4e00-\u9fff]")  # 第一章 总 则
_FRONT_LINES = 12  # letter spacing is a title device; deeper in the text spaces may be blanks
_SPACED_TAIL = re.compile(r"(第[一二三四五六七八九十百零〇\d]+[编章节][ \t]*)?((?:\S[ \t]+)+\S)")


@dataclass(frozen=True)
class Repaired:
    """What the parser needs: the repaired lines plus everything recorded on the way."""

    source: SourceInfo
    meta: Metadata
    body: str
    body_line: int
    lines: tuple[Line, ...]
    repairs: tuple[Repair, ...]
    diagnostics: tuple[Diagnostic, ...]


def repair(source: SourceText) -> Repaired:
    file = source.info.path
    # Only plain text and Markdown carry front matter: a Word paragraph `---` is text.
    front = (split_front_matter(source.text, file) if source.front_matter
             else FrontMatter(None, source.text, 1, 0))
    meta, warnings = load_metadata(front, file, source.sidecar, source.sidecar_path)
    meta = with_fields(meta, source.metadata)  # read from the document itself: inferred
    body = front.body
    if not body.strip() and front.yaml_text is not None:
        raise SourceError(file, front.body_line, "no speech text after the front matter",
                          "write the speech below the closing `---` line")
    if not body.strip():
        raise SourceError(file, None, "empty file: no text to publish",
                          "write the speech into the file or delete it")
    work = _work_lines(body, front.body_line)
    repairs: list[Repair] = []
    repairs += _strip_chrome(work, body)  # first: a chrome run is one stretch of the body
    repairs += _strip_markup(work)
    work = _split_at_inline_pages(work)
    continues = _strip_page_numbers(work, repairs)
    repairs += _unspace_letters(work)
    lines, join_repairs = join_lines(work, continues)
    lines, split_repairs = repaginate(lines)
    repairs += join_repairs + split_repairs
    repairs.sort(key=lambda r: (r.offset, r.line))
    return Repaired(source.info, meta, body, front.body_line, tuple(lines), tuple(repairs),
                    source.diagnostics + tuple(warnings))


def _work_lines(body: str, first_line: int) -> list[WorkLine]:
    work, offset = [], 0
    for number, text in enumerate(body.split("\n"), start=first_line):
        work.append(WorkLine(number, offset, text))
        offset += len(text) + 1
    return work


def _cut_prefix(line: WorkLine, length: int, kind: str, result: str = "") -> Repair:
    removed = line.text[:length]
    repair = Repair(kind, line.number, line.start, removed, result or line.text[length:][:20])
    line.start += length
    line.text = line.text[length:]
    return repair


def _cut_line(line: WorkLine, kind: str, note: str = "") -> Repair:
    repair = Repair(kind, line.number, line.start, line.text, "", note)
    line.start += len(line.text)
    line.text = ""
    line.removed = True
    return repair


def _strip_markup(work: list[WorkLine]) -> list[Repair]:
    if not _is_markdown_export(work):
        return []
    repairs = []
    for line in work:
        comment = chrome.HTML_COMMENT.fullmatch(line.text.strip())
        if comment:
            repairs.append(_cut_line(line, "markup"))
            continue
        heading = chrome.MARKDOWN_HEADING.match(line.text)
        if heading:
            repairs.append(_cut_prefix(line, heading.end(), "markup"))
    return repairs


def _is_markdown_export(work: list[WorkLine]) -> bool:
    """Markup is debris only on evidence: a Markdown export (laws) has several `#` headings,
    while a lone `# …` or `<!-- … -->` line in a speech is what the text says."""
    headings = sum(1 for line in work if chrome.MARKDOWN_HEADING.match(line.text))
    return headings >= 2


def _strip_chrome(work: list[WorkLine], body: str) -> list[Repair]:
    texts = [line.text for line in work]
    remove = chrome.top_chrome(texts)
    front_end = _front_end(texts)
    tail = chrome.tail_chrome(texts, after=front_end)
    if tail is not None:
        remove.update(range(tail, len(work)))
    remove |= chrome.captions(texts, front_end)
    return _cut_runs(work, sorted(i for i in remove if work[i].text.strip()), body)


def _cut_runs(work: list[WorkLine], indices: list[int], body: str) -> list[Repair]:
    """One repair per run of consecutive removed lines (blank lines between them included)."""
    repairs: list[Repair] = []
    run: list[int] = []
    for index in indices + [-1]:
        if run and (index == -1 or any(work[i].text.strip() for i in range(run[-1] + 1, index))):
            first, last = work[run[0]], work[run[-1]]
            end = last.start + len(last.text)
            repairs.append(Repair("web-chrome", first.number, first.start, body[first.start:end],
                                  ""))
            for i in range(run[0], run[-1] + 1):
                work[i].start += len(work[i].text)
                work[i].text = ""
                work[i].removed = True
            run = []
        if index != -1:
            run.append(index)
    return repairs


def _front_end(texts: list[str]) -> int:
    """Index of the salutation or of the first long paragraph: the front part ends there."""
    for i, text in enumerate(texts[:40]):
        stripped = text.strip()
        if stripped.startswith(("各位代表", "同志们")) or len(stripped) > 120:
            return i
    return 0


def _split_at_inline_pages(work: list[WorkLine]) -> list[WorkLine]:
    """Pages joined into one line (`…看好自己2、的门…`) cut apart again before each page number,
    kept only when the numbers then read as a page-number run at line starts."""
    breaks = inline_page_breaks([line.text for line in work])
    if not breaks:
        return work
    result: list[WorkLine] = []
    starts: list[int] = []  # indices in `result` of the pieces a page number opens
    for index, line in enumerate(work):
        cuts = [pos for i, pos in breaks if i == index]
        for low, high in zip([0, *cuts], [*cuts, len(line.text)], strict=False):
            starts += [len(result)] if low else []
            result.append(WorkLine(line.number, line.start + low, line.text[low:high]))
    prefixes = find_page_numbers([line.text for line in result]).prefixes
    return result if all(i in prefixes for i in starts) else work


def _strip_page_numbers(work: list[WorkLine], repairs: list[Repair]) -> frozenset[int]:
    pages = find_page_numbers([line.text for line in work])
    previous = ""
    for index, line in enumerate(work):
        prefix = pages.prefixes.get(index)
        if prefix is not None:
            rest = line.text[len(prefix):]
            shown = (previous[-10:] + rest[:10] if index in pages.continues else rest[:16]).strip()
            repairs.append(_cut_prefix(line, len(prefix), "page-number", shown))
        if line.text.strip():
            previous = line.text.rstrip()
    for index in pages.standalone:
        repairs.append(_cut_line(work[index], "page-number"))
    if pages.stray_end:
        last = next(line for line in reversed(work) if line.text.strip())
        cut = last.text.rstrip()
        position = len(cut) - len(pages.stray_end)
        repairs.append(Repair("stray-page-number", last.number, last.start + position,
                              pages.stray_end, cut[max(0, position - 12):position]))
        last.text = last.text[:position]
    return pages.continues


def _unspace_letters(work: list[WorkLine]) -> list[Repair]:
    """`政 府 工 作 报 告` → `政府工作报告` on short lines that are spaced throughout."""
    repairs = []
    position = -1
    for line in work:
        stripped = line.text.strip()
        position += bool(stripped)
        if not 3 <= len(stripped) <= 40 or " " not in stripped:
            continue
        match = _SPACED_TAIL.fullmatch(stripped)
        in_front_or_heading = position < _FRONT_LINES or match is not None and match.group(1)
        spaced = _SPACED_AFTER_MARKER if match and match.group(1) else _LETTER_SPACED
        if match and in_front_or_heading and spaced.fullmatch(match.group(2)):
            joined = (match.group(1) or "") + re.sub(r"[ \t]+", "", match.group(2))
            repairs.append(Repair("letter-spacing", line.number, line.start, "", joined))
            line.text = joined
    return repairs
