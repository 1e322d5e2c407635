"""The MkDocs adapter: the only module that imports mkdocs.

It runs the core pipeline when MkDocs collects files, adds the generated pages in memory
(nothing is written into docs/), reports source problems as warnings so `--strict` fails
on them, and watches the sources under `mkdocs serve`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from .errors import SpeechSiteError
from .pipeline import Options, SpeechCache, build

log = get_plugin_logger(__name__)

TEMPLATES = Path(__file__).parent / "templates"


class SpeechesConfig(base.Config):
    sources = c.Type(str, default="source_texts")
    """Folder of speech texts (`*.txt`, searched recursively), relative to mkdocs.yml."""
    taxonomy = c.Type(str, default="source_texts/taxonomy.yml")
    """Topic taxonomy file, relative to mkdocs.yml."""
    glossary = c.Type(str, default="source_texts/glossary.yml")
    """Glossary of policy terms, relative to mkdocs.yml."""


class SpeechesPlugin(BasePlugin[SpeechesConfig]):
    def __init__(self) -> None:
        # Kept across rebuilds of `mkdocs serve` (see on_startup): parse only what changed.
        self.cache: SpeechCache = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this plugin, and its cache, across serve rebuilds."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
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
        for output in result.site.files:
            if files.get_file_from_path(output.path) is not None:
                raise PluginError(
                    f"docs/{output.path} collides with a generated page — rename or remove it"
                )
            files.append(File.generated(config, output.path, content=output.content))
        config.extra_css.extend(result.site.extra_css)
        config.extra_javascript.extend(result.site.extra_javascript)
        return files

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        options = self._options(config)
        for path in (options.sources, options.taxonomy, options.glossary):
            if path is not None and path.exists():
                server.watch(str(path))
        return server

    def _options(self, config: MkDocsConfig) -> Options:
        root = Path(config.config_file_path).parent
        taxonomy, glossary = root / self.config.taxonomy, root / self.config.glossary
        return Options(
            sources=root / self.config.sources,
            taxonomy=taxonomy if taxonomy.exists() else None,
            glossary=glossary if glossary.exists() else None,
            site_url=config.site_url or "",
        )

    def _prune_cache(self, corpus: Any) -> None:
        """Forget speeches whose sources are gone, so a long serve session does not grow."""
        # By the cached speech's own source, not the key: a key with a sidecar hashes both files.
        live = {(speech.source.path, speech.source.sha256) for speech in corpus.speeches}
        for key, speech in list(self.cache.items()):
            if (speech.source.path, speech.source.sha256) not in live:
                del self.cache[key]
