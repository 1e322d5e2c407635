"""Reading sources: read each speech file, decode its bytes reliably, normalise the text.

Plain text is decoded by read.decoding; other formats are handed to their extractor
(read.formats).
"""

from __future__ import annotations

import errno
import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import SourceError
from ..model import Diagnostic, SourceInfo
from .decoding import decode_bytes, drop_invisible, normalise, normalise_spaces
from .discover import discover_paths
from .formats import extractor_for, format_of
from .formats.cache import ExtractionCache
from .names import readable_path
from .saved_page import looks_like_html, saved_page_warning


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
    sidecar = normalise(decode_bytes(sidecar_bytes, sidecar_name, allow_empty=True, need_cjk=False)[0])
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


def decode_raw(raw: RawSource, extractions: ExtractionCache | None = None) -> SourceText:
    """Decode a plain-text file, or extract the text of any other format (through the cache
    of extractions on disk, when given)."""
    info = SourceInfo(raw.name, "", raw.sha256, len(raw.data), raw.format,
                      disk_path=raw.disk_name, data=raw.data)
    sidecar = (raw.sidecar, raw.sidecar_path, raw.sidecar_sha256)
    if raw.format == "txt":
        text, encoding = decode_bytes(raw.data, raw.name)
        if not looks_like_html(text):
            text, invisible = drop_invisible(text)
            return SourceText(replace(info, encoding=encoding, extraction=invisible), text, *sidecar)
    extractor = extractor_for("html" if raw.format == "txt" else raw.format)
    if extractions is None:
        extracted = extractor(raw.data, raw.name)
    else:
        extracted = extractions.extract(raw.format, raw.data, raw.sha256, raw.name, extractor)
    if raw.format == "txt":  # a saved web page: read as one, and said so
        extracted = replace(extracted, warnings=(saved_page_warning(raw.name), *extracted.warnings))
    text, invisible = drop_invisible(normalise_spaces(extracted.text))
    if not text.strip():
        raise SourceError(raw.name, None, "no text found in this file",
                          "check that it is the speech; save it again from the program that made it")
    info = replace(info, encoding=extracted.encoding, extractor=extracted.extractor,
                   extraction=extracted.records + invisible)
    return SourceText(info, text, *sidecar, metadata=extracted.metadata,
                      diagnostics=extracted.warnings, front_matter=extracted.front_matter)


def source_from_text(text: str, path: str = "speech.txt") -> SourceText:
    """A SourceText for text already in memory (tests, tools)."""
    data = text.encode("utf-8")
    info = SourceInfo(path, "utf-8", hashlib.sha256(data).hexdigest(), len(data), data=data)
    return SourceText(info, normalise(text))
