"""The MkDocs adapter: the only module that imports mkdocs.

It runs the core pipeline when MkDocs collects files, adds the generated pages in memory
(nothing is written into docs/), reports source problems as warnings so `--strict` fails
on them, and watches the sources under `mkdocs serve`. On `mkdocs build` the static files
(search index, data exports, source copies) are written by a second process while MkDocs
renders the pages (background.py).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .background import BackgroundWriter, can_fork
from .errors import SpeechSiteError
from .model import Corpus
from .output import OutputFile, SiteOutput
from .pipeline import (
    DEFAULT_GLOSSARY,
    DEFAULT_SOURCES,
    DEFAULT_TAXONOMY,
    Options,
    SpeechCache,
    build,
    site_options,
)
from .render.home import HOME, is_placeholder_home
from .site.build_folder import SiteLock, prune

log = get_plugin_logger(__name__)

TEMPLATES = Path(__file__).parent / "templates"

# MkDocs' own progress lines, replaced on a normal build by the plugin's one-line summary.
_PROGRESS = ("Cleaning site directory", "Building documentation to directory", "Documentation built in")


class _QuietProgress(logging.Filter):
    """Drops MkDocs' progress lines unless the build is verbose (`-v`); warnings always pass."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.INFO or logging.getLogger("mkdocs").getEffectiveLevel() < logging.INFO:
            return True
        return not record.getMessage().startswith(_PROGRESS)


_QUIET = _QuietProgress()


class SpeechesConfig(base.Config):
    sources = c.Type(str, default=DEFAULT_SOURCES)
    """Folder of speech texts (`*.txt`, searched recursively), relative to mkdocs.yml."""
    taxonomy = c.Type(str, default=DEFAULT_TAXONOMY)
    """Topic taxonomy file, relative to mkdocs.yml."""
    glossary = c.Type(str, default=DEFAULT_GLOSSARY)
    """Glossary of policy terms, relative to mkdocs.yml."""
    parallel = c.Type(bool, default=True)
    """Write the static files in a second process during `mkdocs build` (where fork is safe)."""


class _WrittenInBackground(File):
    """A static file the background writer puts into site_dir: MkDocs only needs its name."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


class SpeechesPlugin(BasePlugin[SpeechesConfig]):
    def __init__(self) -> None:
        # Kept across rebuilds of `mkdocs serve` (see on_startup): parse only what changed.
        self.cache: SpeechCache = {}
        self.command = "build"
        self.writer: BackgroundWriter | None = None
        self.started = time.monotonic()
        self.summary = ""
        self.dirty = False
        self.lock: SiteLock | None = None
        self.files: Files | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining it makes MkDocs keep this plugin, and its cache, across serve rebuilds."""
        self.command = command
        self.dirty = dirty
        logging.getLogger("mkdocs.commands.build").addFilter(_QUIET)  # adding twice is a no-op

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Lock the site folder before MkDocs empties it (`mkdocs serve` builds into a fresh
        temporary folder of its own)."""
        if self.command != "serve":
            try:
                self.lock = SiteLock.take(Path(config.site_dir))
            except SpeechSiteError as error:
                raise PluginError(str(error)) from error

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.started = time.monotonic()
        config.theme.dirs.insert(0, str(TEMPLATES))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        try:
            result = build(self._options(config), self.cache)
        except SpeechSiteError as error:
            raise PluginError(str(error)) from error
        for diagnostic in result.corpus.diagnostics:
            log.warning(str(diagnostic))
        self._prune_cache(result.corpus)
        self.summary = _summary(result.corpus)
        self._drop_placeholder_home(files)
        result.site.static.clear(Path(config.site_dir))
        self.files = files
        self._add_site(files, result.site, config)
        config.extra_css.extend(result.site.extra_css)
        config.extra_javascript.extend(result.site.extra_javascript)
        return files

    @event_priority(100)  # before other plugins' post_build, which may read the static files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        writer, self.writer = self.writer, None
        if writer is not None:
            try:
                for warning in writer.wait():
                    log.warning(warning)
            except SpeechSiteError as error:
                raise PluginError(str(error)) from error
        if self.dirty and self.files is not None:  # MkDocs did not empty the folder first
            kept = {file.dest_uri for file in self.files}
            for path in prune(Path(config.site_dir), kept):
                log.info(f"removed {path}, left by an earlier build")
        self._release()
        log.info(f"{self.summary}; site built in {time.monotonic() - self.started:.1f} s")

    def on_build_error(self, *, error: Exception) -> None:
        writer, self.writer = self.writer, None
        if writer is not None:
            writer.cancel()
        self._release()

    def _release(self) -> None:
        lock, self.lock, self.files = self.lock, None, None
        if lock is not None:
            lock.release()

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        options = self._options(config)
        for path in (options.sources, options.taxonomy, options.glossary):
            if path is not None and path.exists():
                server.watch(str(path))
        return server

    @staticmethod
    def _drop_placeholder_home(files: Files) -> None:
        """docs/index.md that only says the plugin did not run gives way to the generated home."""
        home = files.get_file_from_path(HOME)
        if home is not None and is_placeholder_home(home.content_string):
            files.remove(home)

    def _add_site(self, files: Files, site: SiteOutput, config: MkDocsConfig) -> None:
        """On `mkdocs build` a forked writer makes the corpus pages while this process makes
        the speech pages, then writes the static files; otherwise all is made here."""
        self._add(files, site.assets, config)
        if self.config.parallel and self.command != "serve" and can_fork():
            try:
                self._add_with_writer(files, site, config)
                return
            except OSError as error:
                log.info(f"making every file in this process: cannot fork ({error})")
        self._add(files, site.pages.files + site.corpus_pages.files + tuple(site.static), config)

    def _add_with_writer(self, files: Files, site: SiteOutput, config: MkDocsConfig) -> None:
        static, site_dir = site.static, Path(config.site_dir)
        for file in files:
            if file.src_uri.startswith(static.folders):
                folder = file.src_uri.split("/")[0]
                raise PluginError(f"docs/{file.src_uri} lies in the generated folder {folder}/ — move it")
        for path in static.linkable:
            self._check_free(files, path)
        self.writer = BackgroundWriter.start(site.corpus_pages, static, site_dir)
        self._add(files, site.pages.files, config)
        try:
            self._add(files, self.writer.pages(), config)
        except SpeechSiteError as error:
            self.writer = None  # pages() reaped it
            raise PluginError(str(error)) from error
        for path in static.linkable:
            files.append(_WrittenInBackground.generated(config, path, abs_src_path=str(site_dir / path)))

    def _add(self, files: Files, outputs: tuple[OutputFile, ...], config: MkDocsConfig) -> None:
        for output in outputs:
            self._check_free(files, output.path)
            # Generated pages are reached from the index pages, not the nav: no "not in nav" notice.
            files.append(File.generated(config, output.path, content=output.content,
                                        inclusion=InclusionLevel.NOT_IN_NAV))

    @staticmethod
    def _check_free(files: Files, path: str) -> None:
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} collides with a generated page — rename or remove it")

    def _options(self, config: MkDocsConfig) -> Options:
        root = Path(config.config_file_path).parent
        settings = self.config
        return site_options(root, settings.sources, settings.taxonomy, settings.glossary, config.site_url or "")

    def _prune_cache(self, corpus: Any) -> None:
        """Forget speeches whose sources are gone, so a long serve session does not grow."""
        # By the cached speech's own source, not the key: a key with a sidecar hashes both files.
        live = {(speech.source.path, speech.source.sha256) for speech in corpus.speeches}
        for key, speech in list(self.cache.items()):
            if (speech.source.path, speech.source.sha256) not in live:
                del self.cache[key]


def _summary(corpus: Corpus) -> str:
    problems = len(corpus.diagnostics)
    paragraphs = sum(1 for speech in corpus.speeches for _ in speech.all_paragraphs())
    noted = f"{problems} problem{'s' if problems != 1 else ''} in the sources (see the warnings above)" \
        if problems else "no problem in the sources"
    return f"{len(corpus.speeches)} speeches, {paragraphs} paragraphs, {noted}"
