"""Chinese labels for the interface: dates, levels, repair kinds, metadata fields."""

from __future__ import annotations

from ..model import LEVELS
from ..repair.repairs import KINDS as REPAIR_KINDS
from ..site.urls import CORPUS_JSON, PARAGRAPHS_CSV, TERMS_CSV, TOPICS_CSV

LEVEL_SLUGS = {"中央": "zhongyang", "省": "sheng", "市": "shi", "县": "xian", "区": "qu", "乡镇": "xiangzhen"}
UNKNOWN_LEVEL = "unknown"
UNDATED = "undated"

LEVEL_NAMES = {"中央": "中央/国家级", "省": "省级", "市": "市级", "县": "县级", "区": "区级", "乡镇": "乡镇级"}


INFERRED_TITLE = "由正文推断"
# The data downloads, as the home and overview pages list them.
DATA_FILES = (
    (CORPUS_JSON, "全部讲话的结构化数据（JSON）"),
    (PARAGRAPHS_CSV, "每段一行：讲话、引用编号、章节、全文、专题、术语（压缩的 CSV）"),
    (TERMS_CSV, "术语 × 讲话：出现次数，按日期排列，标出首见、末见"),
    (TOPICS_CSV, "专题 × 讲话：段落数"),
)


def level_label(level: str | None) -> str:
    return LEVEL_NAMES.get(level, level) if level else "未注明"


def level_slug(level: str | None) -> str:
    return LEVEL_SLUGS.get(level, UNKNOWN_LEVEL) if level else UNKNOWN_LEVEL


def level_order(level: str | None) -> int:
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def format_date(date: str | None) -> str:
    """ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY` as 2022年8月15日; anything else as written."""
    if not date:
        return "未注明"
    parts = date.split("-")
    if not all(part.isdigit() for part in parts) or len(parts) > 3:
        return date
    units = ("年", "月", "日")
    return "".join(f"{int(part) if i else part}{units[i]}" for i, part in enumerate(parts))


def repair_kind_label(kind: str) -> str:
    return REPAIR_KINDS.get(kind, kind)

