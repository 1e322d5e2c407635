"""The cache of extractions on disk (read/formats/cache.py): a Word or PDF file is extracted
once; the cached result is the extraction itself (text, records, warnings, metadata); a
damaged, foreign or unwritable cache only costs an extraction, never a wrong page."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from format_fixtures import blocks_of, seed_speech, word_document, write
from test_formats_word import docx_with, run

from speechsite.pipeline import NO_CACHE, Options, build, site_options
from speechsite.read.formats import Extracted, extractor_for, word
from speechsite.read.formats.cache import ExtractionCache

SEED = "001_c98e51e5a34b76fd.txt"
TRACKED = docx_with(
    f"<w:p>{run('同志们：')}</w:p><w:p>{run('今天，我们召开')}"
    f"<w:ins w:id='1' w:author='a'>{run('全县')}</w:ins>"
    "<w:del w:id='2' w:author='a'><w:r><w:delText>全市</w:delText></w:r></w:del>"
    f"{run('安全生产工作会议。')}</w:p>"
)


class Counting:
    """An extractor that counts its calls."""

    def __init__(self, extract: Callable[[bytes, str], Extracted]) -> None:
        self.extract, self.calls = extract, 0

    def __call__(self, data: bytes, name: str) -> Extracted:
        self.calls += 1
        return self.extract(data, name)


def test_a_cached_extraction_equals_a_fresh_one_and_is_made_once(tmp_path: Path) -> None:
    cache, counting = ExtractionCache(tmp_path / "cache"), Counting(extractor_for("docx"))
    fresh = counting(TRACKED, "a.docx")
    first = cache.extract("docx", TRACKED, "sha", "a.docx", counting)
    second = cache.extract("docx", TRACKED, "sha", "a.docx", counting)
    assert first == second == fresh and counting.calls == 2  # one for `fresh`, one for the cache
    assert second.warnings and second.records  # tracked changes: a warning and records
    assert [path.name for path in (tmp_path / "cache").iterdir()] == ["sha.docx.json"]


def test_cached_warnings_name_the_file_read_now(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path)
    cache.extract("docx", TRACKED, "sha", "old name.docx", extractor_for("docx"))
    renamed = cache.extract("docx", TRACKED, "sha", "新名字.docx", Counting(extractor_for("docx")))
    assert [w.file for w in renamed.warnings] == ["新名字.docx"]
    assert str(renamed.warnings[0]).startswith("新名字.docx: this Word document has tracked changes")


@pytest.mark.parametrize("damage", ["", "{", '{"code": 1}', "[]", '{"code": "%s", "extracted": {}}',
                                    '{"code": "%s", "extracted": {"text": 5, "metadata": {}}}'])
def test_a_damaged_entry_is_extracted_again_and_rewritten(tmp_path: Path, damage: str) -> None:
    cache, counting = ExtractionCache(tmp_path), Counting(extractor_for("docx"))
    entry = tmp_path / "sha.docx.json"
    entry.write_text(damage.replace("%s", cache.code), encoding="utf-8")
    extracted = cache.extract("docx", TRACKED, "sha", "a.docx", counting)
    assert counting.calls == 1 and extracted == extractor_for("docx")(TRACKED, "a.docx")
    assert json.loads(entry.read_text(encoding="utf-8"))["code"] == cache.code


def test_an_entry_made_by_other_extractor_code_is_not_used(tmp_path: Path) -> None:
    ExtractionCache(tmp_path, code="older").extract("docx", TRACKED, "sha", "a.docx", extractor_for("docx"))
    counting = Counting(extractor_for("docx"))
    ExtractionCache(tmp_path, code="newer").extract("docx", TRACKED, "sha", "a.docx", counting)
    assert counting.calls == 1


def test_cheap_formats_and_unwritable_folders_just_extract(tmp_path: Path) -> None:
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("", encoding="utf-8")
    counting = Counting(extractor_for("docx"))
    for _ in range(2):
        ExtractionCache(blocked / "cache").extract("docx", TRACKED, "sha", "a.docx", counting)
    assert counting.calls == 2
    page = "<html><body><p>同志们：</p><p>今天开会。</p></body></html>".encode()
    ExtractionCache(tmp_path / "web").extract("html", page, "sha", "a.html", extractor_for("html"))
    assert not (tmp_path / "web").exists()


def test_a_second_build_takes_word_text_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    write(sources, "a.docx", word_document(blocks_of(seed_speech(SEED))))
    options = Options(sources, extraction_cache=tmp_path / "cache")
    first = build(options)
    counting = Counting(word.extract)
    monkeypatch.setattr(word, "extract", counting)
    second = build(options)
    assert counting.calls == 0
    assert second.corpus.speeches == first.corpus.speeches
    assert [f.as_bytes() for f in second.site.files] == [f.as_bytes() for f in first.site.files]


def test_the_plugin_caches_in_the_user_cache_unless_told_not_to(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv(NO_CACHE, raising=False)
    options = site_options(tmp_path, "source_texts", "taxonomy.yml", "glossary.yml")
    assert options.extraction_cache == tmp_path / "speechsite" / "extracted"
    monkeypatch.setenv(NO_CACHE, "1")
    assert site_options(tmp_path, "source_texts", "taxonomy.yml", "glossary.yml").extraction_cache is None
