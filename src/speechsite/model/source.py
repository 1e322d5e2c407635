"""Where a speech comes from and what was found on the way: its file (`SourceInfo`, with the
records of extracting a Word, PDF or web file), its metadata, the repairs made to its text
and the problems found (`Diagnostic`)."""

from __future__ import annotations

from dataclasses import dataclass, field

LEVELS = ("中央", "省", "市", "县", "区", "乡镇")  # 中央: 中共中央, 国务院, 全国人大 (国家 is read as 中央)


@dataclass(frozen=True)
class ExtractionRecord:
    """What extracting the text of a Word, PDF, web or Markdown file took out or put in.

    `removed` is text of the original document that is not in the extracted text (a page
    header, a page number, navigation, markup); `added` is text in the extracted text that is
    not character data of the original (a list label Word draws from its numbering, the
    ideograph a Kangxi-radical code point stands for). So the original's characters are
    the extracted text's characters minus every `added` plus every `removed`.
    """

    kind: str  # see read.formats.KINDS
    where: str  # readable place in the original: 第3页, 页眉（第1节）, <div class="share">
    removed: str = ""
    added: str = ""
    line: int | None = None  # line of the extracted text it concerns, when there is one
    note: str = ""


@dataclass(frozen=True)
class SourceInfo:
    """Where a speech came from and how its bytes were read."""

    path: str  # relative to the sources folder, with forward slashes; readable (see disk_path)
    encoding: str  # e.g. "utf-8", "utf-8-sig", "gb18030", "utf-16"; "pdf" for a PDF
    sha256: str  # of the file's bytes
    size: int  # bytes
    format: str = "txt"  # txt, md, html, docx, pdf
    extractor: str = ""  # library and version that extracted the text, e.g. "python-docx 1.2.0"
    extraction: tuple[ExtractionRecord, ...] = ()
    # The name on disk when it differs from `path` (a file name in GBK bytes, not UTF-8):
    # kept only to open the file again, never shown or written out.
    disk_path: str | None = None
    # The bytes as read, once: the page, the hash and the copies in sources/ all come from
    # them, so they agree even when the file changes while the site is built.
    data: bytes = field(default=b"", compare=False, repr=False)

    @property
    def file_path(self) -> str:
        """The relative path to open the file with."""
        return self.disk_path or self.path


@dataclass(frozen=True)
class Metadata:
    """Descriptive fields of a speech; `inferred` names the fields guessed from the text."""

    title: str | None = None
    date: str | None = None  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    speaker: str | None = None
    role: str | None = None
    level: str | None = None  # one of LEVELS
    place: str | None = None
    meeting: str | None = None
    source: str | None = None
    slug: str | None = None
    tags: tuple[str, ...] = ()
    inferred: frozenset[str] = frozenset()

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date and self.date[:4].isdigit() else None

    def is_inferred(self, name: str) -> bool:
        return name in self.inferred


@dataclass(frozen=True)
class Repair:
    """One piece of extraction debris removed or joined, recorded so the page can show it.

    `offset` is the position of `removed` in the speech's normalised body text
    (`Speech.body`), so the original can be rebuilt exactly: see `fidelity.restore`.
    """

    kind: str  # see repair.KINDS
    line: int  # 1-based line in the source file
    offset: int
    removed: str  # the exact text taken out ("" when only a line break was joined)
    result: str  # a short stretch of the repaired text around the place, for display
    note: str = ""


@dataclass(frozen=True)
class Diagnostic:
    """A problem found in one source. Errors stop that file; warnings fail `--strict`."""

    level: str  # "error" or "warning"
    file: str
    line: int | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        hint = f" — {self.hint}" if self.hint else ""
        return f"{where}: {self.message}{hint}"
