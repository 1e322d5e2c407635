"""The CSV exports: UTF-8 with BOM, parse with Python's csv module, and round-trip to the
counts recomputed from data/corpus.json; paragraphs.csv.gz has one row per paragraph."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from corpus_counts import full_heading, paragraphs, term_counts, units

from speechsite.exports.tables import (
    PARAGRAPH_COLUMNS,
    TERM_COLUMNS,
    TOPIC_COLUMNS,
    to_csv,
    to_csv_gz,
)


def read_csv(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file, or of the CSV inside a `.csv.gz` file."""
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name} starts with a UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@pytest.fixture(scope="module")
def corpus(built_site: Path) -> dict[str, Any]:
    return json.loads((built_site / "data" / "corpus.json").read_text("utf-8"))  # type: ignore[no-any-return]


def test_paragraphs_csv_has_one_row_per_paragraph(built_site: Path, corpus: dict[str, Any]) -> None:
    rows = read_csv(built_site / "data" / "paragraphs.csv.gz")
    assert tuple(rows[0].keys()) == PARAGRAPH_COLUMNS
    expected = [
        (speech, paragraph, path)
        for speech in corpus["speeches"]
        for paragraph, path in paragraphs(speech)
    ]
    assert len(rows) == len(expected) == sum(1 for s in corpus["speeches"] for _ in paragraphs(s))
    for row, (speech, paragraph, path) in zip(rows, expected, strict=True):
        assert row["speech"] == speech["slug"]
        assert as_text(row["title"]) == speech["title"]["text"]
        assert row["date"] == (speech["metadata"]["date"] or "")
        assert row["paragraph_id"] == paragraph["id"]
        assert row["citation"] == paragraph["citation"]
        assert int(row["number"]) == paragraph["number"]
        assert as_text(row["section"]) == " > ".join(full_heading(section) for section in path)
        assert as_text(row["text"]) == paragraph["text"]  # every character, including * and XX
        assert (row["topics"].split(";") if row["topics"] else []) == paragraph["topics"]
        terms = list(dict.fromkeys(e["key"] for e in paragraph["evidence"] if e["kind"] == "term"))
        assert (row["terms"].split(";") if row["terms"] else []) == terms
        assert len(row["term_names"].split(";")) == len(terms) or not terms
        assert row["url"] == f'{speech["url"]}#{paragraph["id"]}'
        assert (built_site / speech["url"]).is_file()


def test_terms_csv_round_trips_to_the_term_counts(built_site: Path, corpus: dict[str, Any]) -> None:
    rows = read_csv(built_site / "data" / "terms.csv")
    assert tuple(rows[0].keys()) == TERM_COLUMNS
    shown = {(row["term"], row["speech"]): int(row["count"]) for row in rows}
    assert len(shown) == len(rows), "one row per term and speech"
    expected = {(term, s["slug"]): n for s in corpus["speeches"] for term, n in term_counts(s).items()}
    assert shown == expected
    assert all(int(row["count"]) > 0 for row in rows)
    assert sum(shown.values()) == sum(1 for s in corpus["speeches"] for u in units(s) for e in u["evidence"] if e["kind"] == "term")


def test_topics_csv_round_trips_to_the_topic_counts(built_site: Path, corpus: dict[str, Any]) -> None:
    rows = read_csv(built_site / "data" / "topics.csv")
    assert tuple(rows[0].keys()) == TOPIC_COLUMNS
    shown = {(row["topic"], row["speech"]): (int(row["paragraphs"]), int(row["passages"])) for row in rows}
    assert len(shown) == len(rows)
    expected_paragraphs: Counter[tuple[str, str]] = Counter()
    expected_passages: Counter[tuple[str, str]] = Counter()
    for speech in corpus["speeches"]:
        for paragraph, _ in paragraphs(speech):
            expected_paragraphs.update((topic, speech["slug"]) for topic in paragraph["topics"])
        for unit in units(speech):
            expected_passages.update((topic, speech["slug"]) for topic in unit["own_topics"])
    keys = set(expected_paragraphs) | set(expected_passages)
    assert shown == {key: (expected_paragraphs[key], expected_passages[key]) for key in keys}
    # a speech's topics in corpus.json are exactly the topics with passages in it
    by_speech: dict[str, set[str]] = {}
    for (topic, slug), (_, passages) in shown.items():
        if passages:
            by_speech.setdefault(slug, set()).add(topic)
    assert by_speech == {s["slug"]: set(s["topics"]) for s in corpus["speeches"] if s["topics"]}


def test_topics_csv_agrees_with_topics_json(built_site: Path) -> None:
    """The passages per topic and speech are the ones the topic pages list (data/topics.json)."""
    published = json.loads((built_site / "data" / "topics.json").read_text("utf-8"))["topics"]
    from_json = {
        (topic["slug"], speech): entry["passages"]
        for topic in published
        for speech, entry in topic["speeches"].items()
    }
    rows = read_csv(built_site / "data" / "topics.csv")
    from_csv = {(row["topic"], row["speech"]): int(row["passages"]) for row in rows if int(row["passages"])}
    assert from_csv == from_json


def as_text(cell: str) -> str:
    """What docs/data.md tells a reader of the CSV files: drop one leading `'`."""
    return cell.removeprefix("'")


def test_csv_neutralises_formula_cells_and_json_keeps_the_text() -> None:
    cells = ["=HYPERLINK(\"https://evil.example\",\"点我\")", "+1+cmd|' /C calc'!A0", "-2+3",
             "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "'=1+1", "'引号", "一=二", "—破折号", "＝全角"]
    text = to_csv(("a", "n"), [(cell, -5) for cell in cells])
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))[1:]
    assert [row[0] for row in rows] == [
        "'=HYPERLINK(\"https://evil.example\",\"点我\")", "'+1+cmd|' /C calc'!A0", "'-2+3",
        "'@SUM(A1:A9)", "'\t=1+1", "'\r=1+1", "''=1+1", "''引号", "一=二", "—破折号", "＝全角"]
    assert [row[1] for row in rows] == ["-5"] * len(cells)  # numbers are numbers
    assert [as_text(row[0]) for row in rows] == cells


def test_csv_quotes_what_needs_quoting() -> None:
    text = to_csv(("a", "b"), [("逗号,引号\"换行\n", 1)])
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert rows == [["a", "b"], ["逗号,引号\"换行\n", "1"]]


def test_compressed_csv_is_the_csv_text_and_the_same_bytes_every_build() -> None:
    """`to_csv_gz` decompresses to exactly what `to_csv` writes, and its gzip header holds no
    time stamp or file name: two builds give the same bytes, and `gunzip` names the file after
    the download (paragraphs.csv.gz → paragraphs.csv)."""
    rows = [("=1+2", "段落，含逗号", 3), ("'引号", "换\n行", 4)]
    packed = to_csv_gz(("a", "b", "c"), rows)
    assert gzip.decompress(packed).decode("utf-8") == to_csv(("a", "b", "c"), rows)
    assert packed == to_csv_gz(("a", "b", "c"), iter(rows))
    flags, mtime = packed[3], int.from_bytes(packed[4:8], "little")
    assert (flags & 0x08, mtime) == (0, 0)  # FNAME not set, MTIME zero (RFC 1952)


def test_paragraphs_csv_is_published_compressed_only(built_site: Path) -> None:
    data = built_site / "data"
    assert (data / "paragraphs.csv.gz").is_file() and not (data / "paragraphs.csv").exists()
    assert (data / "terms.csv").is_file() and (data / "topics.csv").is_file()  # small: plain
