"""What the core hands to the site: files by their path inside the site, as Markdown or bytes."""

from __future__ import annotations

from dataclasses import dataclass


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


@dataclass(frozen=True)
class SiteOutput:
    files: tuple[OutputFile, ...]
    extra_css: tuple[str, ...] = ()
    extra_javascript: tuple[str, ...] = ()
