"""A site built from every format: the seeds as Markdown, web pages, Word documents and PDFs
next to files that cannot be read; `mkdocs build` with and without `--strict`, the pages'
provenance, data/corpus.json, the copies under sources/, and the command line."""

from __future__ import annotations

import io
import json
import shutil
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SOURCES
from format_fixtures import (
    NAMES,
    blocks_of,
    damaged_docx,
    markdown,
    seed_speech,
    web_page,
    word_document,
    write,
)
from test_bad_input import mkdocs

from speechsite.commands.cli import main as cli
from speechsite.pipeline import SpeechCache, read_corpus

NO_TEXT_PAGE = "<html><body><ul class='nav'><li><a href='/'>首页</a></li></ul></body></html>"
BAD = {"web/empty.html": NO_TEXT_PAGE.encode(), "old.doc": b"\xd0\xcf\x11\xe0 not a docx",
       "word/broken.docx": damaged_docx()}
BAD_MESSAGES = [
    "WARNING -  speechsite: old.doc: a Word 97–2003 document (.doc) cannot be read — convert it "
    "to .docx, e.g. `soffice --headless --convert-to docx old.doc`, and remove the .doc",
    "WARNING -  speechsite: web/empty.html: this web page has no body text (only navigation, "
    "links or scripts) — save the page of the article itself (not a frame, index or search "
    "page), or copy the speech's text into a .txt file",
    "WARNING -  speechsite: word/broken.docx: this Word document is damaged: word/document.xml is "
    "missing — open it in Word or WPS and save it again as .docx",
]


@dataclass(frozen=True)
class Project:
    root: Path
    sources: Path
    site: Path
    log: str


def format_files() -> dict[str, bytes]:
    """The seeds in every format this build covers, by relative name."""
    files: dict[str, bytes] = {}
    for index, name in enumerate(NAMES):
        stem = name.removesuffix(".txt")
        blocks = blocks_of(seed_speech(name))
        files[f"md/{stem}-md.md"] = markdown(blocks).encode()
        files[f"web/{stem}-web.HTML" if index == 2 else f"web/{stem}-web.html"] = web_page(
            blocks, br_paragraphs=index == 1)
        files[f"word/{stem}-word.docx"] = word_document(blocks, numbered=index != 3)
    return files


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("formats-project")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs")
    sources = root / "source_texts"
    for name in ("taxonomy.yml", "glossary.yml"):
        write(sources, name, (SOURCES / name).read_bytes())
    for name, data in {**format_files(), **BAD}.items():
        write(sources, name, data)
    result = mkdocs(root)
    assert result.returncode == 0, result.stderr
    return Project(root, sources, root / "site", result.stderr)


def warnings_of(log: str) -> list[str]:
    return [line for line in log.splitlines() if line.startswith("WARNING")]


def test_the_bad_files_are_named_and_the_rest_builds(project: Project) -> None:
    assert warnings_of(project.log) == BAD_MESSAGES
    corpus = json.loads((project.site / "data" / "corpus.json").read_text("utf-8"))
    published = sorted(entry["source"]["path"] for entry in corpus["speeches"])
    assert published == sorted(format_files())
    for entry in corpus["speeches"]:
        assert (project.site / entry["url"]).is_file()


def test_strict_fails_on_the_bad_files(project: Project) -> None:
    result = mkdocs(project.root, "--strict")
    assert result.returncode == 1
    assert warnings_of(result.stderr) == BAD_MESSAGES


def test_corpus_json_says_format_extractor_and_hash_and_validates(project: Project) -> None:
    schema = json.loads((project.site / "data" / "corpus.schema.json").read_text("utf-8"))
    corpus = json.loads((project.site / "data" / "corpus.json").read_text("utf-8"))
    jsonschema.validate(corpus, schema, cls=jsonschema.Draft202012Validator)
    for entry in corpus["speeches"]:
        source = entry["source"]
        original = (project.sources / source["path"]).read_bytes()
        assert source["format"] == source["path"].rsplit(".", 1)[1].lower()
        assert source["size"] == len(original)
        assert source["original_url"] and (project.site / source["original_url"]).read_bytes() == original
        extracted = (project.site / source["url"]).read_text("utf-8-sig")
        assert extracted.split("\n")[entry["sections"][0]["line"] - 1].startswith(
            entry["sections"][0]["marker"])
        assert source["extraction"], source["path"]
        if source["format"] == "html":
            assert source["extractor"].startswith("beautifulsoup4 ")
            assert source["original_url"].endswith(".html.original.txt") or source[
                "original_url"].endswith(".HTML.original.txt")


def test_the_page_shows_format_extractor_hash_and_every_record(project: Project) -> None:
    corpus = json.loads((project.site / "data" / "corpus.json").read_text("utf-8"))
    entry = next(e for e in corpus["speeches"] if e["source"]["path"].startswith("web/004"))
    page = (project.site / entry["url"]).read_text("utf-8")
    assert "网页 .html" in page and "beautifulsoup4 4." in page
    assert entry["source"]["sha256"] in page
    assert f'data-records="{len(entry["source"]["extraction"])}"' in page
    assert page.count('<tr id="x-') == len(entry["source"]["extraction"])
    for text in ("您的位置", "打印本页", "版权所有", "ICP备"):
        assert text in page
    assert "下载原始文件" in page and "查看提取的纯文本" in page


def test_a_word_page_shows_the_numbering_labels_and_the_header(project: Project) -> None:
    corpus = json.loads((project.site / "data" / "corpus.json").read_text("utf-8"))
    entry = next(e for e in corpus["speeches"] if e["source"]["path"].startswith("word/000"))
    assert entry["source"]["extractor"].startswith("python-docx ")
    assert [s["marker"] for s in entry["sections"]] == ["一、", "二、", "三、"]
    page = (project.site / entry["url"]).read_text("utf-8")
    assert "Word 文档 .docx" in page and "自动编号" in page and "页眉（第1节）" in page
    original = project.site / entry["source"]["original_url"]
    assert original.name == "000_92ed66065ac2b4ae-word.docx"


def test_the_command_line_reads_every_format(project: Project) -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        status = cli(["check", "--sources", str(project.sources)])
    report = out.getvalue()
    assert status == 1, report  # web/empty.html cannot be read
    assert "== md/000_92ed66065ac2b4ae-md.md → speeches/000-92ed66065ac2b4ae-md/ (md, " in report
    assert "extraction: " in report
    assert "error: web/empty.html: this web page has no body text" in report
    assert "15 speeches, 2 errors, 1 warnings" in report
    exported = project.root / "exported"
    with redirect_stdout(io.StringIO()):
        assert cli(["export", str(exported), "--sources", str(project.sources)]) in (0, 1)
    assert (exported / "sources" / "md" / "000_92ed66065ac2b4ae-md.md.txt").is_file()
    with redirect_stdout(io.StringIO()) as found:
        assert cli(["candidates", "--sources", str(project.sources), "--min-count", "3"]) == 0
    assert found.getvalue().strip()


def test_only_the_edited_file_is_extracted_again(project: Project, tmp_path: Path) -> None:
    copy = tmp_path / "sources"
    shutil.copytree(project.sources, copy)
    cache: SpeechCache = {}
    before = {s.source.path: s for s in read_corpus(copy, cache).speeches}
    edited = copy / "web" / "000_92ed66065ac2b4ae-web.html"
    edited.write_bytes(edited.read_bytes().replace("谢谢大家！".encode("gb18030"),
                                                   "谢谢大家！再见。".encode("gb18030")))
    after = {s.source.path: s for s in read_corpus(copy, cache).speeches}
    changed = [path for path in after if after[path] is not before[path]]
    assert changed == ["web/000_92ed66065ac2b4ae-web.html"]
    assert "谢谢大家！再见。" in after[changed[0]].body
