"""Home, browse and data files from hand-built speeches: ordering, paging, JSON shape."""

from __future__ import annotations

import json
from dataclasses import replace

import jsonschema
from bs4 import BeautifulSoup
from speech_samples import sample_context, sample_speech

from speechsite.exports.corpus import corpus_data, corpus_schema_text
from speechsite.model import Corpus, Metadata, Speech
from speechsite.render.home import PAGE_SIZE, browse_pages, home_page
from speechsite.site.urls import relative_url


def speeches(count: int, date: str | None = "2022-05-01") -> tuple[Speech, ...]:
    base = sample_speech()
    return tuple(
        replace(base, slug=f"s-{n:04d}", meta=Metadata(title=f"讲话{n}", date=date, level="县"))
        for n in range(count)
    )


def test_relative_url_climbs_to_the_root() -> None:
    assert relative_url("index.md", "speeches/a/index.md") == "speeches/a/index.html"
    assert relative_url("speeches/a/index.md", "topics/b/index.md#x") == "../../topics/b/index.html#x"
    assert relative_url("data.md", "data/corpus.json") == "data/corpus.json"


def test_home_lists_newest_first_with_undated_last() -> None:
    dated = [
        replace(sample_speech(), slug=slug, meta=Metadata(title=slug, date=date))
        for slug, date in [("a", "2021-03-01"), ("b", None), ("c", "2023"), ("d", "2022-12-31")]
    ]
    ctx = replace(sample_context(), corpus=Corpus(tuple(dated)))
    (home,) = home_page(ctx)
    soup = BeautifulSoup(str(home.content), "html.parser")
    assert [a.get_text() for a in soup.select("table.speech-list tbody a")] == ["c", "d", "a", "b"]
    assert [td.get_text() for td in soup.select("td.date")] == ["2023年", "2022年12月31日", "2021年3月1日", "未注明"]


def test_big_groups_are_paged() -> None:
    ctx = replace(sample_context(), corpus=Corpus(speeches(2 * PAGE_SIZE + 1)))
    files = {f.path: str(f.content) for f in browse_pages(ctx)}
    years = sorted(path for path in files if path.startswith("speeches/years/"))
    assert years == ["speeches/years/2022/2/index.md", "speeches/years/2022/3/index.md", "speeches/years/2022/index.md"]
    rows = [BeautifulSoup(files[p], "html.parser").select("table.speech-list tbody tr") for p in years]
    assert sorted(len(r) for r in rows) == [1, PAGE_SIZE, PAGE_SIZE]
    pager = BeautifulSoup(files["speeches/years/2022/2/index.md"], "html.parser").select("nav.pager a")
    assert [a["href"] for a in pager] == ["../../../../speeches/years/2022/index.html", "../../../../speeches/years/2022/3/index.html"]
    assert "table" not in files["speeches/index.md"]  # too many to list on the browse page
    assert max(len(content.encode()) for content in files.values()) < 150_000


def test_corpus_json_is_one_speech_per_line_and_valid() -> None:
    ctx = replace(sample_context(), corpus=Corpus((*speeches(2), sample_speech())))
    corpus_file, schema_file = corpus_data(ctx)
    text = corpus_file.as_bytes().decode("utf-8")
    assert len(text.splitlines()) == 3 + 2
    data = json.loads(text)
    jsonschema.validate(data, json.loads(corpus_schema_text()), cls=jsonschema.Draft202012Validator)
    assert schema_file.path == "data/corpus.schema.json"
    empty = replace(ctx, corpus=Corpus(()))
    assert next(corpus_data(empty)).as_bytes().decode("utf-8").endswith('"speeches":[\n\n]}\n')
    assert json.loads(next(corpus_data(empty)).as_bytes())["speeches"] == []
    speech = data["speeches"][0]
    section = speech["sections"][0]["subsections"][0]
    paragraph = section["paragraphs"][0]
    assert paragraph["citation"] == "一.（一）¶1"
    assert paragraph["evidence"][0] == {"kind": "term", "key": "fengqiao", "start": 2, "end": 6, "text": "枫桥经验"}
    assert speech["sections"][0]["number"] == "一" and speech["sections"][0]["own_topics"] == ["weiwen"]
    assert speech["slug"] == "2022-demo"  # sorted by slug
    assert speech["title"] == {"text": "在全县综治工作会议上的讲话", "as_written": None, "inferred": True}
    assert data["speeches"][1]["title"] == {"text": "讲话0", "as_written": None, "inferred": False}
    assert speech["repairs"][0] == {"kind": "page-number", "line": 6, "offset": 40, "removed": "1、", "result": "平安**建设", "note": ""}


def test_speeches_without_level_have_their_own_page() -> None:
    ctx = replace(sample_context(), corpus=Corpus((replace(sample_speech(), meta=Metadata(title="无层级")),)))
    files = {f.path: str(f.content) for f in browse_pages(ctx)}
    page = BeautifulSoup(files["speeches/levels/unknown/index.md"].split("\n", 1)[1], "html.parser")
    assert "未注明层级的讲话" in files["speeches/levels/unknown/index.md"].splitlines()[0]
    assert [a.get_text() for a in page.select("tbody a")] == ["无层级"]
    browse = BeautifulSoup(files["speeches/index.md"], "html.parser")
    assert "未注明层级" in [a.get_text() for a in browse.select(".browse a")]
