"""mkdocs.yml files for a benchmark corpus, derived from the repository's own mkdocs.yml.

`full`: the repository's configuration, pointed at the generated sources, with our plugin.
`plain`: the same theme, Markdown extensions, other plugins, templates and extra CSS/JS, but
without our plugin, over the Markdown our core exported — so the two builds differ only by
what the plugin does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
PLUGIN = "speeches"
TEMPLATES = REPO / "src" / "speechsite" / "templates"


class Tagged:
    """A YAML value with a tag we do not interpret (`!!python/name:…`, `!ENV`): kept as is."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return Tagged(node.tag, value)


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(Tagged, _represent_tagged)


def load_repo_config(path: Path = REPO / "mkdocs.yml") -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=_Loader)  # noqa: S506 — our own safe subclass
    return dict(config)


def _plugin_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def _absolute(config: dict[str, Any]) -> None:
    """Paths in the repository's config that are relative to the repository."""
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str(REPO / theme["custom_dir"])
    if isinstance(config.get("hooks"), list):
        config["hooks"] = [str(REPO / hook) for hook in config["hooks"]]
    config.pop("watch", None)


def full_config(repo: dict[str, Any], docs: Path, site: Path) -> dict[str, Any]:
    config = dict(repo, docs_dir=str(docs), site_dir=str(site), strict=False)
    _absolute(config)
    plugins = []
    for entry in repo.get("plugins") or []:
        if _plugin_name(entry) == PLUGIN:
            entry = {
                PLUGIN: {
                    "sources": "source_texts",
                    "taxonomy": "source_texts/taxonomy.yml",
                    "glossary": "source_texts/glossary.yml",
                }
            }
        plugins.append(entry)
    config["plugins"] = plugins
    return config


def plain_config(
    repo: dict[str, Any],
    docs: Path,
    site: Path,
    extra_css: list[str],
    extra_javascript: list[str],
) -> dict[str, Any]:
    config = dict(repo, docs_dir=str(docs), site_dir=str(site), strict=False)
    _absolute(config)
    config["plugins"] = [e for e in repo.get("plugins") or [] if _plugin_name(e) != PLUGIN]
    theme = dict(config.get("theme") or {})
    if any(TEMPLATES.rglob("*")) and not theme.get("custom_dir"):
        theme["custom_dir"] = str(TEMPLATES)  # what the plugin adds in on_config
    config["theme"] = theme
    config["extra_css"] = [*(repo.get("extra_css") or []), *extra_css]
    config["extra_javascript"] = [*(repo.get("extra_javascript") or []), *extra_javascript]
    if "nav" not in repo and (docs / "index.md").exists():
        config["nav"] = ["index.md"]  # never a flat list of every page: see BENCHMARKS.md
    return config


def write_config(config: dict[str, Any], path: Path) -> Path:
    path.write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False), "utf-8")
    return path
