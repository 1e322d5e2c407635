"""The 校勘记录 box: every repair of extraction debris, each traceable to its place."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping

from ..annotate.annotations import body_units
from ..model import Repair, Speech
from .labels import repair_kind_label
from .text import escape_plain

REPAIRS_ID = "repairs"


def repair_id(index: int) -> str:
    return f"r-{index}"


def repair_places(speech: Speech) -> dict[int, str]:
    """Repair number (1-based) → anchor id of the heading or paragraph it falls in.

    A repair records its source line; several units can start on one line (text extracted
    from a paginated document), so among the units starting at or before that line we take
    the last one whose text contains the repaired stretch, else the last one.
    """
    units = sorted(((unit.line or 0, unit.id, unit.text) for unit in body_units(speech)),
                   key=lambda unit: unit[0])
    lines = [unit[0] for unit in units]
    places: dict[int, str] = {}
    for number, repair in enumerate(speech.repairs, start=1):
        candidates = units[: bisect_right(lines, repair.line)]
        if not candidates:
            continue
        stretch = repair.result.strip()
        containing = [unit for unit in candidates if stretch and stretch in unit[2]]
        places[number] = (containing or candidates)[-1][1]
    return places


def repairs_by_unit(places: Mapping[int, str]) -> dict[str, list[int]]:
    by_unit: dict[str, list[int]] = {}
    for number, unit_id in sorted(places.items()):
        by_unit.setdefault(unit_id, []).append(number)
    return by_unit


def repair_refs(numbers: list[int]) -> str:
    """Small links from a paragraph or heading to its entries in the 校勘记录 box."""
    return "".join(
        f'<a class="repair-ref" href="#{repair_id(n)}" title="校勘记录第 {n} 条">校{n}</a>'
        for n in numbers
    )


# What a repair that removed no character did, by kind.
NOTHING_REMOVED = {"line-join": "（仅合并断行）", "heading-split": "（仅将标题另起一行）",
                   "paragraph-split": "（仅分段）", "letter-spacing": "（仅去掉字间空格）"}


def repairs_box(speech: Speech, places: Mapping[int, str]) -> str:
    if not speech.repairs:
        return ""
    rows = "".join(
        _row(number, repair, places.get(number))
        for number, repair in enumerate(speech.repairs, start=1)
    )
    return (
        f'<details class="repairs" id="{REPAIRS_ID}">'
        f"<summary>校勘记录（{len(speech.repairs)} 处）</summary>"
        '<p class="repairs-note">原文为提取自其他格式的文本，以下为清理提取残留（页码、断行等）时所作的每一处改动；'
        "讲话内容未作任何改动。</p>"
        '<table class="repairs-table"><thead><tr><th>#</th><th>类型</th><th>原文行</th>'
        "<th>删去的文字</th><th>修复后</th><th>位置</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></details>"
    )


def _row(number: int, repair: Repair, place: str | None) -> str:
    removed = (
        f'<code class="removed">{_visible(repair.removed)}</code>'
        if repair.removed
        else f'<span class="joined">{NOTHING_REMOVED.get(repair.kind, "（未删去文字）")}</span>'
    )
    note = f'<br><span class="repair-note">{escape_plain(repair.note)}</span>' if repair.note else ""
    where = f'<a href="#{escape_plain(place)}">跳转</a>' if place else "—"
    return (
        f'<tr id="{repair_id(number)}"><td>{number}</td>'
        f"<td>{escape_plain(repair_kind_label(repair.kind))}</td><td>{repair.line}</td>"
        f"<td>{removed}</td><td>{escape_plain(repair.result)}{note}</td><td>{where}</td></tr>"
    )


def _visible(text: str) -> str:
    """Whitespace shown as visible marks, so a removed ` 6` or line break can be seen."""
    return escape_plain(text).replace(" ", "␣").replace("\n", "↵").replace("\t", "⇥")
