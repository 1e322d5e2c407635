"""The provenance panel on speech pages: source file, SHA-256 of its bytes, encoding,
repairs (linked to the 校勘记录 box) and where each metadata field came from."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from speechsite.pipeline import Options, build
from speechsite.render.provenance import FIELDS, field_status

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def panel(page: Path) -> BeautifulSoup:
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    found = soup.select_one("dl.provenance")
    assert found is not None, page
    return found


def statuses(found: BeautifulSoup) -> dict[str, str]:
    return {field["data-field"]: group["data-status"] for group in found.select(".meta-status") for field in group.select("[data-field]")}


def test_sha256_shown_for_each_seed_equals_the_hash_of_its_file(built_site: Path) -> None:
    corpus = json.loads((built_site / "data" / "corpus.json").read_text("utf-8"))
    seeds = {path.name: path for path in SEEDS.glob("*.txt")}
    checked = 0
    for speech in corpus["speeches"]:
        seed = seeds.get(speech["source"]["path"])
        if seed is None:
            continue
        found = panel(built_site / speech["url"])
        digest = hashlib.sha256(seed.read_bytes()).hexdigest()
        assert found.select_one("code.sha256").get_text() == digest
        assert found.select_one("code.source-path").get_text() == seed.name
        assert f"（{seed.stat().st_size} 字节）" in found.get_text()
        checked += 1
    assert checked == len(seeds) == 5


def test_encoding_repairs_and_metadata_sources_match_corpus_json(built_site: Path) -> None:
    corpus = json.loads((built_site / "data" / "corpus.json").read_text("utf-8"))
    for speech in corpus["speeches"]:
        page = built_site / speech["url"]
        found = panel(page)
        assert found.select_one("code.encoding").get_text() == speech["source"]["encoding"]
        count = found.select_one(".repair-count")
        assert int(count["data-repairs"]) == len(speech["repairs"])
        link = count.find("a")
        if speech["repairs"]:
            assert link["href"] == "#repairs"
            assert BeautifulSoup(page.read_text("utf-8"), "html.parser").find(id="repairs").name == "details"
        else:
            assert link is None
        shown = statuses(found)
        assert set(shown) == {name for name, _ in FIELDS}
        metadata, inferred = speech["metadata"], set(speech["metadata"]["inferred"])
        for name, status in shown.items():
            if name == "title":
                continue
            if metadata[name] is None:
                assert status == "missing", (speech["slug"], name)
            else:
                assert status == ("inferred" if name in inferred else "given"), (speech["slug"], name)
        title_status = "text" if speech["title"]["as_written"] == speech["title"]["text"] and "title" in inferred else None
        if title_status:
            assert shown["title"] == title_status


def test_given_fields_come_from_the_sidecar(tmp_path: Path) -> None:
    sources = tmp_path / "source_texts"
    sources.mkdir()
    seed = SEEDS / "001_c98e51e5a34b76fd.txt"
    shutil.copy(seed, sources / seed.name)
    (sources / "001_c98e51e5a34b76fd.yml").write_text("title: 某区讲话\nplace: 乙区\nspeaker: 张三\n", "utf-8")
    speech = build(Options(sources)).corpus.speeches[0]
    assert {name: field_status(speech, name) for name in ("title", "place", "speaker", "source")} == {
        "title": "given", "place": "given", "speaker": "given", "source": "missing",
    }


@pytest.mark.parametrize("site_url, expected", [
    ("", ""),
    ("https://example.org/wenku/", "https://example.org/wenku/speeches/quan-qu-wei-wen-ji-xin-fang-an-quan-sheng-chan-gong-zuo-hui/index.html"),
])
def test_citation_url_uses_the_site_address(tmp_path: Path, site_url: str, expected: str) -> None:
    sources = tmp_path / "source_texts"
    sources.mkdir()
    shutil.copy(SEEDS / "001_c98e51e5a34b76fd.txt", sources)
    result = build(Options(sources, site_url=site_url))
    page = next(f for f in result.site.files if f.path.startswith("speeches/quan-qu-wei-wen-") and f.is_page)
    found = BeautifulSoup(page.as_bytes().decode("utf-8"), "html.parser").select_one("dl.provenance")
    assert found["data-cite-url"] == expected
    assert found["data-cite-title"] == result.corpus.speeches[0].display_title
