"""A cache on disk of extracted text, so a PDF or Word file is extracted once, not at every build.

Extracting a PDF takes about a second (pdfminer lays out every character), a Word file a
tenth of that; a plain-text file is decoded in microseconds. An archive of a thousand PDFs
would spend a quarter of an hour of every `mkdocs build` re-extracting files that did not
change. The cache keeps each extraction (text, records, warnings, metadata) as one JSON
file named by the SHA-256 of the original bytes.

An entry is valid only for the code that made it: the key also holds a digest of the
extractors' own source files and the versions of the libraries they use, so editing an
extractor or upgrading pdfminer.six starts afresh. A cache file that cannot be read or does
not parse is ignored and rewritten; a cache folder that cannot be written is not an error
(the build just extracts again next time).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from ...model import Diagnostic, ExtractionRecord
from . import Extracted, library_version

CACHED_FORMATS = frozenset({"pdf", "docx"})  # the slow ones; web pages and Markdown are cheap
LIBRARIES = ("pdfminer.six", "python-docx", "lxml")
FORMAT_VERSION = 1


@cache
def code_digest() -> str:
    """The extractors' source files and library versions: what an entry is valid for."""
    digest = hashlib.sha256(f"{FORMAT_VERSION}".encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for library in LIBRARIES:
        digest.update(library_version(library).encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class ExtractionCache:
    """Extractions kept in `folder` (made when first written)."""

    folder: Path
    code: str = field(default_factory=code_digest)

    def extract(self, format_name: str, data: bytes, sha256: str, name: str,
                extractor: Callable[[bytes, str], Extracted]) -> Extracted:
        """The cached extraction of these bytes, else `extractor(data, name)`, then kept."""
        if format_name not in CACHED_FORMATS:
            return extractor(data, name)
        path = self.folder / f"{sha256}.{format_name}.json"
        found = self._load(path)
        if found is not None:
            # Warnings name the file: the same bytes may have been cached under another name.
            return replace(found, warnings=tuple(replace(w, file=name) for w in found.warnings))
        extracted = extractor(data, name)
        self._store(path, extracted)
        return extracted

    def _load(self, path: Path) -> Extracted | None:
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(entry, dict) or entry.get("code") != self.code:
                return None
            return _extracted(entry["extracted"])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing, damaged or from another version: extract again

    def _store(self, path: Path, extracted: Extracted) -> None:
        entry = {"code": self.code, "extracted": _plain(extracted)}
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, path)  # a reader never sees half a file
        except OSError:
            with contextlib.suppress(OSError):  # the folder itself may be what failed
                temporary.unlink(missing_ok=True)


def _plain(extracted: Extracted) -> dict[str, Any]:
    plain = asdict(extracted)
    plain["metadata"] = dict(extracted.metadata)
    return plain


def _extracted(plain: dict[str, Any]) -> Extracted:
    metadata = plain["metadata"]
    if not isinstance(metadata, dict) or not isinstance(plain["text"], str):
        raise TypeError("not an extraction")
    return Extracted(
        text=plain["text"],
        encoding=str(plain["encoding"]),
        extractor=str(plain["extractor"]),
        records=tuple(ExtractionRecord(**record) for record in plain["records"]),
        warnings=tuple(Diagnostic(**warning) for warning in plain["warnings"]),
        metadata={str(key): str(value) for key, value in metadata.items()},
        front_matter=bool(plain["front_matter"]),
    )
