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
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any, cast

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import get_data

from .background import BackgroundWriter, SiteFiles, make_site_files
from .build_log import QUIET, summary
from .errors import SpeechSiteError
from .output import OutputFile, SiteOutput, StaticFiles, collision
from .page_cache import ContentLedger, PageCache, TemplateCode, environment, render_cached
from .pipeline import DEFAULT_SOURCES, Caches, Options, build, site_options
from .render.home import is_placeholder_home
from .render.markdown_blocks import ParagraphBlocksExtension
from .serve_folder import KeptFolder
from .serve_static import StaticStore, inputs_digest
from .shared_markdown import SharedMarkdown
from .site.addresses import ADDRESSES_FILE, record_addresses
from .site.build_folder import SiteLock, prune
from .site.urls import HOME

log = get_plugin_logger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
CACHED_TEMPLATE = "speechsite-cached.html"  # outputs a cached page's HTML as it is (serve)


class SpeechesConfig(base.Config):
    sources = c.Dir(exists=True, default=DEFAULT_SOURCES)
    """Folder of speeches (.txt .docx .pdf .html .htm .md, searched recursively), relative to mkdocs.yml."""
    taxonomy = c.Optional(c.File(exists=True))
    """Topic taxonomy file, relative to mkdocs.yml (default: pipeline.DEFAULT_TAXONOMY if it exists)."""
    glossary = c.Optional(c.File(exists=True))
    """Glossary of policy terms, relative to mkdocs.yml (default: pipeline.DEFAULT_GLOSSARY if it exists)."""
    parallel = c.Type(bool, default=True)
    """Write the static files in a second process during `mkdocs build` (where fork is safe)."""


class _WrittenInBackground(File):
    """A static file the background writer puts into site_dir: MkDocs only needs its name."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


class _GeneratedFile(SharedMarkdown, File):
    """A generated file; `is_modified()` (asked by `--dirty`) says whether its content changed."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed or not Path(self.abs_dest_path).is_file()


class _ServedPage(Page):
    """A generated page under `mkdocs serve`: its HTML from the `PageCache` when its Markdown
    is unchanged (no conversion, no theme), else converted, then cached (on_post_page)."""

    cache: PageCache
    cache_key: str | None = None  # the Markdown it was converted from, when it may be cached

    def __init__(self, file: File, config: MkDocsConfig, cache: PageCache) -> None:
        super().__init__(None, file, config)
        self.cache = cache

    def read_source(self, config: MkDocsConfig) -> None:  # as MkDocs' own, but an unchanged page's front matter is kept
        source = config.plugins.on_page_read_source(page=self, config=config)
        source = self.file.content_string if source is None else source
        self.markdown, self.meta = self.cache.front_matter(self.file.src_uri, source, get_data)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.cache_key = render_cached(self, self.cache, lambda: super(_ServedPage, self).render(config, files),
                                       get_toc([]), CACHED_TEMPLATE)

    def remember(self, html: str) -> None:
        if self.cache_key is not None:
            self.cache.put(self.file.src_uri, self.cache_key, html, self._title_from_render, self.present_anchor_ids or ())


class SpeechesPlugin(BasePlugin[SpeechesConfig]):
    def __init__(self) -> None:
        self.command, self.summary, self.dirty = "", "", False  # command: set by on_startup ("build", "serve" …)
        self.writer: BackgroundWriter | None = None
        self.started = time.monotonic()
        self.lock: SiteLock | None = None
        self.files: Files | None = None
        self._new_session()

    def _new_session(self) -> None:  # what a serve session keeps, empty
        self.caches = Caches()  # kept across serve rebuilds (on_startup): parse, annotate only what changed
        self.pages, self.ledger, self.templates = PageCache(), ContentLedger(), TemplateCode()  # serve: HTML, digests
        self.static: StaticStore | None = None
        self.folder = KeptFolder()  # serve: the site folder kept across rebuilds
        self.static_inputs, self.pending_static = "", cast(StaticFiles | None, None)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining it makes MkDocs keep this plugin, and its cache, across serve rebuilds."""
        self.command, self.dirty = command, dirty
        if command == "serve" and self.static is None:
            self.static, self.folder.active, self.ledger.active = StaticStore(), True, True
            self.caches.serve()
        for quiet in (QUIET, self.folder.unwritten):  # adding twice is a no-op
            logging.getLogger("mkdocs.commands.build").addFilter(quiet)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Lock the site folder before MkDocs empties it (`mkdocs serve` builds into a fresh
        temporary folder of its own, and the static files' refresh must stop before it does)."""
        if self.static is not None:  # MkDocs then finds the folder empty: its content kept aside, or deleted meanwhile
            self.static.before_build(Path(config.site_dir), None if self.dirty else self.folder)
        if self.command != "serve":
            try:
                self.lock = SiteLock.take(Path(config.site_dir))
            except SpeechSiteError as error:
                raise PluginError(str(error)) from error

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.started = time.monotonic()
        config.theme.dirs.insert(0, str(TEMPLATES))  # then: speech pages of any length parsed in linear time
        if not any(isinstance(ext, ParagraphBlocksExtension) for ext in config.markdown_extensions):
            config.markdown_extensions.append(ParagraphBlocksExtension())
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.files, site_dir = files, Path(config.site_dir)
        self.folder.restore(site_dir)  # MkDocs has emptied the folder: the last build's files back
        home = files.get_file_from_path(HOME)  # a docs/index.md that only says the plugin did not run
        if home is not None and is_placeholder_home(home.content_string):
            files.remove(home)  # gives way to the generated home
        if self.static is not None:  # serve: the static files are made after the build
            site = self._build(config)
            _check_static(files, site.static)
            self.pending_static, made = site.static, SiteFiles.of(site, site.files_but_static(), linkable=site.static.linkable)
        else:
            try:  # the site made in there, and its corpus let go as soon as the speech pages are made
                made = make_site_files(partial(self._build, config), site_dir, self.config.parallel, partial(_check_static, files))
            except SpeechSiteError as error:
                raise PluginError(str(error)) from error
            if made.not_forked:
                log.info(f"making every file in this process: {made.not_forked}")
            self.writer = made.writer
        self._add(files, made.files, config)
        for path in made.linkable:
            files.append(_WrittenInBackground.generated(config, path, abs_src_path=str(site_dir / path)))
        config.extra_css.extend(made.extra_css)
        config.extra_javascript.extend(made.extra_javascript)
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Under `mkdocs serve`, the generated pages become `_ServedPage`s over the cache."""
        if self.command != "serve":
            return nav
        self.pages.start_build(environment(config, files))
        generated = [file for file in files.documentation_pages() if isinstance(file, _GeneratedFile)]
        self.pages.keep_only(file.src_uri for file in generated)
        in_nav = {id(page) for page in nav.pages}  # those know their place in the nav
        for file in generated:
            if id(file.page) not in in_nav:
                _ServedPage(file, config, self.pages)
            elif file.page is not None and "title" in vars(file.page):  # titled by mkdocs.yml: its HTML does not title the nav
                file.page.__class__ = _ServedPage  # MkDocs made it for the nav: served over the cache too
                cast(_ServedPage, file.page).cache = self.pages
        return nav

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if self.command == "serve":  # templates compiled once a session, not at every rebuild
            env.bytecode_cache = self.templates
        return env

    @event_priority(100)  # first: the Markdown as MkDocs read it
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if isinstance(page.file, _GeneratedFile):  # its text held once (serve's PageCache keeps its own)
            page.file.share(markdown)
        return markdown

    def _remember_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if isinstance(page, _ServedPage):
            page.remember(output)
        return output

    @event_priority(-100)  # after every other plugin: the HTML as it would be written
    def _write_if_changed(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return self.folder.output(page.file.dest_uri, page.file.src_uri, output)  # serve: "" if unchanged

    on_post_page = CombinedEvent(_remember_page, _write_if_changed)

    @event_priority(100)  # before other plugins' post_build, which may read the static files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.ledger.finish_build()
        writer, self.writer = self.writer, None
        if writer is not None:
            try:
                for warning in writer.wait():
                    log.warning(warning)
            except SpeechSiteError as error:
                raise PluginError(str(error)) from error
        if self.dirty and self.files is not None:  # MkDocs did not empty the folder first
            for path in prune(Path(config.site_dir), {file.dest_uri for file in self.files}):
                log.info(f"removed {path}, left by an earlier build")
        site_dir = Path(config.site_dir)  # the static files need linking in unless the folder was kept:
        self._publish_static(site_dir, self.folder.finish(site_dir, (file.dest_uri for file in self.files or ())))
        self._release()
        log.info(f"{self.summary}; site built in {time.monotonic() - self.started:.1f} s")

    def _publish_static(self, site_dir: Path, kept: bool) -> None:
        """Under `mkdocs serve`: the last static files into the site (unless kept), a refresh if needed."""
        static, self.pending_static = self.pending_static, None
        if self.static is None or static is None:
            return
        if self.static.publish(static, self.static_inputs, site_dir, linked=kept):
            log.info("refreshing the search index and data files in the background")
        memo = self.caches.pages
        made = f"{len(memo.made)} made, {memo.reused} reused; " if memo else ""
        log.info(f"generated pages: {made}HTML of {self.pages.hits} reused, {len(self.pages.rendered)} rendered")

    def on_build_error(self, *, error: Exception) -> None:
        self.ledger.abandon_build()
        self.folder.forget()
        writer, self.writer = self.writer, None
        if writer is not None:
            writer.cancel()
        self._release()

    def _release(self) -> None:
        lock, self.lock, self.files = self.lock, None, None
        if lock is not None:
            lock.release()

    def on_shutdown(self) -> None:
        if self.static is not None:
            self.static.close()
        logging.getLogger("mkdocs.commands.build").removeFilter(self.folder.unwritten)
        self._new_session()  # a second `mkdocs serve` in this process starts afresh

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        for path in self._options(config).watched():
            server.watch(str(path))
        return server

    def _build(self, config: MkDocsConfig) -> SiteOutput:
        """The core's site; source problems become warnings, so that `--strict` fails on them."""
        options = self._options(config)
        try:  # `mkdocs build` keeps no parsed corpus once the pages are made (serve keeps it to rebuild)
            result = build(options, None if self.command == "build" else self.caches)
            recorded = record_addresses(options.sources, result.corpus.addresses)
        except SpeechSiteError as error:
            raise PluginError(str(error)) from error
        if self.static is not None:
            self.static_inputs = inputs_digest(result.corpus, (options.taxonomy, options.glossary), options.site_url)
        for diagnostic in result.corpus.diagnostics:
            log.warning(str(diagnostic))
        self.caches.prune(result.corpus)
        self.summary = summary(result.corpus)
        if recorded:
            self.summary += f"; page addresses recorded in {options.sources.name}/{ADDRESSES_FILE}"
        return result.site

    def _add(self, files: Files, outputs: tuple[OutputFile, ...], config: MkDocsConfig) -> None:
        _check_static(files, StaticFiles(), (output.path for output in outputs))
        for output in outputs:
            file = _GeneratedFile.generated(config, output.path, content=output.content,
                                            inclusion=InclusionLevel.NOT_IN_NAV)  # reached from index pages: no "not in nav" notice
            assert isinstance(file, _GeneratedFile)
            file.changed = self.ledger.changed(output.path, output.content)
            files.append(file)

    def _options(self, config: MkDocsConfig) -> Options:
        settings = self.config  # paths checked by MkDocs; a default data file may be missing
        return site_options(Path(config.config_file_path).parent, settings.sources, settings.taxonomy, settings.glossary,
                            config.site_url or "", config.site_name or "")


def _check_static(files: Files, static: StaticFiles, pages: Iterable[str] = ()) -> None:
    """Before generated files are added or written: nothing of docs/ in their way."""
    problem = collision({file.src_uri for file in files}, static.folders, (*static.linkable, *pages))
    if problem is not None:
        raise PluginError(problem)
