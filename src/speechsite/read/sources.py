"""Reading sources: read each speech file, decode its bytes reliably, normalise the text.

Plain text is decoded here; other formats are handed to their extractor (read.formats).

Decoding order: BOMs (UTF-8, UTF-16 LE/BE), strict UTF-8, strict GB18030 (a superset of GBK),
strict Big5 (traditional Chinese), then charset-normalizer as a last resort. A decoding is
accepted only when it yields Chinese text, so a GBK or Big5 file is never shown as mojibake.
"""

from __future__ import annotations

import errno
import hashlib
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import SourceError
from ..model import Diagnostic, SourceInfo
from .discover import discover_paths
from .formats import extractor_for, format_of
from .names import readable_path
from .saved_page import looks_like_html, saved_page_warning

_BINARY_SIGNATURES = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_FOREIGN_SCRIPTS = re.compile(r"[\u0370-\u04ff\u3040-\u30ff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile(r"[\u200b\u2060\ufeff]")  # not ZWNJ/ZWJ: they join emoji and letters
_LINE_BREAKS = re.compile("[\u2028\u2029\x85]")
DECODE_HINT = "save the file as UTF-8"
DAMAGED_HINT = "retype the damaged characters on this line and save the file as UTF-8"


@dataclass(frozen=True)
class SourceText:
    """A decoded, normalised source file and its optional sidecar metadata.

    For a Word, PDF, web or Markdown file `text` is the extracted text (see read.formats);
    `metadata` holds what the extractor read from the document (marked inferred) and
    `diagnostics` its warnings.
    """

    info: SourceInfo
    text: str
    sidecar: str | None = None  # text of <stem>.yml beside the file
    sidecar_path: str | None = None
    sidecar_sha256: str | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()
    front_matter: bool = True  # may the text open with YAML front matter

    @property
    def cache_key(self) -> str:
        return cache_key(self.info.sha256, self.sidecar_sha256, self.info.path)


@dataclass(frozen=True)
class RawSource:
    """A source file's bytes, before decoding or extraction (the cache is checked in between)."""

    name: str  # readable relative path
    disk_name: str | None  # the relative path on disk when it differs (a GBK file name)
    format: str
    data: bytes
    sha256: str
    sidecar: str | None = None
    sidecar_path: str | None = None
    sidecar_sha256: str | None = None

    @property
    def cache_key(self) -> str:
        return cache_key(self.sha256, self.sidecar_sha256, self.name)


def cache_key(sha256: str, sidecar_sha256: str | None, path: str) -> str:
    digest = sha256
    if sidecar_sha256:
        digest = hashlib.sha256(f"{digest}{sidecar_sha256}".encode()).hexdigest()
    return f"{digest}:{path}"


def discover_sources(root: Path) -> list[Path]:
    """Every speech file below `root` (see read.discover), sorted by readable relative path."""
    return discover_paths(root)


def read_source(path: Path, root: Path) -> SourceText:
    """Read one source file; raise SourceError naming the file when it cannot be a speech."""
    return decode_raw(read_raw(path, root))


def read_raw(
    path: Path, root: Path, name: str | None = None, data_files: Collection[Path] = ()
) -> RawSource:
    """The bytes of one source file and of its sidecar `<stem>.yml` (unless that is one of
    `data_files`, the resolved paths of the taxonomy and glossary); `name` is its readable
    relative name (as discovery gave it; by default worked out from the path)."""
    parts = path.relative_to(root).parts
    relative = name or readable_path(parts)
    on_disk = "/".join(parts)
    data = _read_inside(path, root, relative)
    raw = RawSource(relative, None if on_disk == relative else on_disk,
                    format_of(path.name) or "txt", data, hashlib.sha256(data).hexdigest())
    sidecar_file = path.with_suffix(".yml")
    if not _exists(sidecar_file) or _resolved(sidecar_file) in data_files:
        return raw
    sidecar_name = readable_path(sidecar_file.relative_to(root).parts)
    sidecar_bytes = _read_inside(sidecar_file, root, sidecar_name)
    sidecar, _ = decode_bytes(sidecar_bytes, sidecar_name, allow_empty=True, need_cjk=False)
    return replace(raw, sidecar=sidecar, sidecar_path=sidecar_name,
                   sidecar_sha256=hashlib.sha256(sidecar_bytes).hexdigest())


def _read_inside(path: Path, root: Path, name: str) -> bytes:
    """The file's bytes, read once; a symlink leading out of `root` is refused."""
    try:
        if path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
            raise SourceError(name, None, "symlink leads outside the sources folder",
                              "copy the file into the sources folder instead of linking to it")
        return path.read_bytes()
    except OSError as error:
        hint = ("shorten the file name or move the file into a folder with a shorter path"
                if error.errno == errno.ENAMETOOLONG else "check that the file exists and is readable")
        raise SourceError(name, None, f"cannot read file: {error.strerror}", hint) from error


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path


def _exists(path: Path) -> bool:
    try:
        return path.is_file() or path.is_symlink()
    except OSError:
        return False


def decode_raw(raw: RawSource) -> SourceText:
    """Decode a plain-text file, or extract the text of any other format."""
    info = SourceInfo(raw.name, "", raw.sha256, len(raw.data), raw.format,
                      disk_path=raw.disk_name, data=raw.data)
    sidecar = (raw.sidecar, raw.sidecar_path, raw.sidecar_sha256)
    if raw.format == "txt":
        text, encoding = decode_bytes(raw.data, raw.name)
        if not looks_like_html(text):
            return SourceText(replace(info, encoding=encoding), text, *sidecar)
    extracted = extractor_for("html" if raw.format == "txt" else raw.format)(raw.data, raw.name)
    if raw.format == "txt":  # a saved web page: read as one, and said so
        extracted = replace(extracted, warnings=(saved_page_warning(raw.name), *extracted.warnings))
    text = normalise(extracted.text)
    if not text.strip():
        raise SourceError(raw.name, None, "no text found in this file",
                          "check that it is the speech; save it again from the program that made it")
    info = replace(info, encoding=extracted.encoding, extractor=extracted.extractor,
                   extraction=extracted.records)
    return SourceText(info, text, *sidecar, metadata=extracted.metadata,
                      diagnostics=extracted.warnings, front_matter=extracted.front_matter)


def source_from_text(text: str, path: str = "speech.txt") -> SourceText:
    """A SourceText for text already in memory (tests, tools)."""
    data = text.encode("utf-8")
    info = SourceInfo(path, "utf-8", hashlib.sha256(data).hexdigest(), len(data), data=data)
    return SourceText(info, normalise(text))


def decode_bytes(
    data: bytes, file: str, *, allow_empty: bool = False, need_cjk: bool = True
) -> tuple[str, str]:
    """Return (normalised text, encoding name) or raise SourceError."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _checked(_strict(data[3:], "utf-8", file, skipped=3), "utf-8-sig", file,
                        allow_empty)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(_strict(data, "utf-16", file), "utf-16", file, allow_empty)
    if data.startswith(_BINARY_SIGNATURES):
        raise SourceError(file, None, "binary file, not text",
                          "only plain-text speeches (*.txt) belong in the sources folder")
    if b"\x00" in data:
        bomless = _utf16_without_bom(data)
        if bomless is not None:
            return _checked(*bomless, file, allow_empty)
        _refuse_nul(data, file)
    _refuse_broken_utf8(data, file)
    as_gb18030: str | None = None
    for encoding in ("utf-8", "gb18030", "big5"):
        if encoding == "big5" and as_gb18030 is not None and not _FOREIGN_SCRIPTS.search(as_gb18030):
            break  # valid GB18030 without the kana/Cyrillic that Big5 bytes turn into
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8" or not need_cjk or _looks_chinese(text):
            return _checked(text, encoding, file, allow_empty)
        as_gb18030 = text if encoding == "gb18030" else as_gb18030
    # Valid GB18030 that is not Chinese: any guess would be mojibake (found by tests/test_fuzz.py).
    guessed = None if as_gb18030 is not None and need_cjk else _guess(data)
    if guessed is not None and (not need_cjk or _looks_chinese(guessed[0])):
        return _checked(*guessed, file, allow_empty)
    raise SourceError(file, None, "cannot decode: not UTF-8, UTF-16 or GB18030", DECODE_HINT)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Text saved as UTF-16 without a byte-order mark: every other byte of ASCII is NUL.

    Bytes that are valid UTF-8 are UTF-8 with a stray NUL unless they read as plain ASCII in
    UTF-16: Chinese text in UTF-16 is practically never valid UTF-8, while UTF-8 text holding a
    NUL and Chinese bytes reads as fluent-looking CJK in UTF-16 (found by tests/test_fuzz.py)."""
    if len(data) % 2:
        return None
    valid_utf8 = _is_utf8(data)
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text.isascii() or (not valid_utf8 and _looks_chinese(text)):
            if not _CONTROL.search(text):
                return text, encoding
    return None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def normalise(text: str) -> str:
    """LF line ends, plain spaces for no-break/ideographic spaces, no zero-width characters."""
    # Three scans in C beat one scan calling back into Python for each match (measured 2×).
    text = _LINE_BREAKS.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _SPACES.sub(" ", text)
    return _ZERO_WIDTH.sub("", text)


def _strict(data: bytes, encoding: str, file: str, skipped: int = 0) -> str:
    """Decode or raise; `skipped` bytes (a BOM) were cut off the front of the file."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise SourceError(file, _line_at(data, error.start, encoding),
                          f"cannot decode: invalid {encoding.upper()} bytes at byte "
                          f"{error.start + skipped}",
                          DAMAGED_HINT) from error


def _line_at(data: bytes, position: int, encoding: str = "utf-8") -> int:
    """The 1-based line (as numbered after `normalise`) on which byte `position` lies."""
    return normalise(data[:position].decode(encoding, errors="replace")).count("\n") + 1


def _refuse_nul(data: bytes, file: str) -> None:
    """NUL bytes: a few in otherwise Chinese text name their line; many mean a binary file."""
    without = data.replace(b"\x00", b"")
    nuls = len(data) - len(without)
    text = without.decode("utf-8", errors="replace")
    if nuls * 100 <= len(data) and "\ufffd" not in text and _looks_chinese(text):
        position = data.index(b"\x00")
        raise SourceError(file, _line_at(data, position), f"NUL byte (code 0) at byte {position}",
                          "delete the invisible character on this line, or export the text again, "
                          "and save the file as UTF-8")
    raise SourceError(file, None, "binary file, not text",
                      "only plain-text speeches (*.txt) belong in the sources folder")


def _refuse_broken_utf8(data: bytes, file: str) -> None:
    """UTF-8 text with a few damaged bytes: name the line rather than guess another encoding
    (GB18030 would read such a file as mojibake)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        text = data.decode("utf-8", errors="replace")
        if len(_CJK.findall(text)) >= 2 * text.count("\ufffd") and _looks_chinese(text):
            raise SourceError(file, _line_at(data, error.start),
                              f"cannot decode: invalid UTF-8 bytes at byte {error.start}",
                              DAMAGED_HINT) from error


def _checked(text: str, encoding: str, file: str, allow_empty: bool) -> tuple[str, str]:
    if len(_CONTROL.findall(text[:4096])) > 8:
        raise SourceError(file, None, "binary file, not text",
                          "only plain-text speeches (*.txt) belong in the sources folder")
    text = normalise(text)
    if not allow_empty and not text.strip():
        raise SourceError(file, None, "empty file: no text to publish",
                          "write the speech into the file or delete it")
    return text, encoding


def _looks_chinese(text: str) -> bool:
    sample = text[:20000]
    letters = sum(1 for char in sample if not char.isspace() and not char.isascii())
    foreign = len(_FOREIGN_SCRIPTS.findall(sample))  # GB18030 read of Big5 bytes: kana, Cyrillic
    return letters > 0 and len(_CJK.findall(sample)) >= 0.5 * letters and foreign * 100 <= letters


def _guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes  # slow import, only for odd files

    best = from_bytes(data).best()
    if best is None:
        return None
    return str(best), best.encoding
