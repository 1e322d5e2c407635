"""The site folder kept across `mkdocs serve` rebuilds (serve_folder.py): moved aside before
MkDocs empties it and back after, pages unchanged since the last build not written, files the
last build made and this one did not removed, everything forgotten after a failed build."""

from __future__ import annotations

import shutil
from pathlib import Path

from speechsite.serve_folder import STASH, KeptFolder


def _mkdocs_cleans(site: Path) -> None:
    for entry in site.iterdir():
        if not entry.name.startswith("."):
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def _build(folder: KeptFolder, site: Path, pages: dict[str, str]) -> set[str]:
    """One build as the plugin runs it; returns the pages written."""
    if not folder.stash(site):
        _mkdocs_cleans(site)
    _mkdocs_cleans(site)
    folder.restore(site)
    written = set()
    for path, html in pages.items():
        if not folder.unchanged(path, html):
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            (site / path).write_text(html, "utf-8")
            written.add(path)
    folder.finish(site, pages)
    return written


def test_only_changed_pages_are_written_and_pages_gone_are_removed(tmp_path: Path) -> None:
    site, folder = tmp_path / "site", KeptFolder()
    site.mkdir()
    pages = {"a/index.html": "<p>a</p>", "b/index.html": "<p>b</p>", "c/1/index.html": "<p>c</p>"}
    assert _build(folder, site, pages) == set(pages)
    assert _build(folder, site, {**pages, "b/index.html": "<p>B</p>"}) == {"b/index.html"}
    assert _build(folder, site, {"a/index.html": "<p>a</p>"}) == set()
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == ["a", "a/index.html"]
    assert not (site / STASH).exists()


def test_after_a_failed_build_everything_is_written_again(tmp_path: Path) -> None:
    site, folder = tmp_path / "site", KeptFolder()
    site.mkdir()
    pages = {"a/index.html": "<p>a</p>"}
    _build(folder, site, pages)
    assert folder.stash(site)
    folder.forget()  # the build failed before MkDocs emptied the folder: the stash stays behind
    assert _build(folder, site, pages) == set(pages)
    assert sorted(p.name for p in site.iterdir()) == ["a"]
