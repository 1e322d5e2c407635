"""Incremental rebuilds under `mkdocs serve`: after every kind of change the site equals a
clean build of the same sources, file for file, and an edit re-renders only what it changed.

The builds run in this process as `mkdocs serve` runs them (MkDocs keeps the plugin instance
across rebuilds); the static files, refreshed in a background thread under serve, are waited
for before comparing.
"""

from __future__ import annotations

import gc
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from sitebuild import ROOT, SEEDS, site_setup

SERVE_URL = "http://127.0.0.1:8000/"
SPEECHES = sorted(SEEDS.glob("*.txt"))[:3]


def _plugin_cache() -> dict[str, Any]:
    for key, option in MkDocsConfig._schema:
        if key == "plugins":
            cache: dict[str, Any] = option.plugin_cache  # type: ignore[attr-defined]
            return cache
    raise AssertionError("MkDocs has no plugins option")


@pytest.fixture
def fresh_plugins() -> Iterator[None]:
    """Each serve session starts with a new plugin instance, and leaves none behind."""
    _close_plugins()
    yield
    _close_plugins()


def _close_plugins() -> None:
    for plugin in _plugin_cache().values():
        if getattr(plugin, "static", None) is not None:
            plugin.on_shutdown()
    _plugin_cache().clear()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    folder = tmp_path / "project"
    site_setup(folder, *SPEECHES, *(ROOT / "source_texts" / data for data in ("taxonomy.yml", "glossary.yml")))
    return folder


def serve_build(project: Path, site: Path, dirty: bool = False) -> Any:
    """One build as `mkdocs serve` makes it; returns the plugin (kept across builds)."""
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=dirty)
    config.site_dir = str(site)
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL, dirty=dirty)
    plugin = config.plugins["speeches"]
    plugin.static.wait()
    return plugin


def clean_build(project: Path, site: Path) -> None:
    """A build of the same sources by a new plugin instance, into an empty folder."""
    kept = dict(_plugin_cache())
    _plugin_cache().clear()
    try:
        serve_build(project, site)
        _close_plugins()
    finally:
        _plugin_cache().clear()
        _plugin_cache().update(kept)


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def assert_same_site(incremental: Path, clean: Path) -> None:
    mine, theirs = site_files(incremental), site_files(clean)
    assert sorted(mine) == sorted(theirs)
    differing = [path for path in mine if mine[path] != theirs[path]]
    assert differing == []


def _edit(project: Path) -> None:
    path = project / "source_texts" / SPEECHES[0].name
    text = path.read_text("utf-8")
    path.write_text(text.replace("。", "。这是编辑改动。", 1), "utf-8")


def _add(project: Path) -> None:
    shutil.copy(sorted(SEEDS.glob("*.txt"))[3], project / "source_texts" / "added.txt")


def _delete(project: Path) -> None:
    (project / "source_texts" / SPEECHES[1].name).unlink()


def _rename(project: Path) -> None:
    sources = project / "source_texts"
    (sources / SPEECHES[2].name).rename(sources / "renamed.txt")


def _taxonomy(project: Path) -> None:
    path = project / "source_texts" / "taxonomy.yml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["topics"][0]["name"] += "（改）"
    data["topics"][0]["keywords"].append("编辑改动")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


def _glossary(project: Path) -> None:
    path = project / "source_texts" / "glossary.yml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["terms"][0]["definition"] += "（改）"
    data["terms"][1].setdefault("variants", []).append("编辑改动")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


def _metadata(project: Path) -> None:
    """A sidecar gives a speech another date and place: the same text, other counts by year."""
    sidecar = (project / "source_texts" / SPEECHES[0].name).with_suffix(".yml")
    sidecar.write_text("date: 2001-02-03\nplace: 编辑改动市\n", "utf-8")


CHANGES: dict[str, Callable[[Path], None]] = {
    "edit": _edit, "add": _add, "delete": _delete, "rename": _rename, "taxonomy": _taxonomy,
    "glossary": _glossary, "metadata": _metadata,
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_an_incremental_rebuild_equals_a_clean_build(
    change: str, project: Path, tmp_path: Path, fresh_plugins: None
) -> None:
    site = tmp_path / "served"
    serve_build(project, site)
    CHANGES[change](project)
    plugin = serve_build(project, site)
    assert plugin.pages.hits > 0  # the rebuild did reuse pages
    memo = plugin.caches.pages
    if change in ("taxonomy", "glossary"):  # what every page depends on: all made again
        assert memo.reused == 0
        assert {path.split("/")[0] for path in memo.made} >= {"speeches", "topics", "glossary"}
    clean_build(project, tmp_path / "clean")
    assert_same_site(site, tmp_path / "clean")


def test_a_dirty_rebuild_equals_a_clean_build(project: Path, tmp_path: Path, fresh_plugins: None) -> None:
    site = tmp_path / "served"
    serve_build(project, site, dirty=True)
    before = {path: os.stat(path).st_mtime_ns for path in site.rglob("*.html")}
    _edit(project)
    plugin = serve_build(project, site, dirty=True)
    clean_build(project, tmp_path / "clean")
    assert_same_site(site, tmp_path / "clean")
    rewritten = {path for path in before if os.stat(path).st_mtime_ns != before[path]}
    generated = {site / path.replace(".md", ".html") for path in plugin.ledger.modified if path.endswith(".md")}
    # Only the pages whose content changed, and the hand-written ones (MkDocs compares times), are written.
    assert {path for path in rewritten if path in generated or "speeches" in path.parts} <= generated


def test_an_edit_re_renders_only_the_pages_that_show_it(
    project: Path, tmp_path: Path, fresh_plugins: None
) -> None:
    site = tmp_path / "served"
    first = serve_build(project, site)
    assert first.pages.hits == 0
    generated = len(first.pages.rendered)
    anchors_before = _paragraph_ids(site)
    _edit(project)
    plugin = serve_build(project, site)
    changed = set(plugin.ledger.modified)
    speech_pages = [path for path in changed if path.startswith("speeches/") and path.count("/") == 2]
    assert len(speech_pages) == 1  # speeches/<slug>/index.md of the edited speech alone
    edited_page = speech_pages[0]
    assert "这是编辑改动" in _html(site, edited_page)
    # Of the speech pages, only the edited one was generated again (the others' Markdown reused).
    memo = plugin.caches.pages
    assert [path for path in memo.made if path.startswith("speeches/")] == [edited_page]
    assert memo.reused >= len(SPEECHES) - 1
    # The corpus statistics counted the edited speech's share again, and only its: its counts
    # for the overview, its terms and topics, and what the term and topic pages show of them.
    assert memo.speeches.made == 5
    # Of the term and topic pages, those that show the edited paragraph were made again (all
    # those whose Markdown changed), and no other: each made one lists the edited speech.
    corpus_pages = {path for path in memo.made if path.startswith(("glossary/", "topics/"))}
    assert corpus_pages
    assert {path for path in changed if path.startswith(("glossary/", "topics/"))} - {"topics/index.md"} <= corpus_pages
    edited_url = edited_page.replace(".md", ".html")
    for path in corpus_pages:
        assert edited_url.removeprefix("speeches/").split("/")[0] in _html(site, path), path
    # The topics laid out again (those listing the edited speech) measured again only its block.
    layouts = [key for kind, key in memo.values_made if kind == "layout"]
    blocks = [key for kind, key in memo.values_made if kind == "block bytes"]
    edited_slug = edited_page.split("/")[1]
    assert blocks and set(blocks) <= {f"{topic}/{edited_slug}" for topic in layouts}
    # Passage reuse cut only the edited paragraph's new text into sentences (the others kept).
    assert plugin.caches.reuse is not None and plugin.caches.reuse.split_texts == 1
    rendered = set(plugin.pages.rendered)
    assert edited_page in rendered
    # Exactly the generated pages whose Markdown changed (the nav's index pages included).
    assert rendered == {path for path in changed if path.endswith(".md")}
    # Each other re-rendered page but the nav's index pages (which count what they list) lists
    # the edited passage: it links to its new anchor.
    new_anchors = _paragraph_ids(site) - anchors_before
    assert new_anchors
    for path in rendered - {edited_page} - _nav_pages(project):
        html = _html(site, path)
        assert any(f"{edited_url}#{anchor}" in html or f"{edited_url}&#35;{anchor}" in html
                   for anchor in new_anchors), path
    assert plugin.pages.hits == generated - len(rendered)
    assert len(rendered) < generated / 4


def test_a_serve_session_sets_what_it_keeps_aside_from_the_collector_until_it_ends(
    project: Path, tmp_path: Path, fresh_plugins: None
) -> None:
    """Once the session's first static files are made, its caches are out of every later
    rebuild's collections (heap.set_aside_long_lived); they are handed back when it ends."""
    assert gc.get_freeze_count() == 0
    plugin = serve_build(project, tmp_path / "served")
    assert gc.get_freeze_count() > 0
    assert not any(candidate is plugin.caches.speeches for candidate in gc.get_objects())
    _close_plugins()
    assert gc.get_freeze_count() == 0


def test_a_second_session_of_the_same_plugin_instance_starts_afresh(
    project: Path, tmp_path: Path, fresh_plugins: None
) -> None:
    """MkDocs keeps one plugin instance per process: a second `mkdocs serve` in it (a script,
    the benchmarks) must not link the static files of the first session's closed store."""
    first = serve_build(project, tmp_path / "first")
    first.on_shutdown()
    second = serve_build(project, tmp_path / "second")
    assert second is first
    assert_same_site(tmp_path / "second", tmp_path / "first")


PLAIN = "今天上午我们到几个地方走了走，看了看，听了大家的想法，心里很有感触。"


def _plain_speech(project: Path) -> Path:
    """A speech of the test's own with a paragraph that no term or topic marks: it holds no
    glossary form and no topic keyword (checked)."""
    assert not [form for form in _forms(project) if form in PLAIN]
    path = project / "source_texts" / "plain.txt"
    path.write_text(f"在全县工作会议上的讲话\n同志们：\n要落实一岗双责，把安全生产抓实。\n{PLAIN}\n", "utf-8")
    return path


def _forms(project: Path) -> set[str]:
    """Every glossary form and topic keyword."""
    terms = _data(project, "glossary")
    forms = {form for term in terms for form in (term["term"], *term.get("variants", ()))}
    return forms | {form.replace("“", "").replace("”", "") for form in forms} | _keywords(project)


def _keywords(project: Path) -> set[str]:
    return {keyword for topic in _data(project, "taxonomy") for keyword in topic["keywords"]}


def _data(project: Path, name: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((project / "source_texts" / f"{name}.yml").read_text("utf-8"))
    entries: list[dict[str, Any]] = data["terms" if name == "glossary" else "topics"]
    return entries


def _add_to_plain(path: Path, addition: str) -> None:
    path.write_text(path.read_text("utf-8").replace(PLAIN, PLAIN + addition), "utf-8")


def _served_after_adding_to_plain(project: Path, site: Path, addition: str) -> Any:
    """Serve the project into `site`, add `addition` to a speech's plain paragraph, serve
    again: the plugin of that rebuild."""
    speech = _plain_speech(project)
    serve_build(project, site)
    _add_to_plain(speech, addition)
    return serve_build(project, site)


def test_an_edit_no_term_or_topic_page_shows_makes_none_of_them(
    project: Path, tmp_path: Path, fresh_plugins: None
) -> None:
    site = tmp_path / "served"
    plugin = _served_after_adding_to_plain(project, site, "此处另有补充说明。")
    memo = plugin.caches.pages
    (edited,) = [path for path in plugin.ledger.modified if path.startswith("speeches/")]
    assert memo.made == [edited]  # no term page, no topic page
    assert not [path for path in plugin.ledger.modified if path.startswith(("glossary/", "topics/"))]
    clean_build(project, tmp_path / "clean")
    assert_same_site(site, tmp_path / "clean")


def test_an_edit_that_adds_a_term_occurrence_makes_that_terms_pages_again(
    project: Path, tmp_path: Path, fresh_plugins: None
) -> None:
    site = tmp_path / "served"
    keywords = _keywords(project)
    # A term whose words hold no topic keyword (so that no topic page lists the paragraph).
    term = next(term for term in _data(project, "glossary")
                if "“" not in term["term"] and not any(keyword in term["term"] for keyword in keywords))
    plugin = _served_after_adding_to_plain(project, site, f"要落实{term['term']}。")
    memo = plugin.caches.pages
    made = {path for path in memo.made if path.startswith("glossary/")}
    assert f"glossary/{term['slug']}/index.md" in made
    # Exactly the term pages whose Markdown changed: the term's own and those listing it as a
    # related term (they show its count).
    assert made == {path for path in plugin.ledger.modified if path.startswith("glossary/")} - {"glossary/index.md"}
    assert not [path for path in memo.made if path.startswith("topics/")]
    clean_build(project, tmp_path / "clean")
    assert_same_site(site, tmp_path / "clean")


def _html(site: Path, page: str) -> str:
    return (site / page.replace(".md", ".html")).read_text("utf-8")


def _paragraph_ids(site: Path) -> set[str]:
    return {anchor for page in (site / "speeches").glob("*/index.html")
            for anchor in re.findall(r'<p class="para" id="(p-[0-9a-f]+)"', page.read_text("utf-8"))}

def _nav_pages(project: Path) -> set[str]:
    config = yaml.safe_load((project / "mkdocs.yml").read_text("utf-8"))
    return {next(iter(entry.values())) for entry in config["nav"]}



def test_a_rebuild_keeps_the_site_folder_and_writes_only_the_pages_that_changed(
    project: Path, tmp_path: Path, fresh_plugins: None, caplog: pytest.LogCaptureFixture
) -> None:
    site = tmp_path / "served"
    serve_build(project, site)
    before = {path: _identity(path) for path in (site / "speeches").rglob("*.html")}
    _edit(project)
    with caplog.at_level("INFO"):
        plugin = serve_build(project, site)
    rewritten = {path.relative_to(site).as_posix() for path in before if _identity(path) != before[path]}
    changed = {path.replace(".md", ".html") for path in plugin.ledger.modified if path.startswith("speeches/")}
    assert len(changed) == 1 and rewritten == changed  # the edited speech's page alone
    assert not any("Page skipped" in message for message in caplog.messages)  # unwritten on purpose
    assert not list(site.glob(".speechsite-*"))  # the stash is gone
    clean_build(project, tmp_path / "clean")
    assert_same_site(site, tmp_path / "clean")


def _identity(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns
