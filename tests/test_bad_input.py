"""Bad input: every case either renders correctly or gives its exact message, and the rest
of the site is still built.

The cases are generated here (bytes built from a few Chinese texts), not stored as files.
Each runs the core pipeline (`pipeline.build`: read → repair → parse → annotate → render)
on a temporary sources folder holding the case's files next to a good speech. The huge
inputs run at core level with bounded sizes; the last tests run a real `mkdocs build`
with and without `--strict` on a copy of the site with bad files added.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import payloads
import pytest
from conftest import SOURCES
from sitebuild import MKDOCS, site_setup
from speech_samples import SPEECH

from speechsite.model import Speech
from speechsite.pipeline import Build, Options, build, read_corpus
from speechsite.repair import fidelity
from speechsite.site.urls import source_copy, speech_page

GOOD = {"good.txt": "在全市经济工作会议上的讲话\n同志们：\n今天召开会议。\n一、稳增长\n要稳住经济大盘。\n".encode()}
TRADITIONAL = "在全縣安全生產工作會議上的講話\n同志們：\n今天，我們召開會議。\n一、提高認識\n安全生產責任重於泰山。\n"
LAW = (
    "中华人民共和国安全生产法\n第一章 总则\n第一条 为了加强安全生产工作，制定本法。\n"
    "第二条 在中华人民共和国领域内从事生产经营活动的单位的安全生产，适用本法。\n"
    "第二章 生产经营单位的安全生产保障\n第三条 生产经营单位应当具备安全生产条件。\n"
)
PAYLOADS = payloads.payload_speech()
RARE = "𠀀𪚥䶮"  # outside GBK: only GB18030 (four-byte sequences) has them
# ZWJ joins an emoji family, ZWNJ is part of a Persian word: both text. A zero-width space is not.
ZWJ_SPEECH = SPEECH.replace("会议。", "会议，家庭👨\u200d👩\u200d👧合影，引语می\u200cخواهم，\u200b完。", 1)

BINARY = "binary file, not text — only plain-text speeches (*.txt) belong in the sources folder"
EMPTY = "empty file: no text to publish — write the speech into the file or delete it"
DAMAGED = "retype the damaged characters on this line and save the file as UTF-8"
KEYS = "title, speaker, role, place, meeting, source, slug, date, level, tags"
SLUG_HINT = ("use lowercase ASCII letters, digits and single hyphens, e.g. "
             "`slug: 2023-zongzhi-anquan`")
TABLE_HINT = "keep only speeches in the sources folder, or convert the table into running text"
DEPTH = ("invalid metadata: nested deeper than 16 levels — write flat `key: value` lines; a value "
         "needs at most a list or a mapping inside")
SURROGATE = ("which is not a character — write the character itself, or an astral character as one "
             "`\\U0001F600` escape, not as a pair of `\\u` escapes")
OUTSIDE = "symlink leads outside the sources folder — copy the file into the sources folder instead of linking to it"
NOT_A_DATE = "write YYYY-MM-DD, YYYY-MM or YYYY, e.g. `date: 2013-02-28`"


def utf8(text: str) -> bytes:
    return text.encode("utf-8")


def front(yaml: str, body: str = SPEECH) -> bytes:
    return utf8(f"---\n{yaml}---\n{body}")


@dataclass(frozen=True)
class Case:
    """A bad input and its expected outcome.

    `published` maps each of the case's source paths that must reach the site to its slug;
    a file missing from it must not be published. `messages` are the build's diagnostics,
    exactly. `text`, when given, is the normalised text the (only) published file must have.
    """

    name: str
    files: Mapping[str, bytes]
    published: Mapping[str, str] = field(default_factory=dict)
    messages: tuple[str, ...] = ()
    text: str | None = None
    encoding: str | None = None
    shown: tuple[str, ...] = ()  # strings the published speech must say, character for character
    links: Mapping[str, str] = field(default_factory=dict)  # link in sources → target outside


CASES = (
    # Encodings and line ends: read as the same text.
    Case("gbk", {"a.txt": SPEECH.encode("gbk")}, {"a.txt": "a"}, text=SPEECH, encoding="gb18030"),
    Case("gb18030", {"a.txt": (SPEECH + RARE + "\n").encode("gb18030")}, {"a.txt": "a"},
         text=SPEECH + RARE + "\n", encoding="gb18030"),
    Case("utf16-le-bom", {"a.txt": b"\xff\xfe" + SPEECH.encode("utf-16-le")}, {"a.txt": "a"},
         text=SPEECH, encoding="utf-16"),
    Case("utf16-be-bom", {"a.txt": b"\xfe\xff" + SPEECH.encode("utf-16-be")}, {"a.txt": "a"},
         text=SPEECH, encoding="utf-16"),
    Case("utf8-bom", {"a.txt": b"\xef\xbb\xbf" + utf8(SPEECH)}, {"a.txt": "a"}, text=SPEECH,
         encoding="utf-8-sig"),
    Case("cr", {"a.txt": utf8(SPEECH.replace("\n", "\r"))}, {"a.txt": "a"}, text=SPEECH),
    Case("crlf", {"a.txt": utf8(SPEECH.replace("\n", "\r\n"))}, {"a.txt": "a"}, text=SPEECH),
    Case("mixed-line-ends",
         {"a.txt": utf8("\r\n".join(SPEECH.split("\n", 3)[:3]) + "\r" + SPEECH.split("\n", 3)[3])},
         {"a.txt": "a"}, text=SPEECH),
    Case("gbk-with-crlf", {"a.txt": SPEECH.replace("\n", "\r\n").encode("gbk")}, {"a.txt": "a"},
         text=SPEECH, encoding="gb18030"),
    # Files that cannot be a speech: an error naming the file (and line), nothing published.
    Case("empty", {"a.txt": b""}, messages=(f"a.txt: {EMPTY}",)),
    Case("whitespace-only", {"a.txt": b" \t\r\n\xe3\x80\x80\n  \n"}, messages=(f"a.txt: {EMPTY}",)),
    Case("png-renamed", {"a.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))},
         messages=(f"a.txt: {BINARY}",)),
    Case("pdf-renamed", {"a.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"},
         messages=(f"a.txt: {BINARY}",)),
    Case("nul-byte-in-text", {"a.txt": utf8(SPEECH[:40]) + b"\x00" + utf8(SPEECH[40:])},
         messages=("a.txt:3: NUL byte (code 0) at byte 116 — delete the invisible character on "
                   "this line, or export the text again, and save the file as UTF-8",)),
    Case("utf16-without-bom", {"a.txt": "今天开会\n".encode("utf-16-le") * 4}, {"a.txt": "a"},
         text="今天开会\n" * 4, encoding="utf-16-le"),
    Case("invalid-utf8-in-the-middle",
         {"a.txt": utf8(SPEECH[:60]) + b"\xff\xfe" + utf8(SPEECH[60:])},
         messages=(f"a.txt:5: cannot decode: invalid UTF-8 bytes at byte 172 — {DAMAGED}",)),
    Case("truncated-utf8-character", {"a.txt": utf8(SPEECH)[:100] + utf8(SPEECH)[101:]},
         messages=(f"a.txt:3: cannot decode: invalid UTF-8 bytes at byte 98 — {DAMAGED}",)),
    Case("invalid-utf8-after-bom", {"a.txt": b"\xef\xbb\xbf" + utf8(SPEECH[:60]) + b"\xc3" + b"\n"},
         messages=(f"a.txt:5: cannot decode: invalid UTF-8 bytes at byte 175 — {DAMAGED}",)),
    Case("latin1", {"a.txt": "Café crème, brûlée à la française.\n".encode("latin-1")},
         messages=("a.txt: cannot decode: not UTF-8, UTF-16 or GB18030 — save the file as UTF-8",)),
    # Payloads: shown as text, character for character (the built pages: test_injection.py).
    Case("html", {"a.txt": utf8(PAYLOADS)}, {"a.txt": "a"}, text=PAYLOADS, shown=payloads.HTML),
    Case("markdown-and-extensions", {"a.txt": utf8(PAYLOADS)}, {"a.txt": "a"},
         shown=payloads.MARKDOWN + payloads.JINJA + payloads.ATTR_LIST + payloads.PYMDOWNX),
    Case("markdown-heading-marks",
         {"a.txt": utf8("在全县会议上的讲话\n同志们：\n# 一级标题\n###### 六级标题\n今天开会。\n")},
         {"a.txt": "a"}, shown=("一级标题", "六级标题")),
    Case("only-page-numbers", {"a.txt": utf8("第 1 页\n第 2 页\n第 3 页\n")}, messages=(
        "a.txt: nothing is left once the extraction debris is taken out (3 repairs: page numbers, "
        "web-page chrome): no speech to publish — check that it is the right file (an export that "
        "lost its text?), or delete it",)),
    Case("only-page-numbers-in-dashes", {"a.txt": utf8("- 1 -\n- 2 -\n")}, messages=(
        "a.txt: nothing is left once the extraction debris is taken out (2 repairs: page numbers, "
        "web-page chrome): no speech to publish — check that it is the right file (an export that "
        "lost its text?), or delete it",)),
    Case("zero-width-joiners-kept", {"a.txt": utf8(ZWJ_SPEECH)}, {"a.txt": "a"},
         text=ZWJ_SPEECH.replace("\u200b", ""), shown=("家庭👨\u200d👩\u200d👧合影", "می\u200cخواهم")),
    Case("control-characters", {"a.txt": utf8(SPEECH.replace("会议。", "会议\x01\x1f。"))},
         {"a.txt": "a"}, shown=("会议\x01\x1f。",)),
    # Front matter.
    Case("front-matter-malformed", {"a.txt": front("title: [未闭合\n")},
         messages=("a.txt:2: invalid metadata: expected ',' or ']', but got '<stream end>' — "
                   "write the metadata as `key: value` lines of YAML",)),
    Case("front-matter-not-closed", {"a.txt": utf8("---\ntitle: 讲话\n" + SPEECH)},
         messages=("a.txt:1: front matter is not closed — add a line `---` after the metadata, "
                   "or remove the first `---` line",)),
    Case("front-matter-a-list", {"a.txt": front("- 标题\n- 日期\n")},
         messages=("a.txt:2: metadata must be a mapping of `key: value` lines — use keys such as "
                   f"{KEYS}",)),
    Case("front-matter-wrong-type", {"a.txt": front("title: 讲话\ndate: 2023-02-15\nspeaker: {a: 1}\n")},
         messages=("a.txt:4: metadata “speaker” must be text — write `speaker: …` with a single "
                   "line of text",)),
    Case("front-matter-bad-date", {"a.txt": front("date: 2023年2月\n")},
         messages=("a.txt:2: metadata “date” is not a date: 2023年2月 — write YYYY-MM-DD, YYYY-MM "
                   "or YYYY, e.g. `date: 2013-02-28`",)),
    Case("front-matter-bad-level", {"a.txt": front("level: 村\n")},
         messages=("a.txt:2: metadata “level” must be one of 中央/省/市/县/区/乡镇 — write for example "
                   "`level: 县`, not `level: 村`",)),
    Case("front-matter-unknown-key", {"a.txt": front("title: 讲话\nauthor: 张三\n")},
         {"a.txt": "a"},
         messages=(f"a.txt:3: unknown metadata key “author” — use one of: {KEYS}",)),
    Case("front-matter-html-title",
         {"a.txt": front('title: "<script>alert(1)</script><b>讲话</b>"\nplace: "<img src=x onerror=alert(2)>"\n')},
         {"a.txt": "a"}),
    Case("slug-path-traversal", {"a.txt": front("slug: ../../x\n")},
         messages=(f"a.txt:2: invalid slug “../../x” — {SLUG_HINT}",)),
    Case("slug-absolute-path", {"a.txt": front("slug: /etc/passwd\n")},
         messages=(f"a.txt:2: invalid slug “/etc/passwd” — {SLUG_HINT}",)),
    Case("sidecar-malformed", {"a.txt": utf8(SPEECH), "a.yml": utf8("title: 讲话\ndate: [2023\n")},
         messages=("a.yml:3: invalid metadata: expected ',' or ']', but got '<stream end>' — "
                   "write the metadata as `key: value` lines of YAML",)),
    # YAML that YAML allows but no page can hold: an error of that file, the rest builds.
    Case("front-matter-nested-too-deep", {"a.txt": front("title: 讲话\ntags: " + "[" * 20 + "]" * 20 + "\n")},
         messages=(f"a.txt:3: {DEPTH}",)),
    Case("front-matter-nested-beyond-libyaml", {"a.txt": front("tags:\n  " + "[" * 5000 + "]" * 5000 + "\n")},
         messages=(f"a.txt:3: {DEPTH}",)),
    Case("sidecar-nested-too-deep", {"a.txt": utf8(SPEECH), "a.yml": utf8("title:\n" + "".join(
        "  " * depth + "- \n" for depth in range(1, 40)))},
        messages=(f"a.yml:17: {DEPTH}",)),
    Case("front-matter-lone-surrogate", {"a.txt": front('title: "讲话\\ud800"\n')},
         messages=(f"a.txt:2: invalid metadata: the text holds a lone surrogate (\\ud800), {SURROGATE}",)),
    Case("sidecar-surrogate-pair", {"a.txt": utf8(SPEECH), "a.yml": utf8('place: 某县\nspeaker: "\\ud83d\\ude00"\n')},
         messages=(f"a.yml:2: invalid metadata: the text holds a lone surrogate (\\ud83d), {SURROGATE}",)),
    Case("front-matter-nul-escape", {"a.txt": front('place: "某\\0县"\n')},
         messages=("a.txt:2: invalid metadata: the text holds a NUL character (\\0) — remove the `\\0` escape",)),
    # Front matter as editors leave it: fences with trailing spaces, after blank lines.
    Case("front-matter-fences-with-trailing-spaces",
         {"a.txt": utf8("--- \t\ntitle: 讲话\nslug: fenced\n---  \n" + SPEECH)}, {"a.txt": "fenced"},
         text=SPEECH),
    Case("front-matter-after-blank-lines", {"a.txt": utf8("\n \n---\nslug: later\n---\n" + SPEECH)},
         {"a.txt": "later"}, text=SPEECH),
    Case("front-matter-after-blank-line-malformed", {"a.txt": utf8("\n---\ntitle: [未闭合\n---\n" + SPEECH)},
         messages=("a.txt:3: invalid metadata: expected ',' or ']', but got '<stream end>' — "
                   "write the metadata as `key: value` lines of YAML",)),
    Case("front-matter-duplicate-key", {"a.txt": front("title: 第一\ndate: 2023\ntitle: 第二\n")},
         messages=("a.txt:4: key “title” appears twice in the metadata (first on line 2) — keep one of them",)),
    Case("sidecar-duplicate-key", {"a.txt": utf8(SPEECH), "a.yml": utf8("slug: a\nslug: b\n")},
         messages=("a.yml:2: key “slug” appears twice in the metadata (first on line 1) — keep one of them",)),
    Case("front-matter-quoted-impossible-date", {"a.txt": front('date: "2023-13-45"\n')},
         messages=(f"a.txt:2: metadata “date” is not a date: 2023-13-45 — {NOT_A_DATE}",)),
    Case("front-matter-unquoted-impossible-date", {"a.txt": front("title: 讲话\ndate: 2023-13-45\n")},
         messages=(f"a.txt:3: metadata “date” is not a date: 2023-13-45 — {NOT_A_DATE}",)),
    Case("front-matter-quoted-date", {"a.txt": front('date: "2023-2-5"\nslug: quoted\n')},
         {"a.txt": "quoted"}),
    # Two speeches, one title or one slug.
    Case("same-title", {"a.txt": utf8(SPEECH), "b.txt": utf8(SPEECH)}, {"a.txt": "a", "b.txt": "b"}),
    Case("same-slug", {"a.txt": front("slug: anquan\n"), "b.txt": front("slug: anquan\n")},
         {"a.txt": "anquan", "b.txt": "anquan-2"},
         messages=("b.txt: slug “anquan” is already used by a.txt; this speech is published as "
                   "“anquan-2” — give one of them a different `slug:` in its front matter",)),
    Case("slug-of-another-file-name", {"good-2.txt": utf8(SPEECH), "x.txt": front("slug: good\n")},
         {"good-2.txt": "good-2", "x.txt": "good-3"},
         messages=("x.txt: slug “good” is already used by good.txt; this speech is published as "
                   "“good-3” — give one of them a different `slug:` in its front matter",)),
    # File names.
    Case("name-with-spaces", {"my speech 2023.txt": utf8(SPEECH)}, {"my speech 2023.txt": "my-speech-2023"}),
    Case("chinese-name", {"安全生产讲话.txt": utf8(SPEECH)}, {"安全生产讲话.txt": "an-quan-sheng-chan-jiang-hua"}),
    Case("emoji-name", {"😀🎉.txt": utf8(SPEECH)}, {"😀🎉.txt": "quan-xian-an-quan-sheng-chan-gong-zuo-hui-yi"}),
    Case("html-in-name", {'"><img src=x onerror=alert(1)>.txt': utf8(SPEECH)},
         {'"><img src=x onerror=alert(1)>.txt': "img-src-x-onerror-alert-1"}),
    Case("leading-dot-is-hidden", {".draft.txt": utf8(SPEECH), ".hidden/a.txt": utf8(SPEECH)}),
    Case("nested-folders", {"2023/县/a.txt": utf8(SPEECH)}, {"2023/县/a.txt": "a"}),
    Case("symlink-out-of-sources", {}, messages=(f"link.txt: {OUTSIDE}",),
         links={"link.txt": "outside/secret.txt"}),
    Case("sidecar-symlink-out-of-sources", {"a.txt": utf8(SPEECH)}, messages=(f"a.yml: {OUTSIDE}",),
         links={"a.yml": "outside/meta.yml"}),
    Case("symlinked-folder-out-of-sources", {}, links={"linked": "outside"}, messages=(
        "linked/: symlinked folder leads outside the sources folder — copy the folder into the "
        "sources folder instead of linking to it",)),
    Case("symlinked-folder-inside-sources", {}, {"sub/inner.txt": "inner"},
         links={"again": "sources/sub"},
         messages=("again/: symlinked folder is not followed (its files are read in sub/) — remove the link",)),
    Case("speech-named-like-a-data-file", {"taxonomy.txt": utf8(SPEECH), "taxonomy.yml": utf8("topics: []\n")},
         {"taxonomy.txt": "taxonomy"}, messages=(
             "taxonomy.txt: taxonomy.yml beside it is a data file (taxonomy or glossary), not this "
             "speech's metadata — rename the speech to give it a sidecar, or write its metadata as "
             "front matter",)),
    # Not quite speeches.
    Case("traditional-chinese", {"a.txt": utf8(TRADITIONAL)}, {"a.txt": "a"}, text=TRADITIONAL),
    Case("traditional-chinese-big5", {"a.txt": TRADITIONAL.encode("big5")}, {"a.txt": "a"},
         text=TRADITIONAL, encoding="big5"),
    Case("law", {"law.txt": utf8(LAW)}, {"law.txt": "law"}, shown=("第一章", "第三条")),
    Case("csv-table", {"t.txt": utf8("序号,单位,金额\n1,县财政局,100\n2,县教育局,200\n")}, {"t.txt": "t"},
         messages=("t.txt:1: looks like a table (CSV, 3 rows × 3 columns), not a speech; its rows "
                   f"are published as paragraphs — {TABLE_HINT}",)),
    Case("tsv-table", {"t.txt": utf8("序号\t单位\n1\t县财政局\n2\t县教育局\n")}, {"t.txt": "t"},
         messages=("t.txt:1: looks like a table (TSV, 3 rows × 2 columns), not a speech; its rows "
                   f"are published as paragraphs — {TABLE_HINT}",)),
    Case("no-chinese", {"e.txt": utf8("Minutes of the meeting.\nNothing else.\n")}, {"e.txt": "e"},
         messages=("e.txt: no Chinese text: this file does not look like a speech — check that "
                   "it is the right file; keep only Chinese speeches in the sources folder",)),
)


def write_case(case: Case, root: Path) -> Path:
    sources = root / "sources"
    for name, data in {**GOOD, **case.files}.items():
        path = sources / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for link, target in case.links.items():
        outside = root / target
        if target.endswith((".txt", ".yml")):
            outside.parent.mkdir(parents=True, exist_ok=True)
            outside.write_bytes(utf8(SPEECH) if target.endswith(".txt") else utf8("title: 外面\n"))
        else:
            (outside / "inner.txt").parent.mkdir(parents=True, exist_ok=True)
            (outside / "inner.txt").write_bytes(utf8(SPEECH))
        os.symlink(outside, sources / link)
    return sources


def build_case(case: Case, root: Path) -> Build:
    sources = write_case(case, root)
    data = SOURCES
    return build(Options(sources, data / "taxonomy.yml", data / "glossary.yml"))


@pytest.fixture(params=CASES, ids=[case.name for case in CASES])
def case(request: pytest.FixtureRequest) -> Case:
    return request.param  # type: ignore[no-any-return]


def test_there_are_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30
    assert len({case.name for case in CASES}) == len(CASES)


def test_case_gives_its_outcome_and_the_rest_builds(case: Case, tmp_path: Path) -> None:
    result = build_case(case, tmp_path)
    assert [str(d) for d in result.corpus.diagnostics] == list(case.messages)
    assert {s.source.path: s.slug for s in result.corpus.speeches} == {"good.txt": "good",
                                                                       **case.published}
    pages = {file.path for file in result.site.files}
    for speech in result.corpus.speeches:
        assert fidelity.check(speech) == [], speech.source.path
        assert speech_page(speech.slug) in pages
        assert source_copy(speech.source.path) in pages
    errors = {d.file for d in result.corpus.diagnostics if d.level == "error"}
    assert not errors & {s.source.path for s in result.corpus.speeches}
    for file in result.site.files:  # no path or slug from a source leaves the site folder
        path = PurePosixPath(file.path)
        assert not path.is_absolute() and ".." not in path.parts, file.path
        assert posixpath.normpath(file.path) == file.path, file.path
        assert "\\" not in file.path and "\x00" not in file.path


TEXT_CASES = [case for case in CASES if case.text or case.shown or case.encoding]


@pytest.mark.parametrize("text_case", TEXT_CASES, ids=[case.name for case in TEXT_CASES])
def test_case_text_is_read_exactly(text_case: Case, tmp_path: Path) -> None:
    case = text_case
    corpus = read_corpus(write_case(case, tmp_path))
    speech = next(s for s in corpus.speeches if s.source.path in case.files)
    if case.text is not None:
        assert speech.body == case.text
    if case.encoding is not None:
        assert speech.source.encoding == case.encoding
    said = "".join(speech.text_pieces())
    for text in case.shown:
        for line in text.split("\n"):
            assert line.strip() in said, line


def test_raw_sources_are_served_as_txt(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "html")
    copies = [f for f in build_case(case, tmp_path).site.files if f.path.startswith("sources/")]
    assert sorted(f.path for f in copies) == ["sources/a.txt", "sources/good.txt"]
    copy = next(f for f in copies if f.path == "sources/a.txt")
    assert copy.as_bytes().decode("utf-8-sig") == payloads.payload_speech()


def test_symlinked_folder_is_not_followed(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "symlinked-folder-out-of-sources")
    corpus = read_corpus(write_case(case, tmp_path))
    assert [s.source.path for s in corpus.speeches] == ["good.txt"]


@pytest.mark.parametrize("name", ["front-matter-fences-with-trailing-spaces", "front-matter-after-blank-lines"])
def test_front_matter_is_never_published_as_text(name: str, tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == name)
    speech = _speech(read_corpus(write_case(case, tmp_path)).speeches, "a.txt")
    said = "".join(speech.text_pieces())
    assert "slug:" not in said and "---" not in said
    assert speech.body_line == case.files["a.txt"].decode().count("\n", 0, case.files["a.txt"].decode().index(SPEECH)) + 1


def test_quoted_date_is_read_like_an_unquoted_one(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "front-matter-quoted-date")
    assert _speech(read_corpus(write_case(case, tmp_path)).speeches, "a.txt").meta.date == "2023-02-05"


def test_heading_marks_are_recorded_repairs(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "markdown-heading-marks")
    speech = _speech(read_corpus(write_case(case, tmp_path)).speeches, "a.txt")
    assert [(r.kind, r.line, r.removed) for r in speech.repairs] == [
        ("markup", 3, "# "), ("markup", 4, "###### ")]


def _speech(speeches: tuple[Speech, ...], path: str) -> Speech:
    return next(s for s in speeches if s.source.path == path)


# Huge inputs: core level only (read → repair → parse), bounded in size.

PARAGRAPH = "今天，我们召开全县安全生产工作会议，主要任务是总结工作、分析形势、部署任务。"


def test_twenty_megabyte_file(tmp_path: Path) -> None:
    line = PARAGRAPH * 3 + "\n"
    count = 20_000_000 // len(line.encode())
    text = "在全县安全生产工作会议上的讲话\n同志们：\n" + line * count
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    corpus = read_corpus(tmp_path)
    assert corpus.diagnostics == ()
    (speech,) = corpus.speeches
    assert speech.source.size >= 20_000_000
    assert sum(1 for _ in speech.all_paragraphs()) == count
    assert fidelity.check(speech) == []


def test_ten_thousand_one_line_paragraphs(tmp_path: Path) -> None:
    text = "在全县安全生产工作会议上的讲话\n同志们：\n" + "".join(
        f"{PARAGRAPH}这是第{n}段。\n" for n in range(1, 10_001))
    (tmp_path / "many.txt").write_text(text, encoding="utf-8")
    (speech,) = read_corpus(tmp_path).speeches
    paragraphs = list(speech.all_paragraphs())
    assert len(paragraphs) == 10_000
    assert len({p.id for p in paragraphs}) == 10_000
    assert paragraphs[-1].text.endswith("这是第10000段。") and paragraphs[-1].line == 10_002
    assert fidelity.check(speech) == []


def test_one_line_of_200000_characters(tmp_path: Path) -> None:
    line = ("安全生产责任重于泰山，" * 20_000)[:200_000]
    (tmp_path / "long.txt").write_text(f"在全县会议上的讲话\n同志们：\n{line}\n", encoding="utf-8")
    (speech,) = read_corpus(tmp_path).speeches
    assert [p.text for p in speech.all_paragraphs()] == [line]
    assert fidelity.check(speech) == []


# Through a real `mkdocs build` of a copy of the repository's site, with bad files added.

SEED = "000_92ed66065ac2b4ae.txt"
BAD_FILES = {
    "damaged.txt": utf8(SPEECH[:60]) + b"\xff\xfe" + utf8(SPEECH[60:]),
    "table.txt": utf8("序号,单位,金额\n1,县财政局,100\n2,县教育局,200\n"),
    "surrogate.txt": utf8(SPEECH),
    "surrogate.yml": utf8('place: 某县\ntitle: "\\udc00讲话"\n'),
    "deep.txt": front("tags: " + "[" * 3000 + "]" * 3000 + "\n"),
}
BAD_MESSAGES = (
    f"WARNING -  speechsite: damaged.txt:5: cannot decode: invalid UTF-8 bytes at byte 172 — {DAMAGED}",
    f"WARNING -  speechsite: deep.txt:2: {DEPTH}",
    "WARNING -  speechsite: surrogate.yml:2: invalid metadata: the text holds a lone surrogate "
    f"(\\udc00), {SURROGATE}",
    "WARNING -  speechsite: table.txt:1: looks like a table (CSV, 3 rows × 3 columns), not a "
    f"speech; its rows are published as paragraphs — {TABLE_HINT}",
)


def mkdocs(project: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run(
        [str(MKDOCS), "build", *flags, "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")],
        capture_output=True, text=True, env=env, cwd=project, timeout=600, check=False,
    )


@pytest.fixture(scope="module")
def bad_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("bad-project")
    sources = site_setup(project, *(SOURCES / name for name in ("taxonomy.yml", "glossary.yml", SEED)))
    (sources / "good.txt").write_bytes(GOOD["good.txt"])
    for name, data in BAD_FILES.items():
        (sources / name).write_bytes(data)
    return project


def test_strict_build_fails_naming_each_bad_file(bad_project: Path) -> None:
    result = mkdocs(bad_project, "--strict")
    assert result.returncode == 1
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings == list(BAD_MESSAGES)
    assert "Aborted with 4 warnings in strict mode!" in result.stdout + result.stderr


def test_build_without_strict_still_builds_the_rest(bad_project: Path) -> None:
    result = mkdocs(bad_project)
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("WARNING")] == list(
        BAD_MESSAGES)
    site = bad_project / "site"
    corpus = json.loads((site / "data" / "corpus.json").read_text(encoding="utf-8"))
    published = {entry["source"]["path"]: entry["url"] for entry in corpus["speeches"]}
    assert sorted(published) == ["000_92ed66065ac2b4ae.txt", "good.txt", "table.txt"]
    for url in published.values():
        assert (site / url).is_file(), url
    assert (site / "index.html").is_file() and (site / "sources" / "table.txt").is_file()
    for bad in ("damaged", "surrogate", "deep"):
        assert not (site / "sources" / f"{bad}.txt").exists()
        assert not (site / "speeches" / bad).exists()
    assert "Traceback" not in result.stderr and "disk space" not in result.stderr


def test_a_broken_taxonomy_is_a_warning_and_every_speech_still_builds(tmp_path: Path) -> None:
    """An editor's slip in the shared taxonomy must not take the site offline: the build warns
    (so `--strict` fails) naming the file and line, and publishes every speech without topics."""
    project = tmp_path / "project"
    sources = site_setup(project, SOURCES / "glossary.yml", SOURCES / SEED)
    (sources / "taxonomy.yml").write_text("topics:\n  - slug: pingan\n    name: [平安\n", encoding="utf-8")
    result = mkdocs(project)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings == [
        f"WARNING -  speechsite: {sources / 'taxonomy.yml'}:4: YAML syntax error: expected ',' or ']', but got "
        "'<stream end>' — check indentation, colons and quotes; until then the site is built "
        "without topics"
    ]
    corpus = json.loads((project / "site" / "data" / "corpus.json").read_text(encoding="utf-8"))
    assert [entry["source"]["path"] for entry in corpus["speeches"]] == [SEED]
    assert (project / "site" / corpus["speeches"][0]["url"]).is_file()


# Files that change under the build, and paths too long for the file system.


@pytest.mark.parametrize("change", ["edited", "deleted"])
def test_page_hash_and_source_copy_come_from_one_read(change: str, tmp_path: Path) -> None:
    """The source copy is made from the bytes the speech was read from, not from the file
    again: edited or deleted after reading, the page's hash and the copy still agree."""
    sources = write_case(Case("one-read", {"a.txt": utf8(SPEECH)}), tmp_path)
    result = build(Options(sources))
    path = sources / "a.txt"
    if change == "edited":
        path.write_bytes(utf8("另一篇讲话\n同志们：\n完全不同的内容。\n"))
    else:
        path.unlink()
    copies = {file.path: file.as_bytes() for file in result.site.static}
    speech = _speech(result.corpus.speeches, "a.txt")
    assert copies["sources/a.txt"] == b"\xef\xbb\xbf" + utf8(SPEECH)
    assert speech.source.sha256 == hashlib.sha256(utf8(SPEECH)).hexdigest()


def _make_deep_folder(root: Path, name: str, levels: int) -> Path:
    """Folders nested until the path is longer than PATH_MAX (made relative to an open folder,
    as no absolute path that long can be opened), with a speech at the bottom."""
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(levels):
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        speech = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd)
        os.write(speech, utf8(SPEECH))
        os.close(speech)
    finally:
        os.close(fd)
    return root / "/".join([name] * levels)


def test_path_too_long_is_that_folders_error(tmp_path: Path) -> None:
    sources = write_case(Case("long", {}), tmp_path)
    name = "长" * 80  # 240 bytes
    deep = _make_deep_folder(sources, name, 4200 // 241 + 1)
    corpus = read_corpus(sources)
    assert [s.source.path for s in corpus.speeches] == ["good.txt"]
    # the first folder whose absolute path is too long to open: that folder's error
    too_long = next(folder for folder in [deep, *deep.parents]
                    if len(os.fsencode(folder.parent)) < os.pathconf("/", "PC_PATH_MAX") - 1)
    (problem,) = corpus.diagnostics
    assert str(problem) == (
        f"{too_long.relative_to(sources).as_posix()}/: cannot list the folder: File name too long — "
        "move the files into a folder with a shorter path, or shorten the names")


def test_zero_width_joiners_are_text_not_whitespace(tmp_path: Path) -> None:
    """ZWJ/ZWNJ reach the page and count as characters for the fidelity property; a zero-width
    space is dropped while reading, and recorded (tests/test_read.py)."""
    assert fidelity.squeeze("家 庭\u200d合\u200c影\u200b") == "家庭\u200d合\u200c影"
    case = next(c for c in CASES if c.name == "zero-width-joiners-kept")
    speech = _speech(read_corpus(write_case(case, tmp_path)).speeches, "a.txt")
    said = "".join(speech.text_pieces())
    assert said.count("\u200d") == 2 and said.count("\u200c") == 1 and "\u200b" not in said
