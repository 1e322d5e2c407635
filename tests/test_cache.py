"""Rebuilding after editing one speech of N re-parses only that speech (cache keyed by content)."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CORPORA, ROOT, SEEDS

from speechsite import pipeline
from speechsite.annotate import glossary_file
from speechsite.model import Corpus, Speech
from speechsite.slugs import pinyin_words

sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus as bench_corpus  # noqa: E402

SIZE = 30

pytestmark = pytest.mark.skipif(
    not (CORPORA.exists() and SEEDS.exists()), reason="needs ../shared/corpora and ../shared/seeds"
)


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bench_corpus.write_corpus(SIZE, tmp_path_factory.mktemp("cache"), seed=7)


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths of the sources `pipeline.process_source` parses, in order."""
    calls: list[str] = []
    original: Callable[..., Speech] = pipeline.process_source

    def counting(source: object) -> Speech:
        speech = original(source)
        calls.append(speech.source.path)
        return speech

    monkeypatch.setattr(pipeline, "process_source", counting)
    return calls


def _edit(path: Path) -> str:
    """Append a real sentence to the last paragraph of `path`; return the new text."""
    text = path.read_text("utf-8").rstrip("\n") + "要把各项工作抓实抓细，确保取得实效。\n"
    path.write_text(text, "utf-8")
    return text


def _speeches(corpus: Corpus) -> dict[str, Speech]:
    return {speech.source.path: speech for speech in corpus.speeches}


def test_a_second_read_with_the_same_cache_parses_nothing(sources: Path, parsed: list[str]) -> None:
    cache: pipeline.SpeechCache = {}
    first = pipeline.read_corpus(sources, cache)
    assert len(parsed) == len(first.speeches) == SIZE
    parsed.clear()
    second = pipeline.read_corpus(sources, cache)
    assert parsed == []
    assert second.speeches == first.speeches


def test_editing_one_speech_reparses_only_that_speech(
    sources: Path, parsed: list[str], tmp_path: Path
) -> None:
    copy = tmp_path / "source_texts"
    shutil.copytree(sources, copy)
    _assert_one_edit_one_parse(copy, SIZE, parsed)


@pytest.mark.slow
def test_editing_one_speech_of_500_reparses_only_that_speech(
    parsed: list[str], tmp_path: Path
) -> None:
    """The issue's scale: one speech of 500 (about 1 s of parsing per read)."""
    copy = bench_corpus.write_corpus(500, tmp_path, seed=7)
    _assert_one_edit_one_parse(copy, 500, parsed)


def _assert_one_edit_one_parse(sources: Path, size: int, parsed: list[str]) -> None:
    cache: pipeline.SpeechCache = {}
    before = _speeches(pipeline.read_corpus(sources, cache))
    assert len(parsed) == size
    edited = sorted(before)[size // 2]
    _edit(sources / edited)
    parsed.clear()
    after = _speeches(pipeline.read_corpus(sources, cache))
    assert parsed == [edited]
    assert "要把各项工作抓实抓细，确保取得实效。" in after[edited].body
    unchanged = [path for path in before if path != edited]
    assert len(unchanged) == size - 1
    assert all(after[path] is before[path] for path in unchanged)


def test_editing_a_sidecar_reparses_only_its_speech(
    sources: Path, parsed: list[str], tmp_path: Path
) -> None:
    copy = tmp_path / "source_texts"
    shutil.copytree(sources, copy)
    cache: pipeline.SpeechCache = {}
    pipeline.read_corpus(copy, cache)
    sidecar = next(p for p in sorted(copy.rglob("*.yml")) if p.with_suffix(".txt").exists())
    sidecar.write_text(sidecar.read_text("utf-8") + 'speaker: "王刚"\n', "utf-8")
    parsed.clear()
    after = _speeches(pipeline.read_corpus(copy, cache))
    edited = sidecar.with_suffix(".txt").relative_to(copy).as_posix()
    assert parsed == [edited]
    assert after[edited].meta.speaker == "王刚"


def test_the_plugin_keeps_its_cache_across_serve_rebuilds(
    sources: Path, parsed: list[str], tmp_path: Path
) -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    site = tmp_path / "site"
    shutil.copytree(sources, site / "source_texts")
    (site / "docs").mkdir()
    config_file = site / "mkdocs.yml"
    config_file.write_text(
        yaml.safe_dump({"site_name": "cache", "docs_dir": "docs", "plugins": ["speeches"]}),
        "utf-8",
    )

    def rebuild() -> object:
        # What `mkdocs serve` does on every change: load the config again, run the hooks.
        config = load_config(str(config_file))
        config.plugins.on_files(Files([]), config=config)
        return config.plugins["speeches"]

    first = rebuild()
    edited = sorted(p.relative_to(site / "source_texts").as_posix()
                    for p in (site / "source_texts").rglob("*.txt"))[-1]  # fmt: skip
    _edit(site / "source_texts" / edited)
    parsed.clear()
    second = rebuild()
    assert second is first
    assert parsed == [edited]


def _mkdocs_build_files(sources: Path, tmp_path: Path) -> tuple[Any, Any, Any]:
    """The config, plugin and files of a `mkdocs build` of `sources`, up to `on_files`."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from speechsite.plugin import SpeechesPlugin

    site = tmp_path / "site"
    shutil.copytree(sources, site / "source_texts")
    (site / "docs").mkdir()
    config_file = site / "mkdocs.yml"
    plugins = [{"speeches": {"parallel": False}}]
    config_file.write_text(yaml.safe_dump({"site_name": "once", "docs_dir": "docs", "plugins": plugins}), "utf-8")
    config = load_config(str(config_file))
    plugin = config.plugins["speeches"]
    assert isinstance(plugin, SpeechesPlugin)
    plugin.caches = pipeline.Caches()  # MkDocs may hand back the instance of an earlier test
    config.plugins.on_startup(command="build", dirty=False)
    return config, plugin, config.plugins.on_files(Files([]), config=config)


def test_mkdocs_build_keeps_no_parsed_corpus(sources: Path, tmp_path: Path) -> None:
    """`mkdocs build` builds once: the plugin keeps no speech or annotation once the pages are
    made, so the memory they took goes to MkDocs' pages (serve keeps them, test above)."""
    _, plugin, files = _mkdocs_build_files(sources, tmp_path)
    assert any(file.src_uri.startswith("speeches/") for file in files)
    assert plugin.caches.speeches == {}
    assert plugin.caches.annotations.data is None


def test_mkdocs_build_holds_a_page_markdown_once(sources: Path, tmp_path: Path) -> None:
    """Once MkDocs has read a generated page, its file keeps only the front matter and shares
    the rest with the page (MkDocs holds every page's Markdown until the build ends); the
    file's content still reads the same. No record of the contents is kept for a next build."""
    from mkdocs.structure.nav import get_navigation

    config, plugin, files = _mkdocs_build_files(sources, tmp_path)
    nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
    assert nav is not None
    with_front_matter = 0
    for file in files.documentation_pages():
        content = file.content_string
        assert file.page is not None
        file.page.read_source(config)
        config.plugins.on_page_markdown(file.page.markdown, page=file.page, config=config, files=files)
        assert file.content_string == content and file.content_bytes == content.encode()
        assert file._markdown is file.page.markdown  # shared, not copied
        assert len(file._content) == len(content) - len(file.page.markdown)  # the front matter alone
        with_front_matter += content.startswith("---\n") and len(file._content) > 0
    assert with_front_matter >= SIZE  # the speech pages
    assert plugin.ledger._current == {}


def test_unchanged_data_files_are_loaded_once_across_rebuilds(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under serve a glossary whose terms give no `slug:` would start a pinyin process at
    every rebuild: the taxonomy and glossary are loaded again only when their bytes change."""
    asked: list[list[str]] = []
    monkeypatch.setattr(glossary_file, "pinyin_of_all", lambda names: asked.append(list(names)) or [
        pinyin_words(name) for name in names])
    glossary = tmp_path / "glossary.yml"
    term = "  - term: {}\n    category: 机制模式\n    definition: 释义。\n"
    glossary.write_text("terms:\n" + term.format("一岗双责"), "utf-8")
    options = pipeline.Options(sources=sources, glossary=glossary)
    caches = pipeline.Caches()
    built = pipeline.build(options, caches)
    assert [t.slug for t in built.glossary.terms] == ["yi-gang-shuang-ze"]
    assert pipeline.build(options, caches).glossary is built.glossary and len(asked) == 1
    glossary.write_text("terms:\n" + term.format("一岗双责") + term.format("党政同责"), "utf-8")
    again = caches.data_files.load(options)[1]
    assert [t.slug for t in again.terms] == ["yi-gang-shuang-ze", "dang-zheng-tong-ze"]
    assert asked == [["一岗双责"], ["一岗双责", "党政同责"]]
    assert caches.data_files.load(options)[1] is again
