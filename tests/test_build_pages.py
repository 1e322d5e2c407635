"""`speechsite build-pages` (scripts/build_pages.py): the folder that tools without our plugin
publish, and what a build that ignored the plugin shows.

"Equals" for the MkDocs build without the plugin means the strongest thing that holds: the
same files, byte for byte, as the plugin's build of the same project (every page, asset, data
file and search index file; sitemap included). A theme-level difference from a plugin hook
that the plain build lacks would show here; there is none.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tomllib
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from sitebuild import ROOT, SEEDS, build_pages, make_project, mkdocs_build_with

from speechsite.commands.cli import main
from speechsite.pipeline import Options, build

PLACEHOLDER_TEXT = "构建这个网站的工具没有运行 speechsite 插件"


def tree(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_two_runs_write_the_same_folder(pages_project: Path, tmp_path: Path) -> None:
    # The second run from another copy of the project, so a leaked absolute path would show.
    again = build_pages(make_project(tmp_path / "elsewhere"), tmp_path / "again")
    first, second = tree(pages_project / "generated"), tree(again)
    assert len(first) > 150 and sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []


def test_the_folder_holds_the_pages_and_the_overrides(pages_project: Path) -> None:
    generated = pages_project / "generated"
    files = tree(generated)
    for path in ("docs/index.md", "docs/data.md", "docs/guide.md", "docs/data/corpus.json",
                 "docs/search/manifest.js", "docs/assets/speechsite/search.js",
                 "overrides/partials/header.html", "overrides/partials/search.html"):
        assert path in files, path
    home = (generated / "docs" / "index.md").read_text(encoding="utf-8")
    assert PLACEHOLDER_TEXT not in home and "speechsite:placeholder-home" not in home
    templates = ROOT / "src" / "speechsite" / "templates"
    for template in templates.rglob("*.html"):
        assert (generated / "overrides" / template.relative_to(templates)).read_bytes() == template.read_bytes()
    assert not any(part.startswith(".") for path in files for part in Path(path).parts[1:])


def test_mkdocs_without_the_plugin_builds_the_plugins_site(built_site: Path, plain_site: Path) -> None:
    with_plugin, without = tree(built_site), tree(plain_site)
    assert sorted(with_plugin) == sorted(without)
    assert [path for path in with_plugin if with_plugin[path] != without[path]] == []


def test_the_configurations_list_our_styles_and_scripts() -> None:
    site = build(Options(SEEDS)).site
    generated = yaml.safe_load((ROOT / "mkdocs.generated.yml").read_text(encoding="utf-8"))
    zensical = tomllib.loads((ROOT / "zensical.toml").read_text(encoding="utf-8"))["project"]
    for config in (generated, zensical):
        assert tuple(config["extra_css"]) == site.extra_css
        assert tuple(config["extra_javascript"]) == site.extra_javascript
    assert generated["docs_dir"] == zensical["docs_dir"] == "generated/docs"
    assert generated["theme"]["custom_dir"] == zensical["theme"]["custom_dir"] == "generated/overrides"
    assert generated["plugins"] == [{"search": {"enabled": False}}]
    assert zensical["plugins"] == {"search": {"enabled": False}}


def test_the_plugins_home_page_replaces_the_placeholder(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert PLACEHOLDER_TEXT not in home and "speechsite:placeholder-home" not in home
    assert "最新讲话" in home


def shown_home(site: Path) -> str:
    article = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").select_one("article")
    assert article is not None
    return re.sub(r"\s+", " ", article.get_text(" "))


def test_mkdocs_that_ignores_the_plugin_shows_how_to_fix_it(tmp_path: Path) -> None:
    """What MkDocs 2.0 (no plugins) or MkDocs without speechsite installed would publish."""
    project = make_project(tmp_path / "project")
    config = project / "mkdocs.noplugin.yml"
    config.write_text("INHERIT: mkdocs.yml\nplugins: []\n", encoding="utf-8")
    shown = shown_home(mkdocs_build_with(config, tmp_path / "site", strict=False).site)
    assert PLACEHOLDER_TEXT in shown
    for fix in ("mkdocs build", "scripts/build_pages.py", "zensical build", "pip install -e '.[zensical]'"):
        assert fix in shown, fix


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "source_texts").mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], project / "source_texts")
    (project / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - search\n  - speeches:\n      sources: source_texts\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8",
    )
    return project


def run(project: Path, *extra: str) -> int:
    return main(["build-pages", "--config", str(project / "mkdocs.yml"), *extra])


def test_settings_come_from_mkdocs_yml(small_project: Path) -> None:
    (small_project / "docs" / "about.md").write_text("# 关于\n", encoding="utf-8")
    (small_project / "docs" / ".notes.md").write_text("private\n", encoding="utf-8")
    assert run(small_project) == 0
    docs = small_project / "generated" / "docs"
    assert (docs / "about.md").read_text(encoding="utf-8") == "# 关于\n"
    assert not (docs / ".notes.md").exists()
    assert len(list((docs / "speeches").glob("*/index.md"))) == 1


def test_a_handwritten_home_page_collides(small_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (small_project / "docs" / "index.md").write_text("# 我的首页\n", encoding="utf-8")
    assert run(small_project) == 1
    where = small_project / "docs" / "index.md"
    assert capsys.readouterr().err == f"error: {where}: collides with a generated page — rename or remove it\n"
    assert not (small_project / "generated").exists()


def test_a_page_in_a_generated_folder_is_refused(small_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (small_project / "docs" / "search").mkdir()
    (small_project / "docs" / "search" / "help.md").write_text("# 帮助\n", encoding="utf-8")
    assert run(small_project) == 1
    where = small_project / "docs" / "search" / "help.md"
    assert capsys.readouterr().err == f"error: {where}: lies in the generated folder search/ — move it\n"


def test_a_configuration_without_the_plugin_is_refused(small_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = small_project / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - search\n", encoding="utf-8")
    assert run(small_project) == 1
    assert capsys.readouterr().err == (
        f"error: {config}: no `speeches` plugin under plugins: — add `- speeches` (see README) "
        "or pass the site's configuration with --config\n"
    )


def test_bad_yaml_names_the_line(small_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = small_project / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - speeches:\n    sources: [\n", encoding="utf-8")
    assert run(small_project) == 1
    assert re.fullmatch(rf"error: {re.escape(str(config))}:\d+: not valid YAML — fix the configuration\n",
                        capsys.readouterr().err)


def test_a_missing_sources_folder_is_named(small_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = small_project / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - speeches:\n      sources: nowhere\n", encoding="utf-8")
    assert run(small_project) == 1
    assert capsys.readouterr().err == (
        f"error: {small_project / 'nowhere'}: no such folder — set `sources:` of the speeches plugin in {config}\n"
    )


@pytest.mark.parametrize("option", ["taxonomy", "glossary"])
def test_a_configured_data_file_that_does_not_exist_is_an_error(
    small_project: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    """As in the plugin's config validation (tests/test_plugin_config.py): never dropped silently."""
    config = small_project / "mkdocs.yml"
    config.write_text(f"site_name: x\nplugins:\n  - speeches:\n      {option}: missing.yml\n", encoding="utf-8")
    assert run(small_project) == 1
    assert capsys.readouterr().err == (
        f"error: {config}: Plugin 'speeches' option '{option}': The path '{small_project / 'missing.yml'}' "
        f"isn't an existing file — fix `{option}:` of the speeches plugin or remove it\n"
    )
    assert not (small_project / "generated").exists()


def test_inherited_settings_and_the_mapping_form_of_plugins(small_project: Path) -> None:
    """INHERIT's parent gives what the child leaves out; `plugins:` may be a mapping."""
    (small_project / "texts").mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[1], small_project / "texts")
    (small_project / "pages").mkdir()
    (small_project / "pages" / "about.md").write_text("# 关于\n", encoding="utf-8")
    (small_project / "base.yml").write_text("site_name: x\ndocs_dir: pages\nsite_url: https://example.org/w/\n", encoding="utf-8")
    (small_project / "mkdocs.yml").write_text(
        "INHERIT: base.yml\nplugins:\n  search: {}\n  speeches:\n    sources: texts\n", encoding="utf-8"
    )
    assert run(small_project) == 0
    docs = small_project / "generated" / "docs"
    assert (docs / "about.md").is_file()
    corpus = (docs / "data" / "corpus.json").read_text(encoding="utf-8")
    assert sorted(SEEDS.glob("*.txt"))[1].name in corpus and sorted(SEEDS.glob("*.txt"))[0].name not in corpus
    page = next((docs / "speeches").glob("*/index.md")).read_text(encoding="utf-8")
    cite_url = BeautifulSoup(page, "html.parser").select_one("dl.provenance")["data-cite-url"]  # type: ignore[index]
    assert str(cite_url).startswith("https://example.org/w/speeches/")
