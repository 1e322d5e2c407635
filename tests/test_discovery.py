"""Discovery: every file in the sources folder is read as a speech, used as data, or named in
a warning; extensions in any letter case; file names in GBK bytes; two files with one name."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SOURCES
from format_fixtures import blocks_of, seed_speech, word_document
from sitebuild import MKDOCS
from speech_samples import SPEECH

from speechsite.pipeline import Options, build, read_corpus
from speechsite.read.discover import discover
from speechsite.read.formats import supported_extensions
from speechsite.read.names import readable
from speechsite.repair import fidelity

GBK_NAME = "县长讲话稿".encode("gbk") + b".txt"
LISTED = ", ".join(f".{extension}" for extension in supported_extensions())


def write(folder: Path, name: str | bytes, data: bytes = SPEECH.encode()) -> None:
    path = os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else name.encode())
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as file:
        file.write(data)


def messages(folder: Path) -> list[str]:
    return [str(d) for d in read_corpus(folder).diagnostics]


def test_extensions_in_any_letter_case_are_read(tmp_path: Path) -> None:
    for name in ("a.TXT", "b.Txt", "c/d.tXt"):
        write(tmp_path, name)
    corpus = read_corpus(tmp_path)
    assert [s.source.path for s in corpus.speeches] == ["a.TXT", "b.Txt", "c/d.tXt"]
    assert [s.slug for s in corpus.speeches] == ["a", "b", "d"]
    assert corpus.diagnostics == ()


@pytest.mark.parametrize(("name", "message"), [
    ("a.doc", "a.doc: a Word 97–2003 document (.doc) cannot be read — convert it to .docx, e.g. "
              "`soffice --headless --convert-to docx a.doc`, and remove the .doc"),
    ("县 讲话.wps", "县 讲话.wps: a WPS document (.wps) cannot be read — convert it to .docx, e.g. "
                    "`soffice --headless --convert-to docx '县 讲话.wps'`, and remove the .wps"),
    ("a.RTF", "a.RTF: an RTF document cannot be read — convert it to .docx, e.g. "
              "`soffice --headless --convert-to docx a.RTF`, or save it as UTF-8 text (.txt)"),
    ("a.text", "a.text: the extension .text is not read — rename the file to end in .txt"),
    ("讲话稿", "讲话稿: a file without an extension is not read — if it is a speech, add the "
              f"extension of its format: {LISTED}"),
    ("~$讲话.docx", "~$讲话.docx: a Word lock file (the document is open in Word) is not read — "
                   "close the document in Word, or delete this file"),
    ("photo.png", f"photo.png: a .png file is not a speech format and is not read — speeches are "
                  f"{LISTED} files; move other files out of the sources folder"),
])
def test_other_files_are_named_with_what_to_do(tmp_path: Path, name: str, message: str) -> None:
    write(tmp_path, "good.txt")
    write(tmp_path, name, b"\xd0\xcf\x11\xe0 not text")
    result = build(Options(tmp_path))
    assert [str(d) for d in result.corpus.diagnostics] == [message]
    assert all(d.level == "warning" for d in result.corpus.diagnostics)
    assert [s.source.path for s in result.corpus.speeches] == ["good.txt"]


def test_data_files_and_hidden_files_give_no_warning(tmp_path: Path) -> None:
    for name in ("a.txt", "a.yml", "taxonomy.yml", "glossary.YAML", ".DS_Store", ".git/x.doc"):
        write(tmp_path, name, SPEECH.encode() if name.endswith(".txt") else b"title: x\n")
    assert messages(tmp_path) == []


def test_same_name_in_two_formats_is_one_clear_warning(tmp_path: Path) -> None:
    write(tmp_path, "a.txt")
    write(tmp_path, "a.TXT")
    result = build(Options(tmp_path))
    assert [str(d) for d in result.corpus.diagnostics] == [
        "a.txt: same name as a.TXT in another format; both are published — keep one of the two "
        "files, or rename one of them"]
    assert {s.source.path: s.slug for s in result.corpus.speeches} == {"a.TXT": "a", "a.txt": "a-2"}
    pages = {file.path for file in result.site.files}
    assert {"sources/a.TXT.txt", "sources/a.txt"} <= pages


def test_a_gbk_file_name_is_read_with_a_readable_name_and_a_pinyin_address(tmp_path: Path) -> None:
    write(tmp_path, GBK_NAME)
    write(tmp_path, "good.txt")
    result = build(Options(tmp_path))
    assert result.corpus.diagnostics == ()
    speech = next(s for s in result.corpus.speeches if s.source.path != "good.txt")
    assert speech.source.path == "县长讲话稿.txt"
    assert speech.slug == "xian-zhang-jiang-hua-gao"
    assert os.fsencode(tmp_path / speech.source.file_path).endswith(GBK_NAME)
    assert fidelity.check(speech) == []
    copies = {file.path: file for file in result.site.files}
    assert copies["sources/县长讲话稿.txt"].as_bytes().decode("utf-8-sig") == SPEECH
    for file in result.site.files:
        file.path.encode("utf-8")  # every output name is writable
    corpus = json.loads(copies["data/corpus.json"].as_bytes())
    assert "县长讲话稿.txt" in [entry["source"]["path"] for entry in corpus["speeches"]]


def test_names_not_gbk_either_are_escaped_losslessly(tmp_path: Path) -> None:
    name = os.fsdecode(b"\xff\xfe-a.txt")
    assert readable(name) == "\\xff\\xfe-a.txt"
    write(tmp_path, b"\xff\xfe-a.txt")
    corpus = read_corpus(tmp_path)
    assert [s.source.path for s in corpus.speeches] == ["\\xff\\xfe-a.txt"]


def test_a_gbk_name_that_reads_like_another_file_is_escaped(tmp_path: Path) -> None:
    write(tmp_path, "县长讲话稿.txt")
    write(tmp_path, GBK_NAME)
    found = discover(tmp_path)
    names = [f.name for f in found.speeches]
    assert "县长讲话稿.txt" in names and len(set(names)) == 2
    assert any(name.startswith("\\x") for name in names)


def test_a_txt_named_like_the_text_copy_of_another_source_is_not_read(tmp_path: Path) -> None:
    write(tmp_path, "a.docx", word_document(blocks_of(seed_speech("001_c98e51e5a34b76fd.txt"))))
    write(tmp_path, "a.DOCX.txt")
    result = build(Options(tmp_path))
    assert [str(d) for d in result.corpus.diagnostics] == [
        "a.DOCX.txt: has the name of the plain-text copy of a.docx that the site makes; not read "
        "— delete it if it is that copy, or rename it"]
    assert [s.source.path for s in result.corpus.speeches] == ["a.docx"]


def mkdocs(project: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run(
        [str(MKDOCS), "build", *flags, "-f", str(project / "mkdocs.yml"), "-d",
         str(project / "site")],
        capture_output=True, text=True, env=env, cwd=project, timeout=600, check=False)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if sys.platform == "darwin":
        pytest.skip("macOS file systems refuse names that are not UTF-8")
    project = tmp_path_factory.mktemp("discovery-project")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    sources = project / "source_texts"
    sources.mkdir()
    for name in ("taxonomy.yml", "glossary.yml"):
        shutil.copy(SOURCES / name, sources / name)
    write(sources, GBK_NAME)
    write(sources, "UPPER.TXT")
    return project


def test_a_gbk_file_name_builds_strict(project: Path) -> None:
    result = mkdocs(project, "--strict")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    corpus = json.loads((site / "data" / "corpus.json").read_text(encoding="utf-8"))
    assert sorted(s["source"]["path"] for s in corpus["speeches"]) == ["UPPER.TXT", "县长讲话稿.txt"]
    assert (site / "speeches" / "xian-zhang-jiang-hua-gao" / "index.html").is_file()
    assert (site / "sources" / "县长讲话稿.txt").is_file()
    page = (site / "speeches" / "xian-zhang-jiang-hua-gao" / "index.html").read_text("utf-8")
    assert "县长讲话稿.txt" in page


def test_an_unsupported_file_fails_strict_and_the_rest_builds(project: Path) -> None:
    write(project / "source_texts", "old.doc", b"\xd0\xcf\x11\xe0")
    try:
        strict = mkdocs(project, "--strict")
        assert strict.returncode == 1
        assert ("WARNING -  speechsite: old.doc: a Word 97–2003 document (.doc) cannot be read — "
                "convert it to .docx") in strict.stderr
        relaxed = mkdocs(project)
        assert relaxed.returncode == 0, relaxed.stderr
        assert (project / "site" / "speeches" / "upper" / "index.html").is_file()
    finally:
        (project / "source_texts" / "old.doc").unlink()
