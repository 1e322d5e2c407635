"""Static assets shipped in the package (`src/speechsite/assets/`), copied into the site."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from importlib.resources.abc import Traversable

from ..output import OutputFile
from .site import RenderContext


def assets(ctx: RenderContext) -> Iterator[OutputFile]:
    """Every file under the package's `assets/` folder, at the same path inside the site."""
    yield from _walk(resources.files("speechsite") / "assets", "assets")


def _walk(folder: Traversable, prefix: str) -> Iterator[OutputFile]:
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        path = f"{prefix}/{entry.name}"
        if entry.is_dir():
            yield from _walk(entry, path)
        elif not entry.name.startswith("."):
            yield OutputFile(path, entry.read_bytes())
