"""The folder that a tool without our plugin publishes (`speechsite build-pages`).

It holds what the plugin hands MkDocs: under `docs/` the hand-written pages of the docs
folder and every generated file (pages, data files, source copies, assets, search index),
under `overrides/` the template overrides. MkDocs 1.6 with `mkdocs.generated.yml` or Zensical
with `zensical.toml` publish it as it is. Pure: this module returns files, the command
writes them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .errors import SpeechSiteError
from .output import OutputFile, SiteOutput
from .render.assets import template_overrides
from .render.home import is_placeholder_home
from .site.urls import HOME

DOCS = "docs"
OVERRIDES = "overrides"


class PagesFolderError(SpeechSiteError):
    """A hand-written page stands where a generated file goes."""


def pages_folder(site: SiteOutput, docs_dir: Path | None) -> tuple[OutputFile, ...]:
    """Every file of the folder, by its path inside it, sorted by path."""
    handwritten = tuple(handwritten_files(docs_dir)) if docs_dir is not None else ()
    generated = site.files
    _check_free(handwritten, generated, site.static.folders, docs_dir)
    docs = (OutputFile(f"{DOCS}/{file.path}", file.content) for file in (*handwritten, *generated))
    overrides = (OutputFile(f"{OVERRIDES}/{file.path}", file.content) for file in template_overrides())
    return tuple(sorted((*docs, *overrides), key=lambda file: file.path))


def handwritten_files(docs_dir: Path) -> Iterator[OutputFile]:
    """The files of the docs folder, as MkDocs would take them: hidden files and folders left
    out, and docs/index.md left out when it is the placeholder the generated home replaces."""
    for path in sorted(docs_dir.rglob("*")):
        relative = path.relative_to(docs_dir).as_posix()
        if not path.is_file() or any(part.startswith(".") for part in relative.split("/")):
            continue
        content = path.read_bytes()
        if relative == HOME and is_placeholder_home(content.decode("utf-8", errors="replace")):
            continue
        yield OutputFile(relative, content)


def _check_free(
    handwritten: tuple[OutputFile, ...],
    generated: tuple[OutputFile, ...],
    static_folders: tuple[str, ...],
    docs_dir: Path | None,
) -> None:
    """The plugin's rule: a hand-written file may not take a generated file's place."""
    taken = {file.path for file in generated}
    for file in handwritten:
        where = docs_dir / file.path if docs_dir is not None else Path(file.path)
        if file.path in taken:
            raise PagesFolderError(f"{where}: collides with a generated page — rename or remove it")
        if file.path.startswith(static_folders):
            folder = file.path.split("/")[0]
            raise PagesFolderError(f"{where}: lies in the generated folder {folder}/ — move it")
