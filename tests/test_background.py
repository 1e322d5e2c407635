"""The static files written by a forked process: the same files as written in-process, a
failing child fails the caller with its message, a cancelled child is stopped and reaped."""

from __future__ import annotations

import gc
import io
import os
import pickle
import sys
import threading
import time
import weakref
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from sitebuild import make_project, mkdocs_build
from test_determinism import tree

from speechsite.background import (
    BackgroundWriter,
    StaticWriteError,
    _pickle_pages,
    _unpickle_pages,
    can_fork,
    make_site_files,
)
from speechsite.output import FileGroup, OutputFile, SiteOutput, StaticFiles

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or sys.platform == "darwin", reason="the writer forks only on POSIX systems other than macOS"
)

FILES = (
    OutputFile("search/s/0.js", "__speechsiteSearch(1, 0, '…');"),
    OutputFile("data/corpus.json", '{"speeches": ["讲话"]}'),
    OutputFile("sources/2024/讲话.txt", "\ufeff各位同志：".encode()),
)


def _files() -> Iterator[OutputFile]:
    yield from FILES


def _failing() -> Iterator[OutputFile]:
    yield FILES[0]
    raise OSError(28, "No space left on device")


def _slow() -> Iterator[OutputFile]:
    time.sleep(60)
    yield from FILES


PAGES = (OutputFile("topics/index.md", "# 专题\n"), OutputFile("glossary/index.md", "# 术语\n" * 50_000))


def _pages() -> Iterator[OutputFile]:
    yield from PAGES


def _failing_pages() -> Iterator[OutputFile]:
    yield PAGES[0]
    raise ValueError("a topic without a name")


def test_forked_writer_sends_the_pages_and_writes_what_the_caller_would(tmp_path: Path) -> None:
    writer = BackgroundWriter.start(FileGroup(_pages), StaticFiles(_files), tmp_path / "forked")
    assert writer.pages() == PAGES  # 450 KB: more than a pipe holds at once
    writer.wait()
    assert StaticFiles(_files).write(tmp_path / "here") == 3
    assert tree(tmp_path / "forked") == tree(tmp_path / "here")
    assert (tmp_path / "forked" / "sources/2024/讲话.txt").read_bytes() == FILES[2].as_bytes()


def test_a_failing_child_fails_the_wait_with_its_message(tmp_path: Path) -> None:
    writer = BackgroundWriter.start(FileGroup(_pages), StaticFiles(_failing), tmp_path)
    assert writer.pages() == PAGES
    with pytest.raises(StaticWriteError) as raised:
        writer.wait()
    assert str(raised.value) == (
        f"{tmp_path}: making the corpus pages and static files in a second process failed: "
        "OSError: [Errno 28] No space left on device — check free disk space and permissions, "
        "or set `parallel: false` for the speeches plugin in mkdocs.yml to see the full error"
    )
    assert (tmp_path / "search/s/0.js").exists()  # what it wrote before failing stays


def test_a_child_failing_on_the_pages_fails_pages_with_its_message(tmp_path: Path) -> None:
    writer = BackgroundWriter.start(FileGroup(_failing_pages), StaticFiles(_files), tmp_path)
    with pytest.raises(StaticWriteError) as raised:
        writer.pages()
    assert str(raised.value) == (
        f"{tmp_path}: making the corpus pages and static files in a second process failed: "
        "ValueError: a topic without a name — this is a bug in speechsite, please report it with "
        "the full error, or set `parallel: false` for the speeches plugin in mkdocs.yml to see the "
        "full error"
    )
    with pytest.raises(ChildProcessError):
        os.waitpid(writer.pid, os.WNOHANG)  # reaped
    assert not (tmp_path / "data").exists()  # no static file written after the failure


def test_cancel_stops_and_reaps_the_child(tmp_path: Path) -> None:
    writer = BackgroundWriter.start(FileGroup(_pages), StaticFiles(_slow), tmp_path)
    assert writer.pages() == PAGES
    started = time.monotonic()
    writer.cancel()
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(writer.pid, os.WNOHANG)  # already reaped: no zombie left
    assert not (tmp_path / "data").exists()


class _Corpus:
    """Stands for the parsed corpus that the site's generators hold."""


def test_the_site_is_let_go_before_the_corpus_pages_arrive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`make_site_files` holds the only reference to the site it makes: once the speech pages
    are made, the corpus goes, and the corpus pages the writer sends take its memory."""
    corpus = _Corpus()
    alive = weakref.ref(corpus)
    speech = OutputFile("speeches/a/index.md", "# 讲话\n")
    site = SiteOutput((), FileGroup(partial(lambda held: [speech], corpus)), FileGroup(_pages),
                      StaticFiles(partial(lambda held: iter(FILES), corpus), ("data/corpus.json",), ("search/",)),
                      extra_css=("a.css",))
    holder, checked = [site], []
    del site, corpus
    receive = BackgroundWriter.pages

    def pages(writer: BackgroundWriter) -> tuple[OutputFile, ...]:
        checked.append(alive() is None)
        return receive(writer)

    monkeypatch.setattr(BackgroundWriter, "pages", pages)
    made = make_site_files(holder.pop, tmp_path, True, lambda static: checked.append(static.linkable))
    assert made.writer is not None and made.writer.wait() == ()
    assert checked == [("data/corpus.json",), True]
    assert made.files == (speech, *PAGES) and made.linkable == ("data/corpus.json",)
    assert made.extra_css == ("a.css",) and (tmp_path / "data/corpus.json").exists()


def test_no_fork_while_another_thread_runs() -> None:
    alone = threading.active_count() == 1  # False only if an earlier test left a thread behind
    assert can_fork() is alone
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        release.set()
        thread.join()
    assert can_fork() is alone


def test_parallel_and_serial_builds_give_the_same_site(tmp_path: Path) -> None:
    parallel = mkdocs_build(make_project(tmp_path / "p"), tmp_path / "p-site")
    project = make_project(tmp_path / "s")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("  - speeches:\n") == 1
    config.write_text(text.replace("  - speeches:\n", "  - speeches:\n      parallel: false\n"), encoding="utf-8")
    serial = mkdocs_build(project, tmp_path / "s-site")
    first, second = tree(parallel.site), tree(serial.site)
    assert len(first) > 100 and "data/corpus.json" in first and any(p.startswith("search/s/") for p in first)
    assert first == second


def test_a_page_in_a_generated_folder_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    (project / "docs" / "search").mkdir()
    (project / "docs" / "search" / "help.md").write_text("# 帮助\n", encoding="utf-8")
    with pytest.raises(RuntimeError) as raised:
        mkdocs_build(project, tmp_path / "site")
    assert "docs/search/help.md lies in the generated folder search/ — move it" in str(raised.value)


def test_every_static_file_is_linkable_or_in_a_generated_folder() -> None:
    from conftest import SOURCES

    from speechsite.pipeline import Options, build

    site = build(Options(SOURCES, SOURCES / "taxonomy.yml", SOURCES / "glossary.yml")).site
    made = [file.path for file in site.static]
    assert set(site.static.linkable) <= set(made)
    assert [p for p in made if p not in site.static.linkable and not p.startswith(site.static.folders)] == []
    assert not any(file.path.startswith(site.static.folders) for file in site.pages.files + site.corpus_pages.files)
    assert {"data/corpus.json", "data/terms.json", "data/paragraphs.csv.gz"} <= set(site.static.linkable)


def test_a_failed_fork_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise OSError(12, "Cannot allocate memory")

    open_fds = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    monkeypatch.setattr(os, "fork", no_fork)
    with pytest.raises(OSError, match="Cannot allocate memory"):
        BackgroundWriter.start(FileGroup(_pages), StaticFiles(_files), tmp_path)
    assert gc.get_freeze_count() == 0
    if open_fds is not None:
        assert len(os.listdir("/proc/self/fd")) == open_fds  # the pipe is closed again


def test_pages_cut_short_between_two_pages_are_not_taken_for_all() -> None:
    """The child sends the pages one by one (it keeps none) and then an end mark: a child that
    died between two pages must not look like one that sent them all."""
    stream = io.BytesIO()
    _pickle_pages(FileGroup(_pages), stream)
    assert _unpickle_pages(io.BytesIO(stream.getvalue())) == PAGES
    cut = io.BytesIO()
    pickle.dump(PAGES[0], cut)
    with pytest.raises(EOFError):
        _unpickle_pages(io.BytesIO(cut.getvalue()))
