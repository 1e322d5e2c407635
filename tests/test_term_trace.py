"""Formulation tracing (提法溯源) on term pages, in data/terms.json and data/terms.csv.

Built in memory from the seeds with sidecar metadata spread over years, levels and places
(one seed left undated), and checked against counts recomputed from data/corpus.json alone:
first and last seen, uses by year (undated apart) and by level, each with its n, and the
speeches in order of date.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from corpus_counts import term_counts

from speechsite.exports.tables import TERM_COLUMNS
from speechsite.pipeline import Build, Options, build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
HOSTILE_PLACE = "<img src=x onerror=alert(1)>乙区"
SIDECARS = {  # seed stem → sidecar metadata; 003 keeps its own year (2023), 002 is undated
    "000_92ed66065ac2b4ae": "date: 2019-05-10\nlevel: 县\nplace: 甲县\n",
    "001_c98e51e5a34b76fd": f"date: 2021-03\nlevel: 区\nplace: '{HOSTILE_PLACE}'\n",
    "004_25a37519d5cc85c7": "date: 2021-11-02\nlevel: 县\nplace: 甲县\n",
}
LEVELS = ("省", "市", "县", "区", "乡镇")


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Build:
    sources = tmp_path_factory.mktemp("traced") / "source_texts"
    sources.mkdir()
    for text in sorted(SEEDS.glob("*.txt")):
        shutil.copy(text, sources / text.name)
    for stem, sidecar in SIDECARS.items():
        (sources / f"{stem}.yml").write_text(sidecar, "utf-8")
    data = ROOT / "source_texts"
    shutil.copy(data / "addresses.yml", sources)  # the seeds' published addresses
    return build(Options(sources, data / "taxonomy.yml", data / "glossary.yml"))


@pytest.fixture(scope="module")
def files(dated: Build) -> dict[str, str]:
    return {f.path: f.as_bytes().decode("utf-8-sig") for f in dated.site.files if f.path.endswith((".md", ".json", ".csv"))}


@pytest.fixture(scope="module")
def corpus(files: dict[str, str]) -> dict[str, Any]:
    return json.loads(files["data/corpus.json"])


def _date_key(date: str) -> tuple[int, ...]:
    return tuple(int(part) for part in date.split("-"))


def expected_trace(corpus: dict[str, Any], term: str) -> dict[str, Any]:
    """The tracing of a term recomputed from corpus.json (metadata and term evidence)."""
    speeches = corpus["speeches"]
    uses = [(s, term_counts(s)[term]) for s in speeches if term_counts(s)[term]]
    dated = sorted((u for u in uses if u[0]["metadata"]["date"]), key=lambda u: _date_key(u[0]["metadata"]["date"]))
    years = sorted({s["metadata"]["year"] for s in speeches if s["metadata"]["year"]})
    year_n = Counter(s["metadata"]["year"] for s in speeches)
    level_n = Counter(s["metadata"]["level"] for s in speeches)

    def tally(pick: list[tuple[dict[str, Any], int]], n: int) -> tuple[int, int, int]:
        return sum(count for _, count in pick), len(pick), n

    by_year = {
        str(year): tally([u for u in uses if u[0]["metadata"]["year"] == year], year_n[year])
        for year in range(years[0], years[-1] + 1)
    }
    by_year["undated"] = tally([u for u in uses if not u[0]["metadata"]["year"]], year_n[None])
    levels = [level for level in LEVELS if level_n[level]] + ([None] if level_n[None] else [])
    by_level = {
        level or "unknown": tally([u for u in uses if u[0]["metadata"]["level"] == level], level_n[level])
        for level in levels
    }
    return {
        "first": dated[0][0]["slug"] if dated else None,
        "last": dated[-1][0]["slug"] if dated else None,
        "by_year": by_year,
        "by_level": by_level,
        "order": [u[0]["slug"] for u in dated] + sorted(u[0]["slug"] for u in uses if not u[0]["metadata"]["date"]),
    }


def _rows(table: Tag) -> dict[str, tuple[int, ...]]:
    return {
        str(tr["data-key"]): tuple(int(td.get_text()) for td in tr.select("td.num"))
        for tr in table.select("tbody tr")
    }


def _speech_of(page: str, link: Tag) -> str:
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), str(link["href"])))
    return path.split("/")[1]


def test_term_pages_trace_every_term(dated: Build, files: dict[str, str], corpus: dict[str, Any]) -> None:
    traced = 0
    for term in dated.glossary.terms:
        page = f"glossary/{term.slug}/index.md"
        soup = BeautifulSoup(files[page], "html.parser")
        want = expected_trace(corpus, term.slug)
        if not want["order"]:
            assert soup.select_one("#trace") is None and "提法溯源" not in files[page]
            continue
        traced += 1
        first, last = soup.select_one("dd.gl-first a"), soup.select_one("dd.gl-last a")
        assert (first and _speech_of(page, first)) == want["first"], term.slug
        assert (last and _speech_of(page, last)) == want["last"], term.slug
        assert _rows(soup.select_one('table[data-figure="years"]')) == want["by_year"], term.slug
        assert _rows(soup.select_one('table[data-figure="levels"]')) == want["by_level"], term.slug
        order = [_speech_of(page, a) for a in soup.select("ol.gl-trace-speeches > li > a")]
        assert order == want["order"], term.slug
        bars = soup.select("figure.ss-chart-bar g.row")
        assert [int(bar["data-value"]) for bar in bars] == [want["by_year"][str(y)][0] for y in range(2019, 2024)]
    assert traced > 50


def test_first_and_last_seen_show_date_speech_level_and_place(files: dict[str, str]) -> None:
    soup = BeautifulSoup(files["glossary/fei-fang/index.md"], "html.parser")  # 非访
    first, last = soup.select_one("dd.gl-first"), soup.select_one("dd.gl-last")
    assert first is not None and last is not None
    assert first.get_text().startswith("2019年5月10日 ") and first.get_text().endswith("（县级 · 甲县）")
    assert last.get_text().startswith("2023年 ") and "（乡镇级）" in last.get_text()
    undated = soup.find("dt", string="另有")
    assert undated is not None and "1 篇未注明日期的讲话" in undated.find_next("dd").get_text()


def test_a_year_of_one_speech_shows_counts_and_n_not_shares(files: dict[str, str]) -> None:
    soup = BeautifulSoup(files["glossary/fei-fang/index.md"], "html.parser")
    chart = soup.select_one("figure.ss-chart-bar")
    assert chart is not None and "%" not in chart.get_text()
    labels = [t.get_text() for t in chart.select("text.label")]
    assert labels == ["2019 年（共 1 篇）", "2020 年（共 0 篇）", "2021 年（共 2 篇）", "2022 年（共 0 篇）", "2023 年（共 1 篇）"]
    tips = [t.get_text() for t in chart.select("g.row > title")]
    assert tips[-1] == "2023 年（共 1 篇）：6 次，见于 1/1 篇讲话"
    # the undated speech is a row of the table, never a bar of the time line
    assert not any("未注明" in label for label in labels)
    assert _rows(soup.select_one('table[data-figure="years"]'))["undated"] == (1, 1, 1)


def test_metadata_is_text_on_term_pages(files: dict[str, str]) -> None:
    page = files["glossary/fei-fang/index.md"]
    assert "<img" not in page and "&#60;img src&#61;x onerror&#61;alert(1)&#62;乙区" in page
    soup = BeautifulSoup(page, "html.parser")
    assert HOSTILE_PLACE in soup.select_one("ol.gl-trace-speeches").get_text()


def test_terms_json_carries_the_same_tracing(dated: Build, files: dict[str, str], corpus: dict[str, Any]) -> None:
    data = json.loads(files["data/terms.json"])
    for entry in data["terms"]:
        want = expected_trace(corpus, entry["slug"])
        assert (entry["first_seen"] or {}).get("speech") == want["first"]
        assert (entry["last_seen"] or {}).get("speech") == want["last"]
        years = {str(row["year"]): (row["count"], row["speeches"], row["corpus_speeches"]) for row in entry["by_year"]}
        undated = entry["undated"]
        years["undated"] = (undated["count"], undated["speeches"], undated["corpus_speeches"])
        if want["order"]:
            assert years == want["by_year"], entry["slug"]
            levels = {row["level"] or "unknown": (row["count"], row["speeches"], row["corpus_speeches"]) for row in entry["by_level"]}
            assert levels == want["by_level"], entry["slug"]
        assert [row["speech"] for row in entry["speeches"]] == want["order"]
        assert sum(row["count"] for row in entry["speeches"]) == entry["count"]
    fei_fang = next(entry for entry in data["terms"] if entry["slug"] == "fei-fang")
    assert fei_fang["first_seen"] == {
        "speech": "quan-xian-zong-zhi-xin-fang-wei-wen-he-an-quan-sheng-chan", "date": "2019-05-10", "level": "县", "place": "甲县",
        "title": fei_fang["first_seen"]["title"], "url": "speeches/quan-xian-zong-zhi-xin-fang-wei-wen-he-an-quan-sheng-chan/index.html",
    }  # fmt: skip


def test_terms_csv_lists_speeches_in_order_of_date_with_first_and_last(
    files: dict[str, str], corpus: dict[str, Any]
) -> None:
    rows = list(csv.DictReader(io.StringIO(files["data/terms.csv"])))
    assert tuple(rows[0]) == TERM_COLUMNS
    by_term: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_term.setdefault(row["term"], []).append(row)
    assert list(by_term) == sorted(by_term)
    meta = {s["slug"]: s["metadata"] for s in corpus["speeches"]}
    for term, term_rows in by_term.items():
        want = expected_trace(corpus, term)
        assert [row["speech"] for row in term_rows] == want["order"]
        assert [row["speech"] for row in term_rows if row["first_seen"] == "1"] == [want["first"]] * bool(want["first"])
        assert [row["speech"] for row in term_rows if row["last_seen"] == "1"] == [want["last"]] * bool(want["last"])
        for row in term_rows:
            m = meta[row["speech"]]
            assert (row["date"], row["level"], row["place"]) == (m["date"] or "", m["level"] or "", m["place"] or "")


def test_an_undated_corpus_has_no_time_line() -> None:
    """The seeds as they are: four undated speeches and one of 2023."""
    data = ROOT / "source_texts"
    plain = build(Options(data, data / "taxonomy.yml", data / "glossary.yml"))
    page = next(f.content for f in plain.site.files if f.path == "glossary/liu-ge-yi/index.md")
    soup = BeautifulSoup(str(page), "html.parser")  # 六个一: only in 004, which has no date
    assert soup.select_one("dd.gl-first") is None and soup.select_one("figure.ss-chart") is not None
    first = soup.find("dt", string="首见")
    assert first is not None
    assert first.find_next("dd").get_text() == "1 篇未注明日期的讲话（1 次），不计入首见、末见"
    assert _rows(soup.select_one('table[data-figure="years"]')) == {"2023": (0, 0, 1), "undated": (1, 1, 4)}


def test_a_long_list_in_order_of_date_shows_its_two_ends(dated: Build) -> None:
    """A term used in many speeches: the list shows the first and the last LIST_ENDS speeches
    (numbered as in the whole list) and says how many are left out and where they are."""
    from dataclasses import replace as changed

    from speechsite.annotate.term_trace import SpeechUse, Tally, TermTrace
    from speechsite.render.term_trace import LIST_ENDS, trace_section

    speech = dated.corpus.speeches[0]
    uses = tuple(SpeechUse(changed(speech, slug=f"s{n:03d}"), n + 1) for n in range(2 * LIST_ENDS + 7))
    trace = TermTrace(uses, (), Tally(None, 0, 0, 0), ())
    page = "glossary/x/index.md"
    soup = BeautifulSoup("\n".join(trace_section(trace, page)), "html.parser")
    lists = soup.select("ol.gl-trace-speeches")
    shown = [_speech_of(page, a) for ol in lists for a in ol.select("li > a")]
    assert shown == [f"s{n:03d}" for n in (*range(LIST_ENDS), *range(LIST_ENDS + 7, 2 * LIST_ENDS + 7))]
    assert lists[1]["start"] == str(LIST_ENDS + 8)
    note = soup.select_one("p.gl-trace-more")
    assert note is not None and "其间另有 7 篇讲话从略" in note.get_text()
    assert _resolve_link(page, str(note.a["href"])) == "data/terms.json"


def _resolve_link(page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
