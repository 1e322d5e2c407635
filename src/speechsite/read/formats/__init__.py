"""Extractors: the text of a Word, PDF, web page or Markdown file, in the shape of a `.txt`.

An extractor turns the original bytes into plain text — one paragraph per line, headings on
lines of their own — which then goes through the same repair → parse pipeline as a `.txt`.
Whatever it leaves out (page headers and footers, page numbers, site navigation, comments,
markup) or puts in (list labels Word draws from its numbering, ideographs for Kangxi-radical
code points) is recorded as an `ExtractionRecord`, shown on the page and in data/corpus.json.

Each format's module is imported only when a file of that format is read: python-docx,
pdfminer.six and BeautifulSoup together take half a second to import, which a corpus of
plain-text files should not pay.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import metadata

from ...model import Diagnostic, ExtractionRecord

# Extension (lower case, without the dot) → format name, in the order the docs list them.
_EXTENSIONS: Mapping[str, str] = {
    "txt": "txt",
    "docx": "docx",
    "pdf": "pdf",
    "html": "html",
    "htm": "html",
    "md": "md",
}
# Format → module in this package that defines `extract(data, file) -> Extracted`.
_MODULES: Mapping[str, str] = {"md": "markdown_text", "html": "web", "docx": "word", "pdf": "pdf"}
FORMATS: Mapping[str, str] = {
    extension: name for extension, name in _EXTENSIONS.items() if name == "txt" or name in _MODULES
}
FORMAT_LABELS: Mapping[str, str] = {
    "txt": "纯文本 .txt",
    "md": "Markdown .md",
    "html": "网页 .html",
    "docx": "Word 文档 .docx",
    "pdf": "PDF 文档 .pdf",
}
# Kinds of ExtractionRecord and how the page names them.
KINDS: Mapping[str, str] = {
    "header": "页眉",
    "footer": "页脚",
    "page-number": "页码",
    "comment": "批注",
    "footnote": "脚注/尾注",
    "hidden": "隐藏文字",
    "toc": "目录",
    "revision": "修订（已删除的文字）",
    "numbering": "自动编号",
    "radical": "部首字符",
    "chrome": "网页导航等",
    "page-title": "网页标题栏",
    "code": "脚本与样式",
    "markup": "标记",
    "line-join": "软换行合并",
    "invisible": "不可见字符",
}


@dataclass(frozen=True)
class Extracted:
    """The plain text of one original file and everything recorded on the way."""

    text: str  # one paragraph per line, normalised (see read.normalise)
    encoding: str  # how the bytes were decoded: a charset, "utf-8" for .docx XML, "pdf"
    extractor: str  # e.g. "python-docx 1.2.0"
    records: tuple[ExtractionRecord, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()
    # Metadata read from the document itself (a web page's 发布时间/来源 line, Word's title
    # paragraph): filled into fields the front matter leaves empty, marked inferred.
    metadata: Mapping[str, str] = field(default_factory=dict)
    front_matter: bool = False  # may the text open with YAML front matter (Markdown only)


Extractor = Callable[[bytes, str], Extracted]


def format_of(name: str) -> str | None:
    """The format of a file name by its extension, in any letter case; None if not a speech."""
    stem, dot, extension = name.rpartition(".")
    return FORMATS.get(extension.lower()) if dot and stem else None


def supported_extensions() -> tuple[str, ...]:
    return tuple(FORMATS)


def extractor_for(format_name: str) -> Extractor:
    """The `extract` function of a format other than plain text."""
    module = importlib.import_module(f".{_MODULES[format_name]}", __name__)
    return module.extract  # type: ignore[no-any-return]


def balance_problems(document_text: str, text: str, records: tuple[ExtractionRecord, ...]) -> list[str]:
    """The extraction's fidelity, white space aside: the characters of the original document's
    text are those of the extracted text, less everything recorded as added, plus everything
    recorded as removed. Empty when it holds; else what is missing or extra."""
    have = Counter(_squeezed(text))
    for record in records:
        have.subtract(_squeezed(record.added))
        have.update(_squeezed(record.removed))
    want = Counter(_squeezed(document_text))
    missing = want - have
    extra = have - want
    problems = []
    if missing:
        problems.append(f"not in the text nor recorded: {''.join(sorted(missing.elements()))[:80]}")
    if extra:
        problems.append(f"not in the original: {''.join(sorted(extra.elements()))[:80]}")
    return problems


def _squeezed(text: str) -> str:
    return "".join(text.split())


def library_version(distribution: str) -> str:
    """`python-docx 1.2.0`: the name and installed version of a library, for provenance."""
    try:
        return f"{distribution} {metadata.version(distribution)}"
    except metadata.PackageNotFoundError:
        return distribution
