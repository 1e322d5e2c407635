"""A site built from every format: the seeds as Markdown, web pages, Word documents and PDFs
next to files that cannot be read; `mkdocs build` with and without `--strict`, the pages'
provenance, data/corpus.json, the copies under sources/, and the command line."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SEEDS, SOURCES
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
from pdf_fixtures import encrypted_pdf, image_only_pdf
from test_bad_input import mkdocs

from speechsite.commands.cli import main as cli
from speechsite.pipeline import SpeechCache, read_corpus

NO_TEXT_PAGE = "<html><body><ul class='nav'><li><a href='/'>首页</a></li></ul></body></html>"
BAD = {"web/empty.html": NO_TEXT_PAGE.encode(), "old.doc": b"\xd0\xcf\x11\xe0 not a docx",
       "word/broken.docx": damaged_docx(), "pdf/scan.pdf": image_only_pdf(),
       "pdf/locked.PDF": encrypted_pdf("secret")}
BAD_MESSAGES = [
    "WARNING -  speechsite: old.doc: a Word 97–2003 document (.doc) cannot be read — convert it "
    "to .docx, e.g. `soffice --headless --convert-to docx old.doc`, and remove the .doc",
    "WARNING -  speechsite: pdf/locked.PDF: this PDF is encrypted with a password — remove the "
    "password, e.g. `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`, and put the decrypted PDF "
    "here",
    "WARNING -  speechsite: pdf/scan.pdf: this PDF has no text layer (a scan) — run OCR first, "
    "e.g. `ocrmypdf in.pdf out.pdf`, and put the OCRed PDF here",
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


SEED = "004_25a37519d5cc85c7.txt"  # a title, 一、 and 1. headings, a closing
STEM = SEED.removesuffix(".txt")


def format_files() -> dict[str, bytes]:
    """One seed in every format (every seed in every format is read in the tests of each
    format; one build of all of them would be slow), by relative name."""
    blocks = blocks_of(seed_speech(SEED))
    return {
        f"{STEM}.txt": (SEEDS / SEED).read_bytes(),
        f"md/{STEM}-md.md": markdown(blocks).encode(),
        f"web/{STEM}-web.html": web_page(blocks),
        f"web/{STEM}-br.HTM": web_page(blocks, br_paragraphs=True),
        f"word/{STEM}-word.docx": word_document(blocks),
        f"word/{STEM}-plain.DocX": word_document(blocks, numbered=False, comment=False),
    }


@pytest.fixture(scope="module")
def pdfs(request: pytest.FixtureRequest) -> dict[str, bytes]:
    """The seeds printed by Chromium (session fixture); none where Chromium is missing, so the
    rest of this build still runs."""
    try:
        printed: dict[str, bytes] = request.getfixturevalue("seed_pdfs")
    except pytest.skip.Exception:
        return {}
    return {f"pdf/{STEM}-pdf.pdf": printed[SEED], f"pdf/{STEM}-columns.pdf": printed[
        f"{NAMES[1]}-columns"]}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, pdfs: dict[str, bytes]) -> Project:
    root = tmp_path_factory.mktemp("formats-project")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs")
    sources = root / "source_texts"
    for name in ("taxonomy.yml", "glossary.yml"):
        write(sources, name, (SOURCES / name).read_bytes())
    for name, data in {**format_files(), **pdfs, **BAD}.items():
        write(sources, name, data)
    result = mkdocs(root)
    assert result.returncode == 0, result.stderr
    return Project(root, sources, root / "site", result.stderr)


def warnings_of(log: str) -> list[str]:
    return [line for line in log.splitlines() if line.startswith("WARNING")]


def test_the_bad_files_are_named_and_the_rest_builds(project: Project,
                                                    pdfs: dict[str, bytes]) -> None:
    assert warnings_of(project.log) == BAD_MESSAGES
    corpus = json.loads((project.site / "data" / "corpus.json").read_text("utf-8"))
    published = sorted(entry["source"]["path"] for entry in corpus["speeches"])
    assert published == sorted({**format_files(), **pdfs})
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
    formats = {"txt": "txt", "md": "md", "html": "html", "htm": "html", "docx": "docx", "pdf": "pdf"}
    for entry in corpus["speeches"]:
        source = entry["source"]
        original = (project.sources / source["path"]).read_bytes()
        assert source["format"] == formats[source["path"].rsplit(".", 1)[1].lower()]
        assert source["size"] == len(original)
        assert source["sha256"] == hashlib.sha256(original).hexdigest()
        text = (project.site / source["url"]).read_text("utf-8-sig")
        first = entry["sections"][0]
        assert text.split("\n")[first["line"] - 1].startswith(first["marker"] + first["heading"])
        if source["format"] == "txt":
            assert source["extractor"] is None and source["original_url"] is None
            assert source["extraction"] == []
            continue
        assert (project.site / source["original_url"]).read_bytes() == original
        assert source["extraction"], source["path"]
        if source["format"] in ("html", "md"):
            assert source["original_url"] == f"sources/{source['path']}.original.txt"


def test_the_page_shows_format_extractor_hash_and_every_record(project: Project) -> None:
    corpus = json.loads((project.site / "data" / "corpus.json").read_text("utf-8"))
    entry = next(e for e in corpus["speeches"] if e["source"]["path"].startswith(f"web/{STEM}-web"))
    page = (project.site / entry["url"]).read_text("utf-8")
    assert "网页 <code>.html</code>" in page and "beautifulsoup4 4." in page
    assert entry["source"]["sha256"] in page
    assert f'data-records="{len(entry["source"]["extraction"])}"' in page
    assert page.count('<tr id="x-') == len(entry["source"]["extraction"])
    for text in ("您的位置", "打印本页", "版权所有", "ICP备"):
        assert text in page
    assert "下载原始文件" in page and "查看提取的纯文本" in page


def test_a_word_page_shows_the_numbering_labels_and_the_header(project: Project) -> None:
    corpus = json.loads((project.site / "data" / "corpus.json").read_text("utf-8"))
    entry = next(e for e in corpus["speeches"] if e["source"]["path"].startswith(f"word/{STEM}-word"))
    assert entry["source"]["extractor"].startswith("python-docx ")
    assert [s["marker"] for s in entry["sections"]] == ["一、", "二、", "三、"]
    assert [s["marker"] for s in entry["sections"][0]["subsections"]] == ["1.", "2.", "3."]
    page = (project.site / entry["url"]).read_text("utf-8")
    assert "Word 文档 <code>.docx</code>" in page and "自动编号" in page and "页眉（第1节）" in page
    original = project.site / entry["source"]["original_url"]
    assert original.name == f"{STEM}-word.docx"


def test_a_pdf_page_shows_the_removed_page_furniture(project: Project,
                                                     pdfs: dict[str, bytes]) -> None:
    if not pdfs:
        pytest.skip("Debian's chromium is missing — install it with: apt-get install chromium")
    corpus = json.loads((project.site / "data" / "corpus.json").read_text("utf-8"))
    entry = next(e for e in corpus["speeches"] if e["source"]["path"].startswith(f"pdf/{STEM}-pdf"))
    assert entry["source"]["encoding"] == "pdf"
    kinds = {record["kind"] for record in entry["source"]["extraction"]}
    assert {"header", "page-number", "radical"} <= kinds
    page = (project.site / entry["url"]).read_text("utf-8")
    assert "PDF 文档 <code>.pdf</code>" in page and "pdfminer.six " in page and "第2页" in page
    assert (project.site / entry["source"]["original_url"]).read_bytes()[:5] == b"%PDF-"


def test_the_command_line_reads_every_format(project: Project, pdfs: dict[str, bytes]) -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        status = cli(["check", "--sources", str(project.sources)])
    report = out.getvalue()
    assert status == 1, report  # web/empty.html cannot be read
    assert f"== md/{STEM}-md.md → speeches/004-25a37519d5cc85c7-md/ (md, speechsite " in report
    assert f"== word/{STEM}-word.docx → speeches/004-25a37519d5cc85c7-word/ (docx, python-docx " in report
    assert "extraction: " in report
    assert "error: web/empty.html: this web page has no body text" in report
    assert f"{len(format_files()) + len(pdfs)} speeches, 4 errors, 1 warnings" in report
    exported = project.root / "exported"
    with redirect_stdout(io.StringIO()):
        assert cli(["export", str(exported), "--sources", str(project.sources)]) in (0, 1)
    assert (exported / "sources" / "md" / f"{STEM}-md.md.txt").is_file()
    with redirect_stdout(io.StringIO()) as found:
        assert cli(["candidates", "--sources", str(project.sources), "--min-count", "3"]) == 0
    assert found.getvalue().strip()


def test_only_the_edited_file_is_extracted_again(project: Project, tmp_path: Path) -> None:
    copy = tmp_path / "sources"
    shutil.copytree(project.sources, copy)
    cache: SpeechCache = {}
    before = {s.source.path: s for s in read_corpus(copy, cache).speeches}
    edited = copy / "web" / f"{STEM}-web.html"
    edited.write_bytes(edited.read_bytes().replace("安全稳定是压倒一切".encode("gb18030"),
                                                   "安全稳定始终是压倒一切".encode("gb18030")))
    after = {s.source.path: s for s in read_corpus(copy, cache).speeches}
    changed = [path for path in after if after[path] is not before[path]]
    assert changed == [f"web/{STEM}-web.html"]
    assert "安全稳定始终是压倒一切" in after[changed[0]].body
