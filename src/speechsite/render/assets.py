"""Static assets shipped in the package (`src/speechsite/assets/`), copied into the site."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from importlib.resources.abc import Traversable

from ..output import OutputFile
from ..site.context import RenderContext


def assets(ctx: RenderContext) -> Iterator[OutputFile]:
    """Every file under the package's `assets/` folder, at the same path inside the site."""
    yield from _walk(resources.files("speechsite") / "assets", "assets")


def template_overrides() -> Iterator[OutputFile]:
    """The package's Material template overrides (`templates/`), by their path inside a theme's
    custom_dir; the plugin puts that folder first in MkDocs' theme folders instead."""
    folder = resources.files("speechsite") / "templates"
    for file in _walk(folder, "templates"):
        yield OutputFile(file.path.removeprefix("templates/"), file.content)


def _walk(folder: Traversable, prefix: str) -> Iterator[OutputFile]:
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        path = f"{prefix}/{entry.name}"
        if entry.is_dir():
            yield from _walk(entry, path)
        elif not entry.name.startswith("."):
            yield OutputFile(path, entry.read_bytes())
