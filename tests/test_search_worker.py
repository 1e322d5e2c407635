"""The search index made in a process of its own (search/worker.py, search/handoff.py): the same
files as made in-process, the units streamed speech by speech, and a worker that cannot start,
fails or is killed is a clear error of the build — also from the forked writer."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS

from speechsite import search
from speechsite.annotate import Annotations
from speechsite.annotate.glossary import Glossary
from speechsite.annotate.taxonomy import Taxonomy, Topic
from speechsite.annotate.terms import Term
from speechsite.background import BackgroundWriter, StaticWriteError
from speechsite.children import PACKAGE_PARENT, child_environment
from speechsite.model import Corpus
from speechsite.output import FileGroup, StaticFiles
from speechsite.pipeline import read_corpus
from speechsite.search import handoff, index_links, protocol, search_files
from speechsite.search.files import block_size, index_files
from speechsite.search.handoff import SearchIndexError
from speechsite.search.index import build_index
from speechsite.search.normalise import build_char_map
from speechsite.search.units import search_units
from speechsite.search.worker import BLOCK_BYTES, SHARD_BYTES
from speechsite.site.context import RenderContext

GLOSSARY = Glossary((Term("yigang-shuangze", "一岗双责", variants=("一岗两责",)),))
TAXONOMY = Taxonomy((Topic("anquan-shengchan", "安全生产"),))


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return read_corpus(SEEDS)


def _context(corpus: Corpus) -> RenderContext:
    return RenderContext(corpus, Annotations(), TAXONOMY, GLOSSARY)


def _in_process(ctx: RenderContext) -> list[tuple[str, bytes]]:
    """The files made in this process from the whole index at once (not streamed shard by shard)."""
    char_map = build_char_map()
    units = search_units(ctx.corpus)
    index = build_index([unit.text for unit in units], char_map, SHARD_BYTES)
    files = index_files(index, units, *index_links(ctx), char_map, block_size(units, BLOCK_BYTES))
    return [(f.path, f.as_bytes()) for f in files]


def _worker_says(monkeypatch: pytest.MonkeyPatch, code: str) -> None:
    """The worker replaced by a Python one-liner."""
    monkeypatch.setattr(handoff, "worker_command", lambda: [sys.executable, "-c", code])


def test_the_worker_makes_the_files_made_in_process_from_the_whole_index(seeds: Corpus) -> None:
    ctx = _context(seeds)
    made = [(f.path, f.as_bytes()) for f in search_files(ctx)]
    assert made == _in_process(ctx)
    assert len(made) > 10 and made[-1][0] == "search/manifest.js"  # last: it lists the shards


def test_the_units_are_streamed_speech_by_speech(seeds: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[int] = []
    real = handoff._send

    def counting(stdin, speeches, pages, units):  # type: ignore[no-untyped-def]
        def counted():  # type: ignore[no-untyped-def]
            for chunk in units:
                sent.append(len(chunk))
                yield chunk
        real(stdin, speeches, pages, counted())

    monkeypatch.setattr(handoff, "_send", counting)
    list(search_files(_context(seeds)))
    assert len(sent) == len(seeds.speeches) and sum(sent) == len(search_units(seeds))


def test_the_worker_finds_the_package_on_its_path() -> None:
    paths = child_environment()["PYTHONPATH"].split(os.pathsep)
    assert paths[0] == str(PACKAGE_PARENT) and (PACKAGE_PARENT / "speechsite" / "search" / "worker.py").is_file()
    # an interpreter given only that path (no installed package, elsewhere) imports the worker
    found = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(PACKAGE_PARENT)!r}); "
         "import speechsite.search.worker as w; print(w.__file__)"],
        capture_output=True, text=True, cwd="/", check=True,
    )
    assert Path(found.stdout.strip()).parent.parent.parent == PACKAGE_PARENT


def _index_error(seeds: Corpus) -> str:
    """The message of the error making the search index raises."""
    with pytest.raises(SearchIndexError) as raised:
        list(search_files(_context(seeds)))
    return str(raised.value)


def test_a_failing_worker_is_an_error_with_its_last_words(seeds: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    _worker_says(monkeypatch, "import sys; sys.stdin.buffer.read(); print('one', file=sys.stderr); "
                              "print('MemoryError: two', file=sys.stderr); sys.exit(3)")
    assert _index_error(seeds) == (
        f"search/: the search index was not made: its process ({sys.executable} -c "
        f"{handoff.worker_command()[2]}) exited with status 3: one; MemoryError: two — this is a "
        "bug in speechsite, please report it with this message"
    )


def test_a_killed_worker_is_an_error_saying_what_to_do(seeds: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    _worker_says(monkeypatch, "import os, signal; os.kill(os.getpid(), signal.SIGKILL)")
    assert _index_error(seeds).endswith(
        ") was stopped by signal 9 (SIGKILL) — the system stops the largest process when memory "
        "runs out: free memory or build on a machine with more"
    )


def test_a_worker_output_cut_short_is_an_error(seeds: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    _worker_says(monkeypatch, "import sys; sys.stdin.buffer.read()")  # exits 0 having sent nothing
    with pytest.raises(SearchIndexError, match=r"\) ended before sending every file — this is a bug"):
        list(search_files(_context(seeds)))


def test_a_worker_that_cannot_start_is_an_error(seeds: Corpus, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    missing = str(tmp_path / "no-python")
    monkeypatch.setattr(handoff, "worker_command", lambda: [missing, "-m", handoff.WORKER])
    assert _index_error(seeds) == (
        f"search/: the search index was not made: cannot start {missing} ([Errno 2] No such file "
        f"or directory: '{missing}') — run the build with a Python that can start itself again "
        "(sys.executable)"
    )


def test_a_caller_that_stops_early_stops_the_worker(seeds: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    children: list[subprocess.Popen[bytes]] = []
    real = subprocess.Popen

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        children.append(real(*args, **kwargs))
        return children[-1]

    monkeypatch.setattr(handoff.subprocess, "Popen", recording)
    files = search_files(_context(seeds))
    assert next(files).path == "search/s/0.js"
    files.close()  # e.g. a serve rebuild stopping the refresh
    assert len(children) == 1 and children[0].returncode is not None


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="the writer forks only there")
def test_the_forked_writer_fails_with_the_workers_message(
    seeds: Corpus, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _worker_says(monkeypatch, "import sys; print('boom', file=sys.stderr); sys.exit(1)")
    ctx = _context(seeds)
    writer = BackgroundWriter.start(FileGroup(), StaticFiles(lambda: search_files(ctx)), tmp_path)
    assert writer.pages() == ()
    with pytest.raises(StaticWriteError) as raised:
        writer.wait()
    assert str(raised.value) == (
        f"{tmp_path}{os.sep}search/: the search index was not made: its process ({sys.executable} -c "
        f"{handoff.worker_command()[2]}) exited with status 1: boom — this is a bug in speechsite, "
        "please report it with this message"
    )


def test_sending_the_units_leaves_the_corpus_strings_as_they_were(seeds: Corpus) -> None:
    """Pickling a str makes CPython keep a UTF-8 copy of it inside the string (3 bytes a
    character of Chinese, for the string's life); the units go as bytes, so the corpus's own
    texts do not grow, and the worker reads back the very same units."""
    chunks = list(search._unit_fields(seeds))
    texts = [row[5] for chunk in chunks for row in chunk]
    sizes = [sys.getsizeof(text) for text in texts]

    class Kept(io.BytesIO):
        def close(self) -> None:  # _send closes the worker's stdin when done
            self.kept = self.getvalue()
            super().close()

    stream = Kept()
    handoff._send(stream, *index_links(_context(seeds)), iter(chunks))
    assert [sys.getsizeof(text) for text in texts] == sizes
    units, _, _ = protocol.read_input(io.BytesIO(stream.kept))
    assert units == search_units(seeds)
