"""`speechsite build-pages [OUTDIR]`: write the folder that Zensical (`zensical.toml`) or MkDocs
without our plugin (`mkdocs.generated.yml`) publishes — the pages, data files, assets and
search index that `mkdocs build` makes with the plugin, from the same settings in mkdocs.yml.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import SpeechSiteError
from ..pages_folder import pages_folder
from ..pipeline import (
    DEFAULT_GLOSSARY,
    DEFAULT_SOURCES,
    DEFAULT_TAXONOMY,
    Options,
    build,
    site_options,
)
from ..site.addresses import ADDRESSES_FILE, record_addresses
from .export import export_files

PLUGIN = "speeches"
OUTDIR = "generated"  # beside mkdocs.yml; zensical.toml and mkdocs.generated.yml read it there


class BuildPagesError(SpeechSiteError):
    """The site's configuration cannot be used."""


@dataclass(frozen=True)
class SiteSettings:
    """What the plugin would take from mkdocs.yml."""

    docs_dir: Path
    options: Options


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "build-pages",
        help="write the site's pages and files to a folder that Zensical or MkDocs without the plugin publishes",
        description="Run the plugin's pipeline with the settings in mkdocs.yml and write the docs "
        "folder it would hand MkDocs (OUTDIR/docs: hand-written and generated pages, data files, "
        "assets, search index) and the template overrides (OUTDIR/overrides). Publish it with "
        "`zensical build` (zensical.toml) or `mkdocs build -f mkdocs.generated.yml`.",
    )
    parser.add_argument("outdir", type=Path, nargs="?", help=f"folder to write (default: {OUTDIR}/ beside the configuration)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's MkDocs configuration (default: mkdocs.yml)")
    parser.set_defaults(run=run_build_pages)


def run_build_pages(args: argparse.Namespace) -> int:
    config: Path = args.config
    outdir: Path = args.outdir if args.outdir is not None else config.parent / OUTDIR
    settings = read_settings(config)
    result = build(settings.options)
    for diagnostic in result.corpus.diagnostics:
        print(f"{diagnostic.level}: {diagnostic}", file=sys.stderr)
    if record_addresses(settings.options.sources, result.corpus.addresses):  # as `mkdocs build` does
        print(f"page addresses recorded in {settings.options.sources / ADDRESSES_FILE}")
    docs = settings.docs_dir if settings.docs_dir.is_dir() else None
    written = export_files(pages_folder(result.site, docs), outdir, by="speechsite build-pages")
    print(f"wrote {written} files ({len(result.corpus.speeches)} speeches) to {outdir}; publish it with "
          "`zensical build` (zensical.toml) or `mkdocs build -f mkdocs.generated.yml`")
    failed = sum(1 for diagnostic in result.corpus.diagnostics if diagnostic.level == "error")
    if failed:
        print(f"{failed} source file(s) could not be read and are missing from the site — "
              "see the errors above", file=sys.stderr)
    return 1 if failed else 0


def read_settings(config: Path) -> SiteSettings:
    """docs_dir, site_url and the `speeches` plugin's settings of an MkDocs configuration."""
    data = _load(config)
    plugin = _plugin_settings(data.get("plugins"))
    if plugin is None:
        raise BuildPagesError(f"{config}: no `{PLUGIN}` plugin under plugins: — add `- {PLUGIN}` "
                              "(see README) or pass the site's configuration with --config")
    root = config.parent
    _check_data_files(config, plugin, root)
    options = site_options(
        root,
        _text(config, plugin, "sources", DEFAULT_SOURCES),
        _text(config, plugin, "taxonomy", DEFAULT_TAXONOMY),
        _text(config, plugin, "glossary", DEFAULT_GLOSSARY),
        _text(config, data, "site_url", ""),
        _text(config, data, "site_name", ""),
    )
    if not options.sources.is_dir():
        raise BuildPagesError(f"{options.sources}: no such folder — set `sources:` of the {PLUGIN} plugin in {config}")
    return SiteSettings(root / _text(config, data, "docs_dir", "docs"), options)


def _check_data_files(config: Path, plugin: dict[str, Any], root: Path) -> None:
    """A taxonomy or glossary that is configured must exist, as the plugin's config validation
    demands (with its wording); only the default files are optional."""
    for key in ("taxonomy", "glossary"):
        value = _text(config, plugin, key, "")
        if value and not (root / value).is_file():
            raise BuildPagesError(
                f"{config}: Plugin '{PLUGIN}' option '{key}': The path '{root / value}' isn't an "
                f"existing file — fix `{key}:` of the {PLUGIN} plugin or remove it"
            )


class _Loader(yaml.SafeLoader):
    """Safe YAML that reads MkDocs' tags (!ENV, !!python/name:…) as nothing instead of failing."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def _load(config: Path) -> dict[str, Any]:
    """The configuration as a mapping, with INHERIT's parent under it (top-level keys replaced)."""
    try:
        text = config.read_text(encoding="utf-8")
    except OSError as error:
        raise BuildPagesError(f"{config}: cannot read it ({error.strerror}) — pass the site's configuration with --config") from error
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 — a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{config}:{mark.line + 1}" if mark is not None else str(config)
        raise BuildPagesError(f"{where}: not valid YAML — fix the configuration") from error
    if not isinstance(data, dict):
        raise BuildPagesError(f"{config}: not an MkDocs configuration (a mapping of settings) — pass mkdocs.yml with --config")
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str):
        return {**_load(config.parent / parent), **data}
    return data


def _plugin_settings(plugins: Any) -> dict[str, Any] | None:
    """The plugin's settings from `plugins:` (a list of names or one-key mappings, or a mapping)."""
    entries = list(plugins.items()) if isinstance(plugins, dict) else [_entry(item) for item in plugins or ()]
    for name, settings in entries:
        if name == PLUGIN:
            return settings if isinstance(settings, dict) else {}
    return None


def _entry(item: Any) -> tuple[Any, Any]:
    """`- name` or `- name: {settings}` as (name, settings)."""
    if isinstance(item, dict) and len(item) == 1:
        return next(iter(item.items()))
    return item, None


def _text(config: Path, settings: dict[str, Any], key: str, default: str) -> str:
    value = settings.get(key)
    if value is None:
        return default
    if not isinstance(value, str):
        raise BuildPagesError(f"{config}: `{key}` must be text, not {value!r} — quote it")
    return value
