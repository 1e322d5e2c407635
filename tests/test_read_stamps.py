"""Source files told unchanged by their stamps under `mkdocs serve` (read/stamps.py): an old,
untouched file is not read again; any change to it or to its sidecar, a file changed within
the racy window, and a symbolic link are read again."""

from __future__ import annotations

import os
import time
from pathlib import Path

from speechsite.pipeline import read_corpus
from speechsite.read.stamps import FileStamps

SPEECH = "关于做好基层工作的讲话\n\n同志们：\n\n今天我们开会，研究基层工作。\n"


def _old(path: Path, seconds: int = 60) -> None:
    past = time.time_ns() - seconds * 1_000_000_000
    os.utime(path, ns=(past, past))


def _scan(stamps: FileStamps, path: Path, key: str = "k") -> str | None:
    stamps.begin(frozenset())
    stamp, taken, known = stamps.check(path)
    if known is None:
        stamps.record(path, stamp, taken, key)
    stamps.finish()
    return known


def test_an_old_untouched_file_is_known_by_its_stamp(tmp_path: Path) -> None:
    path, stamps = tmp_path / "a.txt", FileStamps(racy_ns=0)  # its change time is new: see below
    path.write_text(SPEECH, "utf-8")
    _old(path)
    assert _scan(stamps, path) is None  # never read
    assert _scan(stamps, path) == "k"


def test_a_change_of_the_file_or_its_sidecar_is_seen_even_with_the_same_size_and_time(tmp_path: Path) -> None:
    path, stamps = tmp_path / "a.txt", FileStamps(racy_ns=0)
    path.write_text(SPEECH, "utf-8")
    _old(path)
    _scan(stamps, path)
    before = path.stat()
    path.write_text(SPEECH.replace("今天", "明天"), "utf-8")  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the change time still moves
    assert _scan(stamps, path) is None
    assert _scan(stamps, path) == "k"
    (tmp_path / "a.yml").write_text("date: 2024-01-02\n", "utf-8")
    assert _scan(stamps, path) is None


def test_a_file_changed_within_the_racy_window_is_read_again(tmp_path: Path) -> None:
    path, stamps = tmp_path / "a.txt", FileStamps()  # written (its change time) just now
    path.write_text(SPEECH, "utf-8")
    assert _scan(stamps, path) is None
    assert _scan(stamps, path) is None


def test_a_link_is_never_trusted(tmp_path: Path) -> None:
    target, link, stamps = tmp_path / "t.txt", tmp_path / "a.txt", FileStamps(racy_ns=0)
    target.write_text(SPEECH, "utf-8")
    link.symlink_to(target)
    _old(target)
    _scan(stamps, link)
    assert _scan(stamps, link) is None


def test_read_corpus_with_stamps_reads_what_changed(tmp_path: Path) -> None:
    sources = tmp_path / "source_texts"
    sources.mkdir()
    for name in ("a.txt", "b.txt"):
        (sources / name).write_text(SPEECH, "utf-8")
        _old(sources / name)
    cache: dict = {}
    stamps = FileStamps(racy_ns=0)
    first = read_corpus(sources, cache, stamps=stamps)
    second = read_corpus(sources, cache, stamps=stamps)
    assert [a is b for a, b in zip(first.speeches, second.speeches, strict=True)] == [True, True]
    (sources / "b.txt").write_text(SPEECH.replace("今天", "明天"), "utf-8")
    third = read_corpus(sources, cache, stamps=stamps)
    assert third.speeches[0] is first.speeches[0]
    assert "明天" in third.speeches[1].body
