"""What `mkdocs serve` keeps between rebuilds so that an edit re-renders only what it changed.

`PageCache` holds the final HTML of every generated page, keyed by the page's path, its
Markdown and a digest of everything else that shapes the page (`environment`: the
configuration, the theme's templates, the hand-written pages that make the navigation). A
page whose Markdown and environment are unchanged is taken from the cache: MkDocs neither
converts its Markdown nor renders the theme around it again. The Markdown is compared as it
is, not hashed: an unchanged page's source is mostly the very same string (from the page
memo), and so is its Markdown (`front_matter` splits each source once).

`ContentLedger` remembers a digest of each generated file's content from the previous build,
so that a generated file can say whether it changed (MkDocs' `--dirty` asks `is_modified()`).

`TemplateCode` keeps the theme's templates compiled: MkDocs makes a new template environment
at every rebuild, which would parse and compile every template again.

All three are owned by the plugin instance, which MkDocs keeps for the whole serve session.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


def digest(*parts: str | bytes) -> str:
    """A hex digest of the parts, each length-prefixed (no two sequences of parts collide)."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


@dataclass(frozen=True)
class RenderedPage:
    """A generated page as MkDocs finished it: its HTML, title and the anchors it holds."""

    html: str
    title: str | None
    anchors: frozenset[str]


@dataclass
class PageCache:
    """Final HTML of generated pages. Mutable on purpose: it lives as long as a serve session."""

    environment: str = ""
    _pages: dict[str, tuple[str, RenderedPage]] = field(default_factory=dict)  # path → (Markdown, page)
    # path → (source, Markdown, front matter) of the last build: a page's source split once
    _sources: dict[str, tuple[str, str, dict[str, Any]]] = field(default_factory=dict)
    hits: int = 0
    rendered: list[str] = field(default_factory=list)  # paths converted in this build

    def get(self, path: str, markdown: str) -> RenderedPage | None:
        entry = self._pages.get(path)
        if entry is not None and (entry[0] is markdown or entry[0] == markdown):
            self.hits += 1
            return entry[1]
        self.rendered.append(path)
        return None

    def put(self, path: str, markdown: str, html: str, title: str | None, anchors: Iterable[str]) -> None:
        self._pages[path] = (markdown, RenderedPage(html, title, frozenset(anchors)))

    def front_matter(
        self, path: str, source: str, split: Callable[[str], tuple[str, dict[str, Any]]]
    ) -> tuple[str, dict[str, Any]]:
        """The page's Markdown and front matter, `split` from its source unless the last build
        split the same source (a copy of the front matter: a page may change its own)."""
        entry = self._sources.get(path)
        if entry is None or not (entry[0] is source or entry[0] == source):
            markdown, meta = split(source)
            entry = self._sources[path] = (source, markdown, meta)
        return entry[1], dict(entry[2])

    def start_build(self, environment: str) -> None:
        """A new build in `environment`: a changed environment empties the cache."""
        if environment != self.environment:
            self._pages.clear()
        self.environment = environment
        self.hits, self.rendered = 0, []

    def keep_only(self, paths: Iterable[str]) -> None:
        """Forget pages that are no longer generated (a deleted or renamed speech)."""
        live = set(paths)
        for kept in (self._pages, self._sources):
            for path in [path for path in kept if path not in live]:
                del kept[path]


@dataclass
class ContentLedger:
    """Each generated file's content at the previous build, by path (compared as it is: an
    unchanged page is mostly the very same string, from the page memo, and comparing two
    strings is much cheaper than hashing them). Kept only when `active` (`mkdocs serve`): a
    single `mkdocs build` has no next build, and would hold every page's text in it."""

    active: bool = False
    _previous: dict[str, str | bytes] = field(default_factory=dict)
    _current: dict[str, str | bytes] = field(default_factory=dict)
    modified: list[str] = field(default_factory=list)  # paths whose content changed at the last build
    _modified: list[str] = field(default_factory=list)

    def changed(self, path: str, content: str | bytes) -> bool:
        """Record `content` for this build; True unless the previous build made the same."""
        if not self.active:
            return True
        self._current[path] = content
        if self._previous.get(path) == content:
            return False
        self._modified.append(path)
        return True

    def finish_build(self) -> None:
        self._previous, self._current = self._current, {}
        self.modified, self._modified = self._modified, []

    def abandon_build(self) -> None:
        """A failed build: the next one compares with the last build that finished."""
        self._current, self._modified = {}, []


def theme_signature(theme_dirs: Iterable[str]) -> str:
    """The theme's templates by name, size and modification time (an edited override counts)."""
    entries: list[str] = []
    for folder in theme_dirs:
        for root, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "assets")
            for name in sorted(names):
                if name.endswith(".html"):
                    entries.append(_stat_line(Path(root) / name))
    return digest(*entries)


def files_signature(paths: Iterable[tuple[str, str | None]]) -> str:
    """Hand-written files by site path and the size and modification time of their source."""
    return digest(*(f"{uri}\0{_stat_line(Path(src)) if src else ''}" for uri, src in sorted(paths, key=lambda p: p[0])))


def _stat_line(path: Path) -> str:
    try:
        stat = path.stat()
    except OSError:
        return f"{path}\0missing"
    return f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}"


class _RecordsMessages(logging.Handler):
    """Notes whether MkDocs said anything while converting a page (a page that drew a
    warning is not cached: taking it from the cache would silence the warning)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.said = False

    def emit(self, record: logging.LogRecord) -> None:
        self.said = True


def render_cached(page: Any, cache: PageCache, convert: Callable[[], None], empty_toc: Any, template: str) -> str | None:
    """Give a MkDocs page its HTML from `cache` when its Markdown is unchanged: its content is
    then the finished page, written through the pass-through `template`. Otherwise `convert`
    it as usual; returns the Markdown to cache it under once rendered, None if it may not be
    cached (it drew a message, or links to anchors of other pages, which MkDocs checks each build)."""
    key = page.markdown
    cached = cache.get(page.file.src_uri, key)
    if cached is not None:
        page.content, page.toc, page._title_from_render = cached.html, empty_toc, cached.title
        page.present_anchor_ids, page.links_to_anchors = set(cached.anchors), {}
        page.meta["template"] = template
        return None
    recorder = _RecordsMessages()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(recorder)
    try:
        convert()
    finally:
        mkdocs_log.removeHandler(recorder)
    return None if recorder.said or page.links_to_anchors else key


def environment(config: Any, files: Iterable[Any]) -> str:
    """Everything besides its own Markdown that shapes a generated page's HTML: the MkDocs
    configuration, the theme's templates, and the hand-written files (they make the nav)."""
    # An extension given as an object (ours, added in on_config) by its class: its repr holds
    # its address, new at every rebuild.
    extensions = [ext if isinstance(ext, str) else f"{type(ext).__module__}.{type(ext).__qualname__}"
                  for ext in config.markdown_extensions]
    settings = repr([config.site_url, config.site_name, extensions, config.mdx_configs,
                     sorted((key, repr(value)) for key, value in config.theme.items()), config.theme.dirs,
                     config.extra_css, config.extra_javascript, config.extra, config.copyright,
                     config.use_directory_urls, config.nav])
    handwritten = [(file.src_uri, file.abs_src_path) for file in files if file.generated_by is None]
    config_bytes = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
    return digest(settings, config_bytes, theme_signature(config.theme.dirs), files_signature(handwritten))


class TemplateCode(BytecodeCache):
    """Compiled theme templates by name, across rebuilds (Jinja checks each against its source:
    an edited template is compiled again)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()
