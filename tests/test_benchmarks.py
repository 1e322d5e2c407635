"""The benchmark script runs end to end on a small corpus; the corpus generator is sound.

The benchmark itself is not a timed test: numbers live in BENCHMARKS.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPORA, ROOT, SEEDS

sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus as bench_corpus  # noqa: E402
import run as bench_run  # noqa: E402

pytestmark = pytest.mark.skipif(
    not (CORPORA.exists() and SEEDS.exists()), reason="needs ../shared/corpora and ../shared/seeds"
)


def _texts(sources: Path) -> dict[str, str]:
    return {
        path.relative_to(sources).as_posix(): path.read_text("utf-8")
        for path in sorted(sources.rglob("*.txt"))
    }


def test_the_corpus_is_deterministic_and_smaller_sizes_are_prefixes(tmp_path: Path) -> None:
    small = _texts(bench_corpus.write_corpus(12, tmp_path / "a", seed=3))
    again = _texts(bench_corpus.write_corpus(12, tmp_path / "b", seed=3))
    larger = _texts(bench_corpus.write_corpus(20, tmp_path / "c", seed=3))
    other = _texts(bench_corpus.write_corpus(12, tmp_path / "d", seed=4))
    assert small == again
    assert len(small) == 12 and len(larger) == 20
    assert all(larger[name] == text for name, text in small.items())
    assert small != other


def test_the_five_seeds_come_first_unchanged(tmp_path: Path) -> None:
    texts = _texts(bench_corpus.write_corpus(8, tmp_path, seed=1))
    for seed in sorted(SEEDS.glob("*.txt")):
        assert texts[seed.name] == seed.read_text("utf-8")


def test_a_speech_is_composed_of_renumbered_sections_from_different_documents() -> None:
    documents = bench_corpus.load_documents()
    names = {doc.name for doc in documents}
    assert not any("关于政府工作报告的决议" in name for name in names)
    text, meta = bench_corpus.compose(documents, seed=2026, index=11)
    lines = text.splitlines()
    assert lines[0] == meta["title"]
    numbers = [m.group(1) for line in lines if (m := bench_corpus.LEVEL1.match(line))]
    assert numbers == list("一二三四五六"[: len(numbers)]) and len(numbers) >= 2
    origins = set()
    for index in range(5, 60):
        speech, _ = bench_corpus.compose(documents, seed=2026, index=index)
        body = set(speech.splitlines()[4:])
        origins.add(frozenset(d.name for d in documents if body & set(_flat(d))))
    assert any(len(origin) >= 2 for origin in origins), "sections should mix documents"
    assert len(origins) > 40, "speeches should differ from one another"


def _flat(document: bench_corpus.Document) -> list[str]:
    return [line for section in document.sections for line in section[1:]]


def test_numerals_for_renumbered_headings() -> None:
    assert [bench_corpus._numeral(n) for n in (1, 9, 10, 11, 20, 23)] == [
        "一", "九", "十", "十一", "二十", "二十三",
    ]  # fmt: skip


def test_the_script_runs_on_20_speeches(tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "20", "--out", str(out)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads((out / "results.json").read_text("utf-8"))
    [row] = results["rows"]
    assert row["size"] == 20
    assert row["core"]["speeches"] == 20
    assert row["core"]["source_mb"] > 0.1 and row["core"]["mb_per_s"] > 0
    assert row["full"]["seconds"] > 0 and row["full"]["peak_rss_mb"] > 50
    assert row["plain"]["seconds"] > 0 and row["ratio"] > 0
    assert row["plain_differing_files"] == 0  # the plain build publishes the same site
    assert row["site"]["html_pages"] >= 20
    assert (out / "n20" / "site" / "index.html").exists()
    table = (out / "results.md").read_text("utf-8")
    assert table.splitlines()[4].startswith("| 20 | ")
    assert "Targets (" in table and "Render stage by generator" in table and "static files s" in table


def test_update_replaces_only_the_results_between_the_markers(tmp_path: Path) -> None:
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(
        f"# B\n\nintro\n\n{bench_run.BEGIN}\nold\n{bench_run.END}\n\n## Search\nkept\n", "utf-8"
    )
    bench_run.update_benchmarks(path, "| new |\n")
    assert path.read_text("utf-8") == (
        f"# B\n\nintro\n\n{bench_run.BEGIN}\n| new |\n{bench_run.END}\n\n## Search\nkept\n"
    )
