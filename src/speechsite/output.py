"""What the core hands to the site: files by their path inside the site, as Markdown or bytes."""

from __future__ import annotations

import errno
import shutil
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path


@dataclass(frozen=True)
class OutputFile:
    """A generated file. `.md` paths become pages; everything else is copied as it is."""

    path: str  # e.g. "speeches/xyz/index.md", "data/corpus.json", "assets/speechsite/site.css"
    content: str | bytes

    @property
    def is_page(self) -> bool:
        return self.path.endswith(".md")

    def as_bytes(self) -> bytes:
        return self.content.encode("utf-8") if isinstance(self.content, str) else self.content

    def write_to(self, target: Path) -> None:
        target.write_bytes(self.as_bytes())


class StreamedFile(OutputFile):
    """A large file made piece by piece (`data/corpus.json`, 64 MB at 2,000 speeches):
    `write_to` writes each piece as it is made, so the file is never held whole where the
    static files are written; `content` joins the pieces for a caller that wants it whole."""

    pieces: Callable[[], Iterable[bytes]]

    def __init__(self, path: str, pieces: Callable[[], Iterable[bytes]]) -> None:
        object.__setattr__(self, "path", path)  # frozen, as every OutputFile
        object.__setattr__(self, "pieces", pieces)

    @property
    def content(self) -> bytes:
        return b"".join(self.pieces())

    def write_to(self, target: Path) -> None:
        with target.open("wb") as out:
            for piece in self.pieces():
                out.write(piece)


@dataclass(frozen=True)
class StaticFiles:
    """Files published as they are — the search index, the data exports, the source copies.

    They are made on demand, not with the pages: they need nothing from MkDocs and take most
    of the core's time, so the plugin can make them in a second process while MkDocs renders
    the pages. `linkable` are the paths known before making them, which pages may link to;
    every other static file lies in one of `folders`, which hold nothing else.
    """

    make: Callable[[], Iterable[OutputFile]] = field(default=lambda: ())
    linkable: tuple[str, ...] = ()
    folders: tuple[str, ...] = ()  # e.g. "search/"

    def __iter__(self) -> Iterator[OutputFile]:
        return iter(self.make())

    def write(self, site_dir: Path, skipped: list[str] | None = None) -> int:
        """Make every file and write it under `site_dir`; returns how many were written.
        With `skipped`, a file whose path is too long for the file system is left out and
        named there (`file: what — how to fix`), instead of failing the whole build."""
        written = 0
        for file in self:
            target = site_dir / file.path
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                file.write_to(target)
            except OSError as error:
                if skipped is None or error.errno != errno.ENAMETOOLONG:
                    raise
                skipped.append(f"{target}: not written: {error.strerror} — build into a folder "
                               "with a shorter path, or shorten the source file's name")
                continue
            written += 1
        return written

    def clear(self, site_dir: Path) -> None:
        """Remove what an earlier build left in `folders` (they hold nothing else), so that no
        search shard or source copy of a speech that is gone stays in the site."""
        for folder in self.folders:
            shutil.rmtree(site_dir / folder, ignore_errors=True)


@dataclass(frozen=True)
class FileGroup:
    """Pages made on demand, once — in this process or, during `mkdocs build`, partly in the
    background writer (background.py) while this process renders the others."""

    make: Callable[[], Iterable[OutputFile]] = field(default=lambda: ())

    @cached_property
    def files(self) -> tuple[OutputFile, ...]:
        return tuple(self.make())


@dataclass(frozen=True)
class SiteOutput:
    assets: tuple[OutputFile, ...]  # our CSS and JavaScript
    pages: FileGroup = FileGroup()  # a page per speech
    corpus_pages: FileGroup = FileGroup()  # pages over the corpus: home, browse, topics, terms…
    static: StaticFiles = StaticFiles()
    extra_css: tuple[str, ...] = ()
    extra_javascript: tuple[str, ...] = ()

    def files_but_static(self) -> tuple[OutputFile, ...]:
        """The assets and pages, made now (the static files left to be made on demand)."""
        return self.assets + self.pages.files + self.corpus_pages.files

    @cached_property
    def files(self) -> tuple[OutputFile, ...]:
        """Every file of the site, all made now (once)."""
        return self.assets + self.pages.files + self.corpus_pages.files + tuple(self.static)


def collision(handwritten: Collection[str], folders: tuple[str, ...], paths: Iterable[str]) -> str | None:
    """A hand-written file (by its path in docs/) in the way of generated files — inside one
    of their `folders`, or at one of their `paths`: what to do about it; None if none is."""
    for uri in handwritten:
        if uri.startswith(folders):
            return f"docs/{uri} lies in the generated folder {uri.split('/')[0]}/ — move it"
    for path in paths:
        if path in handwritten:
            return f"docs/{path} collides with a generated page — rename or remove it"
    return None
